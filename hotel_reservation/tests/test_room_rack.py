"""The room rack's data call and its moves (issue #13)."""
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT

from .common import HotelReservationCase


@freeze_time(PINNED_MOMENT)
class TestRoomRack(HotelReservationCase):

    def rack(self, user=None, date_from=None, days=7):
        prop = self.hotel.with_user(user or self.frontdesk)
        return prop.get_room_rack(date_from.isoformat() if date_from else False, days)

    def test_a_page_of_the_rack(self):
        in_house = self.book(arrival=self.today - timedelta(days=2), nights=2, room_id=self.r101.id)
        in_house.action_check_in()
        future = self.book(arrival=self.today + timedelta(days=2), nights=2, room_id=self.r201.id)
        unassigned = self.book(arrival=self.today + timedelta(days=1), nights=1, room_type=self.suite, confirm=False)
        self.book(arrival=self.today + timedelta(days=20), nights=2)  # beyond the page
        data = self.rack()
        self.assertEqual(data["date_from"], str(self.today - timedelta(days=1)), "from yesterday by default")
        self.assertEqual([d["date"] for d in data["days"] if d["today"]], [str(self.today)])
        self.assertEqual(len(data["days"]), 7)
        self.assertEqual([(g["name"], [r["name"] for r in g["rooms"]]) for g in data["groups"]],
                         [("Test Double", ["101", "201", "301"]), ("Test Suite", ["401"])])
        stays = {s["id"]: s for s in data["stays"]}
        self.assertEqual(set(stays), {in_house.id, future.id})
        self.assertEqual((stays[in_house.id]["state"], stays[in_house.id]["room_id"],
                          stays[in_house.id]["departure"]), ("departing", self.r101.id, str(self.today)))
        self.assertEqual(stays[future.id]["state"], "confirmed")
        self.assertEqual([s["id"] for s in data["unassigned"]], [unassigned.id])
        # free counts are the availability engine's, night by night
        double = data["groups"][0]
        expected = self.double._get_availability(self.today - timedelta(days=1), self.today + timedelta(days=6))
        self.assertEqual(double["free"], list(expected[self.double].values()))
        self.assertEqual(double["free"][:2], [2, 3], "101 held last night, free tonight (leaving today)")

    def test_the_rack_reads_with_the_user_rights(self):
        with self.assertRefused(AccessError, "top-secret records"):
            self.other_hotel.with_user(self.frontdesk).get_room_rack(False, 7)
        for days in (0, 63, "7", True):
            with self.assertRefused(UserError, "The rack shows 1 to 62 days"):
                self.hotel.with_user(self.frontdesk).get_room_rack(False, days)
        with self.assertRefused(UserError, "Give the dates as YYYY-MM-DD"):
            self.hotel.with_user(self.frontdesk).get_room_rack("2026-02-30", 7)

    def test_one_query_set_whatever_the_number_of_stays(self):
        self.book(arrival=self.today, nights=2, room_id=self.r101.id)
        self.rack()  # warm caches (translations, ACLs)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.rack()
        few = self.env.cr.sql_log_count - before
        for room in (self.r201, self.r301, self.s401):
            self.book(arrival=self.today + timedelta(days=1), nights=3, room_id=room.id,
                      room_type=room.room_type_id)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        data = self.rack()
        self.assertEqual(len(data["stays"]), 4)
        self.assertLessEqual(self.env.cr.sql_log_count - before, few, "no query per stay or room")

    def test_moves_follow_the_forms_rules(self):
        res = self.book(arrival=self.today + timedelta(days=2), nights=2, room_id=self.r101.id)
        other = self.book(arrival=self.today + timedelta(days=2), nights=2, room_id=self.r301.id)
        desk = res.with_user(self.frontdesk)
        # preview: nothing changes, the room total before and after
        nights = self.active_nights(res)
        preview = desk.rack_move(self.r101.id, str(self.today + timedelta(days=2)),
                                 str(self.today + timedelta(days=5)), preview=True)
        self.assertEqual(preview["before"], sum(nights.mapped("price")))
        self.assertEqual(preview["after"], preview["before"] + 500.0)
        self.assertEqual(res.departure_date, self.today + timedelta(days=4), "a preview changes nothing")
        # another room, the same nights
        desk.rack_move(self.r201.id, str(res.arrival_date), str(res.departure_date))
        self.assertEqual(self.active_nights(res).room_id, self.r201)
        # another room and other nights in one move
        desk.rack_move(self.r101.id, str(self.today + timedelta(days=3)), str(self.today + timedelta(days=6)))
        self.assertEqual((res.room_id, res.arrival_date, res.departure_date),
                         (self.r101, self.today + timedelta(days=3), self.today + timedelta(days=6)))
        self.assertEqual(self.active_nights(res).mapped("date"),
                         [self.today + timedelta(days=i) for i in (3, 4, 5)])
        # onto a room taken those nights: the forms' message, nothing changed
        with self.assertRefused(UserError, "Room 301 is already booked"):
            desk.rack_move(self.r301.id, str(res.arrival_date), str(res.departure_date))
        self.assertEqual(self.active_nights(res).room_id, self.r101)
        self.assertEqual(self.active_nights(other).room_id, self.r301)
        # an in-house guest: the departure moves, the arrival cannot
        res.write({"arrival_date": self.today, "departure_date": self.today + timedelta(days=2)})
        res.action_check_in()
        desk.rack_move(self.r101.id, str(self.today), str(self.today + timedelta(days=3)))
        self.assertEqual(res.departure_date, self.today + timedelta(days=3))
        with self.assertRefused(UserError, "the arrival date cannot change"):
            desk.rack_move(self.r101.id, str(self.today + timedelta(days=1)), str(self.today + timedelta(days=4)))
        with self.assertRefused(UserError, "The stay is unchanged"):
            desk.rack_move(self.r101.id, str(self.today), str(self.today + timedelta(days=3)))
        with self.assertRefused(UserError, "Choose one existing room"):
            desk.rack_move(999999, str(self.today), str(self.today + timedelta(days=3)))
        with self.assertRefused(AccessError, "top-secret records"):
            desk.rack_move(self.other_room.id, str(self.today), str(self.today + timedelta(days=3)))
        with self.assertRefused(AccessError, "not allowed to modify"):
            res.with_user(self.housekeeping).rack_move(self.r201.id, str(self.today), str(self.today + timedelta(3)))

    def test_a_booking_from_an_empty_cell(self):
        Wizard = self.env["hotel.availability.wizard"].with_user(self.frontdesk).with_context(
            default_property_id=self.hotel.id, default_arrival_date=str(self.day), default_nights=2,
            default_departure_date=str(self.day + timedelta(days=2)), default_room_id=self.r301.id)
        wizard = Wizard.create({"partner_id": self.guest.id})
        line = wizard.line_ids.filtered(lambda line: line.room_type_id == self.double)
        self.assertEqual((line.quantity, wizard.nights), (1, 2))
        self.assertGreater(line.total_price, 0)
        self.assertFalse(wizard.line_ids.filtered(lambda line: line.room_type_id != self.double).mapped("quantity")[0])
        action = wizard.action_book()
        folio = self.env["hotel.folio"].browse(action["res_id"])
        self.assertEqual((folio.reservation_ids.room_id, folio.reservation_ids.arrival_date), (self.r301, self.day))
