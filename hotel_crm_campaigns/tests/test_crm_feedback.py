"""Post-stay surveys: one personal link per stay, sent after check-out to a
guest we can reach and have not surveyed lately; NPS and category scores by
hand; unhappy answers open a recovery case."""
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.hotel_base.tests.common import refused

from .common import CrmCase


class FeedbackMixin:

    def survey_journey(self, **values):
        return self.env["hotel.journey"].create(dict({
            "name": "Post-stay survey", "property_id": self.hotel.id, "trigger": "survey",
            "subject": "How was your stay?", "survey_id": self.env.ref("hotel_crm_campaigns.survey_post_stay").id,
        }, **values))

    def answer(self, user_input, nps=None, comment=None, **scores):
        """Answer as the survey page does: scale values as strings (a 0 is "0")."""
        questions = user_input.survey_id.question_ids
        by_measure = {q.hotel_measure: q for q in questions}
        if nps is not None:
            user_input._save_lines(by_measure["nps"], str(nps))
        for measure, score in scores.items():
            user_input._save_lines(by_measure[measure], str(score))
        if comment:
            user_input._save_lines(by_measure["comment"], comment)
        user_input._mark_done()
        return user_input


@tagged("post_install", "-at_install")
class TestFeedback(FeedbackMixin, CrmCase):

    def invite(self, partner, departure=None, **stay_values):
        stay = self.stay(partner, departure or self.today, **stay_values)
        survey = self.env.ref("hotel_crm_campaigns.survey_post_stay")
        return self.env["survey.user_input"].create({
            "survey_id": survey.id, "partner_id": partner.id, "email": partner.email,
            "hotel_property_id": self.hotel.id, "hotel_reservation_id": stay.id})

    def test_survey_sent_once_per_stay_to_reachable_guests(self):
        now = datetime.now()
        happy = self.guest_with("Survey Guest", email=False)  # no marketing consent needed for a survey
        no_email = self.guest_with("No Email Guest", email=False, sms=False)
        no_email.email = False
        stay = self.stay(happy, self.today)
        self.stay(no_email, self.today)
        journey = self.survey_journey(delay=24)
        self.assertFalse(journey.marketing)
        with freeze_time(now + timedelta(hours=25)):
            mailing = self.send(journey._run())
            answer = self.env["survey.user_input"].search([("hotel_reservation_id", "=", stay.id)])
            self.assertEqual(len(answer), 1)
            self.assertEqual((answer.partner_id, answer.hotel_property_id), (happy, self.hotel))
            self.assertEqual(answer.hotel_room_type_id, stay.room_type_id)
            # the mail carries the guest's own link, bound to this stay's answer
            self.assertEqual(len(self._mails), 1)
            # (a tracked link: clicks count like any campaign's)
            link = self.env["link.tracker"].search([("url", "like", answer.access_token)])
            self.assertEqual(len(link), 1)
            self.assertIn(link.short_url, self._mails[0]["body"])
            self.assertIn(answer.get_start_url(), link.url)
            self.assertEqual(mailing.hotel_journey_id, journey)
            # run again: no second survey for the stay; the unreachable guest never gets one
            self.assertFalse(journey._run())
        self.assertFalse(self.env["survey.user_input"].search([("partner_id", "=", no_email.id)]))
        self.env.cr.execute("UPDATE survey_user_input SET create_date = %s WHERE id = %s",
                            [now + timedelta(hours=25), answer.id])  # (not the transaction's clock)
        # another stay 5 days later: surveyed 5 days ago, within the 30-day pause
        with self.at_local(self.today + timedelta(days=5), 10):
            later = self.stay(happy, self.today + timedelta(days=5))
        with freeze_time(now + timedelta(days=6, hours=1)):
            self.assertFalse(journey._candidates(self.hotel._local_today(), datetime.now()))
        # a stay after the pause is surveyed again
        with self.at_local(self.today + timedelta(days=40), 10):
            after = self.stay(happy, self.today + timedelta(days=40))
        with freeze_time(now + timedelta(days=41, hours=1)):
            self.assertEqual(journey._candidates(self.hotel._local_today(), datetime.now()),
                             [(happy.id, after.id, f"stay-{after.id}")])
        self.assertFalse(later.id == after.id)

    def test_blacklisted_guest_not_surveyed(self):
        now = datetime.now()
        guest = self.guest_with("Opted Out Guest")
        self.env["mail.blacklist"].sudo()._add(guest.email)
        self.stay(guest, self.today)
        journey = self.survey_journey(delay=24)
        with freeze_time(now + timedelta(hours=25)):
            self.assertFalse(journey._run())  # no answer sheet, no mail: not counted as invited
        self.assertFalse(self.env["survey.user_input"].search([("partner_id", "=", guest.id)]))

    def test_one_survey_per_departure_across_journeys_and_rooms(self):
        """Two survey journeys (e-mail and SMS), a guest leaving two rooms the
        same day, no pause between surveys: one survey for that departure."""
        self.hotel.feedback_cooloff_days = 0
        now = datetime.now()
        guest = self.guest_with("Two Rooms Guest")
        first = self.stay(guest, self.today)
        second = self.stay(guest, self.today)
        by_mail = self.survey_journey(delay=24)
        by_sms = self.survey_journey(name="Survey by SMS", channel="sms", subject=False,
                                     sms_body="How was your stay? {{ object.survey_url }}")
        for hours in (25, 49):  # the next day's run too, within the grace days
            with freeze_time(now + timedelta(hours=hours)):
                self.send(by_mail._run())
                self.send(by_sms._run())
        answers = self.env["survey.user_input"].search([("hotel_reservation_id", "in", (first | second).ids)])
        self.assertEqual(len(answers), 1)
        # and the database holds it: a second answer for a stay is refused
        with refused(self, ValidationError, "surveyed once"):
            self.env["survey.user_input"].create({
                "survey_id": answers.survey_id.id, "partner_id": guest.id, "hotel_property_id": self.hotel.id,
                "hotel_reservation_id": answers.hotel_reservation_id.id})

    def test_marketer_reads_own_property_answers_and_cannot_rewrite_them(self):
        mine = self.answer(self.invite(self.guest_with("Here Guest")), nps=9)
        survey = self.env.ref("hotel_crm_campaigns.survey_post_stay")
        other_folio = self.env["hotel.folio"].create({"partner_id": self.guest.id,
                                                      "property_id": self.other_hotel.id})
        other_stay = self.book(arrival=self.today + timedelta(days=3), folio=other_folio,
                               room_type=self.other_type, partner=self.guest)
        elsewhere = self.env["survey.user_input"].create({
            "survey_id": survey.id, "partner_id": self.guest.id, "hotel_property_id": self.other_hotel.id,
            "hotel_reservation_id": other_stay.id})
        Answer = self.env["survey.user_input"].with_user(self.marketer)
        seen = Answer.search([("id", "in", (mine | elsewhere).ids)])
        self.assertEqual(seen, mine)
        with refused(self, UserError, "set by the hotel"):
            mine.with_user(self.marketer).write({"hotel_nps": 10})
        self.assertEqual(mine.hotel_nps, 9)

    def test_nps_and_scores_by_hand(self):
        """Ten answers and two silent guests:
        likelihood 10, 10, 9, 9, 9 -> 5 promoters; 8, 7 -> 2 passives; 6, 0, 3 -> 3 detractors.
        NPS = (5 - 3) / 10 x 100 = 20; response rate 10 / 12 = 83.3 %;
        cleanliness 5, 4, 4, 3, 5, 5, 4, 2, 1, 2 (one per answer) -> 35 / 10 = 3.5;
        the detractors and the low cleanliness scores (<= 2: the 6, the 0, the 3 share them) open cases:
        answers 6/clean 2, 0/clean 1, 3/clean 2 -> 3 cases."""
        likelihood = [10, 10, 9, 9, 9, 8, 7, 6, 0, 3]
        cleanliness = [5, 4, 4, 3, 5, 5, 4, 2, 1, 2]
        inputs = self.env["survey.user_input"]
        for i, (nps, clean) in enumerate(zip(likelihood, cleanliness, strict=True)):
            guest = self.guest_with(f"Respondent {i}")
            inputs |= self.answer(self.invite(guest, self.today - timedelta(days=i)), nps=nps,
                                  cleanliness=clean)
        for i in range(2):
            self.invite(self.guest_with(f"Silent {i}"), self.today - timedelta(days=20 + i))
        zero = inputs[8]
        self.assertEqual((zero.hotel_nps, zero.hotel_nps_answered), (0, True))  # a 0 is a 0, not a skip
        self.env.flush_all()
        Report = self.env["hotel.feedback.report"]
        [[invited, responded, rate, nps, promoters, passives, detractors, clean, cases]] = Report._read_group(
            [("property_id", "=", self.hotel.id)], [],
            ["invited:sum", "responded:sum", "response_rate:avg", "nps_points:avg", "promoters:sum", "passives:sum",
             "detractors:sum", "score_cleanliness:avg", "cases:sum"])
        self.assertEqual((invited, responded, promoters, passives, detractors), (12, 10, 5, 2, 3))
        self.assertAlmostEqual(nps, 20.0)
        self.assertAlmostEqual(rate, 1000 / 12)
        self.assertAlmostEqual(clean, 3.5)
        self.assertEqual(cases, 3)
        # the marketer reads the scores, not the cases
        self.assertEqual(Report.with_user(self.marketer).search_count([("property_id", "=", self.hotel.id)]), 12)
        with self.assertRaises(AccessError):
            self.env["hotel.complaint"].with_user(self.marketer).search([])

    def test_unhappy_answer_opens_a_recovery_case(self):
        detractor = self.guest_with("Unhappy Guest")
        answer = self.answer(self.invite(detractor), nps=3, service=4, cleanliness=2, comment="Hair in the shower")
        case = answer.hotel_case_ids
        self.assertEqual(len(case), 1)
        self.assertEqual((case.source, case.partner_id, case.reservation_id, case.room_id),
                         ("survey", detractor, answer.hotel_reservation_id, answer.hotel_reservation_id.room_id))
        self.assertEqual((case.category, case.severity), ("cleanliness", "2"))
        self.assertIn("Hair in the shower", case.description)
        self.assertTrue(case.resolution_deadline and case.reply_deadline)
        # a promoter with one bad category score gets a case too; a happy guest none
        low = self.answer(self.invite(self.guest_with("Good But Noisy"), self.today - timedelta(days=1)), nps=9,
                          room=1)
        self.assertEqual(low.hotel_case_ids.category, "room")
        happy = self.answer(self.invite(self.guest_with("Happy Guest"), self.today - timedelta(days=2)), nps=10,
                            service=5, cleanliness=5)
        self.assertFalse(happy.hotel_case_ids)
        passive = self.answer(self.invite(self.guest_with("Passive Guest"), self.today - timedelta(days=3)), nps=7)
        self.assertFalse(passive.hotel_case_ids)

    def test_bad_survey_settings_refused(self):
        survey = self.env.ref("hotel_crm_campaigns.survey_post_stay")
        with refused(self, ValidationError, "scale from 0 to 10"):
            self.env["survey.question"].create({"survey_id": survey.id, "title": "NPS?", "question_type": "scale",
                                                "scale_min": 1, "scale_max": 5, "hotel_measure": "nps"})
        with refused(self, ValidationError, "choose it"):
            self.survey_journey(survey_id=False)
        with refused(self, ValidationError, "low score is 1 to 4"):
            self.hotel.feedback_low_score = 5
        self.assertEqual(self.hotel.feedback_low_score, 2)
