from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

MANAGER = "hotel_loyalty.group_hotel_loyalty_manager"


class HotelLoyaltyAdjust(models.TransientModel):
    """Loyalty managers: add or take points, or override the tier, always
    with a reason (logged in the points history and on the guest)."""

    _name = "hotel.loyalty.adjust"
    _description = "Adjust a Member's Points or Tier"

    card_id = fields.Many2one("loyalty.card", required=True, readonly=True)
    program_id = fields.Many2one(related="card_id.program_id")
    balance = fields.Float(related="card_id.points", string="Balance")
    points = fields.Integer(string="Points to Add (negative: take)")
    override_tier_id = fields.Many2one("hotel.loyalty.tier", string="Give Tier",
                                       domain="[('program_id', '=', program_id)]")
    override_until = fields.Date(string="Until")
    end_override = fields.Boolean(string="End the Current Override")
    reason = fields.Char(required=True)

    @api.onchange("card_id")
    def _onchange_card(self):
        self.override_until = self.card_id.hotel_override_until

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only loyalty managers adjust points and tiers."))
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason of the adjustment."))
        if not (self.points or self.override_tier_id or self.end_override):
            raise UserError(self.env._("Nothing to adjust: give points, a tier or end the override."))
        card = self.card_id.sudo()
        if self.points:
            card._hotel_move_points(self.points, "adjust", self.env._(
                "Adjusted by %(user)s: %(reason)s", user=self.env.user.name, reason=reason))
            card.partner_id.message_post(body=self.env._(
                "%(points)s points adjusted by %(user)s: %(reason)s",
                points=f"{self.points:+,d}", user=self.env.user.name, reason=reason))
        if self.override_tier_id or self.end_override:
            self.card_id._hotel_set_override(self.override_tier_id, reason, self.override_until)
        return {"type": "ir.actions.act_window_close"}
