from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

ENROLL_SOURCES = [
    ("desk", "Front desk"),
    ("check_in", "Check-in"),
    ("portal", "Guest portal"),
    ("auto", "Automatic (tier reached)"),
    ("import", "Import"),
]
MANAGER = "hotel_loyalty.group_hotel_loyalty_manager"


class LoyaltyCard(models.Model):
    """A hotel member is a loyalty card of the membership programme with a
    tier (会员卡). Points live on the card (``points``), every movement in
    ``loyalty.history`` (see loyalty_card_points.py).

    Invariants (database): a member's points are never negative and a member
    always has a tier; one card per guest and programme.
    """

    _inherit = "loyalty.card"

    hotel_member = fields.Boolean(related="program_id.hotel_membership", store=True, string="Hotel Member")
    hotel_tier_id = fields.Many2one("hotel.loyalty.tier", string="Tier", index=True, tracking=True,
                                    readonly=True)
    hotel_tier_color = fields.Integer(related="hotel_tier_id.color")
    hotel_tier_since = fields.Date(string="Tier Since", readonly=True)
    hotel_tier_valid_until = fields.Date(string="Tier Kept until", readonly=True,
                                         help="The tier cannot drop before this date.")
    hotel_override_tier_id = fields.Many2one("hotel.loyalty.tier", string="Tier Override", readonly=True)
    hotel_override_reason = fields.Char(string="Override Reason", readonly=True)
    hotel_override_until = fields.Date(string="Override until", readonly=True)
    hotel_qualifying_spend = fields.Monetary(string="Qualifying Spend", readonly=True,
                                             help="Eligible revenue of checked-out stays in the window.")
    hotel_qualifying_stays = fields.Integer(string="Qualifying Stays", readonly=True)
    hotel_qualifying_nights = fields.Integer(string="Qualifying Nights", readonly=True)
    hotel_figures_date = fields.Date(related="program_id.hotel_figures_date", string="Figures as of")
    hotel_enrolled_on = fields.Date(string="Member Since", readonly=True)
    hotel_enroll_source = fields.Selection(ENROLL_SOURCES, string="Enrolled at", readonly=True)
    hotel_last_activity = fields.Date(string="Last Points Activity", readonly=True, index=True)
    hotel_expiry_notice_date = fields.Date(string="Expiry Notice Sent", readonly=True)
    hotel_points_expire_on = fields.Date(compute="_compute_hotel_progress", string="Points Expire on")
    hotel_next_tier_id = fields.Many2one("hotel.loyalty.tier", compute="_compute_hotel_progress",
                                         string="Next Tier")
    hotel_spend_to_next = fields.Monetary(compute="_compute_hotel_progress", string="Spend to Next Tier")
    hotel_count_to_next = fields.Integer(compute="_compute_hotel_progress", string="Stays/Nights to Next Tier")
    hotel_progress = fields.Float(compute="_compute_hotel_progress", string="Progress to Next Tier (%)")
    hotel_points_value = fields.Monetary(compute="_compute_hotel_progress", string="Points Worth")
    hotel_tier_change_ids = fields.One2many("hotel.loyalty.tier.change", "card_id", string="Tier Changes")

    _hotel_points_check = models.Constraint(
        "CHECK(hotel_member IS NOT TRUE OR (points >= 0 AND hotel_tier_id IS NOT NULL))",
        "A member's points cannot go below zero, and a member always has a tier.")
    _hotel_member_uniq = models.UniqueIndex(
        "(program_id, partner_id) WHERE hotel_member AND partner_id IS NOT NULL",
        "This guest is already a member of the programme.")

    @api.depends("partner_id", "hotel_tier_id", "code")
    def _compute_display_name(self):
        """A member's card reads "guest (tier)": the desk picks a person, not a code."""
        members = self.filtered("hotel_member")
        super(LoyaltyCard, self - members)._compute_display_name()
        for card in members:
            card.display_name = f"{card.partner_id.name or card.code} ({card.hotel_tier_id.name or ''})"
        return True

    @api.depends("points", "hotel_tier_id", "hotel_qualifying_spend", "hotel_qualifying_stays",
                 "hotel_qualifying_nights", "hotel_last_activity")
    def _compute_hotel_progress(self):
        for card in self:
            program = card.program_id
            card.hotel_next_tier_id = False
            card.hotel_spend_to_next = card.hotel_count_to_next = card.hotel_progress = 0.0
            card.hotel_points_value = card.points * (program.hotel_point_value or 0.0)
            card.hotel_points_expire_on = (
                card.hotel_last_activity + relativedelta(months=program.hotel_expiry_months)
                if card.hotel_member and program.hotel_expiry_months and card.hotel_last_activity and card.points
                else False)
            if not card.hotel_tier_id:
                continue
            higher = program._hotel_tiers().filtered(lambda t, c=card: t.sequence > c.hotel_tier_id.sequence)
            nxt = higher[:1]
            if not nxt:
                card.hotel_progress = 100.0
                continue
            count_field = "min_nights" if program.hotel_count_basis == "nights" else "min_stays"
            count = card.hotel_qualifying_nights if count_field == "min_nights" else card.hotel_qualifying_stays
            card.hotel_next_tier_id = nxt
            card.hotel_spend_to_next = max(nxt.min_spend - card.hotel_qualifying_spend, 0.0)
            card.hotel_count_to_next = max(nxt[count_field] - count, 0)
            ratios = [card.hotel_qualifying_spend / nxt.min_spend if nxt.min_spend else 0.0,
                      count / nxt[count_field] if nxt[count_field] else 0.0]
            card.hotel_progress = min(max(ratios) * 100.0, 100.0)

    @api.constrains("hotel_tier_id", "hotel_override_tier_id", "program_id")
    def _check_hotel_tier_program(self):
        for card in self:
            for tier in card.hotel_tier_id | card.hotel_override_tier_id:
                if tier.program_id != card.program_id:
                    raise ValidationError(self.env._(
                        "%(tier)s is a tier of another programme.", tier=tier.display_name))

    # ------------------------------------------------------------ enrollment
    @api.model
    def _hotel_enroll(self, partners, source="desk", program=None):
        """Make ``partners`` members of the membership programme (``program``,
        default the current company's) at its first tier; guests who are
        members already are left as they are. Returns the cards, new and old."""
        program = program or self.env["loyalty.program"]._hotel_program()
        if not program:
            raise UserError(self.env._("There is no hotel membership programme for %(company)s yet.",
                                       company=self.env.company.name))
        partners = partners.filtered(lambda p: p.id)
        companies = partners.filtered("is_company")
        if companies:
            raise UserError(self.env._(
                "%(partner)s is a company: membership is personal (the staying guest earns).",
                partner=companies[0].display_name))
        Card = self.sudo()
        existing = Card.with_context(active_test=False).search(
            [("program_id", "=", program.id), ("partner_id", "in", partners.ids)])
        inactive = existing.filtered(lambda c: not c.active)
        if inactive:
            inactive.active = True
        new_partners = partners - existing.partner_id
        base = program._hotel_base_tier()
        today = fields.Date.context_today(self)
        cards = Card.with_context(loyalty_no_mail=True).create([{
            "program_id": program.id, "partner_id": partner.id, "points": 0.0, "hotel_tier_id": base.id,
            "hotel_tier_since": today, "hotel_enrolled_on": today, "hotel_enroll_source": source,
            "hotel_last_activity": today,
        } for partner in new_partners])
        for card in cards:
            card.partner_id.message_post(body=self.env._(
                "Enrolled in %(program)s (%(how)s) at tier %(tier)s, card %(code)s.",
                program=program.name, tier=base.name, code=card.code,
                how=dict(card._fields["hotel_enroll_source"]._description_selection(self.env))[source]))
        return existing | cards

    # ------------------------------------------------------------ override
    def _hotel_set_override(self, tier, reason, until):
        """Loyalty managers: give the member ``tier`` until ``until`` whatever
        the figures say; the reason is required and logged. ``tier`` False
        ends the override (the next review places the member again)."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only loyalty managers can override a member's tier."))
        today = fields.Date.context_today(self)
        if tier and not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the tier override."))
        if tier and (not until or until < today):
            raise UserError(self.env._("A tier override needs an end date, today or later."))
        for card in self:
            old = card.hotel_tier_id
            values = {"hotel_override_tier_id": tier.id if tier else False,
                      "hotel_override_reason": reason if tier else False,
                      "hotel_override_until": until if tier else False}
            if tier and tier != old:
                values.update(hotel_tier_id=tier.id, hotel_tier_since=today)
            card.sudo().write(values)
            if tier and tier != old:
                self.env["hotel.loyalty.tier.change"].sudo()._log(
                    [(card, old, tier, "override", reason)], today)
            card.partner_id.message_post(body=self.env._(
                "Membership tier override by %(user)s: %(tier)s until %(until)s. Reason: %(reason)s",
                user=self.env.user.name, tier=tier.name, until=until, reason=reason) if tier else self.env._(
                "Membership tier override ended by %(user)s.", user=self.env.user.name))
        return True

    # ------------------------------------------------------------ actions
    def action_hotel_redeem(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "hotel.loyalty.redeem", "view_mode": "form",
                "target": "new", "name": self.env._("Redeem Points"), "context": {"default_card_id": self.id}}

    def action_hotel_adjust(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "hotel.loyalty.adjust", "view_mode": "form",
                "target": "new", "name": self.env._("Adjust Points or Tier"),
                "context": {"default_card_id": self.id}}
