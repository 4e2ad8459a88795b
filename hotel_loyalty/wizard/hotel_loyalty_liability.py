from odoo import api, fields, models


class HotelLoyaltyLiability(models.TransientModel):
    """Outstanding points (the liability) at a date: points issued minus
    used up to that date, at the programme's value of a point."""

    _name = "hotel.loyalty.liability"
    _description = "Outstanding Points at a Date"

    date = fields.Date(required=True, default=fields.Date.context_today)
    program_id = fields.Many2one("loyalty.program", required=True, domain="[('hotel_membership', '=', True)]",
                                 default=lambda self: self.env["loyalty.program"]._hotel_program())
    currency_id = fields.Many2one(related="program_id.currency_id")
    points = fields.Float(compute="_compute_totals", string="Points Outstanding")
    amount = fields.Monetary(compute="_compute_totals", string="Liability")
    member_count = fields.Integer(compute="_compute_totals", string="Members Holding Points")

    def _domain(self):
        return [("card_id.program_id", "=", self.program_id.id), ("hotel_date", "<=", self.date)]

    @api.depends("date", "program_id")
    def _compute_totals(self):
        History = self.env["loyalty.history"].sudo()
        for wizard in self:
            if not (wizard.date and wizard.program_id):
                wizard.points = wizard.amount = wizard.member_count = 0
                continue
            by_card = History._read_group(wizard._domain(), ["card_id"], ["hotel_delta:sum"])
            wizard.points = sum(points for _card, points in by_card)
            wizard.member_count = sum(1 for _card, points in by_card if points > 0)
            wizard.amount = wizard.currency_id.round(wizard.points * wizard.program_id.hotel_point_value)

    def action_open_detail(self):
        """The movements up to the date, in a pivot by tier and movement."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_loyalty.action_hotel_loyalty_history")
        action.update(domain=self._domain(), name=self.env._("Points Outstanding at %(date)s", date=self.date),
                      view_mode="pivot,list", views=[(False, "pivot"), (False, "list")],
                      context={"pivot_measures": ["hotel_delta", "hotel_value"],
                               "pivot_row_groupby": ["hotel_kind"]})
        return action
