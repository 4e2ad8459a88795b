"""Journeys find their guests set-based, once per occurrence, and send them
through Odoo mailings (e-mail and SMS) with the stay, tier and offer."""
from datetime import datetime, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from .common import CrmCase


@tagged("post_install", "-at_install")
class TestJourneys(CrmCase):

    def journey(self, trigger, **values):
        return self.env["hotel.journey"].create(dict({
            "name": f"Test {trigger}", "property_id": self.hotel.id, "trigger": trigger,
            "subject": f"About your {trigger}", "holdout_percent": 0,
        }, **values))

    def due(self, journey):
        return {(partner, key) for partner, _res, key in journey._candidates(
            self.hotel._local_today(), datetime.now())}

    def test_birthday_once_a_year(self):
        today = self.hotel._local_today()
        born_today = self.guest_with("Born Today", guest_birthdate=today.replace(year=1988))
        born_tomorrow = self.guest_with("Born Tomorrow", guest_birthdate=(today + timedelta(days=1)).replace(year=1990))
        for guest in born_today | born_tomorrow:
            self.stay(guest, today - timedelta(days=40))
        self.env["hotel.guest.metric"]._recompute(self.hotel)
        journey = self.journey("birthday")
        self.assertEqual(self.due(journey), {(born_today.id, f"birthday-{today.year}")})
        mailing = self.send(journey._run())
        self.assertEqual(len(self._mails), 1)
        self.assertIn("Born Today", self._mails[0]["body"])
        self.assertEqual(mailing.hotel_journey_id, journey)
        # run twice: nothing twice (not even a second mailing)
        self.assertFalse(journey._run())
        self.assertEqual(journey.occurrence_count, 1)

    def test_pre_arrival_is_transactional_and_per_stay(self):
        guest = self.guest_with("Arriving Soon", email=False)
        near = self.book(arrival=self.today + timedelta(days=3), partner=guest)
        far = self.book(arrival=self.today + timedelta(days=9), partner=guest)
        draft = self.book(arrival=self.today + timedelta(days=2), partner=guest, confirm=False)
        journey = self.journey("pre_arrival")
        self.assertFalse(journey.marketing)
        self.assertEqual(self.due(journey), {(guest.id, f"stay-{near.id}")})
        mailing = self.send(journey._run())
        self.assertFalse(mailing.hotel_marketing)
        self.assertEqual(len(self._mails), 1)  # no consent needed for a reminder
        self.assertIn(str(near.arrival_date.day), self._mails[0]["body"] + str(near.arrival_date))
        self.assertTrue(far and draft)

    def test_after_checkout_dormant_first_stay_and_cancellation(self):
        now = datetime.now()
        leaver = self.guest_with("Just Left")
        stay = self.stay(leaver, self.today)
        journey = self.journey("after_checkout", delay=24)
        self.assertFalse(self.due(journey))  # checked out moments ago
        with freeze_time(now + timedelta(hours=25)):
            self.assertEqual(self.due(journey), {(leaver.id, f"stay-{stay.id}")})
        with freeze_time(now + timedelta(days=5)):
            self.assertFalse(self.due(journey))  # beyond the grace days

        first = self.journey("first_stay", delay=0)
        self.assertIn((leaver.id, "first-stay"), self.due(first))
        self.stay(leaver, self.today - timedelta(days=20))
        self.assertNotIn((leaver.id, "first-stay"), self.due(first))  # two stays: not a first stay

        sleeper = self.guest_with("Long Gone")
        self.stay(sleeper, self.today - timedelta(days=301))
        self.env["hotel.guest.metric"]._recompute(self.hotel)
        dormant = self.journey("dormant", delay=300)
        last = self.today - timedelta(days=301)
        self.assertEqual(self.due(dormant), {(sleeper.id, f"dormant-{last}")})
        self.book(arrival=self.today + timedelta(days=10), partner=sleeper)  # booked again: no win-back
        self.assertFalse(self.due(dormant))

        canceller = self.guest_with("Cancelled Once")
        cancelled = self.book(arrival=self.today + timedelta(days=40), partner=canceller)
        cancelled.action_cancel()
        rebooker = self.guest_with("Cancelled Rebooked")
        other = self.book(arrival=self.today + timedelta(days=41), partner=rebooker)
        other.action_cancel()
        recovery = self.journey("cancellation", delay=7)
        with freeze_time(now + timedelta(days=7, hours=1)):
            again = self.book(arrival=self.today + timedelta(days=50), partner=rebooker)
            self.env.flush_all()
            # booked after the cancelled one (records of one test transaction share its timestamp)
            self.env.cr.execute("UPDATE hotel_reservation SET create_date = %s WHERE id = %s",
                                [other.create_date + timedelta(days=7), again.id])
            self.assertEqual(self.due(recovery), {(canceller.id, f"cancel-folio-{cancelled.folio_id.id}")})

    def test_tier_upgrade_sms_with_tier_and_points(self):
        card = self.member("Upgraded Guest", points=1200)
        guest = card.partner_id
        guest.write({"phone": "+86 13912345678", "consent_sms": True})
        self.stay(guest, self.today - timedelta(days=2), extra=11000)
        self.env["hotel.loyalty.review"]._prepare_for(self.program, self.today).action_apply()
        self.assertEqual(card.hotel_tier_id, self.gold)
        journey = self.journey("tier_upgrade", channel="sms", send_hour=10.0,
                               sms_body="{{ object.partner_id.name }}: welcome to {{ object.tier_name }}, "
                                        "{{ int(object.points) }} points")
        with freeze_time(self.local(self.today, 11)):
            self.send(journey._run())
        self.assertEqual(len(self._new_sms), 1)
        self.assertEqual(self._new_sms.partner_id, guest)
        self.assertEqual(self._new_sms.body, f"Upgraded Guest: welcome to Gold, {int(card.points)} points")

    def test_offer_coupon_in_the_message(self):
        coupons = self.program.hotel_birthday_program_id
        self.assertTrue(coupons)
        guest = self.guest_with("Offer Guest", guest_birthdate=self.today.replace(year=1985))
        self.stay(guest, self.today - timedelta(days=30))
        self.env["hotel.guest.metric"]._recompute(self.hotel)
        journey = self.journey("birthday", coupon_program_id=coupons.id, coupon_days=30)
        self.send(journey._run())
        occurrence = journey.occurrence_ids
        self.assertEqual(occurrence.coupon_id.program_id, coupons)
        self.assertEqual(occurrence.coupon_id.partner_id, guest)
        self.assertEqual(occurrence.coupon_id.expiration_date, self.hotel._local_today() + timedelta(days=30))
        self.assertEqual(len(self._mails), 1)  # the journey's message only: no loyalty creation mail beside it
        self.assertIn(occurrence.coupon_code, self._mails[0]["body"])

    def test_segment_filters_the_journey(self):
        family = self.guest_with("Family Guest", guest_birthdate=self.today.replace(year=1980))
        single = self.guest_with("Single Guest", guest_birthdate=self.today.replace(year=1981))
        self.stay(family, self.today - timedelta(days=20), children=1)
        self.stay(single, self.today - timedelta(days=20))
        self.env["hotel.guest.metric"]._recompute(self.hotel)
        families = self.env.ref("hotel_crm_campaigns.segment_families")
        journey = self.journey("birthday", segment_id=families.id)
        self.assertEqual({p for p, _k in self.due(journey)}, {family.id})

    def test_bad_journeys_refused(self):
        with self.assertRefused(ValidationError, "quiet hours"):
            self.journey("birthday", channel="sms", sms_body="Hi", send_hour=22.0)
        with self.assertRefused(ValidationError, "subject"):
            self.journey("birthday", subject=False)
        with self.assertRefused(ValidationError, "write the text"):
            self.journey("birthday", channel="sms", sms_body=" ")
        self.assertFalse(self.env["hotel.journey"].search([("name", "=", "Test birthday")]))
        with self.assertRefused(ValidationError, "is marketing"):
            self.journey("dormant", marketing=False)
        # a transactional SMS may go at any hour
        self.assertTrue(self.journey("pre_arrival", channel="sms", sms_body="See you", send_hour=22.0))
