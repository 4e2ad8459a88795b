from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from .common import HotelReservationCase


class TestLedger(HotelReservationCase):
    """The ledger holds exactly the room-nights of confirmed and in-house stays."""

    def test_confirm_writes_one_row_per_night(self):
        res = self.book(nights=3)
        self.assertEqual(res.state, "confirmed")
        self.assertTrue(res.room_id)
        nights = self.active_nights(res)
        self.assertEqual(nights.mapped("date"), [self.day + timedelta(days=i) for i in range(3)])
        self.assertEqual(set(nights.mapped("room_id")), {res.room_id})
        self.assertEqual(res.amount_total, 1500)

    def test_draft_holds_nothing(self):
        res = self.book(confirm=False)
        self.assertEqual(len(res.night_ids), 2, "quotation nights are priced")
        self.assertFalse(res.night_ids.filtered("active"))
        self.assertEqual(self.free(self.double, self.day), [3])

    def test_database_refuses_a_second_holder(self):
        """Even bypassing the ORM checks, PostgreSQL refuses a room-night twice."""
        res = self.book()
        night = self.active_nights(res)[0]
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO hotel_reservation_night (reservation_id, room_id, date, active, price)"
                " SELECT %s, room_id, date, true, 0 FROM hotel_reservation_night WHERE id = %s",
                [self.book(arrival=self.day + timedelta(days=10)).id, night.id])

    def test_same_room_twice_refused_with_clear_message(self):
        first = self.book()
        with self.assertRefused(UserError, r"Room 101 is already booked on .*" + first.name):
            self.book(arrival=self.day + timedelta(days=1), room_id=self.r101.id)
        # Nothing of the refused booking holds inventory.
        self.assertEqual(self.free(self.double, self.day + timedelta(days=1)), [2])

    def test_availability_over_overlapping_stays(self):
        self.book(nights=3)                                    # day .. day+2
        self.book(arrival=self.day + timedelta(days=1), nights=3)  # day+1 .. day+3
        self.book(arrival=self.day + timedelta(days=2), nights=1)  # day+2
        self.assertEqual(self.free(self.double, self.day, 5), [2, 1, 0, 2, 3])
        self.assertEqual(self.free(self.suite, self.day, 5), [1] * 5)
        with self.assertRefused(UserError, "No Test Double is free"):
            self.book(arrival=self.day + timedelta(days=2), nights=1)

    def test_availability_search_counts_rooms_free_for_the_whole_stay(self):
        """Each night has a free double, but never the same one: the search
        offers none for the three nights (booking would fail), yet two for the
        first night alone."""
        d = self.day
        self.book(arrival=d, nights=1, room_id=self.r101.id)
        self.book(arrival=d + timedelta(days=1), nights=1, room_id=self.r201.id)
        self.book(arrival=d + timedelta(days=2), nights=1, room_id=self.r301.id)
        self.book(arrival=d, nights=1, room_id=self.r201.id)
        self.assertEqual(self.free(self.double, d, 3), [1, 2, 2])
        wizard = self.env["hotel.availability.wizard"].create({
            "property_id": self.hotel.id, "arrival_date": d, "nights": 3, "adults": 1,
        })
        line = wizard.line_ids.filtered(lambda line: line.room_type_id == self.double)
        self.assertEqual(line.free_count, 0)
        with self.assertRefused(UserError, "No Test Double is free"):
            self.book(arrival=d, nights=3)
        wizard.write({"nights": 1})
        self.assertEqual(wizard.line_ids.filtered(lambda line: line.room_type_id == self.double).free_count, 1)

    def test_cancel_and_no_show_release_rooms(self):
        res = self.book(nights=2)
        self.assertEqual(self.free(self.double, self.day, 2), [2, 2])
        res.action_cancel(reason="plans changed")
        self.assertEqual(res.state, "cancelled")
        self.assertFalse(res.night_ids.filtered("active"))
        self.assertEqual(len(res.night_ids), 2, "history kept")
        self.assertEqual(self.free(self.double, self.day, 2), [3, 3])

        past = self.book(arrival=self.today - timedelta(days=1), nights=3)
        self.assertEqual(self.free(self.double, self.today), [2])
        past.action_no_show()
        self.assertEqual(past.state, "no_show")
        self.assertEqual(self.free(self.double, self.today), [3])

    def test_early_departure_releases_remaining_nights(self):
        res = self.book(arrival=self.today - timedelta(days=1), nights=4)
        res.action_check_in()
        self.assertEqual(self.free(self.double, self.today, 3), [2, 2, 2])
        # Only the night already spent is charged at check-out (taxes included): pay it first.
        bank = self.env["account.journal"].search([("type", "=", "bank"), ("company_id", "=", self.env.company.id)],
                                                  limit=1)
        res.folio_id._post_night_charges(res.night_ids.filtered(lambda n: n.date < self.today))
        res.folio_id._register_payment(res.folio_id.amount_due, bank)
        res.action_check_out()
        self.assertEqual(res.state, "checked_out")
        self.assertEqual(res.departure_date, self.today)
        self.assertEqual(res.nights, 1)
        self.assertEqual(self.active_nights(res).mapped("date"), [self.today - timedelta(days=1)])
        self.assertEqual(self.free(self.double, self.today, 3), [3, 3, 3])

    def test_room_move_in_house(self):
        res = self.book(arrival=self.today - timedelta(days=1), nights=3)
        res.action_check_in()
        old_room = res.room_id
        new_room = ((self.r101 | self.r201 | self.r301) - old_room)[0]
        res.action_move_room(new_room)
        nights = self.active_nights(res)
        self.assertEqual(nights[0].room_id, old_room, "the night already spent stays in the old room")
        self.assertEqual(set(nights[1:].mapped("room_id")), {new_room})
        self.assertEqual(res.room_id, new_room)
        # The old room is free again from today, the new one is taken.
        free_rooms = self.env["hotel.reservation"]._find_free_rooms(
            self.double, self.today, self.today + timedelta(days=2))
        self.assertIn(old_room, free_rooms)
        self.assertNotIn(new_room, free_rooms)
        self.assertEqual(self.free(self.double, self.today, 2), [2, 2])

    def test_room_move_upgrade_and_refused_move(self):
        res = self.book()
        other = self.book(nights=2)
        with self.assertRefused(UserError, f"Room {other.room_id.name} is already booked"):
            res.action_move_room(other.room_id)
        self.assertEqual(set(self.active_nights(res).mapped("room_id")), {res.room_id})
        res.action_move_room(self.s401)
        self.assertEqual(res.room_type_id, self.suite)
        self.assertEqual(self.free(self.suite, self.day), [0])
        self.assertEqual(self.free(self.double, self.day), [2])
        self.assertEqual(res.amount_total, 1000, "an upgrade keeps the booked price")

    def test_extend_and_shorten(self):
        res = self.book(nights=2)
        res.departure_date = self.day + timedelta(days=4)
        self.assertEqual(len(self.active_nights(res)), 4)
        self.assertEqual(res.amount_total, 2000)
        res.departure_date = self.day + timedelta(days=1)
        self.assertEqual(len(res.night_ids), 1)
        self.assertEqual(self.free(self.double, self.day, 3), [2, 3, 3])

    def test_extension_into_a_taken_night_is_refused(self):
        res = self.book(nights=2, room_id=self.r101.id)
        self.book(arrival=self.day + timedelta(days=2), room_id=self.r101.id)
        with self.assertRefused(UserError, "Room 101 is already booked"):
            res.departure_date = self.day + timedelta(days=3)
        self.assertEqual(res.departure_date, self.day + timedelta(days=2))
        self.assertEqual(len(self.active_nights(res)), 2)

    def test_group_folio(self):
        folio = self.env["hotel.folio"].create({"partner_id": self.guest.id, "property_id": self.hotel.id})
        for _i in range(3):
            self.book(folio=folio, confirm=False)
        folio.action_confirm()
        self.assertEqual(folio.state, "confirmed")
        self.assertEqual(len(folio.reservation_ids.room_id), 3, "three different rooms")
        self.assertEqual(self.free(self.double, self.day), [0])
        self.assertEqual(folio.amount_room, 3000)
        self.assertTrue(folio.name.startswith("TRH-"))
        self.assertEqual(sorted(folio.reservation_ids.mapped("name")),
                         [f"{folio.name}/{i}" for i in (1, 2, 3)])

    def test_archiving_a_booked_room_is_refused(self):
        res = self.book(room_id=self.r201.id)
        with self.assertRefused(UserError, "Room 201 is booked on"):
            self.r201.action_archive()
        self.assertTrue(self.r201.active)
        res.action_cancel()
        self.r201.action_archive()
        self.assertEqual(self.free(self.double, self.day), [2])
