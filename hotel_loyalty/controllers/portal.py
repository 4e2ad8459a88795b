import logging

from psycopg2.errors import UniqueViolation

from odoo import fields
from odoo.exceptions import UserError
from odoo.http import request, route
from odoo.tools import format_amount

from odoo.addons.portal.controllers.portal import CustomerPortal

# Odoo colour index of a tier -> Bootstrap badge; the backend's o_tag_color_* classes are not in the frontend.
TIER_BADGES = {
    1: "text-bg-danger", 2: "text-bg-warning", 3: "text-bg-warning", 4: "text-bg-info", 5: "text-bg-dark",
    7: "text-bg-primary", 8: "text-bg-primary", 9: "text-bg-danger", 10: "text-bg-success", 11: "text-bg-dark",
}
HISTORY_ROWS = 20

_logger = logging.getLogger(__name__)


class HotelLoyaltyPortal(CustomerPortal):
    """The guest's membership card on the portal, and joining the programme.

    Guests only ever see and enroll their own partner: the partner always
    comes from the session user, never from the request."""

    def _hotel_portal_program(self):
        # The programme of the guest's own company, else of the website's, else the only one: portal
        # accounts belong to the website's company, not always the hotel's (sudo: portal users cannot
        # read loyalty.program).
        Program = request.env["loyalty.program"]
        website = getattr(request, "website", None)
        return Program._hotel_program(request.env.user.company_id) \
            or (website and Program._hotel_program(website.company_id)) \
            or Program.sudo().search([("hotel_membership", "=", True)], order="id", limit=1)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "hotel_member_count" in counters:
            # 1 whether member or not: the entry also invites non-members to join.
            values["hotel_member_count"] = 1 if self._hotel_portal_program() else 0
        return values

    def _hotel_next_tier_text(self, card):
        """The way to the next tier as one whole sentence per case, so that
        translators can reorder it (the word order differs e.g. in Chinese)."""
        env = request.env
        nxt = card.hotel_next_tier_id
        if not nxt:
            return env._("You have reached our highest tier.") if card.hotel_tier_id else ""
        if card.hotel_progress >= 100.0:
            # Figures reached, the tier itself changes at the (nightly or manager's) review.
            return env._("Your stays qualify for %(tier)s: it applies at the next tier review.", tier=nxt.name)
        nights = card.program_id.hotel_count_basis == "nights"
        by_count = nxt.min_nights if nights else nxt.min_stays
        values = {"tier": nxt.name, "count": card.hotel_count_to_next,
                  "amount": format_amount(env, card.hotel_spend_to_next, card.currency_id)}
        if by_count and nxt.min_spend:
            if nights:
                return env._("%(count)s more nights or %(amount)s to %(tier)s", **values)
            return env._("%(count)s more stays or %(amount)s to %(tier)s", **values)
        if by_count:
            if nights:
                return env._("%(count)s more nights to %(tier)s", **values)
            return env._("%(count)s more stays to %(tier)s", **values)
        return env._("%(amount)s more to %(tier)s", **values)

    @route("/my/membership", type="http", auth="user", website=True, methods=["GET"])
    def portal_my_membership(self, **_kw):
        partner = request.env.user.partner_id
        program = self._hotel_portal_program()
        card = partner._hotel_card(program.company_id) if program else None
        history = request.env["loyalty.history"]
        if card:
            # loyalty.history's order is newest first; limit in SQL rather than loading every row.
            history = history.sudo().search([("card_id", "=", card.id)], limit=HISTORY_ROWS)
        values = self._prepare_portal_layout_values()
        values.update({
            "card": card or None,
            "program": program,
            "tiers": program._hotel_tiers() if program else request.env["hotel.loyalty.tier"],
            "history": history,
            "next_tier_text": self._hotel_next_tier_text(card) if card else "",
            "tier_badges": TIER_BADGES,
            "page_name": "hotel_membership",
        })
        return request.render("hotel_loyalty.portal_my_membership", values)

    @route("/my/membership/join", type="http", auth="user", website=True, methods=["POST"])
    def portal_membership_join(self, terms=None, consent_email=None, **_kw):
        if terms != "on":
            return request.redirect("/my/membership?error=terms")
        program = self._hotel_portal_program()
        if not program:
            return request.redirect("/my/membership?error=unavailable")
        # Only the session user's own partner: any partner id in the form is ignored.
        partner = request.env.user.partner_id.sudo()
        try:
            with request.env.cr.savepoint():
                request.env["loyalty.card"].sudo()._hotel_enroll(partner, "portal", program=program)
        except UniqueViolation:
            # A double submit enrolled the guest in a concurrent request: the card exists, carry on.
            _logger.info("Concurrent portal enrollment of partner %s", partner.id)
        except UserError:
            # e.g. a company account or a programme without tiers: nothing was written
            return request.redirect("/my/membership?error=unavailable")
        if consent_email and not partner.consent_email:
            # Already consenting guests keep the date and source of their first consent (the proof).
            partner.write({"consent_email": True, "consent_email_source": "portal",
                           "consent_email_date": fields.Datetime.now()})
        return request.redirect("/my/membership")
