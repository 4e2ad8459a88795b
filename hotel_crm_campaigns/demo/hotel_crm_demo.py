"""Demo journeys and past campaigns whose results tell a story."""
import random
from datetime import datetime, time, timedelta

from odoo import api, fields, models

from ..models.mailing_mailing import in_holdout

JOURNEYS = [
    # name, trigger, channel, subject / SMS text
    ("Birthday greeting", "birthday", "mail", "Happy birthday from the Harbour City Hotel"),
    ("Pre-arrival reminder", "pre_arrival", "mail", "Your stay is coming: how to find us"),
    ("Thank you for staying", "after_checkout", "mail", "Thank you for staying with us"),
    ("We miss you", "dormant", "mail", "It has been a while: 100 CNY off your next stay"),
    ("Second stay offer", "first_stay", "mail", "Come back soon: a gift for your second stay"),
    ("Upgrade congratulations", "tier_upgrade", "sms",
     "Congratulations {{ object.partner_id.name }}, you are now {{ object.tier_name }}! Reply TD to opt out."),
    ("Cancellation recovery", "cancellation", "mail", "Still planning your trip? Your room is waiting"),
]
CAMPAIGNS = [
    # name, segment, days ago, channel, cost, open rate, click rate of the opened
    ("Spring family weekend", "segment_families", 75, "mail", 300.0, 0.42, 0.30),
    ("Member double points month", "segment_vip", 40, "mail", 150.0, 0.55, 0.35),
    ("Winter getaway", None, 20, "sms", 120.0, 0.0, 0.12),
    ("New guests: come back", "segment_new", 9, "mail", 80.0, 0.38, 0.25),
]


