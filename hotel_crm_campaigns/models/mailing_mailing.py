import hashlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import format_datetime

HOTEL_TARGETS = ("res.partner", "hotel.journey.occurrence")
# why a guest of the audience was not sent a message (the control group is one)
GATE_REASONS = [
    ("hotel_holdout", "Control Group"),
    ("hotel_consent", "No Marketing Consent"),
    ("hotel_cap", "Frequency Cap"),
]


def in_holdout(key, partner_id, percent):
    """Deterministic draw: the same guest is always in (or out of) the control
    group of the same journey or campaign, whatever the order or the run."""
    if percent <= 0:
        return False
    digest = hashlib.sha256(f"{key}:{partner_id}".encode()).hexdigest()
    return int(digest[:8], 16) % 100 < percent


class MailingMailing(models.Model):
    """Hotel marketing through Odoo mailings: a mailing of a property is a
    campaign (or one run of a journey), sent by Odoo's own composers so that
    traces, bounces, clicks, unsubscribes and UTM work as in Odoo.

    Invariants (checked at send time, in ``_get_remaining_recipients``): a
    marketing message goes only to guests who consented to its channel, who
    have not reached the property's frequency cap, and who are not in its
    control group; every guest left out gets a cancelled trace saying why, so a
    retry never sends to them and the results can count them. Marketing SMS
    wait for the end of the property's quiet hours. Transactional mailings
    (``hotel_marketing`` off) skip these rules.
    """

    _inherit = "mailing.mailing"

    hotel_property_id = fields.Many2one("hotel.property", string="Property", index="btree_not_null",
                                        help="Set on hotel campaigns: the property's consent, cap, quiet hours and "
                                             "attribution rules apply.")
    hotel_currency_id = fields.Many2one(related="hotel_property_id.currency_id")
    hotel_segment_id = fields.Many2one("hotel.segment", string="Segment", index="btree_not_null",
                                       ondelete="set null")
    hotel_journey_id = fields.Many2one("hotel.journey", string="Journey", index="btree_not_null",
                                       ondelete="set null", readonly=True)
    hotel_marketing = fields.Boolean(string="Marketing Message", default=True,
                                     help="Off for transactional messages (reminders): no consent, cap or "
                                          "holdout applies to them.")
    hotel_holdout_percent = fields.Integer(
        string="Holdout (%)", compute="_compute_hotel_holdout_percent", store=True, readonly=False,
        help="Share of the audience kept as a control group (not sent) to measure lift.")
    hotel_cost = fields.Monetary(string="Cost", currency_field="hotel_currency_id", copy=False,
                                 help="What the campaign cost besides SMS (design, offer budget...).")

    _hotel_holdout_range = models.Constraint("CHECK(hotel_holdout_percent BETWEEN 0 AND 50)",
                                             "The holdout is 0 to 50 % of the audience.")
    _hotel_cost_positive = models.Constraint("CHECK(hotel_cost IS NULL OR hotel_cost >= 0)",
                                             "A campaign cannot cost less than nothing.")

    @api.depends("hotel_property_id", "hotel_journey_id")
    def _compute_hotel_holdout_percent(self):
        for mailing in self:
            if mailing.hotel_journey_id:
                mailing.hotel_holdout_percent = mailing.hotel_journey_id.holdout_percent
            elif not mailing.hotel_holdout_percent:
                mailing.hotel_holdout_percent = mailing.hotel_property_id.crm_holdout_percent

    @api.depends("hotel_segment_id", "hotel_property_id")
    def _compute_mailing_domain(self):
        super()._compute_mailing_domain()
        for mailing in self:
            if mailing.hotel_segment_id and mailing.mailing_model_name == "res.partner":
                mailing.mailing_domain = repr(list(mailing._hotel_segment_domain()))
        return None

    def _hotel_segment_domain(self):
        """The segment's guests at the mailing's property, read now."""
        self.ensure_one()
        metrics = self.hotel_segment_id._metric_domain()
        if self.hotel_property_id:
            metrics &= Domain("property_id", "=", self.hotel_property_id.id)
        return Domain("hotel_metric_ids", "any", metrics)

    def _get_recipients_domain(self):
        # the segment as it is when the mailing leaves, not as it was when the form was filled
        if self.hotel_segment_id and self.mailing_model_real == "res.partner":
            return self._hotel_segment_domain()
        return super()._get_recipients_domain()

    @api.constrains("hotel_property_id", "hotel_segment_id", "mailing_model_id", "hotel_marketing")
    def _check_hotel_mailing(self):
        # constraints run as superuser: the user is the one who writes
        admin = self.env.user.has_group("hotel_base.group_hotel_admin")
        for mailing in self.filtered("hotel_property_id"):
            if mailing.mailing_model_real not in HOTEL_TARGETS:
                raise ValidationError(self.env._(
                    "A hotel campaign is sent to guests: “%s” cannot target this kind of record.", mailing.subject))
            segment_property = mailing.hotel_segment_id.property_id
            if segment_property and segment_property != mailing.hotel_property_id:
                raise ValidationError(self.env._(
                    "Segment “%(segment)s” holds the guests of %(property)s, not of %(other)s.",
                    segment=mailing.hotel_segment_id.name, property=segment_property.name,
                    other=mailing.hotel_property_id.name))
            transactional_journey = mailing.hotel_journey_id and not mailing.hotel_journey_id.marketing
            if not mailing.hotel_marketing and not transactional_journey and not admin:
                raise ValidationError(self.env._(
                    "Only a hotel administrator can send a campaign as a transactional message (without "
                    "consent, frequency cap and control group)."))

    # ------------------------------------------------------------ send time

    def _hotel_guarded(self):
        return self.filtered(lambda m: m.hotel_property_id and m.hotel_marketing)

    def _hotel_partner_of(self, res_ids):
        """{record id: guest id} of the mailing's targets."""
        self.ensure_one()
        if self.mailing_model_real == "res.partner":
            return {rid: rid for rid in res_ids}
        records = self.env[self.mailing_model_real].sudo().browse(res_ids)
        return {rec.id: rec.partner_id.id for rec in records}

    def _get_remaining_recipients(self):
        # what leaves now (the queue counts it first): the left-out are recorded at once (idempotent:
        # recorded guests are no longer remaining), except for an A/B test whose sample is drawn anew
        # at each call: its left-out are recorded when it is sent
        res_ids = super()._get_remaining_recipients()
        if res_ids and self._hotel_guarded():
            res_ids = self._hotel_gate(res_ids, record=not self.ab_testing_enabled)
        return res_ids

    def _hotel_recipients_to_send(self, res_ids=None):
        """The recipients to send to now, after the guard rails, the left-out
        recorded (one call per send: Odoo's A/B sample is drawn once)."""
        self.ensure_one()
        # Odoo's remaining recipients before the guard rails (ours would gate them without recording)
        res_ids = res_ids or super()._get_remaining_recipients()  # pylint: disable=super-method-mismatch
        return self._hotel_gate(res_ids, record=True) if res_ids else []

    def _hotel_holdout_key(self):
        if self.hotel_journey_id:
            return f"journey-{self.hotel_journey_id.id}"
        if self.ab_testing_enabled and self.campaign_id:
            return f"campaign-{self.campaign_id.id}"  # the A/B variants and the winner share one control group
        return f"mailing-{self.id}"

    def _hotel_gate(self, res_ids, record=True):
        """Apply consent, frequency cap and holdout to ``res_ids``; with
        ``record``, write a cancelled trace for each one left out; return
        those to send."""
        self.ensure_one()
        cr = self.env.cr
        prop = self.hotel_property_id
        sms = self.mailing_type == "sms"
        partner_of = self._hotel_partner_of(res_ids)
        partner_ids = list(set(partner_of.values()) - {False})
        self.env["res.partner"].flush_model(["consent_email", "consent_sms"])
        self.env["mailing.trace"].flush_model()
        cr.execute(f"""SELECT id FROM res_partner WHERE id = ANY(%s) AND {"consent_sms" if sms else "consent_email"}""",
                   [partner_ids])
        consented = {row[0] for row in cr.fetchall()}
        cr.execute("""
            SELECT t.hotel_partner_id, COUNT(*)
              FROM mailing_trace t JOIN mailing_mailing m ON m.id = t.mass_mailing_id
             WHERE t.hotel_partner_id = ANY(%s) AND m.hotel_property_id IS NOT NULL AND m.hotel_marketing
               AND t.trace_status NOT IN ('cancel', 'error') AND NOT COALESCE(t.is_test_trace, FALSE)
               AND t.create_date >= %s
             GROUP BY t.hotel_partner_id
        """, [partner_ids, fields.Datetime.now() - timedelta(days=prop.crm_cap_days)])
        sent_recently = dict(cr.fetchall())
        key = self._hotel_holdout_key()
        to_send, left_out = [], []
        for rid in res_ids:
            pid = partner_of.get(rid)
            if pid not in consented:
                left_out.append((rid, "hotel_consent"))
            elif sent_recently.get(pid, 0) >= prop.crm_cap_messages:
                left_out.append((rid, "hotel_cap"))
            elif in_holdout(key, pid, self.hotel_holdout_percent):
                left_out.append((rid, "hotel_holdout"))
            else:
                to_send.append(rid)
                sent_recently[pid] = sent_recently.get(pid, 0) + 1
        if left_out and record:
            self.env["mailing.trace"].sudo().create([{
                "mass_mailing_id": self.id,
                "model": self.mailing_model_real,
                "res_id": rid,
                "hotel_partner_id": partner_of.get(rid),
                "trace_type": "sms" if sms else "mail",
                "trace_status": "cancel",
                "failure_type": reason,
            } for rid, reason in left_out])
        return to_send

    def _hotel_hold_for_quiet_hours(self):
        """Marketing SMS due in the property's quiet hours wait until their end
        (rescheduled in the queue); returns the mailings held."""
        held = self.filtered(lambda m: m.mailing_type == "sms" and m in m._hotel_guarded()
                             and m.hotel_property_id._crm_in_quiet_hours())
        for mailing in held:
            resume = mailing.hotel_property_id._crm_quiet_hours_end_utc()
            mailing.write({"state": "in_queue", "schedule_type": "scheduled", "schedule_date": resume})
            mailing.message_post(body=self.env._(
                "Held for the SMS quiet hours of %(property)s: sent at %(when)s.",
                property=mailing.hotel_property_id.name,
                when=format_datetime(self.env, resume, tz=mailing.hotel_property_id.tz, dt_format="short")))
            self.env.ref("mass_mailing.ir_cron_mass_mailing_queue")._trigger(resume)
        return held

    def _action_send_mail(self, res_ids=None):
        held = self._hotel_hold_for_quiet_hours()
        # hotel e-mails: the guard rails once, then Odoo's composer on what is left (SMS: action_send_sms)
        guarded = (self - held)._hotel_guarded().filtered(lambda m: m.mailing_type == "mail")
        for mailing in guarded:
            to_send = mailing._hotel_recipients_to_send(res_ids)
            if to_send:
                super(MailingMailing, mailing)._action_send_mail(res_ids=to_send)
            else:  # everyone was left out: a finished campaign, not an error
                mailing.write({"state": "done", "sent_date": fields.Datetime.now()})
        return super(MailingMailing, self - held - guarded)._action_send_mail(res_ids=res_ids)

    def action_send_sms(self, res_ids=None):
        held = self._hotel_hold_for_quiet_hours()
        guarded = (self - held)._hotel_guarded()
        for mailing in guarded:
            to_send = mailing._hotel_recipients_to_send(res_ids)
            if to_send:
                super(MailingMailing, mailing).action_send_sms(res_ids=to_send)
        for mailing in self - held - guarded:  # one mailing at a time: Odoo reuses res_ids across the loop
            super(MailingMailing, mailing).action_send_sms(res_ids=res_ids)
        return True

    def action_hotel_results(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_crm_campaigns.action_hotel_campaign_result")
        action["domain"] = [("mailing_id", "=", self.id)]
        return action
