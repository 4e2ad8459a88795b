"""The member's screens in a real browser: enroll a guest at check-in and
redeem points on the folio at check-out (desk tour), the member's portal
card, and every hotel_loyalty view rendered."""
from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT, ViewSmokeMixin


@freeze_time(PINNED_MOMENT)
@tagged("post_install", "-at_install")
class TestLoyaltyUi(ViewSmokeMixin, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("hotel_base.demo_company")
        cls.prop = cls.env.ref("hotel_base.property_city_hotel")
        cls.program = cls.env["loyalty.program"]._hotel_program(company)
        cls.desk = new_test_user(cls.env, login="l_desk_ui", password="l_desk_ui", company_id=company.id,
                                 company_ids=[Command.set(company.ids)],
                                 groups="base.group_user,hotel_base.group_hotel_frontdesk_user",
                                 hotel_property_ids=[Command.set(cls.prop.ids)])
        cls.guest = cls.env["res.partner"].create({"name": "Tour Guest Qian", "is_hotel_guest": True,
                                                   "email": "qian@example.com"})
        room_type = cls.env["hotel.room.type"].search([("property_id", "=", cls.prop.id)], limit=1)
        today = cls.prop._local_today()
        folio = cls.env["hotel.folio"].create({"partner_id": cls.guest.id, "property_id": cls.prop.id})
        cls.res = cls.env["hotel.reservation"].create({
            "folio_id": folio.id, "partner_id": cls.guest.id, "room_type_id": room_type.id,
            "arrival_date": today, "departure_date": today + timedelta(days=1), "adults": 1})
        cls.res.action_confirm()

    def test_enroll_at_check_in_and_redeem(self):
        self.start_tour(f"/odoo/action-hotel_reservation.action_hotel_reservation/{self.res.id}",
                        "hotel_loyalty_enroll_tour", login="l_desk_ui")
        card = self.guest._hotel_card(self.prop.company_id)
        self.assertEqual(card.hotel_enroll_source, "check_in")
        self.assertEqual(self.res.state, "checked_in")
        card._hotel_move_points(2000, "adjust", "Welcome points")
        self.start_tour(f"/odoo/action-hotel_reservation.action_hotel_folio/{self.res.folio_id.id}",
                        "hotel_loyalty_redeem_tour", login="l_desk_ui")
        reward = self.res.folio_id.line_ids.filtered(lambda line: line.kind == "reward")
        self.assertEqual((reward.loyalty_points, card.points), (1000, 1000))

    def test_portal_card(self):
        portal = new_test_user(self.env, login="l_portal_ui", password="l_portal_ui", groups="base.group_portal",
                               company_id=self.prop.company_id.id, company_ids=[Command.set(self.prop.company_id.ids)])
        self.start_tour("/my/membership", "hotel_loyalty_portal_join_tour", login="l_portal_ui")
        card = portal.partner_id._hotel_card(self.prop.company_id)
        self.assertEqual(card.hotel_enroll_source, "portal")
        self.assertTrue(portal.partner_id.consent_email)

    def test_views_render(self):
        self.assert_module_views_render("hotel_loyalty", minimum=7)
