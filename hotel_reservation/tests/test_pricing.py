from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError

from .common import HotelReservationCase


class TestPricing(HotelReservationCase):

    def _monday(self):
        day = self.day
        return day + timedelta(days=(7 - day.weekday()) % 7)

    def test_rack_rate_and_seasonal_pricelist(self):
        monday = self._monday()
        self.env["product.pricelist.item"].create({
            "pricelist_id": self.pricelist.id, "applied_on": "1_product",
            "product_tmpl_id": self.double.product_id.product_tmpl_id.id,
            "compute_price": "fixed", "fixed_price": 800,
            "date_start": datetime.combine(monday + timedelta(days=1), datetime.min.time()),
            "date_end": datetime.combine(monday + timedelta(days=1), datetime.max.time().replace(microsecond=0)),
        })
        res = self.book(arrival=monday, nights=3)
        prices = res.night_ids.sorted("date").mapped("price")
        self.assertEqual(prices, [500, 800, 500])
        self.assertEqual(res.amount_total, 1800)

    def test_weekday_adjustment(self):
        monday = self._monday()
        self.env["hotel.rate.adjustment"].create([
            {"pricelist_id": self.pricelist.id, "weekday": "4", "percent": 20},  # Friday, all types
            {"pricelist_id": self.pricelist.id, "weekday": "5", "percent": 20, "room_type_id": self.suite.id},
        ])
        res = self.book(arrival=monday + timedelta(days=4), nights=2)  # Friday, Saturday
        self.assertEqual(res.night_ids.sorted("date").mapped("price"), [600, 500])

    def test_manual_price_only_by_revenue_manager(self):
        res = self.book()
        night = res.night_ids.sorted("date")[0]
        with self.assertRefused(AccessError, "Only revenue managers"):
            night.with_user(self.manager).price = 1
        self.assertEqual(night.price, 500)
        night.with_user(self.revenue).price = 450
        self.assertTrue(night.price_manual)
        self.assertEqual(res.amount_total, 950)
        res.action_recompute_prices()
        self.assertEqual(night.price, 450, "manual prices survive a reprice")

    def test_restrictions(self):
        Restriction = self.env["hotel.rate.restriction"]
        day = self.day
        Restriction.create({"property_id": self.hotel.id, "date_from": day, "date_to": day, "min_stay": 3})
        with self.assertRefused(UserError, "minimum stay of 3 nights"):
            self.book(nights=2)
        self.book(nights=3)
        Restriction.create({"property_id": self.hotel.id, "room_type_id": self.double.id,
                            "date_from": day + timedelta(days=10), "date_to": day + timedelta(days=10),
                            "closed_to_arrival": True})
        with self.assertRefused(UserError, "closed to arrival"):
            self.book(arrival=day + timedelta(days=10))
        self.book(arrival=day + timedelta(days=10), room_type=self.suite)  # other type unaffected
        Restriction.create({"property_id": self.hotel.id, "date_from": day + timedelta(days=20),
                            "date_to": day + timedelta(days=20), "closed_to_departure": True})
        with self.assertRefused(UserError, "closed to departure"):
            self.book(arrival=day + timedelta(days=18))
        Restriction.create({"property_id": self.hotel.id, "date_from": day + timedelta(days=31),
                            "date_to": day + timedelta(days=31), "stop_sell": True})
        with self.assertRefused(UserError, "sales stopped"):
            self.book(arrival=day + timedelta(days=30), nights=3)
        Restriction.create({"property_id": self.hotel.id, "date_from": day + timedelta(days=40),
                            "date_to": day + timedelta(days=40), "max_stay": 2})
        with self.assertRefused(UserError, "maximum stay of 2 nights"):
            self.book(arrival=day + timedelta(days=40), nights=3)
        # Refused bookings hold nothing.
        self.assertEqual(self.free(self.double, day + timedelta(days=30), 3), [3, 3, 3])

    def test_restriction_override_by_manager_is_logged(self):
        self.env["hotel.rate.restriction"].create({
            "property_id": self.hotel.id, "date_from": self.day, "date_to": self.day, "min_stay": 3})
        res = self.book(confirm=False)
        with self.assertRefused(UserError, "can override"):
            res.with_user(self.frontdesk).action_confirm()
        with self.assertRaises(AccessError):
            res.with_user(self.frontdesk).write({"override_restrictions": True})
        res.with_user(self.manager).write({"override_restrictions": True})
        res.with_user(self.manager).action_confirm()
        self.assertEqual(res.state, "confirmed")
        self.assertTrue(any("Restrictions overridden by" in m.body for m in res.message_ids))
