"""Demo guest feedback: six months of post-stay surveys whose NPS climbs,
the recovery cases of unhappy answers (handled), and today's open
complaints at the desk, one of them past its deadline."""
import random
from datetime import datetime, time, timedelta

from odoo import api, fields, models

from odoo.addons.hotel_base.tools.rules import workflow_method

CAUSES = ["staff", "process", "housekeeping", "maintenance", "neighbours", "expectation"]
COMMENTS = {
    "promoter": ["Lovely staff, we will come back.", "Great breakfast and a quiet room.",
                 "The team remembered my pillow preference!", "Perfect for a family weekend."],
    "passive": ["Good stay, the room was a bit small.", "Fine, but check-in took a while."],
    "detractor": ["The room was not clean when we arrived.", "Very noisy at night, could not sleep.",
                  "Air conditioning did not work.", "Breakfast was cold and staff unhelpful."],
}
OPEN_CASES = [
    # subject, category, source, hours ago, how far it got, cause
    ("Noise from the bar until 1 am", "noise", "desk", 30, "cause", "neighbours"),
    ("Shower drain blocked for two days", "room", "phone", 80, "received", False),
    ("Breakfast ran out of eggs at 9", "fnb", "phone", 2, "received", False),
    ("Charged twice for the minibar", "billing", "email", 20, "resolved", "process"),
    ("Room not cleaned despite the make-up sign", "cleanliness", "desk", 9, "classified", False),
    ("Receptionist was rude at check-in", "service", "desk", 140, "replied", "staff"),
]


