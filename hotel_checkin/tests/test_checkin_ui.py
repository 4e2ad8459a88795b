"""The desk's check-in of a room of two and the guest's pre-check-in page, in
Chromium; every screen of the addon opens."""
from odoo.tests import HttpCase, tagged

from odoo.addons.hotel_base.tests.common import ViewSmokeMixin

from .common import ID_LI, CheckinCase


@tagged("post_install", "-at_install")
class TestCheckinUi(ViewSmokeMixin, CheckinCase, HttpCase):

    def test_desk_checks_in_a_room_of_two(self):
        res = self.book(arrival=self.today)
        self.document(self.guest)
        companion = self.env["res.partner"].create({"name": "Tour Companion Zhao", "is_hotel_guest": True})
        self.add_guest(res, companion)
        self.frontdesk.password = "r_frontdesk"
        self.start_tour(f"/odoo/action-hotel_reservation.action_hotel_reservation/{res.id}",
                        "hotel_checkin_desk_tour", login="r_frontdesk")
        self.env.invalidate_all()
        self.assertEqual(res.state, "checked_in")
        self.assertEqual(len(res.sudo().door_code_ids), 1)

    def test_guest_pre_checks_in_from_the_link(self):
        res = self.book()
        self.document(self.guest)
        url = res.folio_id._precheckin_url().replace(res.folio_id.get_base_url(), "")
        self.start_tour(url, "hotel_precheckin_tour")
        self.env.invalidate_all()
        guests = res.guest_ids
        self.assertEqual(guests.partner_id.mapped("name"), ["Test Guest Wu", "Tour Guest Qian"])
        self.assertTrue(all(guests.mapped("registered")))
        self.assertEqual(guests.filtered(lambda g: not g.is_main).source, "online")
        self.assertEqual(res.expected_arrival_time, 16.5)
        self.assertTrue(res.precheckin_at)
        doc = self.env["hotel.guest.document"].sudo().search([("partner_id", "in", guests.partner_id.ids),
                                                              ("number", "=", ID_LI)])
        self.assertEqual(doc.property_id, self.hotel)

    def test_every_screen_opens(self):
        self.assert_module_views_render("hotel_checkin", minimum=5)
