from odoo import fields, models


class HotelFloor(models.Model):
    """A floor (楼层) of a property; rooms sit on floors, guests ask for high or low ones."""

    _name = "hotel.floor"
    _inherit = ["hotel.property.mixin"]
    _description = "Hotel Floor"
    _order = "property_id, level, sequence, id"

    name = fields.Char(required=True, translate=True)
    property_id = fields.Many2one("hotel.property", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="property_id.company_id", store=True)
    level = fields.Integer(
        default=1, required=True,
        help="Storey number used to rank floors (higher = further from the street); negative for basements.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    room_ids = fields.One2many("hotel.room", "floor_id", string="Rooms")

    _name_property_uniq = models.Constraint(
        "UNIQUE(property_id, name)", "This property already has a floor with this name.",
    )