class HotelJourney(models.Model):
    _inherit = "hotel.journey"

    @api.model
    def _demo_hotel_crm(self):
        """Metrics of the demo guests, the journeys of the city hotel (two of
        them with past runs), four past campaigns with traces, clicks and
        control groups, then the booking credit."""
        city = self.env.ref("hotel_base.property_city_hotel", raise_if_not_found=False)
        if not city or self.search_count([("property_id", "=", city.id)]):
            return
        rng = random.Random(2026)
        Metric = self.env["hotel.guest.metric"]
        # guests who gave their e-mail consent often give their mobile number for texts too
        guests = self.env["res.partner"].search([("is_hotel_guest", "=", True), ("consent_email", "=", True),
                                                 ("phone", "!=", False)], order="id")
        guests.filtered(lambda p: rng.random() < 0.4).write({"consent_sms": True,
                                                             "consent_sms_source": "registration_card"})
        # a few guests who ask for the gym or the spa: the audience of the fitness and spa offers
        candidates = self.env["res.partner"].search([("is_hotel_guest", "=", True), ("is_company", "=", False)],
                                                    order="id", limit=400)
        self.env["hotel.guest.preference"].create([{
            "partner_id": partner.id, "category": "other",
            "value": rng.choice(["Gym in the morning", "Spa treatments", "Yoga mat in the room", "Fitness centre"]),
        } for partner in rng.sample(list(candidates), min(16, len(candidates)))])
        Metric._recompute()
        program = self.env["loyalty.program"]._hotel_program(city.company_id)
        welcome_back = program.hotel_birthday_program_id.copy({"name": "Welcome back: 100 CNY off"}) \
            if program.hotel_birthday_program_id else self.env["loyalty.program"]
        journeys = self.create([{
            "name": name, "property_id": city.id, "trigger": trigger, "channel": channel, "sequence": 10 * index,
            "subject": text if channel == "mail" else False, "sms_body": text if channel == "sms" else False,
            "coupon_program_id": welcome_back.id if trigger == "dormant" else False,
        } for index, (name, trigger, channel, text) in enumerate(JOURNEYS)])
        today = city._local_today()
        by_trigger = {j.trigger: j for j in journeys}
        # past runs of "thank you" (monthly) and "we miss you"
        for days_ago in (95, 65, 35):
            self._demo_campaign(city, f"Thank you for staying · {today - timedelta(days=days_ago)}", None,
                                days_ago, "mail", 0.0, 0.5, 0.2, rng, journey=by_trigger["after_checkout"])
        self._demo_campaign(city, f"We miss you · {today - timedelta(days=50)}", "segment_dormant", 50, "mail",
                            0.0, 0.3, 0.25, rng, journey=by_trigger["dormant"])
        for name, segment, days_ago, channel, cost, open_rate, click_rate in CAMPAIGNS:
            self._demo_campaign(city, name, segment, days_ago, channel, cost, open_rate, click_rate, rng)
        self.env["hotel.folio"]._crm_attribute(since=fields.Datetime.now() - timedelta(days=400))

    def _demo_campaign(self, prop, name, segment_xmlid, days_ago, channel, cost, open_rate, click_rate, rng,
                       journey=None):
        """A sent campaign (or journey run) with Odoo traces as its sending
        would have left them: the control group, delivered, opened and
        clicked messages; guests who booked soon after sending clicked first."""
        cr = self.env.cr
        segment = self.env.ref(f"hotel_crm_campaigns.{segment_xmlid}") if segment_xmlid else self.env["hotel.segment"]
        sms = channel == "sms"
        domain = segment._partner_domain() if segment else [("hotel_metric_ids.property_id", "=", prop.id)]
        consent = "consent_sms" if sms else "consent_email"
        partners = self.env["res.partner"].search(list(domain) + [(consent, "=", True)], order="id")
        # leave out the demo's few guests with hundreds of bookings: they would make every campaign a hit
        cr.execute("SELECT partner_id FROM hotel_folio WHERE partner_id = ANY(%s) GROUP BY partner_id "
                   "HAVING COUNT(*) > 40", [partners.ids])
        partners -= self.env["res.partner"].browse(row[0] for row in cr.fetchall())
        if not partners:
            return
        sent_at = datetime.combine(prop._local_today() - timedelta(days=days_ago), time(2, 0))
        mailing = self.env["mailing.mailing"].create({
            "name": name, "subject": name, "mailing_type": channel,
            "mailing_model_id": self.env["ir.model"]._get_id("hotel.journey.occurrence" if journey else "res.partner"),
            "body_html": f"<p>{name}</p><p><a href='/my/membership'>Book now</a></p>" if not sms else False,
            "body_plaintext": name if sms else False,
            "hotel_property_id": prop.id, "hotel_segment_id": segment.id,
            "hotel_journey_id": journey.id if journey else False,
            "hotel_cost": cost, "campaign_id": journey.campaign_id.id if journey else False,
            "hotel_holdout_percent": 20,
        })
        mailing.write({"state": "done", "sent_date": sent_at, "schedule_date": sent_at})
        if journey:
            occurrences = self.env["hotel.journey.occurrence"].create([{
                "journey_id": journey.id, "property_id": prop.id, "partner_id": p.id, "key": f"demo-{mailing.id}",
            } for p in partners])
            targets = list(zip(occurrences.ids, partners, strict=True))
            key = f"journey-{journey.id}"
        else:
            targets = [(p.id, p) for p in partners]
            key = f"mailing-{mailing.id}"
        # the bookers' next folio after the send, within the window
        cr.execute("""
            SELECT DISTINCT ON (partner_id) partner_id, id, create_date FROM hotel_folio
             WHERE partner_id = ANY(%s) AND property_id = %s AND create_date > %s AND create_date <= %s
             ORDER BY partner_id, create_date
        """, [partners.ids, prop.id, sent_at, sent_at + timedelta(days=prop.crm_attribution_days)])
        booked = {pid: created for pid, _id, created in cr.fetchall()}
        # the story: some recipients who would have booked later booked soon after the message
        # (their next booking is moved into the window, before its arrival); the control group is left as is
        window_end = sent_at + timedelta(days=prop.crm_attribution_days)
        cr.execute("""
            SELECT DISTINCT ON (f.partner_id) f.partner_id, f.id, f.arrival_date FROM hotel_folio f
             WHERE f.partner_id = ANY(%s) AND f.property_id = %s AND f.create_date > %s AND f.arrival_date > %s
             ORDER BY f.partner_id, f.create_date
        """, [[p.id for _r, p in targets
               if p.id not in booked and not in_holdout(key, p.id, mailing.hotel_holdout_percent)],
              prop.id, window_end, sent_at.date() + timedelta(days=3)])
        for pid, folio_id, arrival in cr.fetchall():
            if rng.random() < 0.5:
                moved = sent_at + timedelta(days=rng.randint(1, 25), hours=rng.randint(0, 12))
                moved = min(moved, datetime.combine(arrival, time(0, 0)) - timedelta(days=1))
                if moved > sent_at:
                    cr.execute("UPDATE hotel_folio SET create_date = %s WHERE id = %s", [moved, folio_id])
                    booked[pid] = moved
        link = self.env["link.tracker"].create({
            "url": f"{mailing.get_base_url()}/my/membership", "source_id": mailing.source_id.id,
            "mass_mailing_id": mailing.id, "title": name})
        trace_vals, clicks = [], []
        for res_id, partner in targets:
            vals = {"mass_mailing_id": mailing.id, "model": mailing.mailing_model_real, "res_id": res_id,
                    "hotel_partner_id": partner.id, "trace_type": "sms" if sms else "mail",
                    "email": partner.email, "sms_number": partner.phone if sms else False}
            if in_holdout(key, partner.id, mailing.hotel_holdout_percent):
                vals.update(trace_status="cancel", failure_type="hotel_holdout")
            elif rng.random() < 0.02:
                vals.update(trace_status="bounce", failure_type="mail_bounce")
            else:
                opened = not sms and rng.random() < open_rate
                click_at = None
                if partner.id in booked and rng.random() < 0.8:  # bookers who came through the message
                    click_at = max(booked[partner.id] - timedelta(hours=rng.randint(1, 40)), sent_at)
                elif (opened or sms) and rng.random() < click_rate:
                    click_at = sent_at + timedelta(hours=rng.randint(1, 72))
                opened = opened or (click_at and not sms)
                vals.update(trace_status="open" if opened else "sent", sent_datetime=sent_at,
                            open_datetime=click_at or (
                                sent_at + timedelta(hours=rng.randint(1, 48)) if opened else False),
                            links_click_datetime=click_at)
                if click_at:
                    clicks.append((len(trace_vals), click_at))
            trace_vals.append(vals)
        traces = self.env["mailing.trace"].create(trace_vals)
        cr.execute("UPDATE mailing_trace SET create_date = %s WHERE id = ANY(%s)", [sent_at, traces.ids])
        if clicks:
            click_records = self.env["link.tracker.click"].create([{
                "link_id": link.id, "mailing_trace_id": traces[index].id, "mass_mailing_id": mailing.id,
                "campaign_id": mailing.campaign_id.id,
            } for index, _at in clicks])
            for record, (_index, at) in zip(click_records, clicks, strict=True):
                cr.execute("UPDATE link_tracker_click SET create_date = %s WHERE id = %s", [at, record.id])
        self.env.invalidate_all()
