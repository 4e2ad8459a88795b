from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models


class HotelProperty(models.Model):
    """Marketing settings of a property: how long a click earns credit, when a
    guest counts as dormant or lost, the frequency cap and the SMS quiet hours
    (property time), the default holdout and the cost of one SMS."""

    _inherit = "hotel.property"

    crm_attribution_days = fields.Integer(
        string="Attribution Window (days)", default=30, required=True,
        help="A booking is credited to the campaign whose link the guest clicked at most this many days before "
             "booking (or whose coupon it used). Opens never earn credit.")
    crm_dormant_days = fields.Integer(string="Dormant after (days)", default=300, required=True,
                                      help="A guest without a stay for this many days is dormant.")
    crm_lost_days = fields.Integer(string="Lost after (days)", default=730, required=True,
                                   help="A guest without a stay for this many days is lost.")
    crm_cap_messages = fields.Integer(
        string="Frequency Cap (messages)", default=2, required=True,
        help="At most this many marketing messages per guest in the cap period, across journeys and campaigns. "
             "Transactional messages (confirmations, reminders) are never capped.")
    crm_cap_days = fields.Integer(string="Frequency Cap Period (days)", default=7, required=True)
    crm_quiet_start = fields.Float(string="SMS Quiet Hours from", default=21.0, required=True,
                                   help="No marketing SMS is sent from this hour (property time)...")
    crm_quiet_end = fields.Float(string="SMS Quiet Hours until", default=8.0, required=True,
                                 help="...until this hour; held messages leave at this hour.")
    crm_holdout_percent = fields.Integer(
        string="Default Holdout (%)", default=10, required=True,
        help="Share of each journey's and campaign's audience kept as a control group and not sent, so that "
             "lift is measured rather than assumed.")
    crm_sms_cost = fields.Monetary(string="Cost per SMS", default=0.05, currency_field="currency_id")

    _crm_attribution_days_range = models.Constraint(
        "CHECK(crm_attribution_days BETWEEN 1 AND 365)", "The attribution window is 1 to 365 days.")
    _crm_dormancy_order = models.Constraint(
        "CHECK(crm_dormant_days > 0 AND crm_lost_days > crm_dormant_days)",
        "A guest is lost only after being dormant: the lost delay must exceed the dormant delay.")
    _crm_cap_positive = models.Constraint(
        "CHECK(crm_cap_messages >= 0 AND crm_cap_days > 0)", "The frequency cap needs a positive period.")
    _crm_quiet_hours_range = models.Constraint(
        "CHECK(crm_quiet_start >= 0 AND crm_quiet_start < 24 AND crm_quiet_end >= 0 AND crm_quiet_end < 24)",
        "Quiet hours are hours of the day (0 to 24).")
    _crm_holdout_range = models.Constraint(
        "CHECK(crm_holdout_percent BETWEEN 0 AND 50)", "The holdout is 0 to 50 % of the audience.")
    _crm_sms_cost_positive = models.Constraint("CHECK(crm_sms_cost >= 0)", "An SMS cannot cost less than nothing.")

    def _crm_in_quiet_hours(self, local_now=None):
        """True when ``local_now`` (default: now at the property) falls in the
        SMS quiet hours; the span may cross midnight (21:00-08:00)."""
        self.ensure_one()
        local_now = local_now or self._local_now()
        hour = local_now.hour + local_now.minute / 60.0
        start, end = self.crm_quiet_start, self.crm_quiet_end
        if start == end:
            return False
        if start < end:
            return start <= hour < end
        return hour >= start or hour < end

    def _crm_quiet_hours_end_utc(self, local_now=None):
        """The next end of the quiet hours as a naive UTC datetime."""
        self.ensure_one()
        local_now = local_now or self._local_now()
        hours, minutes = divmod(round(self.crm_quiet_end * 60), 60)
        end = datetime.combine(local_now.date(), time(hours, minutes))
        if end <= local_now:
            end += timedelta(days=1)
        return pytz.timezone(self.tz or "UTC").localize(end).astimezone(pytz.utc).replace(tzinfo=None)
