import logging
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import html2plaintext, is_html_empty

from odoo.addons.hotel_base.tools.rules import workflow_method, workflow_write

CATEGORIES = [
    ("noise", "Noise"),
    ("cleanliness", "Cleanliness"),
    ("room", "Room Condition"),
    ("facilities", "Facilities"),
    ("service", "Staff & Service"),
    ("fnb", "Food & Beverage"),
    ("billing", "Billing"),
    ("other", "Other"),
]
CAUSES = [
    ("staff", "Staff Behaviour or Training"),
    ("process", "Process or Procedure"),
    ("housekeeping", "Housekeeping Miss"),
    ("maintenance", "Equipment or Maintenance Failure"),
    ("neighbours", "Other Guests or Neighbourhood"),
    ("supplier", "Supplier or Third Party"),
    ("expectation", "Guest Expectation or Information"),
    ("other", "Other"),
]
SOURCES = [
    ("desk", "Front Desk"),
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("survey", "Survey"),
    ("portal", "Portal"),
    ("review", "Online Review"),
]
STATES = [
    ("received", "Received"),
    ("classified", "Classified"),
    ("cause", "Cause Found"),
    ("resolved", "Resolved"),
    ("replied", "Replied"),
    ("closed", "Followed Up"),
    ("cancelled", "Cancelled"),
]
# the steps in order, each with the fields recording who and when
STEPS = ["received", "classified", "cause", "resolved", "replied", "closed"]
UNRESOLVED = ("received", "classified", "cause")
UNREPLIED = UNRESOLVED + ("resolved",)
# activity types: each step clears its own (an approval request survives the resolution)
_logger = logging.getLogger(__name__)
ACTIVITY_RESOLVE = "hotel_crm_campaigns.mail_activity_complaint_resolve"
ACTIVITY_REPLY = "hotel_crm_campaigns.mail_activity_complaint_reply"
ACTIVITY_APPROVAL = "hotel_crm_campaigns.mail_activity_complaint_approval"
ACTIVITY_PATTERN = "hotel_crm_campaigns.mail_activity_complaint_pattern"


def _positive_bool_search(operator, value):
    """True for "is true", False for "is false", None for what a boolean
    search does not take (Odoo 19 turns ``= True`` into ``in [True]``)."""
    if operator in ("in", "not in") and isinstance(value, (list, tuple, set)) and len(set(value)) == 1:
        [value] = set(value)
        operator = "=" if operator == "in" else "!="
    if operator in ("=", "!=") and isinstance(value, bool):
        return value == (operator == "=")
    return None


