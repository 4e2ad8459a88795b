from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.hotel_base.tests.common import ViewSmokeMixin


@tagged("post_install", "-at_install")
class TestReservationUi(ViewSmokeMixin, HttpCase):

    def test_book_from_availability_tour(self):
        """Front desk searches availability, books two nights for a guest, confirms
        and sees the room assigned."""
        hotel = self.env["hotel.property"].create({"name": "Tour Hill Hotel", "code": "THH"})
        room_type = self.env["hotel.room.type"].create({
            "name": "Tour Garden Double", "code": "TGD", "property_id": hotel.id, "list_price": 420})
        self.env["hotel.room"].create([{"name": n, "room_type_id": room_type.id} for n in ("G1", "G2")])
        self.env["res.partner"].create({"name": "Tour Guest Sun Li", "is_hotel_guest": True})
        new_test_user(self.env, login="tour_frontdesk",
                      groups="base.group_user,hotel_base.group_hotel_frontdesk_user",
                      hotel_property_ids=[Command.set(hotel.ids)])
        self.start_tour("/odoo", "hotel_reservation_book_tour", login="tour_frontdesk")
        res = self.env["hotel.reservation"].search([("partner_id.name", "=", "Tour Guest Sun Li")])
        self.assertEqual(len(res), 1)
        self.assertEqual(res.state, "confirmed")
        self.assertEqual(res.nights, 2)
        self.assertEqual(res.room_id.name, "G1")
        self.assertEqual(res.amount_total, 840)

    def test_every_view_renders(self):
        """Every reservation action opens in each of its view modes without a client error."""
        self.assert_module_views_render("hotel_reservation", minimum=8)
