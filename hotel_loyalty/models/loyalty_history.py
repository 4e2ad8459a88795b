from odoo import api, fields, models


class LoyaltyHistory(models.Model):
    """A points movement (积分明细); hotel movements carry their business date
    (activity and the liability at a date are read from it) and, when they
    come from a stay, the folio (``order_model``/``order_id``)."""

    _inherit = "loyalty.history"
    _order = "hotel_date desc, id desc"

    hotel_date = fields.Date(string="Date", default=fields.Date.context_today, index=True, required=True)
    hotel_kind = fields.Selection(
        [("earn", "Earned"), ("earn_reversed", "Earning Reversed"), ("redeem", "Redeemed"),
         ("redeem_returned", "Redemption Returned"), ("expire", "Expired"), ("adjust", "Adjusted"),
         ("perk", "Perk Used")], string="Movement", index=True)
    hotel_delta = fields.Float(string="Points", compute="_compute_hotel_delta", store=True)
    hotel_member = fields.Boolean(related="card_id.hotel_member", store=True)
    hotel_tier_id = fields.Many2one(related="card_id.hotel_tier_id", string="Tier")
    partner_id = fields.Many2one(related="card_id.partner_id", string="Member")
    hotel_value = fields.Float(string="Value", compute="_compute_hotel_delta", store=True,
                               help="The points at the programme's value of a point.")

    @api.depends("issued", "used", "card_id.program_id.hotel_point_value")
    def _compute_hotel_delta(self):
        for line in self:
            line.hotel_delta = (line.issued or 0.0) - (line.used or 0.0)
            line.hotel_value = line.hotel_delta * (line.card_id.program_id.hotel_point_value or 0.0)
