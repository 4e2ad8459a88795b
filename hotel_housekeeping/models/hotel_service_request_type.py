from odoo import fields, models

REQUEST_KINDS = [
    ("cleaning", "Cleaning"),
    ("repair", "Repair"),
    ("amenities", "Amenities"),
    ("room_service", "Room Service"),
    ("other", "Other"),
]


class HotelServiceRequestType(models.Model):
    """What a guest may ask for, and how fast the hotel answers (SLA)."""

    _name = "hotel.service.request.type"
    _description = "Guest Request Type"
    _inherit = ["hotel.property.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(REQUEST_KINDS, required=True, default="other")
    acknowledge_minutes = fields.Integer(string="Acknowledge Within (min)", default=15, required=True)
    resolve_minutes = fields.Integer(string="Resolve Within (min)", default=60, required=True)

    _sla_check = models.Constraint(
        "CHECK(acknowledge_minutes > 0 AND resolve_minutes >= acknowledge_minutes AND resolve_minutes <= 10080)",
        "A request is acknowledged within a positive delay and resolved after that, within a week.")
