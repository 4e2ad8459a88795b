from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common import PINNED_MOMENT, ViewSmokeMixin


@freeze_time(PINNED_MOMENT, tick=True)
@tagged("post_install", "-at_install")
class TestHotelBaseUi(ViewSmokeMixin, HttpCase):

    def test_room_setup_tour(self):
        """A front-desk manager creates a room type and a room in the browser and sees them listed."""
        hotel = self.env["hotel.property"].create({"name": "Tour Lakeside Hotel", "code": "TLH"})
        new_test_user(
            self.env, login="tour_manager",
            groups="base.group_user,hotel_base.group_hotel_frontdesk_manager",
            hotel_property_ids=[(6, 0, hotel.ids)],
        )
        self.start_tour("/odoo", "hotel_base_room_setup_tour", login="tour_manager")
        room = self.env["hotel.room"].search([("name", "=", "T901")])
        self.assertEqual(room.property_id, hotel)
        self.assertEqual(room.room_type_id.name, "Tour Garden Suite")
        self.assertEqual(room.room_type_id.max_occupancy, 3)
        self.assertEqual(room.room_type_id.list_price, 688)
        self.assertEqual(room.view, "lake")
        self.assertEqual(room.room_type_id.product_id.list_price, 688)

    def test_document_register_tour(self):
        """The desk records a passport from the guest form; recording it again is
        refused with the reason; no wizard row keeps a number in clear."""
        hotel = self.env["hotel.property"].create({"name": "Tour Register Hotel", "code": "TRG"})
        guest = self.env["res.partner"].create({"name": "Tour Guest Zhou", "is_hotel_guest": True})
        new_test_user(self.env, login="tour_desk", groups="base.group_user,hotel_base.group_hotel_frontdesk_user",
                      hotel_property_ids=[(6, 0, hotel.ids)])
        self.start_tour(f"/odoo/action-hotel_base.action_hotel_guest/{guest.id}", "hotel_base_document_register_tour",
                        login="tour_desk")
        document = self.env["hotel.guest.document"].search([("partner_id", "=", guest.id)])
        self.assertEqual((document.number, document.document_type, document.property_id),
                         ("E12345678", "passport", hotel))
        self.assertNotIn("E12345678", self.env["hotel.guest.document.register"].search([]).mapped("number"))

    def test_every_view_renders(self):
        """Every hotel action opens in each of its view modes without a client error."""
        self.assert_module_views_render("hotel_base", minimum=8)
