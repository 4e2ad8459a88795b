from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HotelLoyaltyMemberDay(models.Model):
    """A member day (会员日): nights on these dates give members a room
    discount and/or more points.

    Invariants: the range is ordered; the discount is 0-100 % and the points
    factor at least 1 (CHECKs).
    """

    _name = "hotel.loyalty.member.day"
    _description = "Member Day"
    _order = "date_from desc"

    program_id = fields.Many2one("loyalty.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    name = fields.Char(required=True, translate=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    discount = fields.Float(string="Room Discount (%)", digits=(5, 2))
    points_factor = fields.Float(default=2.0, digits=(5, 2),
                                 help="Points on nights of these days are multiplied by this factor.")

    _values_check = models.Constraint(
        "CHECK(date_from <= date_to AND COALESCE(discount, 0) BETWEEN 0 AND 100 AND points_factor >= 1"
        " AND points_factor <= 10)",
        "A member day ends after it starts, gives 0-100 % off and a points factor of 1 to 10.")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for day in self:
            if day.date_from > day.date_to:
                raise ValidationError(self.env._("%(day)s ends before it starts.", day=day.name))

    def _on(self, date):
        """The member days of these covering ``date``."""
        return self.filtered(lambda d: d.date_from <= date <= d.date_to)
