from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.sms.tests.common import MockSMS

from .common import CheckinCase


@tagged("post_install", "-at_install")
class TestReminders(CheckinCase, MockEmail, MockSMS):
    """Transactional reminders at the property's local hours, never twice.
    The test hotel (Shanghai): arrival reminder 2 days before at 10:00, the
    evening before departure at 19:00, the morning of departure at 08:00
    (check-out 12:00); nothing between 22:00 and 07:00."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotel.write({"reminder_sms": True, "street": "1 Riverside Road", "city": "Hangzhou",
                         "parking_info": "Free parking in the courtyard", "map_url": "https://uri.amap.com/x"})
        cls.guest.phone = "+86 138 0000 1111"

    def run_job(self, day, hour, minute=0):
        """The job at ``hour:minute`` local time on ``day``; returns the reminders sent."""
        with self.at_local(day, hour, minute), self.mock_mail_gateway(), self.mockSMSGateway():
            return self.env["hotel.guest.reminder"]._send_due(self.hotel)

    def test_timetable_of_a_stay(self):
        """Booked today for the 10th day on, 2 nights: reminders at D-2 10:00,
        D+1 19:00 (the evening before departure) and D+2 08:00, once each."""
        arrival = self.today + timedelta(days=10)
        res = self.registered_stay(arrival=arrival, nights=2)
        before = arrival - timedelta(days=2)
        self.assertFalse(self.run_job(before, 9, 59), "not before 10:00 local")
        sent = self.run_job(before, 10, 0)
        self.assertEqual((sent.kind, sent.reservation_id), ("pre_arrival", res))
        self.assertIn("e-mail", sent.channels)
        self.assertIn("SMS", sent.channels)
        message = self.mails(res, "See you on")
        self.assertEqual(len(message), 1)
        body = str(message.body_html)
        for expected in ("14:00", "1 Riverside Road", "Free parking in the courtyard", "https://uri.amap.com/x",
                         "/hotel/precheckin/"):
            self.assertIn(expected, body)
        self.assertFalse(self.run_job(before, 15), "never twice")
        self.assertFalse(self.run_job(arrival, 9), "nor on the arrival day")

        with self.at_local(arrival, 15):
            res.action_check_in()
        departure = arrival + timedelta(days=2)
        self.assertFalse(self.run_job(departure - timedelta(days=1), 18, 59))
        eve = self.run_job(departure - timedelta(days=1), 19)
        self.assertEqual(eve.kind, "departure_eve")
        self.assertFalse(self.run_job(departure - timedelta(days=1), 21))
        self.assertFalse(self.run_job(departure, 7, 30), "morning reminder from 08:00")
        morning = self.run_job(departure, 8)
        self.assertEqual(morning.kind, "departure_morning")
        mail = self.mails(res, "Your check-out")[:1]
        self.assertIn("12:00", str(mail.body_html))
        self.assertIn("To pay at departure", str(mail.body_html), "the booker sees the bill")
        self.assertFalse(self.run_job(departure, 9), "never twice")
        self.assertEqual(self.env["hotel.guest.reminder"].search_count([("reservation_id", "=", res.id)]), 3)

    def test_sms_sent_with_the_reminder(self):
        arrival = self.today + timedelta(days=5)
        self.registered_stay(arrival=arrival)
        with self.at_local(arrival - timedelta(days=2), 10), self.mock_mail_gateway(), self.mockSMSGateway():
            self.env["hotel.guest.reminder"]._send_due(self.hotel)
            self.assertEqual(len(self._new_sms), 1)
            self.assertIn("check-in from 14:00", self._new_sms.body)
            self.assertEqual(self._new_sms.number, "+86 138 0000 1111")

    def test_quiet_hours_wait_for_the_morning(self):
        """Due at 19:00 but the job only ran at 22:30: it goes at 07:00."""
        arrival = self.today + timedelta(days=3)
        self.hotel.reminder_arrival_hour = 19.0
        self.registered_stay(arrival=arrival)
        before = arrival - timedelta(days=2)
        self.assertFalse(self.run_job(before, 22, 30))
        self.assertFalse(self.run_job(before + timedelta(days=1), 6, 59))
        self.assertEqual(self.run_job(before + timedelta(days=1), 7).kind, "pre_arrival")

    def test_booked_after_the_reminder_time_gets_none(self):
        """The confirmation just told them everything."""
        res = self.registered_stay(arrival=self.today + timedelta(days=1))
        self.assertFalse(self.run_job(self.today, 12).filtered(lambda r: r.reservation_id == res))

    def test_one_message_for_a_guest_with_two_rooms(self):
        arrival = self.today + timedelta(days=6)
        first = self.book(arrival=arrival, adults=1)
        self.book(arrival=arrival, adults=1, folio=first.folio_id)
        sent = self.run_job(arrival - timedelta(days=2), 10)
        self.assertEqual(len(sent), 2, "logged for each room")
        mails = self.mails(first.folio_id.reservation_ids, "See you on")
        self.assertEqual(len(mails), 1, "one message for the guest")
        for res in first.folio_id.reservation_ids:
            self.assertIn(res.name, str(mails.body_html), "listing both rooms")

    def test_unreachable_guest_logged(self):
        nobody = self.env["res.partner"].create({"name": "Test No Contact", "is_hotel_guest": True})
        arrival = self.today + timedelta(days=4)
        res = self.book(arrival=arrival, partner=nobody, adults=1)
        sent = self.run_job(arrival - timedelta(days=2), 10)
        self.assertEqual(sent.channels, "not reachable")
        self.assertTrue(res.message_ids.filtered(lambda m: "was not sent" in str(m.body)))

    def test_room_guest_gets_their_room_only(self):
        """A room booked by someone else: the guest's link opens that room, and
        the departure reminder shows no bill of the booker's."""
        arrival = self.today + timedelta(days=5)
        first = self.book(arrival=arrival, adults=1)
        other = self.book(arrival=arrival, adults=1, folio=first.folio_id, partner=self.companion)
        self.companion.email = "li@example.com"
        self.run_job(arrival - timedelta(days=2), 10)
        body = str(self.mails(other, "See you on").body_html)
        self.assertIn(f"/hotel/precheckin/{first.folio_id.id}/{other.id}/", body)
        with self.at_local(arrival, 15):
            self.document(self.companion, "440524188001010014")
            other.action_check_in()
        self.run_job(other.departure_date - timedelta(days=1), 19)
        self.assertNotIn("To pay at departure", str(self.mails(other, "Your check-out").body_html))

    def test_sms_leaves_after_the_commit(self):
        """The SMS is queued (sent by Odoo's SMS job after the transaction), so
        a rolled-back run sends nothing twice."""
        arrival = self.today + timedelta(days=5)
        self.registered_stay(arrival=arrival)
        with self.at_local(arrival - timedelta(days=2), 10), self.mock_mail_gateway(), self.mockSMSGateway():
            self.env["hotel.guest.reminder"]._send_due(self.hotel)
            self.assertEqual(self._new_sms.state, "outgoing")
            self.assertFalse(self._sms, "nothing sent inside the transaction")

    def test_cancelled_stay_gets_no_reminder(self):
        arrival = self.today + timedelta(days=4)
        res = self.book(arrival=arrival)
        res.action_cancel(reason="test")
        self.assertFalse(self.run_job(arrival - timedelta(days=2), 10))

    def test_reminder_settings_refused_out_of_range(self):
        with self.assertRefused(ValidationError, r"0 to 30 days"):
            self.hotel.reminder_days_before = 45
        with self.assertRefused(ValidationError, r"between 07:00 and 22:00"):
            self.hotel.reminder_arrival_hour = 25
        with self.assertRefused(ValidationError, r"between 07:00 and 22:00"):
            self.hotel.reminder_departure_eve_hour = 22.5
