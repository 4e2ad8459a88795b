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
        self.assertEqual(len(actions), 8, "a new action: add it to hotel_crm_views_tour")
        self.start_tour("/odoo", "hotel_crm_views_tour", login="admin")


@freeze_time(PINNED_MOMENT)
@tagged("post_install", "-at_install")
class TestFeedbackUi(HttpCase, MockEmail):
    """A guest answers the survey from their link; a desk user handles a complaint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prop = cls.env.ref("hotel_base.property_city_hotel")
        cls.prop.feedback_review_url = "https://reviews.example.com/riverside"
        cls.survey = cls.env.ref("hotel_crm_campaigns.survey_post_stay")
        stays = cls.env["hotel.reservation"].search([("property_id", "=", cls.prop.id),
                                                     ("state", "=", "checked_out")], limit=2, order="id")
        cls.stay, cls.other_stay = stays
        cls.answer_a, cls.answer_b = cls.env["survey.user_input"].create([{
            "survey_id": cls.survey.id, "partner_id": stay.partner_id.id, "email": "guest@example.com",
            "hotel_property_id": cls.prop.id, "hotel_reservation_id": stay.id} for stay in stays])

    def test_guest_answers_the_survey_from_the_link(self):
        self.start_tour(self.answer_a.get_start_url(), "hotel_guest_survey_tour")
        self.env.invalidate_all()
        answer = self.answer_a
        self.assertEqual(answer.state, "done")
        self.assertEqual((answer.hotel_nps, answer.hotel_nps_answered, answer.hotel_score_cleanliness),
                         (0, True, 2))  # the 0 clicked in the page is a 0, not a skipped question
        case = answer.hotel_case_ids
        self.assertEqual((case.source, case.reservation_id, case.category), ("survey", self.stay, "cleanliness"))
        self.assertIn("smelled of smoke", case.description)
        self.assertEqual(self.answer_b.state, "new")  # the other stay's answer is untouched

    def test_survey_link_is_bound_to_its_stay(self):
        base = self.survey.get_start_url()
        token_b = self.answer_b.access_token
        page = self.url_open(f"{base}?answer_token={token_b}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f'data-answer-token="{token_b}"', page.text)  # the guest's own answer, ready to start
        self.assertIn('value="start"', page.text)
        for token in ("", "?answer_token=not-a-guest-token"):
            refused_page = self.url_open(base + token)
            self.assertNotIn("data-answer-token", refused_page.text)  # no answer sheet without a guest's link
        # answered once, the link does not take a second answer, and offers none
        self.answer_b._mark_done()
        again = self.url_open(f"{base}?answer_token={token_b}")
        self.assertNotIn('value="start"', again.text)
        self.assertNotIn("/survey/retry/", again.text)
        before = self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)])
        self.url_open(f"/survey/retry/{self.survey.access_token}/{token_b}")
        self.assertEqual(self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)]), before)

    def test_desk_records_resolves_and_replies(self):
        company = self.env.ref("hotel_base.demo_company")
        new_test_user(self.env, login="c_tour_desk", password="c_tour_desk", company_id=company.id,
                      company_ids=[Command.set(company.ids)],
                      groups="base.group_user,hotel_base.group_hotel_frontdesk_user",
                      hotel_property_ids=[Command.set(self.prop.ids)])
        guest = self.env["res.partner"].create({"name": "Tour Complainer", "email": "tour.complainer@example.com",
                                                "is_hotel_guest": True})
        with self.mock_mail_gateway():
            self.start_tour("/odoo/action-hotel_crm_campaigns.action_hotel_complaint", "hotel_complaint_desk_tour",
                            login="c_tour_desk")
        case = self.env["hotel.complaint"].search([("partner_id", "=", guest.id)])
        self.assertEqual((case.state, case.category, case.cause, case.property_id),
                         ("replied", "room", "maintenance", self.prop))
        self.assertEqual(case.replied_uid.login, "c_tour_desk")
        self.assertTrue(case.resolved_in_time and case.replied_in_time)
        self.assertIn("the unit has been repaired", case.reply_message_id.body)
