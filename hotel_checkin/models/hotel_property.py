from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import ValidationError

MANAGERS = "hotel_base.group_hotel_frontdesk_manager"


def hour_to_time(hour):
    """14.5 -> time(14, 30); 24 -> 23:59 (the end of the day)."""
    minutes = min(round((hour or 0.0) * 60), 24 * 60 - 1)
    return time(*divmod(minutes, 60))


class HotelProperty(models.Model):
    _inherit = "hotel.property"

    # ---------------------------------------------------------------- registration
    registration_required = fields.Boolean(
        string="Register Every Guest",
        help="Check-in is refused until every guest of the room is registered: adults with a valid ID "
             "document recorded at this property, minors with their guardian (公安旅业 registration).")
    # ---------------------------------------------------------------- door codes
    door_code_enabled = fields.Boolean(
        string="One-time Door Codes",
        help="Issue a one-time PIN per stay and room at check-in (before arrival for prepaid self check-in "
             "stays), revoked at check-out, cancellation, no-show and room move.")
    door_code_length = fields.Integer(default=6, help="Digits of a door code (4 to 10).")
    lock_provider_ids = fields.One2many("hotel.lock.provider", "property_id", string="Lock Systems",
                                        groups=MANAGERS)
    # ---------------------------------------------------------------- reminders
    reminder_days_before = fields.Integer(
        string="Arrival Reminder (days before)", default=2,
        help="Days before arrival the guest receives the arrival reminder (0: none).")
    reminder_arrival_hour = fields.Float(string="Arrival Reminder at", default=10.0,
                                         help="Local time of the property.")
    reminder_departure_eve_hour = fields.Float(
        string="Departure Reminder, Evening Before", default=19.0,
        help="Local time on the evening before departure (0: none).")
    reminder_departure_morning_hour = fields.Float(
        string="Departure Reminder, Morning", default=8.0,
        help="Local time on the morning of departure (0: none).")
    reminder_sms = fields.Boolean(
        string="Reminders by SMS too",
        help="Also text the guest where a mobile number is known (Odoo SMS must be set up).")
    parking_info = fields.Text(string="Parking", translate=True)
    checkin_instructions = fields.Text(
        string="Check-in Instructions", translate=True,
        help="How to check in (reception hours, self check-in, where the keys are): in the arrival reminder "
             "and on the pre-check-in page.")
    map_url = fields.Char(string="Map Link", help="Link to the property on a map (Amap, Baidu, Google...).")
    # ---------------------------------------------------------------- late / early
    charge_late_early = fields.Boolean(
        string="Charge Late Check-out / Early Check-in",
        help="Post a charge on the folio when a guest leaves after the free hour of the departure day or checks "
             "in before the free hour of the arrival day (a manager may waive it).")
    late_checkout_free_until = fields.Float(
        string="Late Check-out Free until", default=14.0,
        help="Guests leaving before this local time pay nothing extra (members' late check-out perks count).")
    late_checkout_full_after = fields.Float(
        string="Full Night after", default=18.0,
        help="Guests leaving after this local time pay a full night; between the two, the half-day rate.")
    early_checkin_free_from = fields.Float(
        string="Early Check-in Free from", default=12.0,
        help="Guests checking in from this local time on the arrival day pay nothing extra.")
    early_checkin_full_before = fields.Float(
        string="Full Night before", default=6.0,
        help="Guests checking in before this local time pay a full night; between the two, the half-day rate.")
    half_day_percent = fields.Float(string="Half-day Rate (%)", default=50.0,
                                    help="Share of the night's rate charged for a half day.")

    _door_code_length_check = models.Constraint(
        "CHECK(door_code_length BETWEEN 4 AND 10)", "A door code has 4 to 10 digits.")
    _reminder_days_check = models.Constraint(
        "CHECK(reminder_days_before BETWEEN 0 AND 30)", "The arrival reminder goes 0 to 30 days before arrival.")
    _stay_hours_check = models.Constraint(
        "CHECK(reminder_arrival_hour BETWEEN 0 AND 24 AND reminder_departure_eve_hour BETWEEN 0 AND 24"
        " AND reminder_departure_morning_hour BETWEEN 0 AND 24 AND late_checkout_free_until BETWEEN 0 AND 24"
        " AND late_checkout_full_after BETWEEN 0 AND 24 AND early_checkin_free_from BETWEEN 0 AND 24"
        " AND early_checkin_full_before BETWEEN 0 AND 24 AND half_day_percent BETWEEN 0 AND 100)",
        "Hours are times of the day (0 to 24) and the half-day rate a percentage (0 to 100).")

    @api.constrains("late_checkout_free_until", "late_checkout_full_after", "early_checkin_free_from",
                    "early_checkin_full_before", "checkout_time", "checkin_time")
    def _check_late_early_policy(self):
        """Late check-out: free until an hour not before the check-out time, a full
        night after a later hour; early check-in mirrors it before the check-in time."""
        for prop in self:
            if prop.late_checkout_free_until < prop.checkout_time \
                    or prop.late_checkout_full_after < prop.late_checkout_free_until:
                raise ValidationError(self.env._(
                    "%(prop)s: late check-out must be free until the check-out time at least, and the full night "
                    "start after the free period.", prop=prop.name))
            if prop.early_checkin_free_from > prop.checkin_time \
                    or prop.early_checkin_full_before > prop.early_checkin_free_from:
                raise ValidationError(self.env._(
                    "%(prop)s: early check-in must be free from the check-in time at the latest, and the full "
                    "night end before the free period.", prop=prop.name))

    @api.constrains("reminder_arrival_hour", "reminder_departure_eve_hour", "reminder_departure_morning_hour")
    def _check_reminder_hours(self):
        """Reminders go out between 07:00 and 22:00 local time: an hour outside
        would never be reached (0 switches a departure reminder off)."""
        for prop in self:
            hours = [prop.reminder_arrival_hour, prop.reminder_departure_eve_hour,
                     prop.reminder_departure_morning_hour]
            if any(hour and self._reminder_quiet(hour) for hour in hours):
                raise ValidationError(self.env._(
                    "%(prop)s: reminders are sent between 07:00 and 22:00; choose hours in that range.",
                    prop=prop.name))

    # ---------------------------------------------------------------- local time
    def _local_moment(self, day, hour):
        """UTC naive datetime of ``hour`` (e.g. 14.5) local time on ``day``."""
        self.ensure_one()
        return self._to_utc(datetime.combine(day, hour_to_time(hour)))

    def _local_hour(self, utc_dt=None):
        """The property's local time of ``utc_dt`` (default now) as (date, hour float)."""
        self.ensure_one()
        local = self._from_utc(utc_dt) if utc_dt else self._local_now()
        return local.date(), local.hour + local.minute / 60.0

    def _lock_provider(self):
        """The active lock system of the property (sudo: the secret is never read here)."""
        self.ensure_one()
        return self.env["hotel.lock.provider"].sudo().search(
            [("property_id", "=", self.id), ("active", "=", True)], limit=1)

    def _stay_window(self, arrival, departure, until_hour=None):
        """(from, until) UTC of a stay: check-in time on the arrival day to the
        check-out time (or ``until_hour``) on the departure day, in the
        property's timezone."""
        self.ensure_one()
        return (self._local_moment(arrival, self.checkin_time),
                self._local_moment(departure, until_hour if until_hour is not None else self.checkout_time))

    @api.model
    def _reminder_quiet(self, hour):
        """Reminders are sent between 07:00 and 22:00 local time only."""
        return hour < 7.0 or hour >= 22.0
