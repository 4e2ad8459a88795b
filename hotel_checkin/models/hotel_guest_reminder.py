import logging
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.hotel_base.tools.rules import workflow_write

_logger = logging.getLogger(__name__)

KINDS = [
    ("pre_arrival", "Before arrival"),
    ("departure_eve", "Evening before departure"),
    ("departure_morning", "Morning of departure"),
]
TEMPLATES = {
    "pre_arrival": ("hotel_checkin.mail_template_reminder_arrival", "hotel_checkin.sms_template_reminder_arrival"),
    "departure_eve": ("hotel_checkin.mail_template_reminder_departure",
                      "hotel_checkin.sms_template_reminder_departure"),
    "departure_morning": ("hotel_checkin.mail_template_reminder_departure",
                          "hotel_checkin.sms_template_reminder_departure"),
}


class HotelGuestReminder(models.Model):
    """A reminder sent to a guest about a stay (transactional, not marketing:
    no consent needed, every guest who can be reached gets it; an opt-out of
    marketing does not stop it, Odoo's blacklist of an address does).

    Invariant: one reminder of each kind per stay, ever (unique index). The row
    is written before the message in the same transaction, so two runs of the
    job cannot both send it.
    """

    _name = "hotel.guest.reminder"
    _description = "Guest Reminder"
    _inherit = ["hotel.property.mixin"]
    _order = "sent_at desc, id desc"
    _hotel_property_fields = ("reservation_id",)
    _hotel_protected_fields = ("reservation_id", "kind", "sent_at", "partner_id")

    reservation_id = fields.Many2one("hotel.reservation", required=True, index=True, ondelete="cascade",
                                     readonly=True)
    property_id = fields.Many2one(related="reservation_id.property_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Guest", readonly=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    sent_at = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    channels = fields.Char(readonly=True, help="e-mail, SMS, or why nothing could be sent")

    _once_per_stay = models.UniqueIndex("(reservation_id, kind)", "This reminder was sent for this stay already.")

    @api.model
    def _cron_send(self):
        """Hourly: each property's due reminders (its own transaction per
        property; see hotel.property._cron_for_each_property)."""
        def job(prop):
            self.env["hotel.reservation"]._self_checkin_job(prop)
            self._send_due(prop)
        self.env["hotel.property"]._cron_for_each_property(job, "Guest reminders")

    @api.model
    def _due(self, prop, now=None):
        """{kind: stays} due at ``now`` (UTC) at ``prop``, in the property's time:
        - before arrival: ``reminder_days_before`` days ahead at the set hour,
          to bookings made before that moment, until the arrival day's check-in time;
        - evening before departure, at its hour, to guests in house;
        - morning of departure, from its hour until the check-out time.
        Nothing in the quiet hours (22:00-07:00): it goes at the next run after."""
        now = now or fields.Datetime.now()
        today, hour = prop._local_hour(now)
        due = {kind: self.env["hotel.reservation"] for kind, _label in KINDS}
        if prop._reminder_quiet(hour):
            return due
        Res = self.env["hotel.reservation"].sudo()
        sent = self.sudo()
        if prop.reminder_days_before:
            horizon = today + timedelta(days=prop.reminder_days_before)
            stays = Res.search([("property_id", "=", prop.id), ("state", "=", "confirmed"),
                                ("arrival_date", ">=", today), ("arrival_date", "<=", horizon)])
            stays = stays.filtered(lambda r: prop._local_moment(
                r.arrival_date - timedelta(days=prop.reminder_days_before), prop.reminder_arrival_hour) <= now
                and r.create_date <= prop._local_moment(
                    r.arrival_date - timedelta(days=prop.reminder_days_before), prop.reminder_arrival_hour)
                and (r.arrival_date > today or hour < prop.checkin_time))
            due["pre_arrival"] = stays
        if prop.reminder_departure_eve_hour and hour >= prop.reminder_departure_eve_hour:
            due["departure_eve"] = Res.search([("property_id", "=", prop.id), ("state", "=", "checked_in"),
                                               ("departure_date", "=", today + timedelta(days=1))])
        if prop.reminder_departure_morning_hour and prop.reminder_departure_morning_hour <= hour < prop.checkout_time:
            due["departure_morning"] = Res.search([("property_id", "=", prop.id), ("state", "=", "checked_in"),
                                                   ("departure_date", "=", today)])
        done = sent.search([("reservation_id", "in", [r.id for stays in due.values() for r in stays])])
        done_keys = {(r.reservation_id.id, r.kind) for r in done}
        return {kind: stays.filtered(lambda r, k=kind: (r.id, k) not in done_keys) for kind, stays in due.items()}

    @api.model
    def _send_due(self, prop, now=None):
        """Send what is due: one message per guest and booking for each kind
        (a guest with two rooms gets one), logged per stay."""
        sent = self.browse()
        for kind, stays in self._due(prop, now).items():
            groups = {}
            for res in stays:
                groups.setdefault((res.folio_id, res.partner_id), res.browse())
                groups[(res.folio_id, res.partner_id)] |= res
            for (_folio, partner), group in groups.items():
                try:
                    # one guest's failure (an unrenderable template...) does not hold the others back
                    with self.env.cr.savepoint():
                        sent |= self._send_group(kind, partner, group)
                except Exception:
                    _logger.exception("%s reminder of %s failed", kind, group.mapped("name"))
        return sent

    @api.model
    def _send_group(self, kind, partner, group):
        """Log then send one reminder to ``partner`` about the stays ``group``:
        logged first, so a concurrent run fails on the unique index before
        sending twice."""
        with workflow_write():
            rows = self.sudo().create([{"reservation_id": res.id, "partner_id": partner.id, "kind": kind}
                                       for res in group])
            rows.flush_recordset()
            rows.write({"channels": group[0]._send_reminder(kind, group)})
        return rows
