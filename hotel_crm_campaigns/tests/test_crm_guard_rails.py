"""What every marketing message obeys at send time: consent per channel,
Odoo's blacklists, the frequency cap across journeys and campaigns, the SMS
quiet hours in the property's timezone, and a deterministic control group."""
from datetime import date, datetime, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from ..models.mailing_mailing import in_holdout
from .common import CrmCase


@tagged("post_install", "-at_install")
class TestGuardRails(CrmCase):

    def test_consent_and_blacklist_per_channel(self):
        mail_only = self.guest_with("Mail Only", email=True, sms=False)
        sms_only = self.guest_with("Sms Only", email=False, sms=True)
        blacklisted = self.guest_with("Black Listed", email=True, sms=True)
        self.env["mail.blacklist"]._add(blacklisted.email)
        self.env["phone.blacklist"]._add([blacklisted.phone_sanitized])
        guests = mail_only | sms_only | blacklisted

        mailing = self.send(self.campaign(guests))
        traces = self.traces(mailing)
        self.assertNotEqual(traces[mail_only][0], "cancel")
        self.assertEqual(traces[sms_only], ("cancel", "hotel_consent"))
        self.assertEqual(traces[blacklisted], ("cancel", "mail_bl"))  # Odoo's own blacklist, untouched
        self.assertEqual(len(self._mails), 1)
        self.assertEqual(self._mails[0]["email_to"], ['"Mail Only" <mail.only@example.com>'])

        with freeze_time(self.local(self.today, 11)):
            texts = self.send(self.campaign(guests, channel="sms"))
        traces = self.traces(texts)
        self.assertEqual(traces[mail_only], ("cancel", "hotel_consent"))
        self.assertEqual(traces[blacklisted], ("cancel", "sms_blacklist"))
        self.assertNotEqual(traces[sms_only][0], "cancel")
        self.assertEqual([sms.partner_id for sms in self._new_sms], [sms_only])

    def test_transactional_messages_need_no_consent(self):
        guest = self.guest_with("No Consent", email=False)
        mailing = self.send(self.campaign(guest, hotel_marketing=False))
        self.assertNotEqual(self.traces(mailing)[guest][0], "cancel")
        # a marketer cannot turn a campaign into a "transactional" one to skip the rules
        campaign = self.campaign(guest).with_user(self.marketer)
        with self.assertRefused(ValidationError, "Only a hotel administrator"):
            campaign.hotel_marketing = False
        # nor send around them with explicit recipients
        with self.mock_mail_gateway():
            campaign.sudo()._action_send_mail(res_ids=guest.ids)
        self.assertEqual(self.traces(campaign)[guest], ("cancel", "hotel_consent"))
        self.assertFalse(self._mails)

    def test_frequency_cap_across_journeys_and_campaigns(self):
        """Cap 2 in 7 days: two journeys reach the guest, the third marketing
        message is left out; a pre-arrival reminder still goes; a week later
        the guest can be reached again."""
        self.hotel.write({"crm_cap_messages": 2, "crm_cap_days": 7})
        guest = self.guest_with("Often Mailed", guest_birthdate=self.today.replace(year=1990))
        self.env["hotel.guest.metric"]._recompute(self.hotel)  # no stay yet: no metrics row
        stay = self.stay(guest, self.today - timedelta(days=1))
        self.env["hotel.guest.metric"]._recompute(self.hotel)
        Journey = self.env["hotel.journey"]
        birthday = Journey.create({"name": "Birthday", "property_id": self.hotel.id, "trigger": "birthday",
                                   "subject": "Happy birthday", "holdout_percent": 0})
        first = Journey.create({"name": "Second stay", "property_id": self.hotel.id, "trigger": "first_stay",
                                "subject": "Come back", "holdout_percent": 0})
        for journey in birthday | first:
            self.send(journey._run())
        self.assertEqual(len(self._mails), 1)  # each send() mocks anew: the last one sent one mail
        sent = self.env["mailing.trace"].search([("hotel_partner_id", "=", guest.id),
                                                 ("trace_status", "!=", "cancel")])
        self.assertEqual(len(sent), 2)

        third = self.send(self.campaign(guest))
        self.assertEqual(self.traces(third)[guest], ("cancel", "hotel_cap"))
        self.assertFalse(self._mails)

        reminder_journey = Journey.create({"name": "Pre-arrival", "property_id": self.hotel.id,
                                           "trigger": "pre_arrival", "subject": "See you soon"})
        self.assertFalse(reminder_journey.marketing)
        self.book(arrival=self.today + timedelta(days=2), partner=guest)
        reminder = self.send(reminder_journey._run())
        self.assertNotEqual(self.traces(reminder)[guest][0], "cancel")
        self.assertEqual(len(self._mails), 1)

        with freeze_time(datetime.now() + timedelta(days=7, hours=1)):
            later = self.send(self.campaign(guest))
        self.assertNotEqual(self.traces(later)[guest][0], "cancel")
        self.assertTrue(stay)

    def test_sms_quiet_hours_in_two_timezones(self):
        """At 22:30 in Shanghai a marketing SMS waits until 08:00 there (00:00
        UTC); the same instant is 09:30 in New York, where it leaves at once."""
        guest = self.guest_with("Night Owl", sms=True)
        ny = self.env["hotel.property"].create({"name": "Test NY Inn", "code": "TNY", "tz": "America/New_York",
                                                "crm_holdout_percent": 0})
        instant = self.local(date(2026, 3, 10), 22, 30)  # 14:30 UTC, 10:30 EDT
        self.assertEqual(instant, datetime(2026, 3, 10, 14, 30))
        with freeze_time(instant):
            held = self.send(self.campaign(guest, channel="sms"))
            sent = self.send(self.campaign(guest, channel="sms", hotel_property_id=ny.id))
        self.assertEqual(held.state, "in_queue")
        self.assertEqual(held.schedule_date, datetime(2026, 3, 11, 0, 0))
        self.assertFalse(self.traces(held))
        self.assertTrue(held.message_ids.filtered(lambda m: "quiet hours" in (m.body or "")))
        self.assertNotEqual(self.traces(sent)[guest][0], "cancel")
        self.assertEqual(len(self._new_sms), 1)
        # the queue at 08:00 Shanghai sends it
        with freeze_time(datetime(2026, 3, 11, 0, 1)):
            self.send(held)
        self.assertNotEqual(held.state, "in_queue")
        self.assertEqual([sms.partner_id for sms in self._new_sms], [guest])
        # 07:59 is still quiet; an e-mail is never held
        with freeze_time(self.local(date(2026, 3, 11), 7, 59)):
            self.assertTrue(self.hotel._crm_in_quiet_hours())
            mail = self.send(self.campaign(guest))
        self.assertEqual(mail.state, "done")

    def test_holdout_is_deterministic_and_never_sent(self):
        guests = self.env["res.partner"]
        for index in range(60):
            guests |= self.guest_with(f"Holdout Guest {index}")
        mailing = self.campaign(guests, holdout=20)
        expected = {g for g in guests if in_holdout(f"mailing-{mailing.id}", g.id, 20)}
        self.assertTrue(3 <= len(expected) <= 25, len(expected))
        self.send(mailing)
        traces = self.traces(mailing)
        control = {g for g, (status, failure) in traces.items() if failure == "hotel_holdout"}
        self.assertEqual(control, expected)
        self.assertEqual(len(self._mails), 60 - len(expected))
        mailed = {mail["email_to"][0] for mail in self._mails}
        self.assertFalse({f'"{g.name}" <{g.email}>' for g in control} & mailed)
        # sending again sends nothing and draws no one again
        mailing.state = "in_queue"
        self.assertEqual(mailing._get_remaining_recipients(), [])
        self.assertEqual(self.env["mailing.trace"].search_count([("mass_mailing_id", "=", mailing.id)]), 60)
        # the same draw for the same key, whatever the order
        self.assertEqual({g for g in reversed(guests) if in_holdout(f"mailing-{mailing.id}", g.id, 20)}, expected)

    def test_bad_settings_refused(self):
        for values in ({"crm_holdout_percent": 80}, {"crm_lost_days": 100, "crm_dormant_days": 300},
                       {"crm_quiet_start": 25.0}, {"crm_attribution_days": 0}):
            with self.subTest(values=values), mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), \
                    self.env.cr.savepoint():
                self.hotel.write(values)
                self.env.flush_all()
