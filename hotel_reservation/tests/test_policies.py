from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import HotelReservationCase


class TestPolicies(HotelReservationCase):
    """Cancellation deadlines are computed at the property's check-in time, in its timezone."""

    def _utc(self, day, hour, minute=0):
        return datetime.combine(day, time(hour, minute))

    def test_free_until_deadline_then_first_night(self):
        # Shanghai (UTC+8), check-in 14:00: arrival moment is 06:00 UTC; 24 h before is the day before.
        res = self.book(nights=3)
        eve = self.day - timedelta(days=1)
        self.assertEqual(res._free_cancellation_until(), datetime.combine(eve, time(14, 0)))
        self.assertEqual(res._cancellation_penalty(self._utc(eve, 5, 59)), 0.0)
        self.assertEqual(res._cancellation_penalty(self._utc(eve, 6, 1)), 500.0)

    def test_timezone_changes_the_deadline(self):
        self.hotel.tz = "Europe/Paris"  # check-in 14:00 CET = 13:00 UTC in winter / 12:00 in summer
        res = self.book()
        deadline = res.cancellation_policy_id._free_until(self.hotel, self.day)
        eve = self.day - timedelta(days=1)
        self.assertIn(deadline, (self._utc(eve, 12), self._utc(eve, 13)))
        self.assertEqual(res._cancellation_penalty(deadline - timedelta(minutes=1)), 0.0)
        self.assertEqual(res._cancellation_penalty(deadline + timedelta(minutes=1)), 500.0)

    def test_penalty_types(self):
        res = self.book(nights=4)
        late = self._utc(self.day, 0)
        self.policy.write({"penalty_type": "percent", "penalty_percent": 25})
        self.assertEqual(res._cancellation_penalty(late), 500.0)
        self.policy.penalty_type = "full_stay"
        self.assertEqual(res._cancellation_penalty(late), 2000.0)
        self.policy.write({"refundable": False})
        self.assertEqual(res._cancellation_penalty(self._utc(self.today, 0)), 2000.0,
                         "non-refundable: charged even a month ahead")

    def test_cancel_records_the_penalty(self):
        res = self.book(nights=2)
        with freeze_time(self._utc(self.day - timedelta(days=1), 7)):
            wizard = self.env["hotel.reservation.cancel"].create({"reservation_ids": res.ids, "reason": "ill"})
            self.assertEqual(wizard.penalty_total, 500.0)
            self.assertIn("free until", wizard.penalty_detail)
            wizard.action_cancel()
        self.assertEqual(res.state, "cancelled")
        self.assertEqual(res.penalty_amount, 500.0)
        self.assertEqual(res.cancel_reason, "ill")

    def test_policy_is_frozen_on_the_booking(self):
        res = self.book()
        strict = self.env["hotel.cancellation.policy"].create({"name": "Strict", "refundable": False,
                                                               "penalty_type": "full_stay"})
        self.pricelist.hotel_cancellation_policy_id = strict
        self.assertEqual(res.cancellation_policy_id, self.policy)

    def test_no_show_cron_after_cutoff(self):
        self.hotel.no_show_hour = 6.0
        res = self.book(nights=2)
        # 05:00 Shanghai the morning after arrival = 21:00 UTC on the arrival day: not yet.
        with freeze_time(self._utc(self.day, 21)):
            self.run_cron("hotel_reservation.ir_cron_mark_no_shows")
        self.assertEqual(res.state, "confirmed")
        # 06:30 Shanghai = 22:30 UTC: no-show, full stay penalty, rooms released.
        with freeze_time(self._utc(self.day, 22, 30)):
            self.run_cron("hotel_reservation.ir_cron_mark_no_shows")
        self.assertEqual(res.state, "no_show")
        self.assertEqual(res.penalty_amount, 1000.0)
        self.assertFalse(res.night_ids.filtered("active"))

    def test_checked_in_guest_is_never_a_no_show(self):
        res = self.book(arrival=self.today, nights=2)
        res.action_check_in()
        with self.at_local(self.today + timedelta(days=2), 12):
            self.run_cron("hotel_reservation.ir_cron_mark_no_shows")
        self.assertEqual(res.state, "checked_in")
        with self.assertRefused(UserError, "Only confirmed reservations"):
            res.action_no_show()
