"""Points of hotel members: every movement locks the card, checks the
balance, writes a ``loyalty.history`` row and the new balance, in that order."""
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    def _hotel_lock(self):
        """Lock the cards' rows until the end of the transaction and reread
        their balance: two desks redeeming on one card queue here, the second
        sees what the first left (the CHECK on points is the last guard)."""
        if self.ids:
            self.env.cr.execute("SELECT id FROM loyalty_card WHERE id IN %s ORDER BY id FOR UPDATE",
                                [tuple(self.ids)])
            self.invalidate_recordset(["points"])

    def _hotel_lock_balance(self, taken):
        """Lock the card and refuse to take ``taken`` points it does not hold
        (the one balance rule, with the balance in the message)."""
        self.ensure_one()
        self._hotel_lock()
        if self.points - taken < 0:
            raise UserError(self.env._(
                "%(member)s has %(balance)s points: %(points)s cannot be taken.",
                member=self.partner_id.display_name, balance=self._hotel_fmt(self.points),
                points=self._hotel_fmt(taken)))

    def _hotel_move_points(self, points, kind, description, folio=None, date=None):
        """Add (``points`` > 0) or take (``points`` < 0) points on one card
        (a member's card, or a member's coupon: one use is one point) with its
        history row. A balance never goes below zero: taking more than the
        card holds is refused with the balance in the message, and nothing is
        written. Only members' movements count as activity (expiry)."""
        self.ensure_one()
        if not points:
            return self.env["loyalty.history"]
        self._hotel_lock_balance(max(-points, 0.0))
        today = date or fields.Date.context_today(self)
        history = self.env["loyalty.history"].sudo().create({
            "card_id": self.id, "description": description, "hotel_kind": kind, "hotel_date": today,
            "issued": max(points, 0.0), "used": max(-points, 0.0),
            "order_model": folio._name if folio else False, "order_id": folio.id if folio else False,
        })
        values = {"points": self.points + points}
        if kind != "expire" and self.hotel_member:
            values.update(hotel_last_activity=max(today, self.hotel_last_activity or today),
                          hotel_expiry_notice_date=False)
        # the history row is the audit trail of points: no tracking message on the card as well
        self.sudo().with_context(tracking_disable=True).write(values)
        return history

    def _hotel_fmt(self, points):
        return f"{points:,.0f}"

    def _hotel_folio_points(self, folio, kinds):
        """Net points of ``kinds`` movements of this card on ``folio``."""
        self.ensure_one()
        rows = self.env["loyalty.history"].sudo()._read_group(
            [("card_id", "=", self.id), ("order_model", "=", "hotel.folio"), ("order_id", "=", folio.id),
             ("hotel_kind", "in", kinds)], [], ["hotel_delta:sum"])
        return rows[0][0] or 0.0

    # ------------------------------------------------------------ expiry
    @api.model
    def _hotel_expire_points(self, today=None):
        """Points of members without any activity for the programme's expiry
        months expire (one history row each); members whose points expire
        within the notice days get the notice mail once. Returns the expired cards."""
        today = today or fields.Date.context_today(self)
        expired = self.browse()
        template = self.env.ref("hotel_loyalty.mail_template_points_expiring", raise_if_not_found=False)
        for program in self.env["loyalty.program"].sudo().search([("hotel_membership", "=", True),
                                                                   ("hotel_expiry_months", ">", 0)]):
            limit = today - relativedelta(months=program.hotel_expiry_months)
            cards = self.sudo().search([("program_id", "=", program.id), ("points", ">", 0),
                                        ("hotel_last_activity", "<=", limit)])
            for card in cards:
                card._hotel_move_points(-card.points, "expire", self.env._(
                    "Points expired: no activity since %(date)s.", date=card.hotel_last_activity), date=today)
            expired |= cards
            notice_limit = limit + relativedelta(days=program.hotel_expiry_notice_days)
            due = self.sudo().search([("program_id", "=", program.id), ("points", ">", 0),
                                      ("hotel_last_activity", "<=", notice_limit),
                                      ("hotel_expiry_notice_date", "=", False)])
            for card in due.filtered("partner_id.email"):
                if template:
                    template.with_context(lang=card.partner_id.lang).send_mail(card.id)
            due.write({"hotel_expiry_notice_date": today})
        return expired

    @api.model
    def _cron_hotel_daily(self):
        """Nightly membership work: expiry and notices, birthday coupons, end
        of tier overrides, then the tier recompute of each programme."""
        today = fields.Date.context_today(self)
        self._hotel_expire_points(today)
        self._hotel_issue_birthday_coupons(today)
        ended = self.sudo().search([("hotel_override_until", "<", today)])
        ended.write({"hotel_override_tier_id": False, "hotel_override_reason": False,
                     "hotel_override_until": False})
        for program in self.env["loyalty.program"].sudo().search([("hotel_membership", "=", True)]):
            review = self.env["hotel.loyalty.review"]._prepare_for(program, today)
            if not program.hotel_review_required and review.line_ids:
                review.action_apply()

    # ------------------------------------------------------------ birthday
    @api.model
    def _hotel_issue_birthday_coupons(self, today=None):
        """Members born in this month get one coupon of the programme's
        birthday coupon programme, valid until the end of the month (Odoo's
        coupon mail tells them). Returns the coupons issued."""
        today = today or fields.Date.context_today(self)
        coupons = self.browse()
        month_end = today + relativedelta(day=31)
        self.env.flush_all()
        for program in self.env["loyalty.program"].sudo().search([("hotel_membership", "=", True),
                                                                   ("hotel_birthday_program_id", "!=", False)]):
            birthday = program.hotel_birthday_program_id
            self.env.cr.execute("""
                SELECT c.partner_id FROM loyalty_card c JOIN res_partner p ON p.id = c.partner_id
                 WHERE c.program_id = %s AND c.active AND EXTRACT(MONTH FROM p.guest_birthdate) = %s
                   AND NOT EXISTS (SELECT 1 FROM loyalty_card b WHERE b.program_id = %s
                                     AND b.partner_id = c.partner_id AND b.expiration_date = %s)
            """, [program.id, today.month, birthday.id, month_end])
            partner_ids = [row[0] for row in self.env.cr.fetchall()]
            coupons |= self.sudo().create([{
                "program_id": birthday.id, "partner_id": pid, "points": 1.0, "expiration_date": month_end,
            } for pid in partner_ids])
        return coupons

    def _hotel_return_reward(self, points, folio, name):
        """Give back what a reward line cost when the line goes: points on a
        member's card, the use on a coupon."""
        self.ensure_one()
        self._hotel_move_points(points, "redeem_returned" if self.hotel_member else "perk",
                                self.env._("Returned: %(name)s", name=name), folio=folio)
