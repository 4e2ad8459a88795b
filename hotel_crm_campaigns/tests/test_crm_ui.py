"""The marketer's day in the browser (build the families segment, send a
test of a campaign to it, open the results) and every view of the addon."""
from odoo import Command
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT, ViewSmokeMixin
from odoo.addons.mail.tests.common import MockEmail


@freeze_time(PINNED_MOMENT)
@tagged("post_install", "-at_install")
class TestCrmUi(ViewSmokeMixin, HttpCase, MockEmail):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("hotel_base.demo_company")
        cls.prop = cls.env.ref("hotel_base.property_city_hotel")
        new_test_user(cls.env, login="c_tour_marketer", password="c_tour_marketer", company_id=company.id,
                      company_ids=[Command.set(company.ids)], email="tour.marketer@example.com",
                      groups="base.group_user,hotel_base.group_hotel_marketing",
                      hotel_property_ids=[Command.set(cls.prop.ids)])
        # guests of the demo hotel who travel with children (the demo's metrics may be older than the pin)
        cls.env["hotel.guest.metric"]._recompute(cls.prop)

    def test_marketer_builds_a_segment_and_tests_a_campaign(self):
        with self.mock_mail_gateway():
            self.start_tour("/odoo/action-hotel_crm_campaigns.action_hotel_segment?debug=1",
                            "hotel_crm_marketer_tour", login="c_tour_marketer")
        self.env.invalidate_all()
        segment = self.env["hotel.segment"].search([("name", "=", "Tour families")])
        self.assertEqual(segment.domain, "[('travel_kind', '=', 'family')]")
        self.assertGreater(segment.guest_count, 0)
        mailing = self.env["mailing.mailing"].search([("hotel_segment_id", "=", segment.id)])
        self.assertEqual((mailing.subject, mailing.hotel_property_id), ("Kids stay free this spring", self.prop))
        self.assertEqual(mailing.state, "draft")  # a test is not a send
        [test_mail] = self._mails
        self.assertEqual((test_mail["subject"], test_mail["email_to"]),
                         ("[TEST] Kids stay free this spring", ["tour.marketer@example.com"]))

    def test_every_view_renders(self):
        """Every action of the addon in each of its views, and a record's form,
        in one browser (one Chromium for all: fewer process starts)."""
        actions = self.env["ir.model.data"].search([("module", "=", "hotel_crm_campaigns"),
                                                    ("model", "=", "ir.actions.act_window")])
        self.assertEqual(len(actions), 5, "a new action: add it to hotel_crm_views_tour")
        self.start_tour("/odoo", "hotel_crm_views_tour", login="admin")
