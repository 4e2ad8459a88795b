from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import CheckinCase


@tagged("post_install", "-at_install")
class TestDoorCodes(CheckinCase):

    def test_code_issued_at_check_in_for_the_stay_window(self):
        """Shanghai (UTC+8), check-in 14:00, check-out 12:00 and free late
        check-out until 14:00: the code works from the check-in (an early one:
        from now) to 14:00 local on the departure day."""
        res = self.registered_stay(nights=2)
        with self.at_local(self.today, 15):
            res.with_user(self.frontdesk).action_check_in()
        code = self.active_code(res)
        self.assertEqual(len(code), 1)
        self.assertRegex(code.code, r"^\d{6}$")
        self.assertEqual(code.room_id, res.room_id)
        self.assertEqual(code.valid_from, datetime.combine(self.today, datetime.min.time()) + timedelta(hours=6))
        self.assertEqual(code.valid_until, datetime.combine(self.today + timedelta(days=2), datetime.min.time())
                         + timedelta(hours=6))
        self.assertEqual(res.with_user(self.frontdesk).door_code, code.code)
        mail = self.mails(res, "Your door code")
        self.assertIn(code.code, mail.body_html)
        self.assertEqual(mail.recipient_ids, self.guest, "the guest's door code mail")
        self.assertFalse(res.message_ids.filtered(lambda m: code.code in str(m.body)),
                         "never in the chatter: housekeeping and marketing read the stay")
        for user in (self.housekeeping, self.marketing):
            self.assertFalse(self.env["mail.message"].with_user(user).search([("body", "ilike", code.code)]))
        self.assertTrue(res.message_ids.filtered(lambda m: "Door code of room" in str(m.body)))

    def test_early_check_in_code_valid_from_now(self):
        res = self.registered_stay()
        with self.at_local(self.today, 11, 30):
            res.action_check_in()
            self.assertEqual(self.active_code(res).valid_from, datetime.now().replace(microsecond=0))

    def test_window_across_daylight_saving_and_date_line(self):
        """New York springs forward on 8 Mar 2026: 14:00 EST on the 7th is 19:00
        UTC, 12:00 EDT on the 9th is 16:00 UTC. Kiritimati (UTC+14): check-in
        14:00 on the 11th is 00:00 UTC the same day, check-out 12:00 on the
        12th is 22:00 UTC on the 11th."""
        self.hotel.tz = "America/New_York"
        start, end = self.hotel._stay_window(date(2026, 3, 7), date(2026, 3, 9))
        self.assertEqual((start, end), (datetime(2026, 3, 7, 19), datetime(2026, 3, 9, 16)))
        self.hotel.tz = "Pacific/Kiritimati"
        start, end = self.hotel._stay_window(date(2026, 3, 11), date(2026, 3, 12))
        self.assertEqual((start, end), (datetime(2026, 3, 11, 0), datetime(2026, 3, 11, 22)))

    def test_code_on_a_dst_day_at_the_desk(self):
        self.hotel.tz = "America/New_York"
        with freeze_time("2026-03-08 20:00:00"):  # 16:00 EDT, the day clocks went forward
            arrival = self.hotel._local_today()
            self.assertEqual(arrival, date(2026, 3, 8))
            res = self.registered_stay(arrival=arrival, nights=1)
            res.action_check_in()
            code = self.active_code(res)
            self.assertEqual(code.valid_from, datetime(2026, 3, 8, 18))  # 14:00 EDT
            self.assertEqual(code.valid_until, datetime(2026, 3, 9, 18))  # 14:00 EDT (free late check-out)

    def test_revoked_at_check_out(self):
        res = self.registered_stay(nights=1)
        res.action_check_in()
        code = self.active_code(res)
        folio = res.folio_id
        folio._register_payment(folio.amount_departure, self.env["account.journal"].search(
            [("company_id", "=", folio.company_id.id), ("type", "in", ("bank", "cash"))], limit=1))
        with self.at_local(self.today + timedelta(days=1), 11):
            res.action_check_out()
        self.assertEqual((code.state, code.revoke_reason), ("revoked", "check_out"))

    def test_room_move_revokes_and_issues_for_the_new_room(self):
        res = self.registered_stay(nights=2)
        res.action_check_in()
        old = self.active_code(res)
        new_room = (self.r101 | self.r201 | self.r301) - res.room_id
        res.action_move_room(new_room[0])
        self.assertEqual((old.state, old.revoke_reason), ("revoked", "room_move"))
        new = self.active_code(res)
        self.assertEqual(new.room_id, new_room[0])
        self.assertNotEqual(new, old)

    def test_extension_keeps_the_digits_and_moves_the_window(self):
        res = self.registered_stay(nights=1)
        res.action_check_in()
        code = self.active_code(res)
        digits, until = code.code, code.valid_until
        res.departure_date = res.departure_date + timedelta(days=1)
        self.assertEqual(self.active_code(res), code)
        self.assertEqual(code.code, digits)
        self.assertEqual(code.valid_until, until + timedelta(days=1))

    def pay(self, res):
        journal = self.env["account.journal"].search(
            [("company_id", "=", res.company_id.id), ("type", "in", ("bank", "cash"))], limit=1)
        res.folio_id._register_payment(res.folio_id.amount_departure, journal)

    def test_self_check_in_prepaid_code_before_arrival_revoked_on_cancel(self):
        """A prepaid, registered self check-in stay gets its code before arrival
        (the reminder job); an unpaid one does not, nor an unregistered one;
        cancelling revokes it."""
        arrival = self.today + timedelta(days=2)
        paid = self.registered_stay(arrival=arrival, nights=1, self_checkin=True)
        unpaid = self.book(arrival=arrival, nights=1, self_checkin=True, room_type=self.suite)
        unregistered = self.book(arrival=arrival, nights=1, self_checkin=True, partner=self.companion)
        self.pay(paid)
        self.pay(unregistered)
        with self.at_local(self.today, 10):
            codes, _checked_in = self.env["hotel.reservation"]._self_checkin_job(self.hotel)
        self.assertEqual(codes.reservation_id, paid)
        self.assertFalse(self.active_code(unpaid))
        self.assertFalse(self.active_code(unregistered), "registration first, then the key")
        self.assertEqual(codes.valid_from, self.hotel._local_moment(arrival, 14.0))
        self.assertIn(codes.code, self.mails(paid, "Your door code").body_html, "sent to the guest at once")
        paid.action_cancel(reason="plans changed")
        self.assertEqual((codes.state, codes.revoke_reason), ("revoked", "cancelled"))

    def test_self_check_in_guest_is_in_house_not_a_no_show(self):
        """From the check-in time of the arrival day, the job checks in the self
        check-in stay whose guest holds the code: no desk, no no-show."""
        paid = self.registered_stay(arrival=self.today, nights=1, self_checkin=True)
        self.booked_days_ago(paid, 5)
        self.pay(paid)
        with self.at_local(self.today, 11):
            codes, checked_in = self.env["hotel.reservation"]._self_checkin_job(self.hotel)
        self.assertTrue(codes)
        self.assertFalse(checked_in, "not before the check-in time")
        with self.at_local(self.today, 14, 15):
            _codes, checked_in = self.env["hotel.reservation"]._self_checkin_job(self.hotel)
        self.assertEqual(checked_in, paid)
        self.assertEqual(paid.state, "checked_in")
        self.assertEqual(self.active_code(paid), codes, "the same code")
        with self.at_local(self.today + timedelta(days=1), 7):
            self.env["hotel.reservation"]._mark_due_no_shows(self.hotel)
        self.assertEqual(paid.state, "checked_in")

    def test_early_desk_check_in_opens_a_held_code_now(self):
        res = self.registered_stay(nights=1, self_checkin=True)
        codes = self.env["hotel.door.code"]._issue(res)
        self.assertEqual(codes.valid_from, self.hotel._local_moment(self.today, 14.0))
        with self.at_local(self.today, 11):
            res.action_check_in()
            self.assertEqual(codes.valid_from, datetime.now().replace(microsecond=0))

    def test_no_show_revokes(self):
        res = self.book(arrival=self.today - timedelta(days=1), nights=3, self_checkin=True)
        codes = self.env["hotel.door.code"]._issue(res)
        res.action_no_show()
        self.assertEqual((codes.state, codes.revoke_reason), ("revoked", "no_show"))

    def test_desk_replaces_a_lost_code(self):
        res = self.registered_stay()
        res.action_check_in()
        old = self.active_code(res)
        with self.assertRefused(UserError, r"holds an active door code"):
            res.with_user(self.frontdesk).action_new_door_code()
        old.with_user(self.frontdesk).action_revoke()
        res.with_user(self.frontdesk).action_new_door_code()
        new = self.active_code(res)
        self.assertTrue(new)
        self.assertNotEqual(new, old)
        self.assertEqual(old.revoke_reason, "manual")

    def test_codes_hidden_from_housekeeping_and_marketing(self):
        res = self.registered_stay()
        res.action_check_in()
        self.assertTrue(self.env["hotel.door.code"].with_user(self.frontdesk).search([("reservation_id", "=", res.id)]))
        for user in (self.housekeeping, self.marketing):
            with self.assertRaises(AccessError):
                self.env["hotel.door.code"].with_user(user).search([])
        with self.assertRaises(AccessError):
            res.with_user(self.housekeeping).read(["door_code"])

    def test_desk_cannot_forge_a_code(self):
        res = self.registered_stay()
        res.action_check_in()
        code = self.active_code(res)
        with self.assertRefused(UserError, r"set by its actions"):
            code.with_user(self.frontdesk).write({"code": "111111"})
        with self.assertRefused(UserError, r"set by its actions"):
            code.write({"code": "111111"})  # superuser too: access, not a way round the rules
        with self.assertRefused(UserError, r"set by its actions"):
            self.env["hotel.door.code"].with_user(self.manager).create({
                "reservation_id": res.id, "room_id": res.room_id.id, "code": "123456",
                "valid_from": datetime.now(), "valid_until": datetime.now() + timedelta(days=1)})

    def test_code_length_is_bounded(self):
        with self.assertRefused(ValidationError, r"4 to 10 digits"):
            self.hotel.door_code_length = 3
        self.hotel.door_code_length = 8
        res = self.registered_stay()
        res.action_check_in()
        self.assertRegex(self.active_code(res).code, r"^\d{8}$")

    def test_no_codes_when_the_property_has_none(self):
        self.hotel.door_code_enabled = False
        res = self.registered_stay()
        res.action_check_in()
        self.assertFalse(res.sudo().door_code_ids)
