from odoo import fields, models


class HotelProperty(models.Model):
    _inherit = "hotel.property"

    pricelist_id = fields.Many2one(
        "product.pricelist", string="Default Rate Plan",
        help="Rate plan of new bookings when none is chosen.",
    )
    fiscal_position_id = fields.Many2one(
        "account.fiscal.position", check_company=True,
        help="Maps the taxes of charges posted at this property.",
    )
    no_show_hour = fields.Float(
        string="No-show Cut-off", default=6.0,
        help="Local time, the morning after the arrival day, after which a confirmed booking whose guest "
             "has not checked in is marked as a no-show.",
    )
