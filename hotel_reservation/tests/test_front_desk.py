"""The front desk's home, boards and walk-ins (issue #13)."""
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT

from .common import HotelReservationCase


@freeze_time(PINNED_MOMENT)
class TestFrontDesk(HotelReservationCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.journal"]._hotel_create_payment_journals(cls.env.company)
        cls.cash = cls.env["account.journal"].search(
            [("company_id", "=", cls.env.company.id), ("type", "=", "cash")], limit=1)
        rooms = cls.r101 | cls.r201 | cls.r301 | cls.s401
        if "hk_state" in rooms._fields:  # with hotel_housekeeping, walk-ins get ready rooms only
            rooms._hk_set_state("inspected")

    def walk_in(self, **values):
        Wizard = self.env["hotel.walk.in"].with_user(self.frontdesk)
        return Wizard.create(dict({"property_id": self.hotel.id, "partner_id": self.guest.id}, **values))

    def test_walk_in_from_guest_to_checked_in_with_deposit(self):
        self.book(arrival=self.today, nights=1, room_id=self.r101.id)  # 101 is taken tonight
        wizard = self.walk_in(nights=2)
        self.assertEqual((wizard.arrival_date, wizard.departure_date), (self.today, self.today + timedelta(days=2)))
        self.assertNotIn(self.r101, wizard.free_room_ids)
        self.assertIn(self.r201, wizard.free_room_ids)
        wizard.room_id = self.r201
        quoted = wizard.amount_total
        self.assertGreaterEqual(quoted, 1000.0, "two nights at 500, taxes as billed")
        self.assertEqual(wizard.deposit, quoted, "the stay's price is proposed as the deposit")
        wizard.journal_id = self.cash
        action = wizard.action_check_in()
        stay = self.env["hotel.reservation"].browse(action["res_id"])
        self.assertEqual((stay.state, stay.room_id, stay.arrival_date, stay.nights), ("checked_in", self.r201,
                                                                                     self.today, 2))
        self.assertEqual(self.active_nights(stay).room_id, self.r201)
        self.assertEqual(stay.amount_total_incl, quoted, "the quote is what the stay costs")
        self.assertEqual(stay.folio_id.amount_paid, quoted)

    def test_a_refused_walk_in_leaves_nothing(self):
        folios = self.env["hotel.folio"].search_count([])
        wizard = self.walk_in(room_id=self.r101.id)
        self.book(arrival=self.today, nights=1, room_id=self.r101.id)  # someone took it meanwhile
        wizard.invalidate_recordset(["free_room_ids"])
        with self.assertRefused(UserError, "Room 101 is not free and ready from tonight"):
            wizard.action_check_in()
        self.assertEqual(self.env["hotel.folio"].search_count([]), folios + 1, "only the other booking")
        with self.assertRefused(ValidationError, "A walk-in stays 1 to 365 nights"):
            self.walk_in(nights=0)
        with self.assertRefused(AccessError, "not allowed to create"):
            self.env["hotel.walk.in"].with_user(self.housekeeping).create({"partner_id": self.guest.id})
        with self.assertRefused(AccessError, "Room: you have no access to this record"):
            self.walk_in(room_id=self.other_room.id)

    def test_today_figures_and_their_lists(self):
        arriving = self.book(arrival=self.today, nights=2, room_id=self.r101.id)
        leaving = self.book(arrival=self.today - timedelta(days=2), nights=2, room_id=self.r201.id)
        leaving.action_check_in()
        staying = self.book(arrival=self.today - timedelta(days=1), nights=3, room_id=self.r301.id)
        staying.action_check_in()
        late = self.book(arrival=self.today - timedelta(days=1), nights=3, room_id=self.s401.id,
                         room_type=self.suite)
        self.book(arrival=self.today + timedelta(days=1), nights=1)
        prop = self.hotel.with_user(self.frontdesk)
        figures = prop.read(prop._desk_fields())[0]
        self.assertEqual(
            {k: figures[k] for k in ("desk_arrivals", "desk_departures", "desk_in_house", "desk_late",
                                     "desk_arrivals_tomorrow", "desk_rooms_sold", "desk_rooms_available")},
            {"desk_arrivals": 1, "desk_departures": 1, "desk_in_house": 2, "desk_late": 1,
             "desk_arrivals_tomorrow": 1, "desk_rooms_sold": 3, "desk_rooms_available": 4})
        self.assertEqual(figures["desk_occupancy"], 75.0)
        # the lists behind the figures: the same stays
        Reservation = self.env["hotel.reservation"].with_user(self.frontdesk)
        mine = [("property_id", "=", self.hotel.id), ("state", "=", "confirmed")]
        self.assertEqual(Reservation.search([*mine, ("arrives_today", "=", True)]), arriving)
        self.assertEqual(Reservation.search([*mine, ("arrives_late", "=", True)]), late)
        self.assertEqual(len(Reservation.search([*mine, ("arrives_tomorrow", "=", True)])), 1)
        for method, default in (("action_desk_arrivals", "arrivals_today"), ("action_desk_departures",
                                "departures_today"), ("action_desk_late", "late_arrivals")):
            action = getattr(prop, method)()
            self.assertEqual(action["domain"], [("property_id", "=", self.hotel.id)], method)
            self.assertIn(f"search_default_{default}", action["context"], method)
        with self.assertRefused(AccessError, "top-secret records"):
            self.other_hotel.with_user(self.frontdesk).action_desk_arrivals()

    def test_a_guest_still_in_the_room_keeps_it(self):
        leaving = self.book(arrival=self.today - timedelta(days=2), nights=2, room_id=self.r101.id)
        leaving.action_check_in()  # due out today, not checked out yet: tonight is free in the ledger
        wizard = self.walk_in(nights=1)
        self.assertNotIn(self.r101, wizard.free_room_ids, "the guest has not left yet")
        self.assertIn(self.r201, wizard.free_room_ids)
        tonight = self.book(arrival=self.today, nights=1, room_id=self.r101.id)  # sold: the ledger is free tonight
        with self.assertRefused(UserError, "Room 101 is still occupied by Test Guest Wu: check them out first"):
            tonight.action_check_in()
        self.assertEqual(tonight.state, "confirmed")
        staying = self.book(arrival=self.today - timedelta(days=2), nights=4, room_id=self.r301.id)
        staying.action_check_in()
        with self.assertRefused(UserError, "the stay ends at check-out"):
            staying.with_user(self.frontdesk).rack_move(self.r301.id, str(staying.arrival_date), str(self.today))
        with self.assertRefused(UserError, "nights already spent cannot be removed"):
            staying.write({"departure_date": self.today - timedelta(days=1)})
        self.assertEqual(len(self.active_nights(staying)), 4)
        wizard.room_id = self.r201
        wizard.journal_id = self.env["account.journal"].create({
            "name": "Not a payment method", "code": "XMISC", "type": "general"})
        with self.assertRefused(UserError, "is not a payment method"):
            wizard.action_check_in()
