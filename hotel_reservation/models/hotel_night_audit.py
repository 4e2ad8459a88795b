from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

AUDIT_STATES = [("draft", "To Run"), ("done", "Done"), ("failed", "Failed")]


class HotelNightAudit(models.Model):
    """Night audit (夜审) of one property for one business date.

    Running it charges the night's room rate of every in-house stay not yet
    charged, applies the no-show rule to arrivals of the date, and stores the
    day's figures. Idempotent (a night is charged once: unique index on the
    charge's night) and set-based (grouped SQL, one batched create). A failure
    rolls everything back and is recorded with its reason.
    """

    _name = "hotel.night.audit"
    _description = "Night Audit"
    _inherit = ["mail.thread"]
    _order = "date desc, property_id"
    _rec_name = "date"
    _check_company_auto = True

    property_id = fields.Many2one("hotel.property", required=True, index=True,
                                  default=lambda self: self.env.user.hotel_property_ids[:1])
    company_id = fields.Many2one(related="property_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, index=True, default=lambda self: fields.Date.context_today(self)
                       - timedelta(days=1))
    state = fields.Selection(AUDIT_STATES, default="draft", required=True, tracking=True)
    error = fields.Text(readonly=True)
    run_at = fields.Datetime(readonly=True)
    rooms_available = fields.Integer(readonly=True)
    rooms_sold = fields.Integer(readonly=True)
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

    _property_date_uniq = models.UniqueIndex("(property_id, date)", "This date is already audited for this property.")

    def action_run(self):
        """Run (or re-run) the audit; on failure nothing is posted and the reason is kept."""
        for audit in self:
            try:
                with self.env.cr.savepoint():
                    audit._run()
            except (UserError, ValueError) as exc:
                audit.write({"state": "failed", "error": str(exc), "run_at": fields.Datetime.now()})
                raise UserError(self.env._("Night audit of %(date)s failed: %(reason)s", date=audit.date,
                                           reason=exc)) from exc
        return True

    def _run(self):
        self.ensure_one()
        if self.date >= self.property_id._local_today():
            raise UserError(self.env._("The night of %(date)s is not over yet.", date=self.date))
        Night = self.env["hotel.reservation.night"].sudo()
        in_house_nights = Night.search([
            ("property_id", "=", self.property_id.id), ("date", "=", self.date), ("active", "=", True),
            ("reservation_id.state", "in", ("checked_in", "checked_out")),
        ])
        posted = self.env["hotel.folio"]._post_night_charges(in_house_nights)
        late = self.env["hotel.reservation"].sudo().search([
            ("property_id", "=", self.property_id.id), ("state", "=", "confirmed"),
            ("arrival_date", "<=", self.date),
        ])
        if late:
            late.action_no_show()
        self.write(dict(self._compute_figures(), state="done", error=False, run_at=fields.Datetime.now(),
                        charges_posted=len(posted)))

    def _compute_figures(self):
        """The day's operating figures, from grouped queries over the ledger and charges."""
        self.ensure_one()
        prop, day = self.property_id, self.date
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(SQL("SELECT count(*) FROM hotel_room WHERE property_id = %s AND active", prop.id))
        available = cr.fetchone()[0]
        cr.execute(SQL(
            """SELECT count(*), COALESCE(sum(n.price), 0)
                 FROM hotel_reservation_night n
                 JOIN hotel_reservation r ON r.id = n.reservation_id
                WHERE n.property_id = %s AND n.date = %s AND n.active
                  AND r.state IN ('checked_in', 'checked_out')""", prop.id, day))
        sold, room_revenue = cr.fetchone()
        cr.execute(SQL(
            """SELECT COALESCE(sum(price_subtotal), 0) FROM hotel_folio_line
                WHERE property_id = %s AND date = %s AND kind != 'room'""", prop.id, day))
        other_revenue = cr.fetchone()[0]
        counts = dict.fromkeys(("arrivals", "departures", "no_shows", "cancellations"), 0)
        for field, domain in (
            ("arrivals", [("arrival_date", "=", day), ("state", "in", ("checked_in", "checked_out"))]),
            ("departures", [("departure_date", "=", day), ("state", "=", "checked_out")]),
            ("no_shows", [("arrival_date", "=", day), ("state", "=", "no_show")]),
            ("cancellations", [("state", "=", "cancelled"), ("cancel_date", ">=", self._utc_day_start(day)),
                               ("cancel_date", "<", self._utc_day_start(day + timedelta(days=1)))]),
        ):
            counts[field] = self.env["hotel.reservation"].sudo().search_count(
                [("property_id", "=", prop.id), *domain])
        return dict(
            counts,
            rooms_available=available, rooms_sold=sold, room_revenue=room_revenue, other_revenue=other_revenue,
            occupancy=100.0 * sold / available if available else 0.0,
            adr=room_revenue / sold if sold else 0.0,
            revpar=room_revenue / available if available else 0.0,
        )

    def _utc_day_start(self, day):
        return self.property_id._to_utc(fields.Datetime.to_datetime(day))

    @api.model
    def _cron_run_audits(self):
        """Daily: audit yesterday (local date) of every property, once."""
        for prop in self.env["hotel.property"].search([("active", "=", True)]):
            day = prop._local_today() - timedelta(days=1)
            audit = self.search([("property_id", "=", prop.id), ("date", "=", day)]) \
                or self.create({"property_id": prop.id, "date": day})
            if audit.state != "done":
                try:
                    audit.action_run()
                except UserError:
                    continue  # recorded on the audit as failed, with its reason
