"""Loyalty on the folio: points and coupons redeemed as reward lines, points
earned at check-out, reversed by credit notes and cancellations."""
import math

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hotel_base.tools.groups import MONEY_GROUPS
from odoo.addons.hotel_base.tools.rules import workflow_write


class HotelFolio(models.Model):
    _inherit = "hotel.folio"

    loyalty_history_ids = fields.One2many(
        "loyalty.history", "order_id", string="Points Movements", domain=[("order_model", "=", "hotel.folio")],
        groups=MONEY_GROUPS)
    loyalty_redeemed_amount = fields.Monetary(compute="_compute_loyalty_redeemed", string="Paid with Points",
                                              groups=MONEY_GROUPS)

    def _compute_mail_extra_html(self):
        """The booker's (or first guest's) membership in the booking mails:
        tier, points and their worth, perks, in the reader's language."""
        super()._compute_mail_extra_html()
        for folio in self:
            partners = folio.partner_id | folio.reservation_ids.partner_id
            cards = partners._hotel_cards(folio.company_id)
            card = cards.get(folio.partner_id) or next(iter(cards.values()), None)
            if not card:
                continue
            tier = card.hotel_tier_id
            perks = tier._perks_text()
            text = self.env._(
                "%(member)s, %(tier)s member (card %(code)s): %(points)s points, worth %(worth)s.",
                member=card.partner_id.name, tier=tier.name, code=card.code, points=card._hotel_fmt(card.points),
                worth=folio.currency_id.format(card.points * card.program_id.hotel_point_value))
            if perks:
                text += " " + self.env._("Your member perks on this stay: %(perks)s.", perks=perks)
            folio.mail_extra_html = (folio.mail_extra_html or Markup()) + Markup("<p>%s</p>") % text
        return True

    @api.depends("line_ids.price_total", "line_ids.kind")
    def _compute_loyalty_redeemed(self):
        for folio in self:
            rewards = folio.sudo().line_ids.filtered(lambda line: line.kind == "reward")
            folio.loyalty_redeemed_amount = -sum(rewards.mapped("price_total"))

    def _loyalty_members(self):
        """Membership cards of the folio's staying guests and booker, guests first."""
        self.ensure_one()
        partners = self.reservation_ids.filtered(lambda r: r.state not in ("cancelled", "no_show")).partner_id \
            | self.partner_id
        cards = partners._hotel_cards(self.company_id)
        return self.env["loyalty.card"].sudo().browse([cards[p].id for p in partners if p in cards])

    def _loyalty_redeem_limit(self, card):
        """(amount the folio can still take in points, stay amount it is
        based on): the programme's share of the stay, minus what points and
        coupons already took off."""
        self.ensure_one()
        program = card.program_id
        folio = self.sudo()
        already = folio.loyalty_redeemed_amount
        gross = folio.amount_stay + already
        limit = folio.currency_id.round(gross * program.hotel_redeem_max_percent / 100.0 - already)
        return max(limit, 0.0), gross

    def _loyalty_check_open(self):
        self.ensure_one()
        if self.state not in ("draft", "confirmed", "in_house"):
            raise UserError(self.env._(
                "%(folio)s is closed (%(state)s): points can only be redeemed before check-out.",
                folio=self.name, state=dict(self._fields["state"]._description_selection(self.env))[self.state]))

    def _loyalty_redeem(self, card, points):
        """Take ``points`` from ``card`` and put their value on the folio as a
        reward line. Refused, with nothing written, on a closed folio, for a
        card that is not one of the folio's guests, for points that are not
        a positive whole number, below the programme's minimum, above the
        balance or above the stay's limit. The card is locked first (two desks
        redeeming on one card: the second sees what the first left)."""
        self.ensure_one()
        self._loyalty_check_open()
        card = card.sudo()
        program = card.program_id
        if card not in self._loyalty_members():
            raise UserError(self.env._("%(member)s is not a guest or the booker of %(folio)s.",
                                       member=card.partner_id.display_name, folio=self.name))
        if not points or points <= 0 or points != int(points):
            raise UserError(self.env._("Points to redeem are a positive whole number."))
        if points < program.hotel_redeem_min_points:
            raise UserError(self.env._("At least %(min)s points are redeemed at a time.",
                                       min=card._hotel_fmt(program.hotel_redeem_min_points)))
        card._hotel_lock_balance(points)  # before the stay's limit: the balance is the first thing to say
        amount = self.currency_id.round(points * program.hotel_point_value)
        limit, gross = self._loyalty_redeem_limit(card)
        if self.currency_id.compare_amounts(amount, limit) > 0:
            raise UserError(self.env._(
                "Points can pay %(max)s more of this stay (%(percent)s %% of %(stay)s): %(points)s points are "
                "worth %(amount)s. Redeem at most %(most)s points.",
                max=self.currency_id.format(limit), percent=program.hotel_redeem_max_percent,
                stay=self.currency_id.format(gross), points=card._hotel_fmt(points),
                amount=self.currency_id.format(amount),
                most=card._hotel_fmt(math.floor(limit / program.hotel_point_value) if program.hotel_point_value
                                     else 0)))
        guest_stay = self.reservation_ids.filtered(
            lambda r: r.partner_id == card.partner_id and r.state not in ("cancelled", "no_show"))[:1]
        name = self.with_context(lang=card.partner_id.lang).env._(
            "%(points)s points redeemed (card %(code)s)", points=card._hotel_fmt(points), code=card.code)
        product = program.hotel_redemption_product_id
        if not product:
            raise UserError(self.env._("Set the redemption product of %(program)s first.", program=program.name))
        with workflow_write():  # a reward line is priced by the programme, not by the desk
            line = self.env["hotel.folio.line"].sudo().create({
                "folio_id": self.id, "reservation_id": guest_stay.id, "kind": "reward", "product_id": product.id,
                "name": name, "quantity": 1.0, "price_unit": -amount, "tax_ids": [Command.clear()],
                "loyalty_card_id": card.id, "loyalty_points": points,
            })
        card._hotel_move_points(-points, "redeem", name, folio=self)
        self.message_post(body=self.env._("%(name)s: %(amount)s off, by %(user)s.", name=name,
                                          amount=self.currency_id.format(amount), user=self.env.user.name))
        return line

    def _loyalty_apply_coupon(self, coupon):
        """Use a member's coupon (birthday reward) on the folio: its reward's
        fixed amount or percentage of the room nights comes off as a reward
        line; the coupon is used up (its history points at the folio)."""
        self.ensure_one()
        self._loyalty_check_open()
        coupon = coupon.sudo()
        today = self.property_id._local_today()
        if coupon.partner_id not in (self.reservation_ids.partner_id | self.partner_id):
            raise UserError(self.env._("This coupon belongs to %(owner)s, who is not a guest of %(folio)s.",
                                       owner=coupon.partner_id.display_name, folio=self.name))
        coupon._hotel_lock()
        if coupon.hotel_member or coupon.points < 1 or (coupon.expiration_date and coupon.expiration_date < today):
            raise UserError(self.env._("Coupon %(code)s was used or has expired.", code=coupon.code))
        reward = coupon.program_id.reward_ids[:1]
        rooms = sum(self.sudo().line_ids.filtered(lambda line: line.kind == "room").mapped("price_total")) \
            or self.sudo().amount_stay
        amount = reward.discount if reward.discount_mode == "per_order" else rooms * reward.discount / 100.0
        amount = self.currency_id.round(min(amount, max(self.sudo().amount_stay, 0.0)))
        if amount <= 0:
            raise UserError(self.env._("There is nothing on %(folio)s this coupon could take off.",
                                       folio=self.name))
        name = self.with_context(lang=coupon.partner_id.lang).env._(
            "%(program)s (coupon %(code)s)", program=coupon.program_id.name, code=coupon.code)
        product = reward.discount_line_product_id or \
            self.env["loyalty.program"]._hotel_program(self.company_id).hotel_redemption_product_id
        with workflow_write():
            line = self.env["hotel.folio.line"].sudo().create({
                "folio_id": self.id, "kind": "reward", "product_id": product.id, "name": name, "quantity": 1.0,
                "price_unit": -amount, "tax_ids": [Command.clear()], "loyalty_card_id": coupon.id,
                "loyalty_points": 1.0,
            })
        coupon._hotel_move_points(-1.0, "perk", name, folio=self, date=today)
        return line

    def action_loyalty_redeem(self):
        self._hotel_check_action_access("write")
        self.ensure_one()
        self._loyalty_check_open()
        return self._wizard_action("hotel.loyalty.redeem", self.env._("Redeem Points"),
                                   {"default_folio_id": self.id})

    # ------------------------------------------------------------ reversals
    def action_credit_note(self):
        """Credited folios give back the points their stays earned (as far as
        the balance goes: points already spent stay spent, and the history
        says how many could not be taken back)."""
        result = super().action_credit_note()
        for folio in self:
            folio._loyalty_reverse_earnings(self.env._("Credit note on %(folio)s", folio=folio.name))
        return result

    def _loyalty_reverse_earnings(self, reason):
        self.ensure_one()
        cards = self.env["loyalty.history"].sudo().search([
            ("order_model", "=", "hotel.folio"), ("order_id", "=", self.id),
            ("hotel_kind", "in", ("earn", "earn_reversed"))]).card_id
        for card in cards:
            earned = card._hotel_folio_points(self, ["earn", "earn_reversed"])
            if earned <= 0:
                continue
            card._hotel_lock()
            taken = min(earned, card.points)
            description = self.env._("%(reason)s: %(points)s points earned on the stay taken back.",
                                     reason=reason, points=card._hotel_fmt(taken))
            if taken < earned:
                description += " " + self.env._("%(missing)s points were already spent.",
                                                missing=card._hotel_fmt(earned - taken))
            card._hotel_move_points(-taken, "earn_reversed", description, folio=self)

    def _loyalty_return_rewards(self, reservations=None):
        """Remove the reward lines (not invoiced) of cancelled stays, or of the
        whole folio once it is cancelled: points and coupons go back."""
        for folio in self:
            rewards = folio.sudo().line_ids.filtered(lambda line: line.kind == "reward" and not line.is_invoiced)
            if folio.state != "cancelled":
                rewards = rewards.filtered(lambda line: line.reservation_id and line.reservation_id in reservations)
            rewards.unlink()

    # ------------------------------------------------------------ perks
    def _post_night_charges(self, nights):
        """Members' free breakfast and Wi-Fi come with each night charged, as
        zero-priced lines: the guest sees them on the statement, the kitchen
        counts them."""
        lines = super()._post_night_charges(nights)
        perks = []
        rooms = lines.filtered(lambda line: line.kind == "room")
        partners = rooms.reservation_id.partner_id
        if not partners:
            return lines
        # one query per company for the batch (the night audit charges every room at once)
        tiers = {}
        for company in rooms.reservation_id.company_id:
            cards = self.env["loyalty.card"].sudo().search_fetch(
                partners._hotel_card_domain(company) + [("partner_id", "in", partners.ids),
                                                        "|", ("hotel_tier_id.free_breakfast", "=", True),
                                                        ("hotel_tier_id.free_wifi", "=", True)],
                ["partner_id", "hotel_tier_id"])
            tiers.update({(card.partner_id.id, company.id): card.hotel_tier_id for card in cards})
        if not tiers:
            return lines
        breakfast = self.env.ref("hotel_reservation.product_breakfast", raise_if_not_found=False)
        wifi = self.env.ref("hotel_loyalty.product_wifi", raise_if_not_found=False)
        for line in rooms:
            res = line.reservation_id
            tier = tiers.get((res.partner_id.id, res.company_id.id))
            if not tier:
                continue
            lang = res.partner_id.lang or self.env.lang
            env = self.with_context(lang=lang).env
            for product, given, qty in ((breakfast, tier.free_breakfast, res.adults + res.children),
                                        (wifi, tier.free_wifi, 1)):
                if not (given and product):
                    continue
                perks.append({
                    "folio_id": res.folio_id.id, "reservation_id": res.id, "kind": "extra", "date": line.date,
                    "product_id": product.id, "quantity": max(qty, 1), "price_unit": 0.0,
                    "name": env._("%(product)s, %(tier)s member benefit", product=product.with_context(
                        lang=lang).display_name, tier=tier.with_context(lang=lang).name),
                    "tax_ids": [Command.clear()],
                })
        if perks:
            lines |= self.env["hotel.folio.line"].sudo().create(perks)
        return lines
