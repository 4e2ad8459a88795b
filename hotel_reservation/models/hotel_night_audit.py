from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_duration

from odoo.addons.hotel_base.tools.rules import workflow_method

AUDIT_STATES = [("draft", "To Run"), ("done", "Done"), ("failed", "Failed")]
# Unattended runs of a failing audit before a manager is asked to look at it.
MAX_ATTEMPTS = 3


class HotelNightAudit(models.Model):
    """Night audit (夜审) of one property for one business date.

    Running it charges the night's room rate of every in-house stay not yet
    charged, applies the no-show rule to arrivals of the date, and stores the
    day's figures. Idempotent (a night is charged once: unique index on the
    charge's night) and set-based (grouped SQL, one batched create). A night
    can be audited once it is over and the property's no-show cut-off has
    passed (the same rule as the no-show job). A failure posts nothing, and
    is recorded on the audit with its reason (state, message, chatter); the
    hourly job retries it, then asks the property's managers to look at it.
    """

    _name = "hotel.night.audit"
    _description = "Night Audit"
    _inherit = ["hotel.property.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, property_id"
    _rec_name = "date"
    _check_company_auto = True
    _hotel_fixed_fields = ("property_id", "date")  # the audit of one date of one property
    _hotel_protected_fields = (
        "state", "error", "run_at", "rooms_available", "rooms_out_of_order", "rooms_sold", "occupancy", "adr", "revpar",
        "room_revenue", "other_revenue", "arrivals", "departures", "no_shows", "cancellations",
        "charges_posted", "attempts")

    property_id = fields.Many2one("hotel.property", required=True, index=True,
                                  default=lambda self: self.env.user.hotel_property_ids[:1])
    company_id = fields.Many2one(related="property_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, index=True, compute="_compute_date", store=True, readonly=False,
                       precompute=True, help="Business date audited (default: yesterday at the property).")
    state = fields.Selection(AUDIT_STATES, default="draft", required=True, tracking=True)
    error = fields.Text(readonly=True)
    run_at = fields.Datetime(readonly=True)
    rooms_available = fields.Integer(readonly=True)
    rooms_sold = fields.Integer(readonly=True)
    rooms_out_of_order = fields.Integer(
        readonly=True, help="Rooms held by no stay that night (out of order): not counted as available.")
    occupancy = fields.Float(string="Occupancy (%)", readonly=True, digits=(5, 2), aggregator="avg")
    adr = fields.Monetary(string="ADR", readonly=True, aggregator="avg",
                          help="Average daily rate: room revenue / rooms sold.")
    revpar = fields.Monetary(string="RevPAR", readonly=True, aggregator="avg",
                             help="Revenue per available room: room revenue / rooms available.")
    room_revenue = fields.Monetary(readonly=True)
    other_revenue = fields.Monetary(readonly=True)
    arrivals = fields.Integer(readonly=True)
    departures = fields.Integer(readonly=True)
    no_shows = fields.Integer(string="No-shows", readonly=True)
    cancellations = fields.Integer(readonly=True)
    charges_posted = fields.Integer(readonly=True, help="Room nights charged by the last run.")
    attempts = fields.Integer(string="Failed Runs", readonly=True, copy=False,
                              help="Failed unattended runs since the last success; after 3 the job stops "
                                   "retrying and asks the property's managers.")

    _property_date_uniq = models.UniqueIndex("(property_id, date)", "This date is already audited for this property.")

    @api.depends("property_id")
    def _compute_date(self):
        for audit in self:
            if not audit.date and audit.property_id:
                audit.date = audit.property_id._local_today() - timedelta(days=1)

    def copy(self, default=None):  # pylint: disable=method-required-super
        """An audit records what happened on one business date: a copy would be
        a second, invented record of that date."""
        raise UserError(self.env._("A night audit cannot be duplicated: run the audit of the date instead."))

    def action_run(self):
        """Run (or re-run) the audit from the button. A failure is kept on the
        audit (the transaction is not rolled back: the manager sees state,
        reason and chatter note) and shown to the user."""
        failed = self._run_and_record((UserError, ValidationError, psycopg2.IntegrityError))
        if not failed:
            return True
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {
                "type": "danger", "sticky": True, "title": self.env._("Night audit failed"),
                "message": "\n".join(f"{audit.date}: {audit.error}" for audit in failed),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @workflow_method
    def _run_and_record(self, catch):
        """Run each audit in a savepoint; an exception of ``catch`` undoes what
        that audit did and is recorded on it. :return: the failed audits."""
        failed = self.browse()
        for audit in self:
            try:
                with self.env.cr.savepoint():
                    audit._run()
            except catch as exc:
                if isinstance(exc, psycopg2.Error):
                    reason = self.env[self._name]._sql_error_to_message(exc)
                elif isinstance(exc, UserError) and exc.args:
                    reason = exc.args[0]
                else:
                    reason = str(exc)
                audit.write({"state": "failed", "error": reason, "run_at": fields.Datetime.now()})
                audit.message_post(body=self.env._("Night audit failed: %(reason)s", reason=reason))
                failed |= audit
        return failed

    @workflow_method
    def _run(self):
        self.ensure_one()
        prop = self.property_id
        if self.date >= prop._local_today():
            raise UserError(self.env._("The night of %(date)s is not over yet.", date=self.date))
        if prop._no_show_arrival_limit() < self.date:
            raise UserError(self.env._(
                "The night of %(date)s can be audited from %(time)s the next morning, the no-show cut-off of "
                "%(property)s: until then its guests may still arrive.",
                date=self.date, time=format_duration(prop.no_show_hour), property=prop.name))
        Night = self.env["hotel.reservation.night"].sudo()
        in_house_nights = Night.search([
            ("property_id", "=", prop.id), ("date", "=", self.date), ("active", "=", True),
            ("reservation_id.state", "in", ("checked_in", "checked_out")),
        ])
        posted = self.env["hotel.folio"]._post_night_charges(in_house_nights)
        self.env["hotel.reservation"]._mark_due_no_shows(prop, until=self.date)
        self.write(dict(self._compute_figures(), state="done", error=False, attempts=0,
                        run_at=fields.Datetime.now(), charges_posted=len(posted)))
        # The managers asked to look at earlier failures need not any more.
        self.activity_feedback(["mail.mail_activity_data_todo"],
                               feedback=self.env._("The night audit ran successfully."))

    def _compute_figures(self):
        """The day's operating figures of this audit (see _compute_figures_batch)."""
        self.ensure_one()
        return self._compute_figures_batch()[self.id]

    def _compute_figures_batch(self):
        """Operating figures of every audit in ``self``, from one grouped query
        per figure over the ledger, the charges and the reservations, whatever
        the number of audits. Room revenue is the ledger price of the nights
        used (checked in or out); cancellations count by local cancellation day.

        :return: {audit id: {field: value}}
        """
        if not self:
            return {}
        cr = self.env.cr
        self.env.flush_all()
        props = list(set(self.property_id.ids))
        first, last = min(self.mapped("date")), max(self.mapped("date"))
        window = {"props": props, "first": first, "last": last}

        def grouped(query):
            cr.execute(SQL(query, **window))
            return {(prop, day): values for prop, day, *values in cr.fetchall()}

        cr.execute(SQL("SELECT property_id, count(*) FROM hotel_room WHERE property_id = ANY(%(props)s) AND active "
                       "GROUP BY property_id", **window))
        available = dict(cr.fetchall())
        # An active ledger row held by no stay takes its room out of inventory (USALI: out of order).
        out_of_order = grouped("""
            SELECT property_id, date, count(*) FROM hotel_reservation_night
             WHERE property_id = ANY(%(props)s) AND date BETWEEN %(first)s AND %(last)s AND active
               AND reservation_id IS NULL
          GROUP BY property_id, date""")
        sold = grouped("""
            SELECT n.property_id, n.date, count(*), COALESCE(sum(n.price), 0)
              FROM hotel_reservation_night n
              JOIN hotel_reservation r ON r.id = n.reservation_id
             WHERE n.property_id = ANY(%(props)s) AND n.date BETWEEN %(first)s AND %(last)s AND n.active
               AND r.state IN ('checked_in', 'checked_out')
          GROUP BY n.property_id, n.date""")
        other = grouped("""
            SELECT property_id, date, COALESCE(sum(price_subtotal), 0) FROM hotel_folio_line
             WHERE property_id = ANY(%(props)s) AND date BETWEEN %(first)s AND %(last)s AND kind != 'room'
          GROUP BY property_id, date""")
        arrivals = grouped("""
            SELECT property_id, arrival_date, count(*) FILTER (WHERE state IN ('checked_in', 'checked_out')),
                   count(*) FILTER (WHERE state = 'no_show')
              FROM hotel_reservation
             WHERE property_id = ANY(%(props)s) AND arrival_date BETWEEN %(first)s AND %(last)s
          GROUP BY property_id, arrival_date""")
        departures = grouped("""
            SELECT property_id, departure_date, count(*) FROM hotel_reservation
             WHERE property_id = ANY(%(props)s) AND departure_date BETWEEN %(first)s AND %(last)s
               AND state = 'checked_out'
          GROUP BY property_id, departure_date""")
        cancellations = grouped("""
            SELECT r.property_id, (r.cancel_date AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(p.tz, 'UTC'))::date AS day,
                   count(*)
              FROM hotel_reservation r JOIN hotel_property p ON p.id = r.property_id
             WHERE r.property_id = ANY(%(props)s) AND r.state = 'cancelled'
               AND r.cancel_date >= %(first)s::timestamp - interval '1 day'
               AND r.cancel_date < %(last)s::timestamp + interval '2 days'
          GROUP BY 1, 2""")
        result = {}
        for audit in self:
            key = (audit.property_id.id, audit.date)
            blocked = out_of_order.get(key, (0,))[0]
            rooms = available.get(audit.property_id.id, 0) - blocked
            nights, revenue = sold.get(key, (0, 0.0))
            arrived, no_shows = arrivals.get(key, (0, 0))
            result[audit.id] = {
                "rooms_available": rooms, "rooms_out_of_order": blocked, "rooms_sold": nights,
                "room_revenue": revenue,
                "other_revenue": other.get(key, (0.0,))[0],
                "arrivals": arrived, "no_shows": no_shows, "departures": departures.get(key, (0,))[0],
                "cancellations": cancellations.get(key, (0,))[0],
                "occupancy": 100.0 * nights / rooms if rooms else 0.0,
                "adr": revenue / nights if nights else 0.0,
                "revpar": revenue / rooms if rooms else 0.0,
            }
        return result

    @api.model
    def _cron_run_audits(self):
        """Hourly: audit each property's previous local day once its no-show
        cut-off has passed, and retry audits still to run or failed (at most
        MAX_ATTEMPTS unattended failures, then the property's front-desk
        managers get an activity). One transaction per property: a failure at
        one property does not undo the others."""
        self.env["hotel.property"]._cron_for_each_property(self._audit_pending, "Night audit job")

    @api.model
    @workflow_method
    def _audit_pending(self, prop):
        """Create the audit of the last night ``prop`` can audit now and run
        every audit of the property still to run or failed, within the retry
        budget; a failure is recorded on its audit."""
        last = min(prop._local_today() - timedelta(days=1), prop._no_show_arrival_limit())
        if not self.search_count([("property_id", "=", prop.id), ("date", "=", last)]):
            self.create({"property_id": prop.id, "date": last})
        pending = self.search([("property_id", "=", prop.id), ("state", "!=", "done"), ("date", "<=", last),
                               ("attempts", "<", MAX_ATTEMPTS)], order="date")
        # Unattended: any error is recorded on its audit, never lost in the cron log only.
        for audit in pending._run_and_record(Exception):
            audit.attempts += 1
            if audit.attempts >= MAX_ATTEMPTS:
                audit._ask_managers()

    def _ask_managers(self):
        """To-do activity on the audit for the property's front-desk managers
        (hotel administrators where the property has none)."""
        self.ensure_one()
        managers = self.property_id.user_ids.filtered(
            lambda u: u.active and u.has_group("hotel_base.group_hotel_frontdesk_manager"))
        if not managers:
            managers = self.env.ref("hotel_base.group_hotel_admin").user_ids.filtered(
                lambda u: u.active and not u.share and u.id != self.env.ref("base.user_root").id)
        for user in managers:
            self.activity_schedule(
                "mail.mail_activity_data_todo", user_id=user.id,
                summary=self.env._("Night audit of %(date)s failed %(count)s times", date=self.date,
                                   count=self.attempts),
                note=self.error)
