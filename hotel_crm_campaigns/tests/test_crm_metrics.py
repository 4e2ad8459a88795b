"""Guest metrics from the stays, worked out by hand: counts, revenue, ADR,
habits, RFM quintiles and stages; segments count live and refuse bad filters."""
from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CrmCase


@tagged("post_install", "-at_install")
class TestMetrics(CrmCase):

    def metric(self, guest):
        return self.env["hotel.guest.metric"].search([("partner_id", "=", guest.id),
                                                      ("property_id", "=", self.hotel.id)])

    def test_metrics_by_hand(self):
        today = self.today
        regular = self.guest_with("Regular Family")
        self.stay(regular, today - timedelta(days=100), nights=2, extra=200, children=1)
        self.stay(regular, today - timedelta(days=10), nights=3, children=1)
        cancelled = self.book(arrival=today + timedelta(days=30), partner=regular)
        cancelled.action_cancel()
        company = self.env["res.partner"].create({"name": "Acme Travel", "is_company": True})
        worker = self.guest_with("Business Traveller")
        folio = self.env["hotel.folio"].create({"partner_id": company.id, "property_id": self.hotel.id})
        res = self.book(arrival=today - timedelta(days=40), nights=1, partner=worker, folio=folio)
        res.action_check_in()
        folio._post_night_charges(res.night_ids)
        folio._register_payment(folio.amount_due, self.alipay)
        res.action_check_out()
        enquirer = self.guest_with("Only Asked")
        self.book(arrival=today + timedelta(days=60), partner=enquirer, confirm=False)
        sleeper = self.guest_with("Sleeper")
        self.stay(sleeper, today - timedelta(days=400))
        lost = self.guest_with("Lost Guest")
        self.stay(lost, today - timedelta(days=800), nights=4)

        self.env["hotel.guest.metric"]._recompute(self.hotel)
        m = self.metric(regular)
        self.assertRecordValues(m, [{
            "stay_count": 2, "night_count": 5, "room_revenue": 2500.0, "extras_revenue": 200.0,
            "revenue_total": 2700.0, "revenue_12m": 2700.0, "adr": 500.0, "cancel_count": 1,
            "first_stay_date": today - timedelta(days=102), "last_stay_date": today - timedelta(days=10),
            "travel_kind": "family", "stay_length_avg": 2.5, "room_type_id": self.double.id,
        }])
        self.assertEqual(self.metric(worker).travel_kind, "business")
        self.assertEqual(self.metric(sleeper).travel_kind, "leisure")
        # stages: two stays with the top spend -> high value; dormant after 300 days, lost after 730
        stages = {g.name: self.metric(g).lifecycle for g in (regular, worker, enquirer, sleeper, lost)}
        self.assertEqual(stages, {"Regular Family": "high_value", "Business Traveller": "new",
                                  "Only Asked": "potential", "Sleeper": "dormant", "Lost Guest": "lost"})
        self.assertEqual(self.metric(sleeper).revenue_12m, 0.0)
        # RFM over the 4 guests who stayed, score = 1 + floor(5 x percent rank), at most 5; ties share
        # the lower rank. Recency: lost, sleeper, worker, regular -> ranks 0, 1/3, 2/3, 1 -> 1, 2, 4, 5.
        # Frequency (stays, nights): worker = sleeper (1, 1) < lost (1, 4) < regular (2, 5) -> 1, 1, 4, 5.
        # Monetary: worker = sleeper 500 < lost 2,000 < regular 2,700 -> 1, 1, 4, 5.
        rfm = {g.name: (self.metric(g).rfm_recency, self.metric(g).rfm_frequency, self.metric(g).rfm_monetary)
               for g in (regular, worker, sleeper, lost)}
        self.assertEqual(rfm, {"Regular Family": ("5", "5", "5"), "Business Traveller": ("4", "1", "1"),
                               "Sleeper": ("2", "1", "1"), "Lost Guest": ("1", "4", "4")})
        self.assertEqual(self.metric(enquirer).rfm_total, 0)
        # recompute is idempotent: nothing changed, nothing written
        self.assertEqual(self.env["hotel.guest.metric"]._recompute(self.hotel), 0)

    def test_segments_count_live_and_reach_by_consent(self):
        family_mail = self.guest_with("Family Mail", email=True)
        family_sms = self.guest_with("Family Sms", email=False, sms=True)
        single = self.guest_with("Single")
        for guest in family_mail | family_sms:
            self.stay(guest, self.today - timedelta(days=5), children=1)
        self.stay(single, self.today - timedelta(days=5))
        self.env["hotel.guest.metric"]._recompute(self.hotel)
        segment = self.env["hotel.segment"].with_user(self.marketer).create({
            "name": "Test families", "property_id": self.hotel.id, "domain": "[('travel_kind', '=', 'family')]"})
        self.assertEqual((segment.guest_count, segment.email_count, segment.sms_count), (2, 1, 1))
        action = segment.action_new_email()
        mailing = self.env["mailing.mailing"].with_user(self.marketer).with_context(**action["context"]).create(
            {"subject": "Kids stay free", "body_html": "<p>Hi</p>"})
        self.assertEqual(mailing.hotel_segment_id, segment)
        self.assertEqual(set(mailing._get_recipients()), {family_mail.id, family_sms.id})
        with self.assertRefused(ValidationError, "not valid"):
            segment.domain = "[('no_such_field', '=', 1)]"
        self.assertEqual(segment.domain, "[('travel_kind', '=', 'family')]")

    def test_access_by_role(self):
        guest = self.guest_with("Private Guest")
        self.stay(guest, self.today - timedelta(days=5))
        self.env["hotel.guest.metric"]._recompute(self.hotel)
        other_journey = self.env["hotel.journey"].create({
            "name": "Other hotel journey", "property_id": self.other_hotel.id, "trigger": "birthday",
            "subject": "Hi"})
        Metric = self.env["hotel.guest.metric"]
        self.assertTrue(Metric.with_user(self.marketer).search([("partner_id", "=", guest.id)]))
        self.assertFalse(self.env["hotel.journey"].with_user(self.marketer).search([("id", "=", other_journey.id)]))
        with self.assertRaises(AccessError):
            self.env["hotel.journey"].with_user(self.frontdesk).search([])
        with self.assertRaises(AccessError):
            Metric.with_user(self.marketer).search([("partner_id", "=", guest.id)]).write({"stay_count": 9})
        with self.assertRaises(AccessError):
            self.env["hotel.guest.document"].with_user(self.marketer).search([])
