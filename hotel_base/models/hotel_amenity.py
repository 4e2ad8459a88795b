from odoo import fields, models


class HotelAmenity(models.Model):
    """An amenity offered by room types (Wi-Fi, bathtub, kettle, balcony...)."""

    _name = "hotel.amenity"
    _inherit = ["hotel.property.mixin"]
    _description = "Hotel Amenity"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Char(translate=True)
    color = fields.Integer()

    _name_uniq = models.Constraint("UNIQUE(name)", "An amenity with this name already exists.")
