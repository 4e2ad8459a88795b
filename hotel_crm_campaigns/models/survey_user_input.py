from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hotel_base.tools.rules import in_workflow_write, workflow_write

from .survey_question import SCORE_CATEGORIES

SCORE_FIELDS = {code: f"hotel_score_{code}" for code, _label in SCORE_CATEGORIES}


class SurveyUserInput(models.Model):
    """A guest's answer to a hotel survey, bound to one stay (post-stay
    survey) or to one complaint (follow-up survey).

    Invariants: the hotel figures (likelihood to recommend 0-10, category
    scores 1-5, comment) are read from the answer lines when the guest
    submits, a 0 kept as 0; a detractor (0-6) or a category score at or below
    the property's low score opens one service-recovery case per answer."""

    _inherit = "survey.user_input"

    hotel_property_id = fields.Many2one("hotel.property", string="Property", index="btree_not_null",
                                        readonly=True)
    hotel_reservation_id = fields.Many2one("hotel.reservation", string="Stay", index="btree_not_null",
                                           readonly=True, ondelete="set null")
    hotel_complaint_id = fields.Many2one("hotel.complaint", string="Complaint Followed Up",
                                         index="btree_not_null", readonly=True, ondelete="set null")
    hotel_room_type_id = fields.Many2one(related="hotel_reservation_id.room_type_id", store=True,
                                         string="Room Type")
    hotel_nps = fields.Integer(string="Likelihood to Recommend", readonly=True, aggregator="avg")
    hotel_nps_answered = fields.Boolean(readonly=True)
    hotel_score_service = fields.Integer(string="Service", readonly=True, aggregator="avg")
    hotel_score_cleanliness = fields.Integer(string="Cleanliness", readonly=True, aggregator="avg")
    hotel_score_room = fields.Integer(string="Room", readonly=True, aggregator="avg")
    hotel_score_facilities = fields.Integer(string="Facilities", readonly=True, aggregator="avg")
    hotel_score_fnb = fields.Integer(string="Food & Beverage", readonly=True, aggregator="avg")
    hotel_score_value = fields.Integer(string="Value for Money", readonly=True, aggregator="avg")
    hotel_comment = fields.Text(string="Guest Comment", readonly=True)
    hotel_case_ids = fields.One2many("hotel.complaint", "survey_input_id", string="Recovery Cases",
                                     groups="hotel_base.group_hotel_frontdesk_user")

    _hotel_reservation_uniq = models.UniqueIndex("(hotel_reservation_id) WHERE hotel_reservation_id IS NOT NULL",
                                                 "A stay is surveyed once.")

    @api.model_create_multi
    def create(self, vals_list):
        self._hotel_check_fields(set().union(*(vals.keys() for vals in vals_list)))
        for vals in vals_list:
            if vals.get("hotel_property_id") and not vals.get("invite_token"):
                # one invitation per stay or case: with one attempt per invitation, an answered link
                # offers no "take again" and a guest's next stay still gets its own survey
                vals["invite_token"] = self._generate_invite_token()
        return super().create(vals_list)

    def write(self, vals):
        self._hotel_check_fields(vals.keys())
        return super().write(vals)

    def _hotel_check_fields(self, names):
        """The stay, the case and the scores of a hotel answer are set by the
        hotel's own code (journeys, complaints, the submission), not by survey
        users: a marketer cannot rewrite a score or mark a stay surveyed."""
        if self.env.su or in_workflow_write():
            return
        if any(name.startswith("hotel_") for name in names):
            raise UserError(self.env._("The hotel links and scores of a survey answer are set by the hotel, "
                                       "not by hand."))

    def _mark_done(self):
        result = super()._mark_done()
        self.filtered("hotel_property_id")._hotel_read_answers()
        return result

    def _hotel_read_answers(self):
        """Store the hotel figures of each answer, open a recovery case for
        an unhappy guest of a stay, and log a follow-up on its complaint."""
        for answer in self:
            values = dict.fromkeys(SCORE_FIELDS.values(), 0)
            values.update(hotel_nps=0, hotel_nps_answered=False, hotel_comment=False)
            for line in answer.user_input_line_ids.filtered(lambda line: not line.skipped):
                measure = line.question_id.hotel_measure
                if measure == "nps" and line.answer_type == "scale":
                    values.update(hotel_nps=line.value_scale, hotel_nps_answered=True)
                elif measure in SCORE_FIELDS and line.answer_type == "scale":
                    values[SCORE_FIELDS[measure]] = line.value_scale
                elif measure == "comment":
                    values["hotel_comment"] = line.value_text_box or line.value_char_box
            answer.sudo().write(values)  # the guest submits as the public user: the figures are the hotel's
        for answer in self.sudo():
            if answer.hotel_complaint_id:
                answer.hotel_complaint_id.message_post(body=answer._hotel_summary(
                    self.env._("Follow-up answered")))
            elif answer.hotel_reservation_id and answer._hotel_unhappy() and not answer.hotel_case_ids:
                answer._hotel_open_case()

    def _hotel_unhappy(self):
        self.ensure_one()
        low = self.hotel_property_id.feedback_low_score
        scores = [self[name] for name in SCORE_FIELDS.values() if self[name]]
        return (self.hotel_nps_answered and self.hotel_nps <= 6) or any(score <= low for score in scores)

    def _hotel_summary(self, title):
        self.ensure_one()
        labels = dict(SCORE_CATEGORIES)
        parts = []
        if self.hotel_nps_answered:
            parts.append(self.env._("likelihood to recommend %(score)s/10", score=self.hotel_nps))
        parts += [f"{self.env._(labels[code])} {self[name]}/5" for code, name in SCORE_FIELDS.items() if self[name]]
        body = Markup("<p><b>%s</b>: %s</p>") % (title, ", ".join(parts) or "-")
        if self.hotel_comment:
            body += Markup("<blockquote>%s</blockquote>") % self.hotel_comment
        return body

    def _hotel_open_case(self):
        """A service-recovery case for this unhappy answer, in the lowest
        category's name, owned by nobody yet (managers are reminded)."""
        self.ensure_one()
        scores = {code: self[name] for code, name in SCORE_FIELDS.items() if self[name]}
        worst = min(scores, key=scores.get) if scores else False
        category = {"value": "other"}.get(worst, worst) if worst and scores[worst] <= \
            self.hotel_property_id.feedback_low_score else False
        detractor = self.hotel_nps_answered and self.hotel_nps <= 6
        with workflow_write():  # the case names the answer it comes from
            return self._hotel_create_case(category, detractor)

    def _hotel_create_case(self, category, detractor):
        stay = self.hotel_reservation_id
        return self.env["hotel.complaint"].sudo().create({
            "subject": self.env._("Unhappy guest after the stay (survey)"),
            "property_id": self.hotel_property_id.id,
            "partner_id": self.partner_id.id,
            "reservation_id": stay.id,
            "source": "survey",
            "category": category,
            "severity": "2" if detractor and self.hotel_nps <= 3 else "1",
            "description": self._hotel_summary(self.env._("Survey")),
            "survey_input_id": self.id,
            "user_id": False,
        })

    @api.model
    def _hotel_review_url(self, answer):
        """The public review page offered on the thank-you page: to every
        respondent of a stay survey, whatever the score."""
        if answer.hotel_reservation_id and answer.state == "done":
            return answer.hotel_property_id.feedback_review_url
        return False
