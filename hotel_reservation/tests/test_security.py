from datetime import timedelta

from odoo.exceptions import AccessError

from .common import HotelReservationCase


class TestReservationSecurity(HotelReservationCase):

    def test_front_desk_books_in_own_property_only(self):
        Folio = self.env["hotel.folio"].with_user(self.frontdesk)
        folio = Folio.create({"partner_id": self.guest.id, "property_id": self.hotel.id})
        res = self.env["hotel.reservation"].with_user(self.frontdesk).create({
            "folio_id": folio.id, "room_type_id": self.double.id, "arrival_date": self.day,
            "departure_date": self.day + timedelta(days=2),
        })
        res.action_confirm()
        self.assertEqual(res.state, "confirmed")
        with self.assertRaises(AccessError):
            Folio.create({"partner_id": self.guest.id, "property_id": self.other_hotel.id})
        other = self.env["hotel.folio"].create({"partner_id": self.guest.id, "property_id": self.other_hotel.id})
        self.assertFalse(Folio.search([("id", "=", other.id)]))

    def test_housekeeping_reads_but_cannot_book(self):
        res = self.book()
        self.assertEqual(res.with_user(self.housekeeping).room_id, res.room_id)
        with self.assertRaises(AccessError):
            res.with_user(self.housekeeping).action_cancel()
        with self.assertRaises(AccessError):
            self.env["hotel.folio"].with_user(self.housekeeping).create({
                "partner_id": self.guest.id, "property_id": self.hotel.id})

    def test_revenue_manager_owns_restrictions_and_policies(self):
        self.env["hotel.rate.restriction"].with_user(self.revenue).create({
            "property_id": self.hotel.id, "date_from": self.day, "date_to": self.day, "stop_sell": True})
        with self.assertRaises(AccessError):
            self.env["hotel.rate.restriction"].with_user(self.frontdesk).create({
                "property_id": self.hotel.id, "date_from": self.day, "date_to": self.day, "stop_sell": True})
        with self.assertRaises(AccessError):
            self.policy.with_user(self.manager).free_hours = 1
