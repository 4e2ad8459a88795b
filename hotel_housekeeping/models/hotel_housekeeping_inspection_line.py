from odoo import fields, models


class HotelHousekeepingInspectionLine(models.Model):
    """One checklist point of one task's inspection, copied from the
    property's checklist when the attendant finishes the task (later changes
    of the checklist do not rewrite past inspections)."""

    _name = "hotel.housekeeping.inspection.line"
    _description = "Inspection Point"
    _inherit = ["hotel.property.mixin"]
    _order = "task_id, sequence, id"
    _hotel_property_fields = ("task_id",)
    _hotel_protected_fields = ("task_id", "item_id", "name", "sequence", "auto_fail")

    task_id = fields.Many2one("hotel.housekeeping.task", required=True, index=True, ondelete="cascade")
    item_id = fields.Many2one("hotel.housekeeping.checklist.item", ondelete="set null", readonly=True)
    name = fields.Char(string="Point", required=True, readonly=True)
    sequence = fields.Integer(readonly=True)
    auto_fail = fields.Boolean(string="Auto-fail", readonly=True)
    failed = fields.Boolean(help="Tick the points that are not right.")
    property_id = fields.Many2one(related="task_id.property_id", store=True, index=True)
    task_state = fields.Selection(related="task_id.state")

    def write(self, vals):
        """Points are ticked while the task waits for inspection only."""
        self._hotel_check_client_input([vals])
        if "failed" in vals and any(line.task_id.state != "done" for line in self):
            raise self.env["hotel.housekeeping.task"]._inspection_closed_error()
        return super().write(vals)
