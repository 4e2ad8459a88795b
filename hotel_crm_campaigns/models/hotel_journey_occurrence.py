from odoo import fields, models


class HotelJourneyOccurrence(models.Model):
    """One occurrence of a journey for one guest (this year's birthday, this
    stay's pre-arrival, this cancellation...): what a journey's mailing
    targets, so that its template can show the stay, the tier, the points and
    the offer of that occurrence.

    Invariants: one row per journey, guest and occurrence key (unique index):
    a journey run twice never sends twice.
    """

    _name = "hotel.journey.occurrence"
    _description = "Journey Occurrence"
    _inherit = ["mail.thread"]
    _mailing_enabled = True
    _order = "id desc"
    _rec_name = "partner_id"

    journey_id = fields.Many2one("hotel.journey", required=True, index=True, ondelete="cascade", readonly=True)
    property_id = fields.Many2one("hotel.property", required=True, index=True, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Guest", required=True, index=True, ondelete="cascade",
                                 readonly=True)
    reservation_id = fields.Many2one("hotel.reservation", index="btree_not_null", ondelete="set null",
                                     readonly=True)
    key = fields.Char(string="Occurrence", required=True, readonly=True,
                      help="What this message is for, e.g. birthday-2026 or stay-42: sent once per guest and key.")
    coupon_id = fields.Many2one("loyalty.card", string="Offer Coupon", readonly=True, ondelete="set null")
    coupon_code = fields.Char(related="coupon_id.code", string="Offer Code")
    survey_input_id = fields.Many2one("survey.user_input", string="Survey Answer", readonly=True,
                                      ondelete="set null")
    survey_url = fields.Char(compute="_compute_survey_url", string="Survey Link")
    arrival_date = fields.Date(related="reservation_id.arrival_date")
    departure_date = fields.Date(related="reservation_id.departure_date")
    tier_name = fields.Char(compute="_compute_membership", string="Tier")
    points = fields.Float(compute="_compute_membership", help="The guest's points balance.")

    _journey_partner_key_uniq = models.Constraint(
        "UNIQUE(journey_id, partner_id, key)", "A journey sends each occurrence to a guest once.")

    def _compute_survey_url(self):
        for occurrence in self:
            answer = occurrence.survey_input_id.sudo()
            occurrence.survey_url = answer.get_base_url() + answer.get_start_url() if answer else ""

    def _compute_membership(self):
        for occurrence in self:
            card = occurrence.partner_id._hotel_card(occurrence.property_id.company_id)
            occurrence.tier_name = card.hotel_tier_id.name or ""
            occurrence.points = card.points if card else 0.0
