"""Membership on the stay: the guest's tier and perks shown to the desk,
member rates on the nights, perks posted with the nights, points earned at
check-out."""
import math

from odoo import api, fields, models
from odoo.tools import SQL


class HotelReservation(models.Model):
    _inherit = "hotel.reservation"

    loyalty_tier_id = fields.Many2one("hotel.loyalty.tier", compute="_compute_loyalty", string="Member Tier")
    loyalty_tier_color = fields.Integer(compute="_compute_loyalty")
    loyalty_vip = fields.Boolean(compute="_compute_loyalty", string="VIP")
    loyalty_vip_label = fields.Char(compute="_compute_loyalty", string="VIP Service")
    loyalty_perks = fields.Char(compute="_compute_loyalty", string="Member Perks")
    loyalty_points = fields.Float(compute="_compute_loyalty", string="Member Points")
    loyalty_can_enroll = fields.Boolean(compute="_compute_loyalty")

    @api.depends("partner_id")
    def _compute_loyalty(self):
        by_company = {}
        for res in self:
            by_company.setdefault(res.company_id, self.browse())
            by_company[res.company_id] |= res
        for company, stays in by_company.items():
            program = self.env["loyalty.program"]._hotel_program(company)
            cards = stays.partner_id._hotel_cards(company)
            for res in stays:
                card = cards.get(res.partner_id)
                tier = card.hotel_tier_id if card else self.env["hotel.loyalty.tier"]
                res.loyalty_tier_id = tier
                res.loyalty_tier_color = tier.color
                res.loyalty_vip = tier.vip
                res.loyalty_vip_label = self.env._("VIP") if tier.vip else False
                res.loyalty_points = card.points if card else 0.0
                res.loyalty_perks = tier._perks_text()
                res.loyalty_can_enroll = bool(program) and not card and not res.partner_id.is_company \
                    and res.state in ("draft", "confirmed", "checked_in")

    def _loyalty_card(self):
        self.ensure_one()
        return self.partner_id._hotel_card(self.company_id) if self.partner_id else self.env["loyalty.card"]

    # ------------------------------------------------------------ member rate
    def _night_prices(self, dates, room_type=None):
        """Member rate: a member's nights cost the tier's discount off the rate
        plan's price, or a member day's discount when it is larger."""
        prices = super()._night_prices(dates, room_type=room_type)
        if not (prices and self.partner_id.id and self.company_id):
            return prices
        # one query on the booking path: the guest's tier discount and the member days of these dates;
        # the card is the one of res.partner._hotel_card_domain, written out so that PostgreSQL starts
        # from the guest (its index) and not from every card of the programme
        for model in ("loyalty.card", "loyalty.program", "hotel.loyalty.tier", "hotel.loyalty.member.day"):
            self.env[model].flush_model()
        rows = self.env.execute_query(SQL("""
            SELECT t.discount, d.date_from, d.date_to, d.discount
              FROM loyalty_card c
              JOIN loyalty_program p ON p.id = c.program_id AND p.active
              JOIN hotel_loyalty_tier t ON t.id = c.hotel_tier_id
              LEFT JOIN hotel_loyalty_member_day d ON d.program_id = c.program_id
                   AND d.date_to >= %s AND d.date_from <= %s
             WHERE c.partner_id = %s AND c.hotel_member AND c.active
               AND (c.company_id = %s OR c.company_id IS NULL)
          ORDER BY c.company_id IS NULL, c.id
        """, min(prices), max(prices), self.partner_id.id, self.company_id.id))
        if not rows:
            return prices
        tier_discount = rows[0][0] or 0.0
        days = [(start, end, discount or 0.0) for _tier, start, end, discount in rows if start]
        currency = self.currency_id or self.company_id.currency_id
        for day, price in prices.items():
            discount = max([tier_discount] + [d for start, end, d in days if start <= day <= end])
            if discount:
                prices[day] = currency.round(price * (1 - discount / 100.0))
        return prices

    # ------------------------------------------------------------ enrollment
    def action_loyalty_enroll(self):
        """Enroll the stay's guest at the desk (source: check-in when the guest
        is arriving or in house)."""
        self._hotel_check_action_access("write")
        for res in self:
            source = "check_in" if res.state in ("confirmed", "checked_in") else "desk"
            self.env["loyalty.card"].with_company(res.company_id)._hotel_enroll(res.partner_id, source)
        return True

    # ------------------------------------------------------------ earning
    def action_check_out(self):
        result = super().action_check_out()
        self._loyalty_earn()
        return result

    def _loyalty_earn(self):
        """Points for checked-out members' stays: eligible revenue (untaxed room
        nights and extras of the stay, the folio's charges without a room on
        its first stay, less what points paid) x the programme's rate x the
        tier bonus; member days multiply their nights' points. One history row
        per stay, pointing at the folio."""
        for res in self.filtered(lambda r: r.state == "checked_out"):
            card = res._loyalty_card()
            if not card:
                continue
            program = card.program_id
            folio = res.folio_id.sudo()
            first = folio.reservation_ids.sorted("id")[:1]
            lines = folio.line_ids.filtered(
                lambda line, r=res, f=first: line.reservation_id == r or (not line.reservation_id and r == f))
            earning = lines.filtered(lambda line: line.kind in ("room", "extra"))
            paid_by_points = -sum(lines.filtered(
                lambda line, c=card: line.kind == "reward" and line.loyalty_card_id == c).mapped("price_subtotal"))
            revenue = sum(earning.mapped("price_subtotal"))
            days = program.hotel_member_day_ids
            extra = sum(line.price_subtotal * (max(days._on(line.date).mapped("points_factor")) - 1.0)
                        for line in earning if days._on(line.date))
            base = max(revenue - paid_by_points, 0.0) + extra
            points = math.floor(base * program.hotel_points_per_unit * (1 + card.hotel_tier_id.points_bonus / 100.0))
            if points <= 0:
                continue
            lang = card.partner_id.lang
            env = self.with_context(lang=lang).env
            description = env._("Stay %(res)s: %(revenue)s eligible", res=res.name,
                                revenue=res.currency_id.format(revenue - paid_by_points))
            if card.hotel_tier_id.points_bonus:
                description += env._(", %(tier)s bonus +%(bonus)s%%", tier=card.hotel_tier_id.with_context(
                    lang=lang).name, bonus=f"{card.hotel_tier_id.points_bonus:g}")
            if extra:
                description += env._(", member day")
            card._hotel_move_points(points, "earn", description, folio=folio)

    # ------------------------------------------------------------ reversal
    def action_cancel(self, reason=None):
        result = super().action_cancel(reason)
        self.folio_id._loyalty_return_rewards(self)
        return result

    def action_no_show(self):
        result = super().action_no_show()
        self.folio_id._loyalty_return_rewards(self)
        return result
