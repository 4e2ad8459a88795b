from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hotel_base.tools.ratios import ratio_select
from odoo.addons.hotel_base.tools.rules import workflow_method

REQUEST_STATES = [("new", "New"), ("acknowledged", "Acknowledged"), ("done", "Done"), ("cancelled", "Cancelled")]
SUPERVISOR = "hotel_housekeeping.group_hotel_housekeeping_supervisor"


class HotelServiceRequest(models.Model):
    """A guest's request (cleaning, repair, amenities, room service...) with
    its service level: acknowledged and resolved within the minutes of its
    type, measured from the moment it was taken. Overdue requests are
    escalated once to the property's housekeeping supervisors. A repair
    becomes a maintenance request; a cleaning request a touch-up task of the
    room today.

    Invariant: state and times change through the actions only."""

    _name = "hotel.service.request"
    _description = "Guest Service Request"
    _inherit = ["hotel.property.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "state_rank, deadline, id desc"
    _hotel_property_fields = ("room_id", "reservation_id")
    _hotel_protected_fields = ("state", "requested_at", "acknowledged_at", "done_at", "escalated",
                               "maintenance_request_id", "task_id", "block_id")
    _check_company_auto = True

    name = fields.Char(string="Request", required=True, tracking=True)
    type_id = fields.Many2one("hotel.service.request.type", required=True, tracking=True)
    kind = fields.Selection(related="type_id.kind", store=True)
    room_id = fields.Many2one("hotel.room", required=True, index=True, tracking=True)
    property_id = fields.Many2one(related="room_id.property_id", store=True, index=True, precompute=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True)
    reservation_id = fields.Many2one("hotel.reservation", string="Stay", index="btree_not_null",
                                     compute="_compute_reservation_id", store=True, readonly=False, precompute=True)
    partner_id = fields.Many2one(related="reservation_id.partner_id", string="Guest")
    user_id = fields.Many2one("res.users", string="Assigned To", tracking=True)
    state = fields.Selection(REQUEST_STATES, default="new", required=True, index=True, tracking=True)
    state_rank = fields.Integer(compute="_compute_state_rank", store=True)
    requested_at = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    acknowledge_by = fields.Datetime(compute="_compute_deadlines", store=True)
    deadline = fields.Datetime(compute="_compute_deadlines", store=True, string="Resolve By")
    acknowledged_at = fields.Datetime(readonly=True)
    done_at = fields.Datetime(readonly=True)
    response_minutes = fields.Float(compute="_compute_minutes", store=True, digits=(16, 1),
                                    aggregator="avg", string="Response (min)")
    resolution_minutes = fields.Float(compute="_compute_minutes", store=True, digits=(16, 1),
                                      aggregator="avg", string="Resolution (min)")
    within_sla = fields.Boolean(compute="_compute_minutes", store=True, string="Within SLA")
    sla_count = fields.Integer(compute="_compute_sla_figures", store=True, string="Requests Done")
    sla_met = fields.Integer(compute="_compute_sla_figures", store=True, string="Done Within SLA")
    sla_rate = fields.Float(compute="_compute_sla_figures", store=True, aggregator="avg", digits=(16, 1),
                            string="SLA Compliance (%)",
                            help="Requests done within their service level / requests done x 100, computed on the "
                                 "totals of each group.")
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue")
    escalated = fields.Boolean(readonly=True, copy=False)
    maintenance_request_id = fields.Many2one("maintenance.request", readonly=True, copy=False)
    task_id = fields.Many2one("hotel.housekeeping.task", string="Housekeeping Task", readonly=True, copy=False)
    block_until = fields.Date(
        string="Out of Order Until", copy=False,
        help="Repairs: take the room out of order from today to this last night (it cannot be sold meanwhile).")
    block_id = fields.Many2one("hotel.room.block", string="Out of Order", readonly=True, copy=False)

    @api.depends("room_id")
    def _compute_reservation_id(self):
        Reservation = self.env["hotel.reservation"].sudo()
        for request in self:
            if request.room_id and not request.reservation_id:
                request.reservation_id = Reservation.search([
                    ("room_id", "=", request.room_id.id), ("state", "=", "checked_in")], limit=1)

    @api.depends("state", "within_sla")
    def _compute_sla_figures(self):
        for request in self:
            done = request.state == "done"
            request.sla_count = int(done)
            request.sla_met = int(done and request.within_sla)
            request.sla_rate = 100.0 * request.sla_met if done else 0.0

    def _read_group_select(self, aggregate_spec, query):
        """SLA compliance of a group: requests done in time / requests done."""
        sql = ratio_select(lambda spec: super(HotelServiceRequest, self)._read_group_select(spec, query),
                           aggregate_spec, {"sla_rate": ("sla_met", "sla_count", 100.0)})
        return sql if sql is not None else super()._read_group_select(aggregate_spec, query)

    @api.depends("state")
    def _compute_state_rank(self):
        for request in self:
            request.state_rank = {"new": 0, "acknowledged": 1}.get(request.state, 2)

    @api.depends("requested_at", "type_id.acknowledge_minutes", "type_id.resolve_minutes")
    def _compute_deadlines(self):
        for request in self:
            start = request.requested_at
            request.acknowledge_by = start and start + timedelta(minutes=request.type_id.acknowledge_minutes)
            request.deadline = start and start + timedelta(minutes=request.type_id.resolve_minutes)

    @api.depends("acknowledged_at", "done_at", "requested_at", "deadline", "acknowledge_by")
    def _compute_minutes(self):
        for request in self:
            start = request.requested_at

            def minutes(moment, start=start):
                return round((moment - start).total_seconds() / 60.0, 1) if moment and start else 0.0
            request.response_minutes = minutes(request.acknowledged_at)
            request.resolution_minutes = minutes(request.done_at)
            request.within_sla = bool(
                request.done_at and request.done_at <= request.deadline
                and request.acknowledged_at and request.acknowledged_at <= request.acknowledge_by)

    @api.depends("state", "deadline")
    @api.depends_context("uid")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for request in self:
            request.is_overdue = request.state in ("new", "acknowledged") and bool(request.deadline) \
                and request.deadline < now

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        overdue = ["&", ("state", "in", ("new", "acknowledged")), ("deadline", "<", fields.Datetime.now())]
        return overdue if (operator == "=") == value else ["!", *overdue]

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests._dispatch()
        return requests

    @workflow_method
    def _dispatch(self):
        """A repair becomes a maintenance request, a cleaning request a touch-up
        task of the room today (sudo: the desk files them without those rights)."""
        Task = self.env["hotel.housekeeping.task"]
        for request in self:
            if request.kind == "repair":
                request.maintenance_request_id = self.env["maintenance.request"].sudo().create({
                    "maintenance_team_id": request._maintenance_team().id,
                    "name": self.env._("Room %(room)s: %(request)s", room=request.room_id.name, request=request.name),
                    "company_id": request.company_id.id,
                    "description": request.name,
                    "request_date": fields.Date.today(),
                    "hotel_room_id": request.room_id.id,
                })
                if request.block_until:
                    # sudo: whoever reports the damage may take the room out of order (refused if a stay holds it)
                    request.block_id = self.env["hotel.room.block"].sudo().create({
                        "room_id": request.room_id.id, "reason": request.name,
                        "date_from": request.property_id._local_today(), "date_to": request.block_until,
                        "maintenance_request_id": request.maintenance_request_id.id,
                    })
            elif request.kind == "cleaning":
                today = request.property_id._local_today()
                request.task_id = Task._ensure_tasks([{
                    "room_id": request.room_id.id, "date": today, "task_type": "touchup",
                    "reservation_id": request.reservation_id.id, "note": request.name,
                }]) or Task.sudo().search([("room_id", "=", request.room_id.id), ("date", "=", today),
                                           ("task_type", "=", "touchup"),
                                           ("state", "not in", ("cancelled", "failed"))], limit=1)

    def _maintenance_team(self):
        """The maintenance team of the request's company (one is created the
        first time a property of that company reports a repair)."""
        Team = self.env["maintenance.team"].sudo()
        company = self.company_id
        return Team.search([("company_id", "in", (company.id, False))], order="company_id, id", limit=1) \
            or Team.create({"name": self.env._("Hotel Maintenance"), "company_id": company.id})

    @workflow_method
    def action_acknowledge(self):
        for request in self:
            if request.state != "new":
                raise UserError(self.env._("%(request)s is already acknowledged.", request=request.name))
            request.write({"state": "acknowledged", "acknowledged_at": fields.Datetime.now(),
                           "user_id": request.user_id.id or self.env.user.id})
        return True

    @workflow_method
    def action_done(self):
        now = fields.Datetime.now()
        for request in self:
            if request.state not in ("new", "acknowledged"):
                raise UserError(self.env._("%(request)s is already closed.", request=request.name))
            request.write({"state": "done", "done_at": now, "acknowledged_at": request.acknowledged_at or now,
                           "user_id": request.user_id.id or self.env.user.id})
        self.activity_feedback(["mail.mail_activity_data_todo"], feedback=self.env._("Request resolved."))
        return True

    @workflow_method
    def action_cancel(self):
        user = self.env.user
        if not (user.has_group(SUPERVISOR) or user.has_group("hotel_base.group_hotel_frontdesk_user")):
            raise AccessError(self.env._("Only the front desk and housekeeping supervisors can cancel a request."))
        self.filtered(lambda r: r.state in ("new", "acknowledged")).write({"state": "cancelled"})
        return True

    @api.model
    @workflow_method
    def _escalate_overdue(self, prop):
        """Overdue requests of ``prop`` not escalated yet: a to-do for the
        property's housekeeping supervisors (or its front-desk managers), once."""
        overdue = self.sudo().search([("property_id", "=", prop.id), ("is_overdue", "=", True),
                                      ("escalated", "=", False)])
        if not overdue:
            return overdue
        supervisors = prop.user_ids.filtered(lambda u: u.has_group(SUPERVISOR) and not u.share) \
            or prop.user_ids.filtered(lambda u: u.has_group("hotel_base.group_hotel_frontdesk_manager"))
        for request in overdue:
            for user in supervisors:
                request.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=user.id,
                    summary=self.env._("Overdue guest request: room %(room)s", room=request.room_id.name),
                    note=request.name)
        overdue.write({"escalated": True})
        return overdue

    @api.model
    def _cron_escalate(self):
        self.env["hotel.property"]._cron_for_each_property(self._escalate_overdue, "Guest request escalation")
