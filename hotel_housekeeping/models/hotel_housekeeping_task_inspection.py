"""Inspection side of hotel.housekeeping.task: the checklist and the pass rate."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hotel_base.tools.ratios import ratio_select
from odoo.addons.hotel_base.tools.rules import workflow_method


class HotelHousekeepingTask(models.Model):
    _inherit = "hotel.housekeeping.task"

    inspection_line_ids = fields.One2many("hotel.housekeeping.inspection.line", "task_id", string="Checklist")
    inspection_count = fields.Integer(compute="_compute_inspection_figures", store=True, string="Inspections")
    inspection_passed = fields.Integer(compute="_compute_inspection_figures", store=True,
                                       string="Inspections Passed")
    inspection_pass_rate = fields.Float(
        compute="_compute_inspection_figures", store=True, aggregator="avg", digits=(16, 1),
        string="Pass Rate (%)", help="Inspections passed / inspections x 100, computed on the totals of each group.")

    @api.depends("state")
    def _compute_inspection_figures(self):
        for task in self:
            inspected = task.state in ("inspected", "failed")
            task.inspection_count = int(inspected)
            task.inspection_passed = int(task.state == "inspected")
            task.inspection_pass_rate = 100.0 * task.inspection_passed if inspected else 0.0

    def _read_group_select(self, aggregate_spec, query):
        """The pass rate of a group is passed / inspected over the group, not
        an average that would count tasks never inspected."""
        sql = ratio_select(lambda spec: super(HotelHousekeepingTask, self)._read_group_select(spec, query),
                           aggregate_spec, {"inspection_pass_rate": ("inspection_passed", "inspection_count", 100.0)})
        return sql if sql is not None else super()._read_group_select(aggregate_spec, query)

    @api.model
    def _inspection_closed_error(self):
        return UserError(self.env._("Checklist points are ticked while the task waits for its inspection."))

    @workflow_method
    def _prepare_inspection(self):
        """Copy the property's checklist (points for the task's type or for
        every type) onto the finished tasks that have none yet."""
        Item = self.env["hotel.housekeeping.checklist.item"].sudo()
        tasks = self.filtered(lambda t: t.property_id.hk_use_inspection and not t.inspection_line_ids)
        items = Item.search([("property_id", "in", tasks.property_id.ids)])
        self.env["hotel.housekeeping.inspection.line"].sudo().create([
            {"task_id": task.id, "item_id": item.id, "name": item.name, "sequence": item.sequence,
             "auto_fail": item.auto_fail}
            for task in tasks for item in items
            if item.property_id == task.property_id and item.task_type in (False, task.task_type)
        ])

    def action_done(self):
        result = super().action_done()
        self._prepare_inspection()
        return result

    def action_inspect_pass(self):
        """Refused while an auto-fail point is ticked: such a room fails."""
        for task in self:
            blocking = task.inspection_line_ids.filtered(lambda line: line.failed and line.auto_fail)
            if blocking:
                raise UserError(self.env._(
                    "%(task)s cannot pass: %(points)s failed, and failing it fails the inspection. Use "
                    "\"Inspection Failed\".", task=task.display_name, points=", ".join(blocking.mapped("name"))))
        return super().action_inspect_pass()

    def action_inspect_fail(self, note=None):
        """The failed points become the note of the failed task and of the
        re-clean task of the same attendant."""
        if not isinstance(note, str) or not note:
            for task in self:
                failed = task.inspection_line_ids.filtered("failed").mapped("name")
                if failed:
                    points = "; ".join(failed)
                    if task.inspection_note:
                        points = f"{points}. {task.inspection_note}"
                    task.inspection_note = points
        return super().action_inspect_fail(note=note)
