import io

import xlsxwriter

from odoo import fields, http
from odoo.http import content_disposition, request


class HousekeepingTaskSheet(http.Controller):
    """The attendants' task sheets of a day as a spreadsheet: one worksheet
    per attendant (and one for unassigned tasks), rooms in the order of the
    day, with the guest's instructions and a column to tick. Read with the
    user's rights: an attendant gets their own sheet, a supervisor everyone's."""

    @http.route("/hotel_housekeeping/task_sheet.xlsx", type="http", auth="user", methods=["GET"])
    def task_sheet(self, date=None, **_kw):
        env = request.env
        try:
            day = fields.Date.to_date(date) if date else None
        except ValueError:
            day = None
        if not day:
            prop = env.user.hotel_property_ids[:1]
            day = prop._local_today() if prop else fields.Date.context_today(env.user)
        tasks = env["hotel.housekeeping.task"].search([("date", "=", day), ("state", "!=", "cancelled")])
        return request.make_response(self._workbook(env, tasks, day), headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition(f"housekeeping-{day}.xlsx")),
        ])

    def _workbook(self, env, tasks, day):
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = book.add_format({"bold": True})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        title = book.add_format({"bold": True, "font_size": 14})
        labels = dict(env["hotel.housekeeping.task"]._fields["task_type"]._description_selection(env))
        states = dict(env["hotel.room"]._fields["hk_state"]._description_selection(env))
        headers = [env._("Room"), env._("Floor"), env._("Task"), env._("Room Now"), env._("Instructions"),
                   env._("Credits"), env._("Done")]
        by_user = {}
        for task in tasks:
            by_user.setdefault(task.user_id, env["hotel.housekeeping.task"])
            by_user[task.user_id] |= task
        if not by_user:
            by_user[env["res.users"]] = env["hotel.housekeeping.task"]
        used = set()
        for user, user_tasks in sorted(by_user.items(), key=lambda item: item[0].name or ""):
            name = (user.name or env._("Unassigned"))[:28]
            while name in used:
                name = name[:26] + "~"
            used.add(name)
            sheet = book.add_worksheet(name)
            sheet.write(0, 0, env._("%(who)s, %(day)s", who=user.name or env._("Unassigned"), day=day), title)
            for col, header in enumerate(headers):
                sheet.write(2, col, header, bold)
            sheet.set_column(0, 0, 8)
            sheet.set_column(2, 3, 18)
            sheet.set_column(4, 4, 50)
            for row, task in enumerate(user_tasks.sorted(lambda t: (t.dnd, t.priority, t.floor_level,
                                                                     t.room_id.name or "")), start=3):
                sheet.write(row, 0, task.room_id.name)
                sheet.write(row, 1, task.floor_level)
                sheet.write(row, 2, labels.get(task.task_type, "") + (" (DND)" if task.dnd else ""))
                sheet.write(row, 3, states.get(task.room_state, ""))
                sheet.write(row, 4, task.note or "", wrap)
                sheet.write_number(row, 5, task.credits)
                sheet.write(row, 6, "✓" if task.state in ("done", "inspected") else "☐")
            total_row = 3 + len(user_tasks)
            sheet.write(total_row, 4, env._("Total credits"), bold)
            sheet.write_number(total_row, 5, sum(user_tasks.mapped("credits")), bold)
        book.close()
        return output.getvalue()
