import math

from odoo import api, fields, models
from odoo.exceptions import UserError


class HotelLoyaltyRedeem(models.TransientModel):
    """Redeem a member's points (or a member coupon) on a folio at the desk."""

    _name = "hotel.loyalty.redeem"
    _inherit = ["hotel.property.mixin"]
    _description = "Redeem Points on a Folio"
    _hotel_property_fields = ("folio_id",)

    folio_id = fields.Many2one("hotel.folio", required=True, readonly=True)
    currency_id = fields.Many2one(related="folio_id.currency_id")
    member_ids = fields.Many2many("loyalty.card", compute="_compute_members", string="Members of the Folio")
    card_id = fields.Many2one("loyalty.card", string="Member", domain="[('id', 'in', member_ids)]",
                              compute="_compute_card_id", store=True, readonly=False)
    balance = fields.Float(related="card_id.points", string="Balance")
    tier_id = fields.Many2one(related="card_id.hotel_tier_id")
    coupon_ids = fields.Many2many("loyalty.card", "hotel_loyalty_redeem_coupon_rel", compute="_compute_members",
                                  string="Coupons Available")
    coupon_id = fields.Many2one("loyalty.card", string="Use Coupon", domain="[('id', 'in', coupon_ids)]")
    points = fields.Integer(string="Points to Redeem")
    amount = fields.Monetary(compute="_compute_amount", string="Takes off")
    limit_amount = fields.Monetary(compute="_compute_amount", string="Points Can Pay up to")
    max_points = fields.Integer(compute="_compute_amount", string="Most Points Usable")

    @api.depends("folio_id")
    def _compute_members(self):
        for wizard in self:
            folio = wizard.folio_id
            wizard.member_ids = folio._loyalty_members() if folio else False
            partners = folio.reservation_ids.partner_id | folio.partner_id
            today = folio.property_id._local_today() if folio else fields.Date.today()
            wizard.coupon_ids = self.env["loyalty.card"].sudo().search([
                ("partner_id", "in", partners.ids), ("program_id.program_type", "=", "coupons"),
                ("points", ">=", 1), "|", ("expiration_date", "=", False), ("expiration_date", ">=", today),
            ]) if folio else False

    @api.depends("member_ids")
    def _compute_card_id(self):
        for wizard in self:
            if wizard.card_id not in wizard.member_ids:
                wizard.card_id = wizard.member_ids[:1]

    @api.depends("card_id", "points", "folio_id")
    def _compute_amount(self):
        for wizard in self:
            program = wizard.card_id.program_id
            value = program.hotel_point_value or 0.0
            wizard.amount = wizard.folio_id.currency_id.round((wizard.points or 0) * value)
            limit = wizard.folio_id._loyalty_redeem_limit(wizard.card_id)[0] if wizard.card_id else 0.0
            wizard.limit_amount = limit
            wizard.max_points = min(math.floor(limit / value) if value else 0, int(wizard.card_id.points or 0))

    def action_redeem(self):
        self.ensure_one()
        if self.coupon_id:
            self.folio_id._loyalty_apply_coupon(self.coupon_id)
        if self.points or not self.coupon_id:
            if not self.card_id:
                raise UserError(self.env._("None of the guests of %(folio)s is a member.",
                                           folio=self.folio_id.name))
            self.folio_id._loyalty_redeem(self.card_id, self.points)
        return {"type": "ir.actions.act_window_close"}
