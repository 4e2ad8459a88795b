from odoo import fields, models


class ProductPricelist(models.Model):
    """Pricelists are the hotel's rate plans: seasonal prices come from their
    rules on the room type products, plus weekday adjustments, plus a
    cancellation policy frozen on each booking."""

    _inherit = "product.pricelist"

    hotel_cancellation_policy_id = fields.Many2one(
        "hotel.cancellation.policy", string="Cancellation Policy",
        help="Copied onto each booking made with this rate plan.",
    )
    hotel_adjustment_ids = fields.One2many("hotel.rate.adjustment", "pricelist_id", string="Weekday Adjustments")
