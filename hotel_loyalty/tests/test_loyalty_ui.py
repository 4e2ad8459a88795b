"""The member's screens in a real browser: enroll a guest at check-in and
redeem points on the folio at check-out (desk tour), the member's portal
card, and every hotel_loyalty view rendered."""
import io
import re
from datetime import timedelta

import openpyxl

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
        if "registration_required" in cls.prop._fields:
            # hotel_checkin's demo registers every guest there: this tour is about enrolment, not registration
            cls.prop.registration_required = False
        cls.program = cls.env["loyalty.program"]._hotel_program(company)
        cls.desk = new_test_user(cls.env, login="l_desk_ui", password="l_desk_ui", company_id=company.id,
                                 company_ids=[Command.set(company.ids)],
                                 groups="base.group_user,hotel_base.group_hotel_frontdesk_user",
                                 hotel_property_ids=[Command.set(cls.prop.ids)])
        cls.guest = cls.env["res.partner"].create({"name": "Tour Guest Qian", "is_hotel_guest": True,
                                                   "email": "qian@example.com"})
        # a room of its own: the demo's in-house guests (checked in whatever the pinned date) hold theirs
        room_type = cls.env["hotel.room.type"].create({
            "name": "Loyalty Tour Double", "code": "LTD", "property_id": cls.prop.id, "list_price": 500})
        room = cls.env["hotel.room"].create({"name": "LT1", "room_type_id": room_type.id})
        if "hk_state" in room._fields:  # with hotel_housekeeping, guests are checked into ready rooms
            room._hk_set_state("inspected")
        today = cls.prop._local_today()
        folio = cls.env["hotel.folio"].create({"partner_id": cls.guest.id, "property_id": cls.prop.id})
        cls.res = cls.env["hotel.reservation"].create({
            "folio_id": folio.id, "partner_id": cls.guest.id, "room_type_id": room_type.id, "room_id": room.id,
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

    def test_portal_join_needs_the_terms_and_is_personal(self):
        portal = new_test_user(self.env, login="l_portal_terms", password="l_portal_terms",
                               groups="base.group_portal", company_id=self.prop.company_id.id,
                               company_ids=[Command.set(self.prop.company_id.ids)])
        self.authenticate("l_portal_terms", "l_portal_terms")
        page = self.url_open("/my/membership")
        self.assertIn("o_hotel_member_join", page.text)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open("/my/membership/join", data={"csrf_token": token, "consent_email": "on"})
        self.assertIn("error=terms", response.url)
        self.assertFalse(portal.partner_id._hotel_card(self.prop.company_id), "no terms: not enrolled")
        self.assertFalse(portal.partner_id.consent_email, "nor any consent recorded")
        # a partner id slipped into the form is ignored: the session's own guest joins
        response = self.url_open("/my/membership/join", data={
            "csrf_token": token, "terms": "on", "partner_id": str(self.guest.id)})
        self.assertTrue(portal.partner_id._hotel_card(self.prop.company_id))
        self.assertFalse(self.guest._hotel_card(self.prop.company_id))
        self.assertIn("o_hotel_member_card", self.url_open("/my/membership").text)

    def test_members_xlsx(self):
        card = self.env["loyalty.card"]._hotel_enroll(self.guest, "desk", self.program)
        card._hotel_move_points(1234, "adjust", "Opening balance")
        company = self.prop.company_id
        marketing = new_test_user(self.env, login="l_mkt_xlsx", password="l_mkt_xlsx", company_id=company.id,
                                  company_ids=[Command.set(company.ids)],
                                  groups="base.group_user,hotel_base.group_hotel_marketing")
        self.authenticate(marketing.login, "l_mkt_xlsx")
        response = self.url_open("/hotel/loyalty/members.xlsx")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:5], ("Card", "Member", "E-mail", "Tier", "Points"))
        mine = next(row for row in rows if row[1] == "Tour Guest Qian")
        self.assertEqual((mine[0], mine[3], mine[4]), (card.code, "Standard", 1234))
        members = self.env["loyalty.card"].search_count([("program_id", "=", self.program.id)])
        self.assertEqual(len(rows) - 1, members)
        self.authenticate("l_desk_ui", "l_desk_ui")
        self.assertEqual(self.url_open("/hotel/loyalty/members.xlsx").status_code, 403,
                         "the front desk does not export the member list")

    def test_views_render(self):
        self.assert_module_views_render("hotel_loyalty", minimum=7)
