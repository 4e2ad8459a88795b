from datetime import timedelta

from odoo.exceptions import UserError, ValidationError

from .common import HotelReservationCase


class TestBadInput(HotelReservationCase):
    """Every wrong action gets a clear message and leaves the database unchanged."""

    def _counts(self):
        return (self.env["hotel.reservation"].search_count([]),
                self.env["hotel.reservation.night"].with_context(active_test=False).search_count([]))

    def test_refused_bookings_save_nothing(self):
        before = self._counts()
        folio = self.env["hotel.folio"].create({"partner_id": self.guest.id, "property_id": self.hotel.id})
        base = {"folio_id": folio.id, "partner_id": self.guest.id, "room_type_id": self.double.id,
                "arrival_date": self.day, "departure_date": self.day + timedelta(days=2), "adults": 2}
        Reservation = self.env["hotel.reservation"]
        cases = [
            ({"departure_date": self.day}, ValidationError, "must be after the arrival date"),
            ({"departure_date": self.day - timedelta(days=1)}, ValidationError, "must be after the arrival date"),
            ({"adults": 3}, ValidationError, "sleeps at most 3 guests"),
            ({"adults": 2, "children": 2}, ValidationError, "do not fit"),
            ({"adults": 0}, ValidationError, "at least one adult"),
            ({"room_id": self.s401.id}, ValidationError, "Room 401 is a Test Suite"),
            ({"room_id": self.other_room.id}, ValidationError, "X1 is not a room of Test Riverside Hotel"),
            ({"room_type_id": self.other_type.id}, ValidationError,
             "Other Double is not a room type of Test Riverside Hotel"),
        ]
        for values, exc, pattern in cases:
            with self.subTest(values=values), self.assertRefused(exc, pattern):
                Reservation.create(dict(base, **values))
        self.assertEqual(self._counts()[1], before[1])
        self.assertEqual(self._counts()[0], before[0])

    def test_archived_room_refused(self):
        self.r301.action_archive()
        with self.assertRefused(ValidationError, "Room 301 is archived"):
            self.book(room_id=self.r301.id)
        self.assertNotIn(self.r301, self.env["hotel.reservation"]._find_free_rooms(
            self.double, self.day, self.day + timedelta(days=1)))

    def test_arrival_in_the_past_only_for_managers(self):
        yesterday = self.today - timedelta(days=1)
        folio = self.env["hotel.folio"].with_user(self.frontdesk).create({
            "partner_id": self.guest.id, "property_id": self.hotel.id})
        with self.assertRefused(UserError, "is in the past"):
            self.env["hotel.reservation"].with_user(self.frontdesk).create({
                "folio_id": folio.id, "room_type_id": self.double.id, "arrival_date": yesterday,
                "departure_date": self.today + timedelta(days=1),
            })
        res = self.env["hotel.reservation"].with_user(self.manager).create({
            "folio_id": folio.id, "room_type_id": self.double.id, "arrival_date": yesterday,
            "departure_date": self.today + timedelta(days=1),
        })
        res.with_user(self.manager).action_confirm()
        self.assertEqual(res.state, "confirmed")

    def test_lifecycle_order_enforced(self):
        draft = self.book(arrival=self.today, confirm=False)
        with self.assertRefused(UserError, "not confirmed"):
            draft.action_check_in()
        future = self.book()
        with self.assertRefused(UserError, "cannot be checked in before"):
            future.action_check_in()
        with self.assertRefused(UserError, "not in house"):
            future.action_check_out()
        with self.assertRefused(UserError, "cannot be a no-show yet"):
            future.action_no_show()
        with self.assertRefused(UserError, "not a quotation"):
            future.action_confirm()
        self.assertEqual(future.state, "confirmed")
        future.action_cancel()
        with self.assertRefused(UserError, "cannot be cancelled any more"):
            future.action_cancel()
        with self.assertRefused(UserError, "cannot change any more"):
            future.departure_date = self.day + timedelta(days=5)

    def test_no_free_room(self):
        for _i in range(3):
            self.book()
        before = self._counts()
        res = self.book(confirm=False)
        with self.assertRefused(UserError, "No Test Double is free"):
            res.action_confirm()
        self.assertEqual(res.state, "draft")
        self.assertFalse(res.room_id)
        self.assertEqual(self._counts()[1], before[1] + 2)  # only the quotation's priced nights
