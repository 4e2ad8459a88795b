import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from odoo.addons.hotel_base.tools.rules import in_workflow_write, workflow_method, workflow_write

TASK_TYPES = [
    ("departure", "Departure Clean"),
    ("stayover", "Stay-over Service"),
    ("arrival", "Arrival Preparation"),
    ("touchup", "Touch-up"),
    ("reclean", "Re-clean"),
]
TASK_STATES = [
    ("todo", "To Do"),
    ("in_progress", "In Progress"),
    ("paused", "Paused"),
    ("done", "Done"),
    ("inspected", "Inspected"),
    ("failed", "Failed Inspection"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("todo", "in_progress", "paused")
# Share of a room type's cleaning credits each task type takes.
CREDIT_SHARE = {"departure": 1.0, "reclean": 0.5, "stayover": 0.5, "arrival": 0.25, "touchup": 0.25}
# Order of the day: re-cleans, then departures (their rooms are sold again tonight), then the
# preparation of arrivals, then the rooms still occupied.
TYPE_PRIORITY = {"reclean": 0, "departure": 1, "arrival": 2, "touchup": 3, "stayover": 4}
SUPERVISOR = "hotel_housekeeping.group_hotel_housekeeping_supervisor"


class HotelHousekeepingTask(models.Model):
    """A cleaning task (客房清洁) of one room for one business date.

    Invariants: one live task per room, date and type (unique index; a
    cancelled or failed task frees its key), so the daily generation and the
    front-office events never create a task twice, even concurrently; a task
    changes state through its actions only; the room's cleanliness follows
    the task (started -> cleaning, done -> clean, inspected -> inspected,
    failed -> dirty with a re-clean task for the same attendant). Worked
    minutes are measured between start and pause/done.
    """

    _name = "hotel.housekeeping.task"
    _description = "Housekeeping Task"
    _inherit = ["hotel.property.mixin", "mail.thread"]
    _order = "date desc, dnd, priority, floor_level, room_id, id"
    _hotel_property_fields = ("room_id", "reservation_id")
    _hotel_protected_fields = ("state", "started_at", "done_at", "work_minutes", "inspected_by_id", "inspected_at")
    _check_company_auto = True

    room_id = fields.Many2one("hotel.room", required=True, index=True, ondelete="cascade", tracking=True)
    property_id = fields.Many2one(related="room_id.property_id", store=True, index=True, precompute=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True)
    floor_level = fields.Integer(related="room_id.floor_level", store=True)
    date = fields.Date(required=True, index=True, help="Business date of the task at the property.")
    task_type = fields.Selection(TASK_TYPES, string="Type", required=True, tracking=True)
    state = fields.Selection(TASK_STATES, default="todo", required=True, index=True, tracking=True)
    priority = fields.Integer(compute="_compute_priority", store=True)
    user_id = fields.Many2one("res.users", string="Attendant", index=True, tracking=True,
                              group_expand="_read_group_user_ids",
                              domain=lambda self: [("all_group_ids", "in",
                                                    self.env.ref("hotel_base.group_hotel_housekeeping").ids)])
    reservation_id = fields.Many2one("hotel.reservation", index="btree_not_null", ondelete="set null",
                                     string="Stay")
    note = fields.Text(help="Guest preferences and instructions (e.g. extra pillows, baby cot).")
    dnd = fields.Boolean(string="Do Not Disturb", tracking=True,
                         help="The guest did not want service: the task waits at the end of the list.")
    started_at = fields.Datetime(readonly=True)
    done_at = fields.Datetime(readonly=True)
    work_minutes = fields.Float(string="Minutes Worked", readonly=True, digits=(16, 1))
    inspected_by_id = fields.Many2one("res.users", readonly=True)
    inspected_at = fields.Datetime(readonly=True)
    inspection_note = fields.Text(help="Points that failed the inspection.")
    credits = fields.Float(compute="_compute_credits", store=True, digits=(16, 2),
                           help="Workload of the task: the room type's cleaning credits times the task's share.")
    room_state = fields.Selection(related="room_id.hk_state", string="Room Cleanliness")
    is_today = fields.Boolean(string="Today", compute="_compute_is_today", search="_search_is_today",
                              help="Tasks of today at the property (its local date).")
    color = fields.Integer(compute="_compute_color")

    _room_date_type_uniq = models.UniqueIndex(
        "(room_id, date, task_type) WHERE state NOT IN ('cancelled', 'failed')",
        "This room already has this task for that day.")
    _minutes_check = models.Constraint("CHECK(work_minutes >= 0)", "Worked minutes cannot be negative.")

    @api.depends("task_type", "dnd")
    def _compute_priority(self):
        for task in self:
            task.priority = TYPE_PRIORITY.get(task.task_type, 9)

    @api.depends("task_type", "room_id.room_type_id.hk_credits")
    def _compute_credits(self):
        for task in self:
            task.credits = task.room_id.room_type_id.hk_credits * CREDIT_SHARE.get(task.task_type, 1.0)

    @api.depends("date", "property_id")
    def _compute_is_today(self):
        for task in self:
            task.is_today = bool(task.property_id) and task.date == task.property_id._local_today()

    def _search_is_today(self, operator, value):
        return self.env["hotel.property"]._local_today_search(operator, value, "date", "=")

    @api.depends("state", "dnd")
    def _compute_color(self):
        colors = {"todo": 0, "in_progress": 4, "paused": 3, "done": 10, "inspected": 7, "failed": 1, "cancelled": 1}
        for task in self:
            task.color = 2 if task.dnd and task.state in OPEN_STATES else colors.get(task.state, 0)

    @api.depends("room_id", "task_type", "date")
    def _compute_display_name(self):
        labels = dict(self._fields["task_type"]._description_selection(self.env))
        for task in self:
            task.display_name = f"{task.room_id.name or ''} {labels.get(task.task_type, '')}".strip()

    @api.model
    def _read_group_user_ids(self, users, domain):
        """The board shows a column for every attendant of the user's
        properties, so a task can be dragged onto someone with none yet."""
        staff = self._housekeepers(self.env.user.hotel_property_ids)
        return users | staff.filtered(lambda u: not u.has_group("hotel_base.group_hotel_admin"))

    @api.model
    def _housekeepers(self, properties):
        """Users with a housekeeping role at ``properties`` (supervisors and
        administrators included: callers choose)."""
        return self.env["res.users"].search([
            ("all_group_ids", "in", self.env.ref("hotel_base.group_hotel_housekeeping").ids),
            ("hotel_property_ids", "in", properties.ids),
        ])

    @api.model
    def web_read_group(self, domain, groupby, aggregates=(), limit=None, offset=0, order=None, **kwargs):
        """On the board (by attendant), the column of unassigned tasks opens
        with the others: it is the one the supervisor works from (the web
        client folds empty-value columns by default)."""
        # the first load sends no (or an empty) opening_info; later ones say which columns are folded
        if kwargs.get("auto_unfold") and not kwargs.get("opening_info") and list(groupby)[:1] == ["user_id"]:
            kwargs["opening_info"] = [{"value": False, "folded": False, "offset": 0,
                                       "limit": kwargs.get("unfold_read_default_limit") or 80}]
        return super().web_read_group(domain, groupby, aggregates, limit=limit, offset=offset, order=order, **kwargs)

    # ------------------------------------------------------------ guards
    def write(self, vals):
        """Attendants work on their tasks through the buttons; only supervisors
        (re)assign, reschedule or change a task's type."""
        if {"user_id", "date", "task_type", "room_id"} & vals.keys() and not in_workflow_write() \
                and not self.env.user.has_group(SUPERVISOR):
            raise AccessError(self.env._("Only housekeeping supervisors can assign or reschedule tasks."))
        return super().write(vals)

    def _check_attendant(self):
        """The user works on this task: their own, or an unassigned one they take."""
        user = self.env.user
        for task in self:
            if task.user_id and task.user_id != user and not user.has_group(SUPERVISOR):
                raise AccessError(self.env._("%(task)s is assigned to %(user)s.",
                                             task=task.display_name, user=task.user_id.name))

    def _lock(self):
        """Lock the tasks for this transaction; a colleague working on one of
        them right now gets a clear message instead of a silent overwrite."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                self.env.cr.execute("SELECT id FROM hotel_housekeeping_task WHERE id = ANY(%s) FOR UPDATE NOWAIT",
                                    [self.ids])
        except psycopg2.errors.LockNotAvailable as exc:
            raise UserError(self.env._(
                "Someone else is updating this task right now: reload and try again.")) from exc
        self.invalidate_recordset()

    def _elapsed_minutes(self):
        self.ensure_one()
        if not self.started_at or self.state != "in_progress":
            return 0.0
        return max((fields.Datetime.now() - self.started_at).total_seconds() / 60.0, 0.0)

    # ------------------------------------------------------------ attendant actions
    @workflow_method
    def action_start(self):
        """Start (or resume) cleaning: the task becomes the user's, the room is being cleaned."""
        self._check_attendant()
        self._lock()
        for task in self:
            if task.state not in ("todo", "paused"):
                state = dict(self._fields["state"]._description_selection(self.env))[task.state]
                raise UserError(self.env._("%(task)s cannot be started: it is %(state)s.",
                                           task=task.display_name, state=state))
            task.write({"state": "in_progress", "started_at": fields.Datetime.now(), "dnd": False,
                        **({} if task.user_id else {"user_id": self.env.user.id})})
            task.room_id._hk_set_state("in_progress", task=task)
        return True

    @workflow_method
    def action_pause(self):
        self._check_attendant()
        self._lock()
        for task in self:
            if task.state != "in_progress":
                raise UserError(self.env._("%(task)s is not in progress.", task=task.display_name))
            task.write({"state": "paused", "work_minutes": task.work_minutes + task._elapsed_minutes(),
                        "started_at": False})
            task.room_id._hk_set_state("dirty", task=task, reason=self.env._("Cleaning paused"))
        return True

    @workflow_method
    def action_done(self):
        """Cleaning finished: the room is clean (pickup for a touch-up where the
        property uses it), waiting for inspection where inspections are on."""
        self._check_attendant()
        self._lock()
        for task in self:
            if task.state not in ("in_progress", "paused"):
                raise UserError(self.env._("Start %(task)s before marking it done.", task=task.display_name))
            task.write({"state": "done", "done_at": fields.Datetime.now(),
                        "work_minutes": task.work_minutes + task._elapsed_minutes(), "started_at": False})
            prop = task.property_id
            state = "pickup" if task.task_type == "touchup" and prop.hk_use_pickup else "clean"
            task.room_id._hk_set_state(state, task=task)
        return True

    @workflow_method
    def action_dnd(self):
        """The guest does not want service now: the task waits at the end of
        the list and the room shows Do Not Disturb."""
        self._check_attendant()
        for task in self:
            if task.state not in OPEN_STATES:
                raise UserError(self.env._("%(task)s is already finished.", task=task.display_name))
            task.write({"dnd": True, "state": "todo", "started_at": False,
                        "work_minutes": task.work_minutes + task._elapsed_minutes()})
            task.room_id.sudo().hk_dnd = True
            task.message_post(body=self.env._("Do not disturb: service postponed by %(user)s.",
                                              user=self.env.user.name))
        return True

    def action_report_damage(self):
        """The attendant found something broken: a repair request (guest
        request of type repair, which opens a maintenance request) for the room."""
        self.ensure_one()
        self._check_attendant()
        repair = self.env.ref("hotel_housekeeping.request_type_repair", raise_if_not_found=False) \
            or self.env["hotel.service.request.type"].search([("kind", "=", "repair")], limit=1)
        return {
            "type": "ir.actions.act_window", "res_model": "hotel.service.request", "view_mode": "form",
            "target": "new", "name": self.env._("Report Damage"),
            "context": {"default_room_id": self.room_id.id, "default_type_id": repair.id,
                        "form_view_ref": "hotel_housekeeping.view_hotel_service_request_form_quick"},
        }

    def action_found_item(self):
        """The attendant found something left behind: a lost-and-found item of
        the room, the stay's guest proposed as its owner."""
        self.ensure_one()
        self._hotel_check_action_access("read")
        return {
            "type": "ir.actions.act_window", "res_model": "hotel.lost.item", "view_mode": "form",
            "target": "new", "name": self.env._("Found Item"),
            "context": {"default_room_id": self.room_id.id, "default_task_id": self.id,
                        "form_view_ref": "hotel_housekeeping.view_hotel_lost_item_form_quick"},
        }

    # ------------------------------------------------------------ supervisor actions
    def _check_supervisor(self):
        if not self.env.user.has_group(SUPERVISOR):
            raise AccessError(self.env._("Only housekeeping supervisors can inspect rooms."))

    @workflow_method
    def action_inspect_pass(self):
        self._check_supervisor()
        self._lock()
        for task in self:
            if task.state != "done":
                raise UserError(self.env._("Only finished tasks can be inspected."))
            task.write({"state": "inspected", "inspected_by_id": self.env.user.id,
                        "inspected_at": fields.Datetime.now()})
            task.room_id._hk_set_state("inspected", task=task)
        return True

    @workflow_method
    def action_inspect_fail(self, note=None):
        """The room is not right: back to dirty, and a re-clean task for the
        same attendant carries the failed points."""
        self._check_supervisor()
        self._lock()
        note = note if isinstance(note, str) else None
        for task in self:
            if task.state != "done":
                raise UserError(self.env._("Only finished tasks can be inspected."))
            points = note or task.inspection_note or self.env._("Failed inspection")
            task.write({"state": "failed", "inspected_by_id": self.env.user.id,
                        "inspected_at": fields.Datetime.now(), "inspection_note": points})
            task.room_id._hk_set_state("dirty", task=task, reason=points)
            self.create({"room_id": task.room_id.id, "date": task.date, "task_type": "reclean",
                         "user_id": task.user_id.id, "reservation_id": task.reservation_id.id,
                         "note": self.env._("Failed inspection: %(points)s", points=points)})
        return True

    @workflow_method
    def action_cancel(self):
        self._check_supervisor()
        self.filtered(lambda t: t.state in OPEN_STATES).write({"state": "cancelled"})
        return True

    @api.model
    def action_auto_assign(self):
        """Share today's unassigned open tasks of the supervisor's properties
        between the attendants of each property: floor by floor (rooms of a
        floor stay together), each floor to the attendant with the most credits
        left, spilling over to the next when full; departures first within a
        floor. Tasks already assigned are kept. One write per attendant."""
        if not self.env.user.has_group(SUPERVISOR):
            raise AccessError(self.env._("Only housekeeping supervisors can assign tasks."))
        assigned = self.browse()
        for prop in self.env.user.hotel_property_ids:
            assigned |= self._auto_assign_property(prop)
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {"type": "success", "message": self.env._("%(count)s tasks assigned.", count=len(assigned)),
                       "next": {"type": "ir.actions.client", "tag": "soft_reload"}},
        }

    @api.model
    def action_task_sheet(self):
        """Today's task sheets (xlsx), as the user may read them."""
        prop = self.env.user.hotel_property_ids[:1]
        day = prop._local_today() if prop else fields.Date.context_today(self)
        return {"type": "ir.actions.act_url", "target": "download",
                "url": f"/hotel_housekeeping/task_sheet.xlsx?date={day}"}

    @api.model
    @workflow_method
    def _auto_assign_property(self, prop):
        today = prop._local_today()
        tasks = self.search([("property_id", "=", prop.id), ("date", "=", today), ("state", "in", OPEN_STATES)])
        # supervisors inspect, they do not clean
        attendants = self._housekeepers(prop).filtered(lambda u: not u.has_group(SUPERVISOR))
        if not attendants:
            return self.browse()
        load = dict.fromkeys(attendants, 0.0)
        for task in tasks.filtered("user_id"):
            if task.user_id in load:
                load[task.user_id] += task.credits
        todo = tasks.filtered(lambda t: not t.user_id)
        plan = {user: self.browse() for user in attendants}

        def left(user):
            return user.hk_daily_credits - load[user]
        floors = {}
        for task in todo.sorted(lambda t: (t.floor_level, t.priority, t.room_id.name or "")):
            floors.setdefault(task.floor_level, self.browse())
            floors[task.floor_level] |= task
        for floor_tasks in floors.values():
            user = max(attendants, key=lambda u: (left(u), -u.id))
            for task in floor_tasks:
                if left(user) < task.credits:
                    # full: the rest of the floor goes to whoever has the most left
                    user = max(attendants, key=lambda u: (left(u), -u.id))
                plan[user] |= task
                load[user] += task.credits
        for user, user_tasks in plan.items():
            if user_tasks:
                user_tasks.write({"user_id": user.id})
        return todo

    # ------------------------------------------------------------ generation
    @api.model
    @workflow_method
    def _ensure_tasks(self, vals_list):
        """Create the tasks of ``vals_list`` whose (room, date, type) has no live
        task yet; one query for the existing keys, one batched create. The
        unique index is the guard against a concurrent creation."""
        if not vals_list:
            return self.browse()
        rooms = {vals["room_id"] for vals in vals_list}
        dates = {vals["date"] for vals in vals_list}
        existing = {(t.room_id.id, t.date, t.task_type) for t in self.sudo().search_fetch([
            ("room_id", "in", list(rooms)), ("date", "in", list(dates)),
            ("state", "not in", ("cancelled", "failed")),
        ], ["room_id", "date", "task_type"])}
        todo, seen = [], set()
        for vals in vals_list:
            key = (vals["room_id"], fields.Date.to_date(vals["date"]), vals["task_type"])
            if key not in existing and key not in seen:
                seen.add(key)
                todo.append(vals)
        return self.sudo().create(todo)

    @api.model
    def _generate_for_day(self, prop, day):
        """Tasks of ``day`` at ``prop`` from the stays (idempotent, set-based):
        a departure clean for each stay leaving that day, a stay-over service
        every N nights of a stay going on, an arrival preparation for each
        confirmed arrival with a room (the guest's preferences on the task)."""
        Reservation = self.env["hotel.reservation"].sudo()
        stays = Reservation.search_fetch([
            ("property_id", "=", prop.id), ("room_id", "!=", False),
            "|", "&", ("state", "=", "checked_in"), ("arrival_date", "<=", day),
            "&", ("state", "=", "confirmed"), ("arrival_date", "=", day),
        ], ["room_id", "state", "arrival_date", "departure_date", "partner_id"])
        every = max(prop.hk_stayover_every, 1)
        vals_list = []
        for res in stays:
            base = {"room_id": res.room_id.id, "date": day, "reservation_id": res.id}
            if res.state == "confirmed":
                vals_list.append(dict(base, task_type="arrival", note=res.preference_summary or False))
            elif res.departure_date == day:
                vals_list.append(dict(base, task_type="departure"))
            elif res.departure_date > day and (day - res.arrival_date).days % every == 0 \
                    and res.arrival_date < day:
                vals_list.append(dict(base, task_type="stayover"))
        return self._ensure_tasks(vals_list)

    @api.model
    def _generate_for_property(self, prop):
        """Today's tasks at ``prop`` (its local date), the stale-room decay and
        the out-of-order blocks that ended yesterday back in service, and the
        reminders of found items past their retention."""
        tasks = self._generate_for_day(prop, prop._local_today())
        self.env["hotel.room"]._hk_decay(prop)
        self.env["hotel.room.block"]._close_ended(prop)
        self.env["hotel.lost.item"]._remind_due(prop)
        return tasks

    @api.model
    def _cron_generate_tasks(self):
        """Hourly (idempotent): each property's tasks of its local today, one
        transaction per property."""
        self.env["hotel.property"]._cron_for_each_property(self._generate_for_property, "Housekeeping tasks")

    @api.model
    def _cancel_open(self, domain):
        with workflow_write():
            self.sudo().search(domain + [("state", "in", OPEN_STATES)]).write({"state": "cancelled"})
