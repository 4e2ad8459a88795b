import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import format_date

_logger = logging.getLogger(__name__)

TRIGGERS = [
    ("birthday", "Birthday"),
    ("pre_arrival", "Before Arrival"),
    ("after_checkout", "After Check-out"),
    ("dormant", "Dormant Guest"),
    ("first_stay", "First Stay Completed"),
    ("tier_upgrade", "Tier Upgrade"),
    ("cancellation", "Cancellation without Rebooking"),
    ("survey", "Post-stay Survey"),
]
# what the delay counts, per trigger (hours after check-out, days otherwise)
DEFAULT_DELAYS = {"birthday": 0, "pre_arrival": 3, "after_checkout": 24, "dormant": 300, "first_stay": 1,
                   "tier_upgrade": 0, "cancellation": 7, "survey": 24}
HOURLY = {"after_checkout", "survey"}
TRANSACTIONAL = {"pre_arrival"}
SERVICE = {"survey"}  # not marketing (no consent, cap or holdout), yet opt-outs are honoured
GRACE_DAYS = 3  # a job that did not run for a day or two still catches its guests (the key stops repeats)

CANDIDATES_SQL = {
    "birthday": """
        SELECT m.partner_id, NULL::int, 'birthday-' || %(target_year)s
          FROM hotel_guest_metric m JOIN res_partner p ON p.id = m.partner_id
         WHERE m.property_id = %(property)s AND p.active AND p.guest_birthdate IS NOT NULL
           AND to_char(p.guest_birthdate, 'MM-DD') = ANY(%(birthdays)s)""",
    "pre_arrival": """
        SELECT r.partner_id, r.id, 'stay-' || r.id
          FROM hotel_reservation r
         WHERE r.property_id = %(property)s AND r.state = 'confirmed' AND r.partner_id IS NOT NULL
           AND r.arrival_date BETWEEN %(today)s AND %(target)s""",
    "after_checkout": """
        SELECT r.partner_id, r.id, 'stay-' || r.id
          FROM hotel_reservation r
         WHERE r.property_id = %(property)s AND r.state = 'checked_out' AND r.partner_id IS NOT NULL
           AND r.checkout_at <= %(now)s - make_interval(hours => %(delay)s)
           AND r.checkout_at > %(now)s - make_interval(hours => %(delay)s, days => %(grace)s)""",
    "dormant": """
        SELECT m.partner_id, NULL::int, 'dormant-' || m.last_stay_date
          FROM hotel_guest_metric m
         WHERE m.property_id = %(property)s
           AND m.last_stay_date <= %(today)s - %(delay)s AND m.last_stay_date > %(today)s - %(delay)s - 30
           AND NOT EXISTS (SELECT 1 FROM hotel_reservation o
                            WHERE o.partner_id = m.partner_id AND o.property_id = %(property)s
                              AND o.state IN ('confirmed', 'checked_in'))""",
    "first_stay": """
        SELECT r.partner_id, r.id, 'first-stay'
          FROM hotel_reservation r
         WHERE r.property_id = %(property)s AND r.state = 'checked_out' AND r.partner_id IS NOT NULL
           AND r.departure_date BETWEEN %(today)s - %(delay)s - %(grace)s AND %(today)s - %(delay)s
           AND NOT EXISTS (SELECT 1 FROM hotel_reservation o
                            WHERE o.partner_id = r.partner_id AND o.property_id = %(property)s
                              AND o.state = 'checked_out' AND o.id <> r.id)""",
    "tier_upgrade": """
        SELECT c.partner_id, NULL::int, 'tier-' || c.id
          FROM hotel_loyalty_tier_change c JOIN loyalty_program p ON p.id = c.program_id
         WHERE p.company_id = %(company)s AND c.direction = 'up' AND c.partner_id IS NOT NULL
           AND c.date BETWEEN %(today)s - %(delay)s - %(grace)s AND %(today)s - %(delay)s
           -- a chain's member hears it once: from the property of their latest stay
           AND %(property)s = (SELECT r.property_id FROM hotel_reservation r
                                WHERE r.partner_id = c.partner_id AND r.state = 'checked_out'
                                ORDER BY r.departure_date DESC, r.id DESC LIMIT 1)""",
    "cancellation": """
        -- one message per cancelled booking, to its booker, unless they booked again since
        SELECT DISTINCT ON (f.id) f.partner_id, r.id, 'cancel-folio-' || f.id
          FROM hotel_reservation r JOIN hotel_folio f ON f.id = r.folio_id
         WHERE r.property_id = %(property)s AND r.state = 'cancelled'
           AND r.cancel_date <= %(now)s - make_interval(days => %(delay)s)
           AND r.cancel_date > %(now)s - make_interval(days => %(delay)s + %(grace)s)
           AND NOT EXISTS (SELECT 1 FROM hotel_reservation o JOIN hotel_folio of ON of.id = o.folio_id
                            WHERE (o.partner_id = f.partner_id OR of.partner_id = f.partner_id)
                              AND o.property_id = %(property)s AND o.id <> r.id
                              AND o.create_date > r.create_date AND o.arrival_date >= %(today)s
                              AND o.state IN ('draft', 'confirmed', 'checked_in'))
         ORDER BY f.id, r.id""",
    "survey": """
        -- one survey per guest and departure (several rooms: the latest), a guest we can reach, not
        -- surveyed for this stay nor for another stay here within the pause
        SELECT DISTINCT ON (r.partner_id) r.partner_id, r.id, 'stay-' || r.id
          FROM hotel_reservation r JOIN res_partner p ON p.id = r.partner_id
         WHERE r.property_id = %(property)s AND r.state = 'checked_out' AND p.active
           AND r.checkout_at <= %(now)s - make_interval(hours => %(delay)s)
           AND r.checkout_at > %(now)s - make_interval(hours => %(delay)s, days => %(grace)s)
           AND CASE WHEN %(channel)s = 'sms'
                    THEN COALESCE(p.phone_sanitized, '') <> '' AND NOT EXISTS (
                         SELECT 1 FROM phone_blacklist b WHERE b.number = p.phone_sanitized AND b.active)
                    ELSE COALESCE(p.email_normalized, '') <> '' AND NOT EXISTS (
                         SELECT 1 FROM mail_blacklist b WHERE b.email = p.email_normalized AND b.active) END
           -- this stay, or another room of the same departure, already surveyed (by any journey)
           AND NOT EXISTS (SELECT 1 FROM survey_user_input u JOIN hotel_reservation s ON s.id = u.hotel_reservation_id
                            WHERE (s.id = r.id OR (u.partner_id = r.partner_id AND s.property_id = r.property_id
                                                   AND s.departure_date = r.departure_date)))
           AND NOT EXISTS (SELECT 1 FROM survey_user_input u
                            WHERE u.partner_id = r.partner_id AND u.hotel_property_id = r.property_id
                              AND u.hotel_reservation_id IS NOT NULL
                              AND u.create_date > %(now)s - make_interval(days => %(cooloff)s))
         ORDER BY r.partner_id, r.checkout_at DESC, r.id DESC""",
}


