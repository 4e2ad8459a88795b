from datetime import date, datetime, time, timedelta

from odoo import Command
from odoo.tests import TransactionCase, freeze_time, new_test_user

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT, refused


@freeze_time(PINNED_MOMENT)
class HotelReservationCase(TransactionCase):
    """A small hotel: 3 doubles (101 quiet 1F, 201 2F, 301 3F non-smoking) and
    one suite, a rate plan with a flexible policy, a guest, and staff users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.policy = cls.env["hotel.cancellation.policy"].create({
            "name": "Test flexible 24h", "free_hours": 24, "penalty_type": "first_night",
            "no_show_penalty_type": "full_stay",
        })
        cls.pricelist = cls.env["product.pricelist"].create({
            "name": "Test BAR", "hotel_cancellation_policy_id": cls.policy.id,
        })
        cls.hotel = cls.env["hotel.property"].create({
            "name": "Test Riverside Hotel", "code": "TRH", "tz": "Asia/Shanghai",
            "checkin_time": 14.0, "checkout_time": 12.0, "pricelist_id": cls.pricelist.id,
        })
        cls.other_hotel = cls.env["hotel.property"].create({"name": "Test Other Inn", "code": "TOI"})
        floors = cls.env["hotel.floor"].create([
            {"name": f"{n}F", "level": n, "property_id": cls.hotel.id} for n in (1, 2, 3)])
        cls.double = cls.env["hotel.room.type"].create({
            "name": "Test Double", "code": "TDB", "property_id": cls.hotel.id,
            "max_adults": 2, "max_children": 1, "max_occupancy": 3, "list_price": 500,
        })
        cls.suite = cls.env["hotel.room.type"].create({
            "name": "Test Suite", "code": "TSU", "property_id": cls.hotel.id,
            "max_adults": 4, "max_children": 2, "max_occupancy": 4, "list_price": 1000,
        })
        cls.other_type = cls.env["hotel.room.type"].create({
            "name": "Other Double", "code": "ODB", "property_id": cls.other_hotel.id, "list_price": 300,
        })
        Room = cls.env["hotel.room"]
        cls.r101 = Room.create({"name": "101", "room_type_id": cls.double.id, "floor_id": floors[0].id,
                                "quiet": True, "smoking_allowed": True, "sequence": 1})
        cls.r201 = Room.create({"name": "201", "room_type_id": cls.double.id, "floor_id": floors[1].id,
                                "smoking_allowed": True, "sequence": 2})
        cls.r301 = Room.create({"name": "301", "room_type_id": cls.double.id, "floor_id": floors[2].id,
                                "sequence": 3})
        cls.s401 = Room.create({"name": "401", "room_type_id": cls.suite.id, "floor_id": floors[2].id})
        cls.other_room = Room.create({"name": "X1", "room_type_id": cls.other_type.id})
        cls.guest = cls.env["res.partner"].create({
            "name": "Test Guest Wu", "email": "wu@example.com", "is_hotel_guest": True,
        })
        cls.today = cls.hotel._local_today()
        cls.day = cls.today + timedelta(days=30)  # a safe future arrival

        def user(login, *groups):
            return new_test_user(
                cls.env, login=login,
                groups=",".join(["base.group_user"] + [f"hotel_base.{g}" for g in groups]),
                hotel_property_ids=[Command.set(cls.hotel.ids)],
            )
        cls.frontdesk = user("r_frontdesk", "group_hotel_frontdesk_user")
        cls.manager = user("r_manager", "group_hotel_frontdesk_manager")
        cls.revenue = user("r_revenue", "group_hotel_revenue_manager")
        cls.housekeeping = user("r_housekeeping", "group_hotel_housekeeping")

    def book(self, arrival=None, nights=2, room_type=None, confirm=True, partner=None, **values):
        arrival = arrival or self.day
        folio = values.pop("folio", None) or self.env["hotel.folio"].create({
            "partner_id": (partner or self.guest).id, "property_id": self.hotel.id,
        })
        res = self.env["hotel.reservation"].create(dict({
            "folio_id": folio.id, "partner_id": (partner or self.guest).id,
            "room_type_id": (room_type or self.double).id,
            "arrival_date": arrival, "departure_date": arrival + timedelta(days=nights), "adults": 2,
        }, **values))
        if confirm:
            res.action_confirm()
        return res

    def free(self, room_type, day, nights=1):
        avail = room_type._get_availability(day, day + timedelta(days=nights))[room_type]
        return [avail[day + timedelta(days=i)] for i in range(nights)]

    def active_nights(self, res):
        return res.night_ids.filtered("active").sorted("date")

    def assertRefused(self, exception, pattern):
        """Odoo's assertRaises (savepoint + cache reset) plus a check of the message."""
        return refused(self, exception, pattern)

    def run_cron(self, xmlid):
        """Run a scheduled action as the scheduler does (its own cursor, commits
        per property), inside this test's transaction."""
        with self.enter_registry_test_mode():
            self.env.ref(xmlid).method_direct_trigger()

    def send_confirmations(self):
        """Run the job that renders and sends the queued booking confirmations."""
        self.run_cron("hotel_reservation.ir_cron_send_confirmations")
        self.env.invalidate_all()

    def at_local(self, day, hour, minute=0):
        """freeze_time at ``hour:minute`` local time of the hotel on ``day``."""
        return freeze_time(self.hotel._to_utc(datetime.combine(day, time(hour, minute))))

    @staticmethod
    def d(y, m, dd):
        return date(y, m, dd)
