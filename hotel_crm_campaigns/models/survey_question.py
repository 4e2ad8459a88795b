from odoo import api, fields, models
from odoo.exceptions import ValidationError

SCORE_CATEGORIES = [
    ("service", "Service"),
    ("cleanliness", "Cleanliness"),
    ("room", "Room"),
    ("facilities", "Facilities"),
    ("fnb", "Food & Beverage"),
    ("value", "Value for Money"),
]


class SurveyQuestion(models.Model):
    """What a question of a hotel survey measures: the likelihood to
    recommend (0-10, NPS), a category score (1-5) or the guest's comment."""

    _inherit = "survey.question"

    hotel_measure = fields.Selection(
        [("nps", "Likelihood to Recommend (NPS)")] + SCORE_CATEGORIES + [("comment", "Comment")],
        index="btree_not_null",
        help="Which hotel figure the answer feeds: the NPS (a 0-10 scale), a category score (a 1-5 scale) or the "
             "guest's comment (text).")

    @api.constrains("hotel_measure", "question_type", "scale_min", "scale_max")
    def _check_hotel_measure(self):
        for question in self.filtered("hotel_measure"):
            if question.hotel_measure == "comment":
                if question.question_type not in ("text_box", "char_box"):
                    raise ValidationError(self.env._("A comment question takes text."))
                continue
            low, high = (0, 10) if question.hotel_measure == "nps" else (1, 5)
            if question.question_type != "scale" or (question.scale_min, question.scale_max) != (low, high):
                raise ValidationError(self.env._(
                    "Question “%(title)s” feeds a hotel score: make it a scale from %(low)s to %(high)s.",
                    title=question.title, low=low, high=high))
