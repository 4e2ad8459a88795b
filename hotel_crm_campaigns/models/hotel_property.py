from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models


class HotelProperty(models.Model):
    """Marketing settings of a property: how long a click earns credit, when a
    guest counts as dormant or lost, the frequency cap and the SMS quiet hours
    (property time), the default holdout and the cost of one SMS. Guest
    relations settings: the complaint deadlines (hours, then working days of
    the property's calendar), who hears of late cases, compensation limits,
    the public review page and the e-mail alias that opens cases."""

    _name = "hotel.property"
    _inherit = ["hotel.property", "mail.alias.mixin.optional"]

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


    # guest relations
    complaint_calendar_id = fields.Many2one(
        "resource.calendar", string="Working Calendar",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Working days and public holidays (global leaves) that count for the written reply deadline; "
             "its own time zone applies.")
    complaint_resolution_hours = fields.Integer(
        string="Resolve within (hours)", default=48, required=True,
        help="Clock hours from the complaint to its resolution.")
    complaint_reply_days = fields.Integer(
        string="Written Reply within (working days)", default=3, required=True,
        help="Working days of the calendar from the complaint to the written reply.")
    complaint_reminder_hours = fields.Integer(
        string="Remind (hours before)", default=4, required=True,
        help="The case owner gets a reminder this many hours before each deadline.")
    complaint_manager_id = fields.Many2one(
        "res.users", string="Escalate to",
        help="Who hears of a case past a deadline; by default the property's front-desk managers.")
    complaint_recurring_count = fields.Integer(
        string="Recurring from (cases)", default=3, required=True,
        help="Cases of one category on one room type within the period below that flag a recurring cause.")
    complaint_recurring_days = fields.Integer(string="Recurring Period (days)", default=30, required=True)
    compensation_limit_desk = fields.Monetary(
        string="Desk Compensation Limit", default=300.0, currency_field="currency_id",
        help="Front-desk users grant compensation up to this value; above it a manager approves.")
    compensation_limit_manager = fields.Monetary(
        string="Manager Compensation Limit", default=2000.0, currency_field="currency_id",
        help="Front-desk managers grant compensation up to this value; above it finance or a hotel "
             "administrator approves.")
    feedback_cooloff_days = fields.Integer(
        string="Survey a Guest at most every (days)", default=30, required=True,
        help="A guest surveyed more recently than this is not surveyed again after another stay.")
    feedback_low_score = fields.Integer(
        string="Low Category Score", default=2, required=True,
        help="A category score (1 to 5) at or below this, like a likelihood to recommend of 0 to 6, opens a "
             "service-recovery case.")
    feedback_review_url = fields.Char(
        string="Public Review Page",
        help="Shown to every guest who answered the survey (whatever the score), e.g. the property's page on "
             "a travel site.")
    feedback_followup_survey_id = fields.Many2one(
        "survey.survey", string="Follow-up Survey",
        help="Its link goes with the written reply of a complaint: how did we handle it?")

    _complaint_deadlines_positive = models.Constraint(
        "CHECK(complaint_resolution_hours > 0 AND complaint_reply_days > 0 AND complaint_reminder_hours >= 0)",
        "Complaint deadlines must be positive.")
    _complaint_recurring_positive = models.Constraint(
        "CHECK(complaint_recurring_count > 1 AND complaint_recurring_days > 0)",
        "A recurring cause needs at least two cases in a positive period.")
    _compensation_limits_order = models.Constraint(
        "CHECK(compensation_limit_desk >= 0 AND compensation_limit_manager >= compensation_limit_desk)",
        "The manager's compensation limit cannot be below the desk's.")
    _feedback_settings_range = models.Constraint(
        "CHECK(feedback_cooloff_days >= 0 AND feedback_low_score BETWEEN 1 AND 4)",
        "The low score is 1 to 4 on the 1-5 scale; the survey pause cannot be negative.")

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

    # ------------------------------------------------------------ complaints

    def _alias_get_creation_values(self):
        """The property's alias opens a complaint at this property."""
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("hotel.complaint")
        if self.id:
            values["alias_defaults"] = repr({"property_id": self.id, "source": "email"})
        return values

    def _complaint_managers(self):
        """Who hears of this property's late cases: the chosen user, else its
        front-desk managers."""
        self.ensure_one()
        if self.complaint_manager_id:
            return self.complaint_manager_id
        group = self.env.ref("hotel_base.group_hotel_frontdesk_manager")
        return group.sudo().all_user_ids.filtered(lambda user: self in user.hotel_property_ids and user.active
                                                  and not user.share)