class HotelComplaint(models.Model):
    """A guest's complaint and its service recovery: receive, classify, find
    the cause, resolve, reply in writing, follow up.

    Invariants: each step records who and when, in order (a step needs the
    ones before it: a case is classified before its cause is found, resolved
    with a resolution, replied with a written reply to a guest with an
    e-mail); deadlines are set when the case is received (resolution: clock
    hours; written reply: working days of the property's calendar, public
    holidays skipped); the owner is reminded and the manager alerted once per
    deadline (flags, so the hourly job is idempotent); compensation above the
    user's limit waits for approval and is executed once
    (see ``hotel_complaint_compensation``). The steps' who and when, the
    deadlines, the flags and the compensation's outcome are written by these
    actions only (``hotel.property.mixin``'s protected fields); the stay and
    the room belong to the case's property."""

    _name = "hotel.complaint"
    _description = "Guest Complaint"
    _inherit = ["hotel.property.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "received_at desc, id desc"
    _mail_post_access = "read"
    _hotel_property_fields = ("reservation_id", "room_id", "room_type_id")
    _hotel_protected_fields = (
        "name", "state", "received_at", "received_uid", "classified_at", "classified_uid", "cause_at", "cause_uid",
        "resolved_at", "resolved_uid", "replied_at", "replied_uid", "reply_message_id", "closed_at", "closed_uid",
        "resolution_deadline", "reply_deadline", "resolution_reminded", "resolution_escalated", "reply_reminded",
        "reply_escalated", "is_recurring", "followup_input_id", "survey_input_id",
    )

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    subject = fields.Char(required=True, tracking=True)
    property_id = fields.Many2one("hotel.property", required=True, index=True, tracking=True,
                                  default=lambda self: self.env.user.hotel_property_ids[:1])
    company_id = fields.Many2one(related="property_id.company_id", store=True)
    currency_id = fields.Many2one(related="property_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Guest", index=True, tracking=True)
    partner_email = fields.Char(related="partner_id.email", string="Guest E-mail")
    reservation_id = fields.Many2one(
        "hotel.reservation", string="Stay", index="btree_not_null", tracking=True,
        domain="[('property_id', '=', property_id), '|', ('partner_id', '=', partner_id), "
               "('folio_id.partner_id', '=', partner_id)]")
    folio_id = fields.Many2one(related="reservation_id.folio_id", store=True, string="Folio")
    room_id = fields.Many2one("hotel.room", compute="_compute_room", store=True, readonly=False, index=True,
                              domain="[('property_id', '=', property_id)]", tracking=True)
    room_type_id = fields.Many2one("hotel.room.type", compute="_compute_room_type", store=True, readonly=False,
                                   index=True, domain="[('property_id', '=', property_id)]")
    source = fields.Selection(SOURCES, required=True, default="desk", tracking=True)
    category = fields.Selection(CATEGORIES, tracking=True, index=True)
    severity = fields.Selection([("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Critical")],
                                default="1", required=True, tracking=True)
    description = fields.Html(string="What the Guest Says")
    survey_input_id = fields.Many2one("survey.user_input", string="Survey Answer", readonly=True,
                                      index="btree_not_null", ondelete="set null")
    user_id = fields.Many2one("res.users", string="Owner", default=lambda self: self.env.user, tracking=True,
                              index=True)
    state = fields.Selection(STATES, default="received", required=True, tracking=True, index=True, copy=False,
                             group_expand=True)

    received_at = fields.Datetime(string="Received", required=True, default=fields.Datetime.now, readonly=True)
    received_uid = fields.Many2one("res.users", string="Received by", default=lambda self: self.env.user,
                                   readonly=True)
    classified_at = fields.Datetime(string="Classified", readonly=True, copy=False)
    classified_uid = fields.Many2one("res.users", string="Classified by", readonly=True, copy=False)
    cause = fields.Selection(CAUSES, tracking=True, index=True)
    cause_note = fields.Text(string="Cause Found")
    cause_at = fields.Datetime(string="Cause Found on", readonly=True, copy=False)
    cause_uid = fields.Many2one("res.users", string="Cause Found by", readonly=True, copy=False)
    resolution = fields.Html()
    resolved_at = fields.Datetime(string="Resolved", readonly=True, copy=False)
    resolved_uid = fields.Many2one("res.users", string="Resolved by", readonly=True, copy=False)
    reply_body = fields.Html(string="Written Reply")
    replied_at = fields.Datetime(string="Replied", readonly=True, copy=False)
    replied_uid = fields.Many2one("res.users", string="Replied by", readonly=True, copy=False)
    reply_message_id = fields.Many2one("mail.message", string="Reply Sent", readonly=True, copy=False)
    closed_at = fields.Datetime(string="Followed Up", readonly=True, copy=False)
    closed_uid = fields.Many2one("res.users", string="Followed Up by", readonly=True, copy=False)

    resolution_deadline = fields.Datetime(string="Resolve by", readonly=True, copy=False, index=True)
    reply_deadline = fields.Datetime(string="Reply by", readonly=True, copy=False, index=True)
    resolution_reminded = fields.Boolean(readonly=True, copy=False)
    resolution_escalated = fields.Boolean(readonly=True, copy=False)
    reply_reminded = fields.Boolean(readonly=True, copy=False)
    reply_escalated = fields.Boolean(readonly=True, copy=False)
    is_late = fields.Boolean(string="Late", compute="_compute_is_late", search="_search_is_late")
    resolved_in_time = fields.Boolean(compute="_compute_in_time", store=True, string="Resolved in Time")
    replied_in_time = fields.Boolean(compute="_compute_in_time", store=True, string="Replied in Time")
    is_recurring = fields.Boolean(
        string="Recurring Cause", readonly=True, copy=False,
        help="Enough cases of this category on this room type recently to call it a pattern (property settings).")

    followup_input_id = fields.Many2one("survey.user_input", string="Follow-up Answer", readonly=True, copy=False)
    followup_score = fields.Integer(compute="_compute_recovery", string="Follow-up Score (0-10)")
    next_reservation_id = fields.Many2one("hotel.reservation", compute="_compute_recovery",
                                          string="Next Booking")
    guest_returned = fields.Boolean(compute="_compute_recovery", search="_search_guest_returned",
                                    string="Guest Came Back")
    complaint_count = fields.Integer(compute="_compute_complaint_count", string="Cases of the Guest")

    _name_uniq = models.UniqueIndex("(name) WHERE name != '/'", "A case reference is unique.")
    _steps_in_order = models.Constraint(
        "CHECK((cause_at IS NULL OR classified_at IS NOT NULL)"
        " AND (resolved_at IS NULL OR cause_at IS NOT NULL)"
        " AND (replied_at IS NULL OR resolved_at IS NOT NULL)"
        " AND (closed_at IS NULL OR replied_at IS NOT NULL))",
        "The steps of a complaint are taken in order.")

    @api.depends("reservation_id")
    def _compute_room(self):
        for complaint in self:
            reservation = complaint.reservation_id
            if reservation:
                complaint.room_id = reservation.room_id

    @api.depends("reservation_id", "room_id")
    def _compute_room_type(self):
        for complaint in self:
            kind = complaint.room_id.room_type_id or complaint.reservation_id.room_type_id
            if kind:
                complaint.room_type_id = kind

    def _compute_is_late(self):
        now = fields.Datetime.now()
        for complaint in self:
            complaint.is_late = bool(
                (complaint.state in UNRESOLVED and complaint.resolution_deadline
                 and complaint.resolution_deadline < now)
                or (complaint.state in UNREPLIED and complaint.reply_deadline and complaint.reply_deadline < now))

    def _search_is_late(self, operator, value):
        positive = _positive_bool_search(operator, value)
        if positive is None:
            return NotImplemented
        now = fields.Datetime.now()
        late = (Domain("state", "in", UNRESOLVED) & Domain("resolution_deadline", "<", now)) | (
            Domain("state", "in", UNREPLIED) & Domain("reply_deadline", "<", now))
        return late if positive else ~late

    @api.depends("resolved_at", "replied_at", "resolution_deadline", "reply_deadline")
    def _compute_in_time(self):
        for complaint in self:
            complaint.resolved_in_time = bool(complaint.resolved_at and complaint.resolution_deadline
                                              and complaint.resolved_at <= complaint.resolution_deadline)
            complaint.replied_in_time = bool(complaint.replied_at and complaint.reply_deadline
                                             and complaint.replied_at <= complaint.reply_deadline)

    def _compute_recovery(self):
        """The guest's first booking made at the property after the case
        (not cancelled), and the follow-up answer: did we win them back?"""
        next_booking = self._next_bookings(self.ids) if self.ids else {}
        for complaint in self:
            complaint.next_reservation_id = next_booking.get(complaint.id, False)
            complaint.guest_returned = complaint.id in next_booking
            complaint.followup_score = complaint.followup_input_id.sudo().hotel_nps if complaint.followup_input_id \
                else 0

    @api.model
    def _next_bookings(self, ids=None):
        """{case id: the guest's first booking at the property made after
        the case, not cancelled} for the cases ``ids`` (default: every case)."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT DISTINCT ON (c.id) c.id, r.id
              FROM hotel_complaint c
              JOIN hotel_folio f ON f.partner_id = c.partner_id
              JOIN hotel_reservation r ON r.folio_id = f.id AND r.property_id = c.property_id
             WHERE (%(all)s OR c.id = ANY(%(ids)s)) AND r.create_date > c.received_at AND r.state != 'cancelled'
             ORDER BY c.id, r.create_date, r.id""", {"all": ids is None, "ids": list(ids or [])})
        return dict(self.env.cr.fetchall())

    def _search_guest_returned(self, operator, value):
        positive = _positive_bool_search(operator, value)
        if positive is None:
            return NotImplemented
        ids = list(self._next_bookings())
        return Domain("id", "in" if positive else "not in", ids)

    def _compute_complaint_count(self):
        counts = dict(self._read_group([("partner_id", "in", self.partner_id.ids)], ["partner_id"], ["__count"]))
        for complaint in self:
            complaint.complaint_count = counts.get(complaint.partner_id, 0)

    def action_view_guest_cases(self):
        self.ensure_one()
        self._hotel_check_action_access()
        return {"type": "ir.actions.act_window", "res_model": "hotel.complaint", "name": self.partner_id.name,
                "view_mode": "list,form", "domain": [("partner_id", "=", self.partner_id.id)]}

    # ------------------------------------------------------------ create, deadlines

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not (vals.get("subject") or "").strip():
                vals["subject"] = self.env._("Guest complaint")
        complaints = super().create(vals_list)
        with workflow_write():
            for complaint in complaints:
                complaint.sudo().name = self.env["ir.sequence"].sudo().next_by_code("hotel.complaint") or "/"
            complaints._set_deadlines()
        for complaint in complaints.filtered("partner_id"):
            complaint.message_subscribe(partner_ids=complaint.partner_id.ids)
        complaints.filtered("category")._flag_recurring()
        return complaints

    @workflow_method
    def _set_deadlines(self):
        """Resolution: clock hours after the case was received. Written reply:
        the end of the N-th working day of the property's calendar counted
        from the reception (the same day when work remains on it), global
        leaves (public holidays) skipped."""
        for complaint in self:
            prop = complaint.property_id
            received = complaint.received_at
            reply = False
            calendar = prop.complaint_calendar_id or prop.company_id.resource_calendar_id
            if calendar:
                reply = calendar.plan_days(prop.complaint_reply_days, received, compute_leaves=True)
                if reply:
                    reply = self._end_of_working_day(calendar, reply)
            if not reply:  # no calendar, or no working day in it: calendar days
                reply = received + timedelta(days=prop.complaint_reply_days)
            complaint.sudo().write({
                "resolution_deadline": received + timedelta(hours=prop.complaint_resolution_hours),
                "reply_deadline": reply,
            })

    @api.model
    def _end_of_working_day(self, calendar, moment):
        """The end of the last working interval of ``moment``'s day in the
        calendar's time zone (``plan_days`` may stop at the end of the
        morning), as naive UTC."""
        tz = pytz.timezone(calendar.tz or "UTC")
        day = pytz.utc.localize(moment).astimezone(tz).date()
        start = tz.localize(datetime.combine(day, time.min))  # (localize: right offset on DST days)
        end = tz.localize(datetime.combine(day + timedelta(days=1), time.min))
        intervals = calendar._work_intervals_batch(start, end, compute_leaves=True)[False]
        stops = [stop for _start, stop, _meta in intervals]
        return max(stops).astimezone(pytz.utc).replace(tzinfo=None) if stops else moment

    @workflow_method
    def _flag_recurring(self):
        """Flag cases whose category was raised on the same room type (or the
        same property when no room is known) at least N times in the
        property's recent period, and tell the manager once per pattern."""
        for complaint in self.filtered(lambda c: c.category and not c.is_recurring):
            prop = complaint.property_id
            domain = Domain([
                ("property_id", "=", prop.id), ("category", "=", complaint.category),
                ("state", "!=", "cancelled"),
                ("received_at", ">", complaint.received_at - timedelta(days=prop.complaint_recurring_days)),
                ("received_at", "<=", complaint.received_at),
            ])
            if complaint.room_type_id:
                domain &= Domain("room_type_id", "=", complaint.room_type_id.id)
            similar = self.sudo().search(domain)
            if len(similar) < prop.complaint_recurring_count:
                continue
            already = any(similar.mapped("is_recurring"))
            similar.sudo().write({"is_recurring": True})
            if already:
                continue
            category = dict(self._fields["category"]._description_selection(self.env))[complaint.category]
            note = self.env._(
                "Recurring cause: %(count)s “%(category)s” complaints on %(where)s in %(days)s days (%(refs)s).",
                count=len(similar), category=category,
                where=complaint.room_type_id.name or prop.name, days=prop.complaint_recurring_days,
                refs=", ".join(similar.mapped("name")))
            for manager in prop._complaint_managers():
                complaint.sudo().activity_schedule(
                    ACTIVITY_PATTERN, user_id=manager.id, summary=self.env._("Recurring cause"), note=note)
            complaint.message_post(body=note)

    # ------------------------------------------------------------ steps

    def _stamp(self, *steps):
        """Who and when of each step not recorded yet (earlier steps included:
        a desk that resolves at once has classified and found the cause)."""
        values = {}
        now = fields.Datetime.now()
        for step in steps:
            if not self[f"{step}_at"]:
                values[f"{step}_at"] = now
                values[f"{step}_uid"] = self.env.uid
        return values

    def _check_open(self):
        for complaint in self:
            if complaint.state in ("closed", "cancelled"):
                raise UserError(self.env._("Complaint %(ref)s is closed.", ref=complaint.name))

    def _advance(self, step, required, stamps):
        """Take ``step`` on open cases: every field of ``required`` must be
        set; the who and when of ``stamps`` are recorded; the state moves
        forward only (a case already further keeps its state)."""
        self._check_open()
        for complaint in self:
            for fname, message in required:
                if not complaint[fname]:
                    raise UserError(message % {"ref": complaint.name})
            values = complaint._stamp(*stamps)
            if STEPS.index(complaint.state) < STEPS.index(step):
                values["state"] = step
            complaint.write(values)
        self._flag_recurring()
        return True

    def _category_required(self):
        return ("category", self.env._("Choose the category of complaint %(ref)s first."))

    @workflow_method
    def action_classify(self):
        return self._advance("classified", [self._category_required()], ["classified"])

    @workflow_method
    def action_cause_found(self):
        return self._advance("cause", [
            ("cause", self.env._("Say what caused complaint %(ref)s first.")), self._category_required(),
        ], ["classified", "cause"])

    @workflow_method
    def action_resolve(self):
        self._check_open()
        for complaint in self:
            if is_html_empty(complaint.resolution):
                raise UserError(self.env._("Describe how complaint %(ref)s was resolved.", ref=complaint.name))
            if not (complaint.category and complaint.cause):
                raise UserError(self.env._(
                    "Complaint %(ref)s needs its category and its cause before it is resolved.", ref=complaint.name))
            values = complaint._stamp("classified", "cause", "resolved")
            if complaint.state in UNRESOLVED:
                values["state"] = "resolved"
            complaint.write(values)
            complaint.activity_unlink([ACTIVITY_RESOLVE])
        self._flag_recurring()
        return True

    @workflow_method
    def action_send_reply(self):
        """Send the written reply to the guest by e-mail from the case (kept in
        its chatter), with the follow-up survey's link when the property has
        one."""
        self._check_open()
        for complaint in self:
            if complaint.state in UNRESOLVED:
                raise UserError(self.env._("Resolve complaint %(ref)s before replying.", ref=complaint.name))
            if complaint.state != "resolved":
                raise UserError(self.env._("The written reply of %(ref)s was already sent.", ref=complaint.name))
            if is_html_empty(complaint.reply_body) or not html2plaintext(complaint.reply_body).strip():
                raise UserError(self.env._("Write the reply to the guest of %(ref)s.", ref=complaint.name))
            if not complaint.partner_id.email:
                raise UserError(self.env._(
                    "The guest of %(ref)s has no e-mail address: record one, or reply on paper and log it.",
                    ref=complaint.name))
            body = complaint.reply_body
            followup = complaint._create_followup_input()
            if followup:
                url = followup.sudo().get_base_url() + followup.sudo().get_start_url()
                body = body + Markup('<p>%s <a href="%s">%s</a></p>') % (
                    self.env._("Tell us how we handled it:"), url, self.env._("a two-question survey"))
            message = complaint.message_post(
                body=body, subject=self.env._("Re: %(subject)s [%(ref)s]", subject=complaint.subject,
                                              ref=complaint.name),
                partner_ids=complaint.partner_id.ids, message_type="comment", subtype_xmlid="mail.mt_comment")
            values = complaint._stamp("replied")
            values.update(state="replied", reply_message_id=message.id)
            if followup:
                values["followup_input_id"] = followup.id
            complaint.write(values)
            complaint.activity_unlink([ACTIVITY_REPLY])
        return True

    def _create_followup_input(self):
        self.ensure_one()
        survey = self.property_id.sudo().feedback_followup_survey_id
        if not survey or not survey.active:
            return self.env["survey.user_input"]
        return self.env["survey.user_input"].sudo().create({
            "survey_id": survey.id, "partner_id": self.partner_id.id, "email": self.partner_id.email,
            "nickname": self.partner_id.name, "hotel_property_id": self.property_id.id,
            "hotel_complaint_id": self.id,
        })

    @workflow_method
    def action_close(self):
        """Follow-up done: the guest was called back or answered the follow-up."""
        for complaint in self:
            if complaint.state != "replied":
                raise UserError(self.env._("Complaint %(ref)s is followed up once the written reply is sent.",
                                           ref=complaint.name))
            complaint.write(dict(complaint._stamp("closed"), state="closed"))
        return True

    @workflow_method
    def action_cancel(self):
        """A case opened by mistake (a duplicate, not a complaint)."""
        self._check_open()
        if not self.env.user.has_group("hotel_base.group_hotel_frontdesk_manager"):
            raise UserError(self.env._("Only a front-desk manager cancels a complaint."))
        self.write({"state": "cancelled"})
        self.filtered(lambda c: c.compensation_state == "to_approve").write({"compensation_state": "draft"})
        self.activity_unlink([ACTIVITY_RESOLVE, ACTIVITY_REPLY, ACTIVITY_APPROVAL, ACTIVITY_PATTERN])
        return True

    # ------------------------------------------------------------ reminders and escalation

    @api.model
    def _cron_escalate(self):
        """Hourly: remind the owner before each deadline and alert the
        property's managers once a deadline has passed. Each reminder and
        each escalation happens once per case and deadline (flags)."""
        now = fields.Datetime.now()
        todo = []
        for deadline, states, kind in (("resolution", UNRESOLVED, "resolve"), ("reply", UNREPLIED, "reply")):
            field = f"{deadline}_deadline"
            late = self.search([("state", "in", states), (field, "<=", now), (f"{deadline}_escalated", "=", False)])
            todo += [(case, "_escalate", kind) for case in late]
            soon = self.search([("state", "in", states), (field, ">", now),
                                (f"{deadline}_reminded", "=", False)]).filtered(
                lambda c, f=field: c[f] - timedelta(hours=c.property_id.complaint_reminder_hours) <= now)
            todo += [(case, "_remind", kind) for case in soon]
        Cron = self.env["ir.cron"]
        Cron._commit_progress(remaining=len(todo))
        for case, method, kind in todo:
            # one case that fails (a manager without e-mail...) is logged, not the end of the others
            try:
                with self.env.cr.savepoint():
                    getattr(case, method)(kind)
            except Exception:
                _logger.exception("Complaint %s: %s failed", case.name, method)
            if not Cron._commit_progress(processed=1):
                break

    def _deadline_text(self, kind):
        return (self.env._("resolution") if kind == "resolve" else self.env._("written reply"))

    @workflow_method
    def _remind(self, kind):
        self.ensure_one()
        field = "resolution" if kind == "resolve" else "reply"
        deadline = self[f"{field}_deadline"]
        # a case from the mail alias has no owner yet: its managers hear of it
        local_day = pytz.utc.localize(deadline).astimezone(pytz.timezone(self.property_id.tz or "UTC")).date()
        for owner in self.user_id or self.property_id._complaint_managers():
            self.activity_schedule(
                ACTIVITY_RESOLVE if kind == "resolve" else ACTIVITY_REPLY, date_deadline=local_day,
                user_id=owner.id,
                summary=self.env._("%(what)s due soon", what=self._deadline_text(kind).capitalize()),
                note=self.env._("The %(what)s of %(ref)s is due on %(when)s (UTC).", what=self._deadline_text(kind),
                                ref=self.name, when=fields.Datetime.to_string(deadline)))
        self.sudo().write({f"{field}_reminded": True})

    @workflow_method
    def _escalate(self, kind):
        self.ensure_one()
        field = "resolution" if kind == "resolve" else "reply"
        managers = self.property_id._complaint_managers()
        note = self.env._(
            "Complaint %(ref)s (%(guest)s) missed its %(what)s deadline of %(when)s (UTC). Owner: %(owner)s.",
            ref=self.name, guest=self.partner_id.name or "-", what=self._deadline_text(kind),
            when=fields.Datetime.to_string(self[f"{field}_deadline"]),
            owner=self.user_id.name or "-")
        for manager in managers:
            self.activity_schedule(ACTIVITY_RESOLVE if kind == "resolve" else ACTIVITY_REPLY, user_id=manager.id,
                                   summary=self.env._("Escalated: %(what)s late", what=self._deadline_text(kind)),
                                   note=note)
        # an internal note that also mails the managers
        self.message_post(body=note, partner_ids=managers.partner_id.ids, subtype_xmlid="mail.mt_note",
                          message_type="comment")
        self.sudo().write({f"{field}_escalated": True, f"{field}_reminded": True})

    # ------------------------------------------------------------ mail alias

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to the property's alias opens a case: subject and body from
        the mail, guest from the sender. The stay is left to the desk: a
        sender's address proves nothing, and the stay leads to the folio."""
        values = dict(custom_values or {})
        values.setdefault("subject", msg_dict.get("subject") or self.env._("Complaint by e-mail"))
        values["name"] = "/"  # the reference comes from the sequence, never from the mail's subject
        values.setdefault("source", "email")
        values["description"] = msg_dict.get("body")
        if msg_dict.get("author_id"):
            values["partner_id"] = msg_dict["author_id"]
        values.setdefault("user_id", False)
        return super().message_new(msg_dict, custom_values=values)