class HotelJourney(models.Model):
    """An automated message sent when something happens to a guest (birthday,
    arrival coming, stay over, gone quiet, upgraded, cancelled).

    Invariants: each run finds its guests set-based and records one
    occurrence per guest and key (unique), so a guest gets each occurrence
    once however often the job runs; a run's messages go through one Odoo
    mailing, so marketing journeys obey consent, the frequency cap, the quiet
    hours and the journey's control group (see ``mailing.mailing``); runs
    happen at the journey's hour, property time, once a day.
    """

    _name = "hotel.journey"
    _description = "Guest Journey"
    _inherit = ["mail.thread"]
    _order = "property_id, sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    property_id = fields.Many2one("hotel.property", required=True, index=True, tracking=True,
                                  default=lambda self: self.env["hotel.property"].search([], limit=1))
    company_id = fields.Many2one(related="property_id.company_id", store=True)
    currency_id = fields.Many2one(related="property_id.currency_id")
    trigger = fields.Selection(TRIGGERS, required=True, default="birthday", tracking=True)
    delay = fields.Integer(compute="_compute_delay", store=True, readonly=False, tracking=True,
                            help="Days before the birthday or the arrival; hours after check-out; days after the "
                                 "last stay (dormant), the first stay, the upgrade or the cancellation.")
    delay_unit = fields.Char(compute="_compute_delay_unit")
    marketing = fields.Boolean(compute="_compute_marketing", store=True, readonly=False, tracking=True,
                               help="Marketing messages need consent and obey the cap, quiet hours and holdout; "
                                    "transactional ones (pre-arrival reminders) reach every guest.")
    channel = fields.Selection([("mail", "E-mail"), ("sms", "SMS")], required=True, default="mail",
                               tracking=True)
    segment_id = fields.Many2one("hotel.segment", string="Only Guests of Segment", tracking=True)
    send_hour = fields.Float(string="Send at", default=10.0, required=True,
                             help="Hour of the day, property time, from which the day's run may happen.")
    holdout_percent = fields.Integer(
        string="Holdout (%)", required=True,
        default=lambda self: self.env["hotel.property"].search([], limit=1).crm_holdout_percent or 10)
    subject = fields.Char(translate=True)
    body_html = fields.Html(string="E-mail", sanitize_attributes=False, sanitize=False, translate=True,
                            default=lambda self: self._default_body_html())
    sms_body = fields.Text(string="SMS", translate=True)
    coupon_program_id = fields.Many2one("loyalty.program", string="Offer",
                                        domain="[('program_type', '=', 'coupons'), ('company_id', 'in', "
                                               "[company_id, False])]",
                                        help="Each guest of a run gets a coupon of this programme; its code goes in "
                                             "the message and a booking that uses it is credited to the journey.")
    coupon_days = fields.Integer(string="Coupon Valid (days)", default=60)
    survey_id = fields.Many2one(
        "survey.survey", domain="[('access_mode', '=', 'token')]",
        help="Post-stay survey: each guest gets a personal link bound to their stay (object.survey_url in the "
             "message).")
    campaign_id = fields.Many2one("utm.campaign", readonly=True, copy=False)
    last_run_date = fields.Date(readonly=True, copy=False)
    mailing_ids = fields.One2many("mailing.mailing", "hotel_journey_id", string="Runs")
    occurrence_ids = fields.One2many("hotel.journey.occurrence", "journey_id")
    occurrence_count = fields.Integer(compute="_compute_occurrence_count", string="Guests Reached")

    result_sent = fields.Integer(compute="_compute_results", string="Sent")
    result_control = fields.Integer(compute="_compute_results", string="Control Group")
    result_conversion = fields.Float(compute="_compute_results", string="Conversion (%)", digits=(12, 2))
    result_control_conversion = fields.Float(compute="_compute_results", string="Control Conversion (%)",
                                             digits=(12, 2))
    result_lift = fields.Float(compute="_compute_results", string="Lift (points)", digits=(12, 2))
    result_revenue = fields.Monetary(compute="_compute_results", string="Credited Revenue")
    result_incremental = fields.Monetary(compute="_compute_results", string="Incremental Revenue")
    result_cost = fields.Monetary(compute="_compute_results", string="Cost")
    result_roi = fields.Float(compute="_compute_results", string="ROI (%)", digits=(12, 1))

    _delay_positive = models.Constraint("CHECK(delay >= 0)", "The delay cannot be negative.")
    _send_hour_range = models.Constraint("CHECK(send_hour >= 0 AND send_hour < 24)",
                                         "The sending hour is an hour of the day (0 to 24).")
    _holdout_range = models.Constraint("CHECK(holdout_percent BETWEEN 0 AND 50)",
                                       "The holdout is 0 to 50 % of the audience.")
    _coupon_days_positive = models.Constraint("CHECK(coupon_days > 0)", "A coupon must be valid at least a day.")

    def _default_body_html(self):
        return self.env._(
            '<div style="font-family: sans-serif; font-size: 14px;">'
            '<p>Dear <t t-out="object.partner_id.name">Guest</t>,</p>'
            '<p>Thank you for staying with us.</p>'
            '<p t-if="object.tier_name">Your membership: <t t-out="object.tier_name">Gold</t>, '
            '<t t-out="int(object.points)">1200</t> points.</p>'
            '<p t-if="object.coupon_code">Your offer code: <strong t-out="object.coupon_code">CODE</strong></p>'
            '<p t-if="object.survey_url"><a t-att-href="object.survey_url">Tell us about your stay</a></p>'
            '<p><a href="/my/membership">Book your next stay</a></p>'
            '</div>')

    @api.depends("trigger")
    def _compute_delay(self):
        for journey in self:
            journey.delay = DEFAULT_DELAYS.get(journey.trigger, 0)

    @api.depends("trigger")
    def _compute_delay_unit(self):
        for journey in self:
            hours = journey.trigger in HOURLY
            journey.delay_unit = self.env._("hours") if hours else self.env._("days")

    @api.depends("trigger")
    def _compute_marketing(self):
        for journey in self:
            journey.marketing = journey.trigger not in TRANSACTIONAL | SERVICE

    def _compute_occurrence_count(self):
        counts = dict(self.env["hotel.journey.occurrence"]._read_group(
            [("journey_id", "in", self.ids)], ["journey_id"], ["__count"]))
        for journey in self:
            journey.occurrence_count = counts.get(journey, 0)

    def _compute_results(self):
        Result = self.env["hotel.campaign.result"].sudo()
        names = ["result_sent", "result_control", "result_conversion", "result_control_conversion", "result_lift",
                 "result_revenue", "result_incremental", "result_cost", "result_roi"]
        totals = Result._totals_by_journey(self.ids) if self.ids else {}
        for journey in self:
            figures = totals.get(journey.id)
            if not figures:
                journey.update(dict.fromkeys(names, 0))
                continue
            journey.update({
                "result_sent": figures["sent"], "result_control": figures["control"],
                "result_conversion": figures["conversion_rate"],
                "result_control_conversion": figures["control_conversion_rate"],
                "result_lift": figures["lift"], "result_revenue": figures["revenue"],
                "result_incremental": figures["incremental_revenue"], "result_cost": figures["cost"],
                "result_roi": figures["roi"],
            })

    @api.constrains("channel", "marketing", "send_hour", "property_id", "subject", "sms_body", "trigger",
                    "survey_id")
    def _check_message(self):
        for journey in self:
            if journey.trigger == "survey" and not journey.survey_id:
                raise ValidationError(self.env._("Journey “%s” sends a survey: choose it.", journey.name))
            if journey.trigger in SERVICE and journey.marketing:
                raise ValidationError(self.env._(
                    "Journey “%s” is a service message (a survey): it is not marketing.", journey.name))
            if not journey.marketing and journey.trigger not in TRANSACTIONAL | SERVICE:
                raise ValidationError(self.env._(
                    "Journey “%s” is marketing: it needs the guest's consent and obeys the frequency cap and the "
                    "quiet hours.", journey.name))
            if journey.channel == "mail" and not journey.subject:
                raise ValidationError(self.env._("Journey “%s” sends e-mails: give it a subject.", journey.name))
            if journey.channel == "sms" and not (journey.sms_body or "").strip():
                raise ValidationError(self.env._("Journey “%s” sends SMS: write the text.", journey.name))
            prop = journey.property_id
            if journey.channel == "sms" and journey.marketing:
                hours, minutes = divmod(round(journey.send_hour * 60), 60)
                local = prop._local_now().replace(hour=hours, minute=minutes)
                if prop._crm_in_quiet_hours(local):
                    raise ValidationError(self.env._(
                        "Journey “%(name)s” would send marketing SMS at %(hour)02d:%(minute)02d, inside the "
                        "quiet hours of %(property)s: choose another hour.",
                        name=journey.name, hour=hours, minute=minutes, property=prop.name))

    @api.model_create_multi
    def create(self, vals_list):
        journeys = super().create(vals_list)
        for journey in journeys:
            journey.campaign_id = self.env["utm.campaign"].sudo().create({"name": journey.name}).id
        return journeys

    # ------------------------------------------------------------ runs

    def _candidates(self, today, now):
        """(guest, reservation, key) of the guests this journey is for on the
        property's local date ``today`` (``now``: naive UTC), segment applied."""
        self.ensure_one()
        target = today + timedelta(days=self.delay)
        birthdays = [target.strftime("%m-%d")]
        if birthdays[0] == "02-28" and not (target.year % 4 == 0 and (target.year % 100 or target.year % 400 == 0)):
            birthdays.append("02-29")  # leap-day guests celebrate on the 28th in other years
        params = {
            "property": self.property_id.id, "company": self.company_id.id, "today": today, "target": target,
            "target_year": str(target.year), "birthdays": birthdays, "now": now, "delay": self.delay,
            "grace": GRACE_DAYS, "channel": self.channel, "cooloff": self.property_id.feedback_cooloff_days,
        }
        self.env.flush_all()
        self.env.cr.execute(CANDIDATES_SQL[self.trigger], params)
        rows = self.env.cr.fetchall()
        if self.segment_id and rows:
            allowed = {
                partner.id for [partner] in self.env["hotel.guest.metric"].sudo()._read_group(
                    self.segment_id._metric_domain()
                    & Domain([("property_id", "=", self.property_id.id),
                              ("partner_id", "in", list({r[0] for r in rows}))]),
                    ["partner_id"])
            }
            rows = [row for row in rows if row[0] in allowed]
        return rows

    def _run(self):
        """Record today's new occurrences of each journey and queue one Odoo
        mailing for them; returns the mailings created."""
        mailings = self.env["mailing.mailing"]
        for journey in self:
            prop = journey.property_id
            today = prop._local_today()
            rows = journey._candidates(today, fields.Datetime.now())
            new_ids = []
            if rows:
                self.env.cr.execute("""
                    INSERT INTO hotel_journey_occurrence (journey_id, property_id, partner_id, reservation_id, key,
                                                          create_uid, write_uid, create_date, write_date)
                    SELECT %s, %s, r.partner_id, r.reservation_id, r.key, %s, %s,
                           NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
                      FROM unnest(%s::int[], %s::int[], %s::varchar[]) AS r(partner_id, reservation_id, key)
                        ON CONFLICT (journey_id, partner_id, key) DO NOTHING
                    RETURNING id
                """, [journey.id, prop.id, self.env.uid, self.env.uid, [r[0] for r in rows], [r[1] for r in rows],
                      [r[2] for r in rows]])
                new_ids = sorted(row[0] for row in self.env.cr.fetchall())
            journey.last_run_date = today
            if not new_ids:
                continue
            occurrences = self.env["hotel.journey.occurrence"].browse(new_ids)
            if journey.coupon_program_id:
                journey._issue_coupons(occurrences, today)
            if journey.trigger == "survey":
                journey._invite_to_survey(occurrences)
            # one mailing per guest language, in that language; from the property's company
            Mailing = self.env["mailing.mailing"].sudo().with_company(journey.company_id)
            for lang in sorted(set(occurrences.partner_id.mapped("lang")), key=lambda code: code or ""):
                in_lang = occurrences.filtered(lambda o, lang=lang: o.partner_id.lang == lang)
                localized = journey.with_context(lang=lang or journey.property_id.lang or self.env.lang)
                mailing = Mailing.create(localized._mailing_values(in_lang, today))
                mailing.action_put_in_queue()
                mailings |= mailing
        return mailings

    def _issue_coupons(self, occurrences, today):
        """One coupon of the journey's offer per occurrence, in one create."""
        self.ensure_one()
        # the code goes out in the journey's own message, through the guard rails: not in loyalty's creation mail
        coupons = self.env["loyalty.card"].sudo().with_context(loyalty_no_mail=True).create([{
            "program_id": self.coupon_program_id.id,
            "partner_id": occurrence.partner_id.id,
            "points": 1.0,
            "expiration_date": today + timedelta(days=self.coupon_days),
        } for occurrence in occurrences])
        for occurrence, coupon in zip(occurrences.sudo(), coupons, strict=True):
            occurrence.coupon_id = coupon

    def _invite_to_survey(self, occurrences):
        """One survey answer per occurrence, bound to its stay, in one create:
        its token is the guest's personal link."""
        self.ensure_one()
        answers = self.env["survey.user_input"].sudo().create([{  # (sudo: the hotel's own links)
            "survey_id": self.survey_id.id,
            "partner_id": occurrence.partner_id.id,
            "email": occurrence.partner_id.email,
            "nickname": occurrence.partner_id.name,
            "hotel_property_id": self.property_id.id,
            "hotel_reservation_id": occurrence.reservation_id.id,
        } for occurrence in occurrences])
        for occurrence, answer in zip(occurrences.sudo(), answers, strict=True):
            occurrence.survey_input_id = answer

    def _mailing_values(self, occurrences, today):
        self.ensure_one()
        return {
            "name": self.env._("%(journey)s · %(date)s", journey=self.name, date=format_date(self.env, today)),
            "subject": self.subject or self.name,
            "mailing_type": self.channel,
            "mailing_model_id": self.env["ir.model"]._get_id("hotel.journey.occurrence"),
            "mailing_domain": repr([("id", "in", occurrences.ids)]),
            "body_html": self.body_html if self.channel == "mail" else False,
            "body_plaintext": self.sms_body if self.channel == "sms" else False,
            "hotel_property_id": self.property_id.id,
            "hotel_journey_id": self.id,
            "hotel_marketing": self.marketing,
            "hotel_holdout_percent": self.holdout_percent if self.marketing else 0,
            "campaign_id": self.campaign_id.id,
            # transactional reminders reach every guest who can be reached
            "use_exclusion_list": self.marketing or self.trigger in SERVICE,
            "schedule_type": "now",
        }

    def _is_due(self):
        """Due once a day from its hour, property time; a day missed (the job
        down, or an hour after the job's last run of the day) is due at once."""
        self.ensure_one()
        now = self.property_id._local_now()
        if not self.last_run_date or self.last_run_date < now.date() - timedelta(days=1):
            return True
        return self.last_run_date < now.date() and now.hour + now.minute / 60.0 >= self.send_hour

    @api.model
    def _cron_run(self):
        """Hourly: run each journey that is due; a journey that fails is
        logged and skipped without stopping the others."""
        due = self.search([("active", "=", True)]).filtered(lambda j: j._is_due())
        Cron = self.env["ir.cron"]
        Cron._commit_progress(remaining=len(due))
        for journey in due:
            try:
                with self.env.cr.savepoint():
                    journey._run()
            except Exception:
                _logger.exception("Journey %s failed", journey.display_name)
            if not Cron._commit_progress(processed=1):
                break

    def action_run_now(self):
        mailings = self._run()
        if not mailings:
            return {"type": "ir.actions.client", "tag": "display_notification", "params": {
                "type": "info", "message": self.env._("No guest is due for this journey today.")}}
        return self.action_view_runs()

    def action_view_runs(self):
        self.ensure_one()
        self.check_access("read")  # the action names the record: only for those who may read it
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_crm_campaigns.action_hotel_campaign")
        action["domain"] = [("hotel_journey_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_view_results(self):
        self.ensure_one()
        self.check_access("read")  # the action names the record: only for those who may read it
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_crm_campaigns.action_hotel_campaign_result")
        action["domain"] = [("journey_id", "=", self.id)]
        return action