class HotelComplaint(models.Model):
    _inherit = "hotel.complaint"

    @api.model
    def _demo_hotel_feedback_on_upgrade(self):
        module = self.env["ir.module.module"].sudo().search([("name", "=", "hotel_crm_campaigns")])
        if module.demo:
            self._demo_hotel_feedback()

    @api.model
    @workflow_method  # the demo dates its cases in the past, as if they had happened then
    def _demo_hotel_feedback(self):
        city = self.env.ref("hotel_base.property_city_hotel", raise_if_not_found=False)
        survey = self.env.ref("hotel_crm_campaigns.survey_post_stay")
        if not city or self.env["survey.user_input"].search_count([("hotel_property_id", "=", city.id)]):
            return
        rng = random.Random(1916)
        manager = self.env.ref("hotel_base.user_frontdesk_manager")
        desk = self.env.ref("hotel_base.user_frontdesk")
        calendar = self.env["resource.calendar"].create({"name": "Guest Relations (Shanghai)", "tz": "Asia/Shanghai",
                                                         "company_id": city.company_id.id})
        year = city._local_today().year
        self.env["resource.calendar.leaves"].create([{
            "name": name, "calendar_id": calendar.id,
            "date_from": city._to_utc(datetime.combine(day, time(0, 0))),
            "date_to": city._to_utc(datetime.combine(day, time(23, 59))),
        } for name, day in (("New Year's Day", datetime(year + 1, 1, 1).date()),
                            ("National Day", datetime(year, 10, 1).date()))])
        domain = self.env["mail.alias.domain"].search([], limit=1) or self.env["mail.alias.domain"].create(
            {"name": "harbourcity.example.com"})
        city.write({
            "complaint_calendar_id": calendar.id, "complaint_manager_id": manager.id,
            "feedback_review_url": "https://www.tripadvisor.com/Hotel_Review-harbour-city",
            "feedback_followup_survey_id": self.env.ref("hotel_crm_campaigns.survey_complaint_followup").id,
            "alias_name": "feedback", "alias_domain_id": domain.id,
        })
        self.env["hotel.journey"].create({
            "name": "Post-stay survey", "property_id": city.id, "trigger": "survey", "delay": 24,
            "subject": "How was your stay at the Harbour City Hotel?", "survey_id": survey.id, "sequence": 80,
        })
        self._demo_survey_answers(city, survey, rng, manager)
        self._demo_open_cases(city, rng, desk, manager)
        # the cases were dated after their creation: find the recurring causes again, in time order
        cases = self.search([("property_id", "=", city.id)], order="received_at, id")
        cases.write({"is_recurring": False})
        for case in cases:
            case._flag_recurring()
        cases.filtered(lambda c: c.state == "closed").activity_ids.unlink()

    def _demo_survey_answers(self, city, survey, rng, manager):
        today = city._local_today()
        stays = self.env["hotel.reservation"].search([
            ("property_id", "=", city.id), ("state", "=", "checked_out"), ("partner_id.email", "!=", False),
            ("departure_date", ">=", today - timedelta(days=180)), ("departure_date", "<", today - timedelta(days=1))],
            order="departure_date desc, id desc")  # a guest's latest stay is the one surveyed
        seen = set()
        chosen = []
        for stay in stays:
            if stay.partner_id.id in seen or rng.random() > 0.3:
                continue
            seen.add(stay.partner_id.id)
            chosen.append(stay)
        chosen.reverse()
        answers = self.env["survey.user_input"].create([{
            "survey_id": survey.id, "partner_id": stay.partner_id.id, "email": stay.partner_id.email,
            "nickname": stay.partner_id.name, "hotel_property_id": city.id, "hotel_reservation_id": stay.id,
        } for stay in chosen])
        questions = {q.hotel_measure: q for q in survey.question_ids}
        noisy_type = city.room_type_ids.sorted("id")[:1]
        for stay, answer in zip(chosen, answers, strict=True):
            # the older the stay, the lower the scores: the trend the managers follow
            progress = 1 - (today - stay.departure_date).days / 180.0
            if rng.random() > 0.55:
                continue
            roll = rng.random()
            if roll < 0.38 - 0.28 * progress:
                nps, kind = rng.choice([2, 4, 5, 6, 6]), "detractor"
            elif roll < 0.63 - 0.28 * progress:
                nps, kind = rng.choice([7, 8]), "passive"
            else:
                nps, kind = rng.choice([9, 9, 10, 10, 10]), "promoter"
            base = {"detractor": 2.6, "passive": 3.6, "promoter": 4.5}[kind]
            answer._save_lines(questions["nps"], str(nps))
            for measure in ("service", "cleanliness", "room", "facilities", "fnb", "value"):
                score = base + rng.uniform(-1.0, 0.8) + (0.3 * progress if measure == "cleanliness" else 0)
                if measure == "room" and stay.room_type_id == noisy_type:
                    score -= 0.6
                answer._save_lines(questions[measure], str(int(min(5, max(1, round(score))))))
            if rng.random() < 0.5:
                answer._save_lines(questions["comment"], rng.choice(COMMENTS[kind]))
            answer._mark_done()
        # the answers and their cases happened the day after each stay
        self.env.flush_all()
        for stay, answer in zip(chosen, answers, strict=True):
            sent = city._to_utc(datetime.combine(stay.departure_date + timedelta(days=1), time(10, 0)))
            self.env.cr.execute("""
                UPDATE survey_user_input SET create_date = %s, start_datetime = CASE WHEN state = 'done' THEN %s END,
                                             end_datetime = CASE WHEN state = 'done' THEN %s END
                 WHERE id = %s""", [sent, sent + timedelta(hours=3), sent + timedelta(hours=3, minutes=4), answer.id])
        cases = answers.hotel_case_ids
        for case in cases:
            answer = case.survey_input_id
            received = city._to_utc(datetime.combine(answer.hotel_reservation_id.departure_date + timedelta(days=1),
                                                     time(13, 5)))
            case.sudo().write({"received_at": received, "user_id": manager.id,
                               "category": case.category or "service"})
            case._set_deadlines()
            if received > fields.Datetime.now() - timedelta(days=5):
                continue
            self._demo_close(case, received, rng.choice([3, 6, 20, 30, 60]), manager, rng)  # now and then late
        cases.activity_ids.unlink()

    def _demo_close(self, case, received, hours, user, rng):
        case.sudo().write({
            "cause": case.cause or rng.choice(CAUSES), "cause_note": "Checked with the team on duty.",
            "resolution": "<p>Apologised, explained what we changed, offered a drink on the next stay.</p>",
            "reply_body": "<p>Dear guest, thank you for telling us. We are sorry and have fixed it.</p>",
            "classified_at": received + timedelta(hours=1), "classified_uid": user.id,
            "cause_at": received + timedelta(hours=2), "cause_uid": user.id,
            "resolved_at": received + timedelta(hours=hours), "resolved_uid": user.id,
            "replied_at": received + timedelta(hours=hours + 4), "replied_uid": user.id,
            "closed_at": received + timedelta(days=7), "closed_uid": user.id, "state": "closed",
        })

    def _demo_open_cases(self, city, rng, desk, manager):
        now = fields.Datetime.now()
        recent = self.env["hotel.reservation"].search([
            ("property_id", "=", city.id), ("state", "in", ("checked_in", "checked_out")),
            ("partner_id.email", "!=", False)], order="arrival_date desc, id desc", limit=40)
        stays = list(recent)
        rng.shuffle(stays)
        noisy = stays[0].room_type_id
        # two earlier noise cases on the same room type: with today's, a recurring cause
        for days in (20, 11):
            stay = stays.pop()
            received = now - timedelta(days=days)
            early = self.create({"subject": "Noise from the street", "property_id": city.id,
                                 "partner_id": stay.partner_id.id, "category": "noise", "room_type_id": noisy.id,
                                 "source": "desk", "user_id": desk.id, "received_at": received})
            self._demo_close(early, received, 5, manager, rng)
        cleanliness_room = False
        for subject, category, source, hours, step, cause in OPEN_CASES:
            stay = stays.pop()
            values = {"subject": subject, "property_id": city.id, "partner_id": stay.partner_id.id,
                      "reservation_id": stay.id, "category": category, "source": source,
                      "user_id": desk.id if source != "email" else False,
                      "received_at": now - timedelta(hours=hours),
                      "description": f"<p>{subject}.</p>"}
            if category == "noise":
                values["reservation_id"] = False
                values["room_type_id"] = noisy.id
            case = self.with_user(desk).create(values)
            if category == "cleanliness":
                cleanliness_room = case.room_id
            if step in ("cause", "resolved", "replied"):
                case.write({"cause": cause, "cause_note": "Confirmed by the duty manager."})
            if step in ("classified", "cause", "resolved", "replied"):
                case.with_user(desk).action_classify()
            if step in ("cause", "resolved", "replied"):
                case.with_user(desk).action_cause_found()
            if step in ("resolved", "replied"):
                case.write({"resolution": "<p>Refund of the duplicate charge prepared.</p>"})
                case.with_user(desk).action_resolve()
            if step == "replied":
                case.write({"reply_body": "<p>Dear guest, we apologise for how you were welcomed.</p>"})
                case.with_user(desk).action_send_reply()
            if category == "billing":
                case.write({"compensation_type": "credit", "compensation_amount": 680.0,
                            "compensation_reason": "Duplicate minibar charge"})
                case.with_user(desk).action_compensate()  # above the desk's limit: waits for the manager
            if category == "service":
                card = case.partner_id._hotel_card(city.company_id)
                if card:
                    case.write({"compensation_type": "points", "compensation_points": 500})
                    case.with_user(desk).action_compensate()
            if step == "received" and hours > 48:
                case._escalate("resolve")  # the overdue one: the manager has been told
        if cleanliness_room:
            # an earlier cleanliness complaint on the same room: housekeeping supervisors see the room flagged
            received = now - timedelta(days=12)
            dusty = self.create({"subject": "Dusty furniture", "property_id": city.id,
                                 "partner_id": stays.pop().partner_id.id, "category": "cleanliness",
                                 "room_id": cleanliness_room.id, "source": "desk", "received_at": received})
            self._demo_close(dusty, received, 4, manager, rng)
