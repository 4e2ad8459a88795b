from odoo import fields, models


class HotelRoomType(models.Model):
    _inherit = "hotel.room.type"

    hk_credits = fields.Float(
        string="Cleaning Credits", default=1.0, digits=(16, 2),
        help="Workload of a departure clean of a room of this type (a standard room is 1); other tasks "
             "count a share of it: stay-over and re-clean half, arrival preparation and touch-up a quarter.")

    _hk_credits_check = models.Constraint("CHECK(hk_credits > 0 AND hk_credits <= 20)",
                                          "Cleaning credits are between 0 and 20.")
