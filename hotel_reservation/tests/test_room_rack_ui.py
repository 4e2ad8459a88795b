"""The room rack in Chromium (issue #13)."""
from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT


@freeze_time(PINNED_MOMENT, tick=True)
@tagged("post_install", "-at_install")
class TestRoomRackUi(HttpCase):

    def test_rack_drag_refusal_and_new_booking(self):
        hotel = self.env["hotel.property"].create({"name": "Rack Tour Hotel", "code": "RTH"})
        room_type = self.env["hotel.room.type"].create({
            "name": "Rack Double", "code": "RKD", "property_id": hotel.id, "list_price": 300})
        k1, k2, k3 = self.env["hotel.room"].create([{"name": n, "room_type_id": room_type.id}
                                                    for n in ("K1", "K2", "K3")])
        tomorrow = hotel._local_today() + timedelta(days=1)
        stays = {}
        for guest, room in (("Rack Guest A", k1), ("Rack Guest B", k3)):
            partner = self.env["res.partner"].create({"name": guest, "is_hotel_guest": True})
            stays[guest] = self.env["hotel.reservation"].create({
                "partner_id": partner.id, "room_type_id": room_type.id, "room_id": room.id,
                "arrival_date": tomorrow, "departure_date": tomorrow + timedelta(days=2)})
            stays[guest].action_confirm()
        self.env["res.partner"].create({"name": "Rack Guest C", "is_hotel_guest": True})
        new_test_user(self.env, login="rack_desk", groups="base.group_user,hotel_base.group_hotel_frontdesk_user",
                      hotel_property_ids=[Command.set(hotel.ids)])
        self.browser_size = "1280x800"
        self.start_tour("/odoo/action-hotel_reservation.action_hotel_room_rack", "hotel_reservation_rack_tour",
                        login="rack_desk")
        a, b = stays["Rack Guest A"], stays["Rack Guest B"]
        self.assertEqual((a.room_id, b.room_id), (k2, k3))
        self.assertEqual(a.night_ids.filtered("active").room_id, k2, "the ledger followed the move")
        self.assertEqual(b.night_ids.filtered("active").room_id, k3)
        booked = self.env["hotel.reservation"].search([("partner_id.name", "=", "Rack Guest C")])
        self.assertEqual((booked.room_id, booked.arrival_date, booked.nights, booked.state),
                         (k1, tomorrow, 1, "draft"))

    def test_walk_in_tour(self):
        hotel = self.env["hotel.property"].create({"name": "Walk-in Tour Inn", "code": "WTI"})
        room_type = self.env["hotel.room.type"].create({
            "name": "Walk-in Double", "code": "WKD", "property_id": hotel.id, "list_price": 280})
        rooms = self.env["hotel.room"].create([{"name": n, "room_type_id": room_type.id} for n in ("W1", "W2")])
        if "hk_state" in rooms._fields:  # with hotel_housekeeping, walk-ins get ready rooms only
            rooms._hk_set_state("inspected")
        self.env["account.journal"]._hotel_create_payment_journals(self.env.company)
        new_test_user(self.env, login="walkin_desk", groups="base.group_user,hotel_base.group_hotel_frontdesk_user",
                      hotel_property_ids=[Command.set(hotel.ids)])
        self.start_tour("/odoo/action-hotel_base.action_hotel_home", "hotel_reservation_walk_in_tour",
                        login="walkin_desk")
        stay = self.env["hotel.reservation"].search([("property_id", "=", hotel.id)])
        self.assertEqual((stay.partner_id.name, stay.room_id.name, stay.state, stay.nights),
                         ("Walk-in Guest Zhao", "W2", "checked_in", 1))
        self.assertEqual(stay.folio_id.amount_paid, stay.amount_total_incl)
        self.assertTrue(stay.partner_id.is_hotel_guest)
