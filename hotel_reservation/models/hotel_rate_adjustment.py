from odoo import fields, models

WEEKDAYS = [
    ("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"), ("3", "Thursday"),
    ("4", "Friday"), ("5", "Saturday"), ("6", "Sunday"),
]


class HotelRateAdjustment(models.Model):
    """Day-of-week adjustment of a rate plan: e.g. +20 % on Friday and Saturday nights."""

    _name = "hotel.rate.adjustment"
    _inherit = ["hotel.property.mixin"]
    _description = "Rate Plan Weekday Adjustment"
    _order = "pricelist_id, weekday, id"

    pricelist_id = fields.Many2one("product.pricelist", string="Rate Plan", required=True, ondelete="cascade",
                                   index=True)
    room_type_id = fields.Many2one("hotel.room.type", help="Leave empty for every room type.")
    weekday = fields.Selection(WEEKDAYS, string="Night of", required=True)
    percent = fields.Float(string="Adjustment (%)", required=True, help="Positive to raise, negative to lower.")
