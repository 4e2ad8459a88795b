from odoo import api, fields, models
from odoo.exceptions import AccessError


class ResPartner(models.Model):
    """A guest's membership, read from their card of the company's programme."""

    _inherit = "res.partner"

    hotel_card_ids = fields.One2many("loyalty.card", "partner_id", string="Membership Cards",
                                     domain=[("hotel_member", "=", True)])
    hotel_tier_id = fields.Many2one("hotel.loyalty.tier", compute="_compute_hotel_membership",
                                    string="Membership Tier")
    hotel_member_points = fields.Float(compute="_compute_hotel_membership", string="Points")
    hotel_is_member = fields.Boolean(compute="_compute_hotel_membership", string="Member",
                                     search="_search_hotel_is_member")

    @api.model
    def _hotel_card_domain(self, company=None):
        """Membership cards of ``company``'s active programme (the booking and
        check-out paths ask it: one query, no programme lookup first)."""
        company = company or self.env.company
        return [("hotel_member", "=", True), ("program_id.active", "=", True),
                ("company_id", "in", [company.id, False])]

    def _hotel_card(self, company=None):
        """This guest's card of ``company``'s membership programme (sudo), or
        an empty recordset."""
        self.ensure_one()
        if not self.id:
            return self.env["loyalty.card"].sudo()
        return self.env["loyalty.card"].sudo().search(
            self._hotel_card_domain(company) + [("partner_id", "=", self.id)], order="company_id", limit=1)

    def _hotel_cards(self, company=None):
        """{partner: card} of these guests in ``company``'s programme, one query."""
        if not self.ids:
            return {}
        cards = self.env["loyalty.card"].sudo().search(
            self._hotel_card_domain(company) + [("partner_id", "in", self.ids)], order="company_id desc")
        return {card.partner_id: card for card in cards}  # the company's own card wins over a shared one

    def _compute_hotel_membership(self):
        cards = self._hotel_cards() if self.ids else {}
        for partner in self:
            card = cards.get(partner)
            partner.hotel_tier_id = card.hotel_tier_id if card else False
            partner.hotel_member_points = card.points if card else 0.0
            partner.hotel_is_member = bool(card)

    def _search_hotel_is_member(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        query = self.env["loyalty.card"].sudo()._search(self._hotel_card_domain())
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", query.subselect("partner_id"))]

    def action_hotel_enroll(self):
        """Front desk (and loyalty managers): enroll the guest in the membership programme."""
        if not (self.env.user.has_group("hotel_base.group_hotel_frontdesk_user")
                or self.env.user.has_group("hotel_loyalty.group_hotel_loyalty_manager")):
            raise AccessError(self.env._("Only the front desk and loyalty managers enroll members."))
        self.env["loyalty.card"]._hotel_enroll(self, "desk")
        return self.action_hotel_open_card()

    def action_hotel_open_card(self):
        self.ensure_one()
        card = self._hotel_card()
        if not card:
            return False
        return {"type": "ir.actions.act_window", "res_model": "loyalty.card", "res_id": card.id,
                "view_mode": "form", "views": [(self.env.ref("hotel_loyalty.view_loyalty_card_member_form").id,
                                                "form")]}
