from odoo import fields, models

from .hotel_housekeeping_task import TASK_TYPES


class HotelHousekeepingChecklistItem(models.Model):
    """A point a supervisor checks when inspecting a cleaned room. An
    "auto-fail" point failed fails the whole inspection (hair in the shower,
    stained linen), whatever the other points."""

    _name = "hotel.housekeeping.checklist.item"
    _description = "Inspection Checklist Item"
    _inherit = ["hotel.property.mixin"]
    _order = "property_id, sequence, id"

    name = fields.Char(string="Point to Check", required=True, translate=True)
    sequence = fields.Integer(default=10)
    property_id = fields.Many2one("hotel.property", required=True, index=True, ondelete="cascade",
                                  default=lambda self: self.env.user.hotel_property_ids[:1])
    company_id = fields.Many2one(related="property_id.company_id", store=True)
    task_type = fields.Selection(TASK_TYPES, string="Only for", help="Empty: checked on every type of task.")
    auto_fail = fields.Boolean(string="Auto-fail",
                               help="Failing this point fails the inspection: the room goes back to dirty.")
    active = fields.Boolean(default=True)
