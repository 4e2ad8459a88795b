"""Points through loyalty cards: earned at check-out, redeemed on the folio,
reversed, expired, with the balance checked at each step; member perks on
the folio; bad input refused with nothing saved."""
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError

from .common import LoyaltyCase


class TestPoints(LoyaltyCase):

    def movements(self, card):
        return [(h.hotel_kind, h.issued, h.used) for h in card.history_ids.sorted("id")]

    def test_earn_redeem_reverse_expire(self):
        card = self.member(tier=self.gold)          # +25 % points, 10 % member rate
        res = self.stay(card.partner_id, self.today - timedelta(days=1), nights=2, extra=100)
        folio = res.folio_id
        # member rate: 2 nights at 500 - 10 % = 900, + 100 laundry = 1,000 eligible -> 1,250 points
        self.assertEqual(sum(folio.line_ids.filtered(lambda line: line.kind == "room").mapped("price_subtotal")), 900)
        self.assertEqual(card.points, 1250)
        history = card.history_ids.filtered(lambda h: h.hotel_kind == "earn")
        self.assertEqual((history.order_model, history.order_id), ("hotel.folio", folio.id))
        self.assertIn("Gold bonus +25%", history.description)
        # perks of Gold: breakfast for both guests and Wi-Fi with each night, at zero
        perks = folio.line_ids.filtered(lambda line: line.kind == "extra" and not line.price_unit)
        self.assertEqual(sorted(line.product_id.default_code for line in perks),
                         ["HTL-BRK", "HTL-BRK", "HTL-WIFI", "HTL-WIFI"])
        breakfasts = perks.filtered(lambda line: line.product_id.default_code == "HTL-BRK")
        self.assertEqual(breakfasts.mapped("quantity"), [2, 2])

        # redeem 500 points on the next booking: 5.00 off
        nxt = self.book(partner=card.partner_id, nights=2)
        line = nxt.folio_id.with_user(self.frontdesk)._loyalty_redeem(card.with_user(self.frontdesk), 500)
        self.assertEqual((line.kind, line.price_total, line.loyalty_points), ("reward", -5.0, 500))
        self.assertEqual(card.points, 750)
        self.assertEqual(nxt.folio_id.loyalty_redeemed_amount, 5.0)
        # the stay is cancelled: the reward line goes, the points come back
        nxt.action_cancel()
        self.assertFalse(nxt.folio_id.line_ids.filtered(lambda line: line.kind == "reward"))
        self.assertEqual(card.points, 1250)
        # a credit note on the first stay takes its points back
        folio.action_credit_note()  # finance (here the administrator)
        self.assertEqual(card.points, 0)
        self.assertEqual(self.movements(card), [
            ("earn", 1250, 0), ("redeem", 0, 500), ("redeem_returned", 500, 0), ("earn_reversed", 0, 1250)])

    def test_redemption_on_the_invoice_and_in_the_confirmation(self):
        """The redeemed points reduce the invoice on their own account; the
        booking confirmation tells the member their tier and points."""
        account = self.program._hotel_ensure_redemption_account()
        self.assertEqual(account.name, "Loyalty Points Redeemed")
        card = self.member(tier=self.gold, points=3000)
        res = self.book(partner=card.partner_id, arrival=self.today - timedelta(days=1), nights=1)
        self.send_confirmations()
        message = res.folio_id.message_ids.filtered(lambda m: "Booking" in (m.subject or ""))[:1]
        self.assertIn("Gold member", message.body)
        self.assertIn("3,000 points", message.body)
        res.action_check_in()
        res.folio_id._loyalty_redeem(card, 2000)           # 20.00 off a 450 night
        res.folio_id._register_payment(res.folio_id.amount_stay, self.alipay)
        res.action_check_out()
        invoice = res.folio_id.invoice_ids
        reward = invoice.invoice_line_ids.filtered(lambda line: line.product_id.default_code == "HTL-PTS")
        self.assertEqual((reward.price_subtotal, reward.account_id), (-20.0, account))
        self.assertEqual(invoice.amount_total, 430.0)
        # points earned on what the guest paid in money: (450 - 20) x 1.25
        self.assertEqual(card.points, 1000 + 537)

    def test_expiry_with_notice(self):
        card = self.member(points=2000)
        card.hotel_last_activity = self.today - relativedelta(months=24) + timedelta(days=10)
        expired = self.env["loyalty.card"]._hotel_expire_points(self.today)
        self.assertFalse(expired)
        self.assertEqual(card.hotel_expiry_notice_date, self.today, "notice within 30 days of expiry")
        self.assertTrue(self.env["mail.mail"].search([("model", "=", "loyalty.card"), ("res_id", "=", card.id)]))
        later = self.today + timedelta(days=11)
        expired = self.env["loyalty.card"]._hotel_expire_points(later)
        self.assertEqual(expired, card)
        self.assertEqual(card.points, 0)
        self.assertEqual(self.movements(card)[-1], ("expire", 0, 2000))
        # an expiry is not activity: the member's last activity stays where it was
        self.assertEqual(card.hotel_last_activity, self.today - relativedelta(months=24) + timedelta(days=10))

    def test_liability_at_a_date(self):
        card = self.member(points=3000)
        card.history_ids.hotel_date = self.today - timedelta(days=40)
        card._hotel_move_points(-1000, "adjust", "Goodwill reversed")
        wizard = self.env["hotel.loyalty.liability"].with_user(self.finance).create({
            "program_id": self.program.id, "date": self.today - timedelta(days=1)})
        self.assertEqual((wizard.points, wizard.amount), (3000, 30.0))
        wizard.date = self.today
        self.assertEqual((wizard.points, wizard.amount), (2000, 20.0))

    def test_bad_redemptions_save_nothing(self):
        card = self.member(points=1000)
        res = self.book(partner=card.partner_id, nights=1)   # 500, of which points pay at most 50 %
        folio = res.folio_id
        for points, message in ((-100, "positive whole number"), (50, "At least 100 points"),
                                (1500, "has 1,000 points"), (30000, "has 1,000 points")):
            with self.subTest(points=points), self.assertRefused(UserError, message):
                folio._loyalty_redeem(card, points)
        card.write({"points": 100000})
        with self.assertRefused(UserError, r"Points can pay .{0,4}250\.00 more"):
            folio._loyalty_redeem(card, 30000)
        self.assertFalse(folio.line_ids.filtered(lambda line: line.kind == "reward"))
        self.assertEqual(len(card.history_ids), 1, "only the opening balance")
        stranger = self.member("Someone Else", points=5000)
        with self.assertRefused(UserError, "not a guest"):
            folio._loyalty_redeem(stranger, 200)
        # closed folio: nothing can be redeemed after check-out
        done = self.stay(card.partner_id, self.today - timedelta(days=3))
        with self.assertRefused(UserError, "closed"):
            done.folio_id._loyalty_redeem(card, 200)
        # negative points by hand: the database refuses them
        with self.assertRaisesRegex(UserError, "cannot be taken"):
            card._hotel_move_points(-10 ** 7, "adjust", "too much")

    def test_adjust_requires_a_manager_and_a_reason(self):
        card = self.member(points=100)
        with self.assertRaises(AccessError):
            self.env["hotel.loyalty.adjust"].with_user(self.frontdesk).create({
                "card_id": card.id, "points": 50, "reason": "x"})
        wizard = self.env["hotel.loyalty.adjust"].with_user(self.loyalty_manager).create({
            "card_id": card.id, "points": 50, "reason": "  "})
        with self.assertRefused(UserError, "reason"):
            wizard.action_apply()
        self.assertEqual(card.points, 100)
        wizard.reason = "Goodwill: noisy room"
        wizard.action_apply()
        self.assertEqual(card.points, 150)
        self.assertIn("Goodwill: noisy room", card.history_ids.sorted("id")[-1].description)

    def test_desk_sees_tier_and_enrolls_at_check_in(self):
        guest = self.env["res.partner"].create({"name": "Walk-in Wang", "is_hotel_guest": True})
        res = self.book(partner=guest, arrival=self.today, nights=1)
        res = res.with_user(self.frontdesk)
        self.assertTrue(res.loyalty_can_enroll)
        res.action_loyalty_enroll()
        res.invalidate_recordset()
        card = guest._hotel_card()
        self.assertEqual((card.hotel_enroll_source, res.loyalty_tier_id), ("check_in", self.standard))
        self.assertFalse(res.loyalty_can_enroll)
        diamond = self.member("Diamond Dai", tier=self.diamond)
        vip = self.book(partner=diamond.partner_id, arrival=self.today, nights=1, room_type=self.suite)
        self.assertTrue(vip.loyalty_vip)
        self.assertEqual(vip.loyalty_vip_label, "VIP")
        self.assertEqual(vip.loyalty_perks, "15% member rate, breakfast, Wi-Fi, late check-out 16:00")
        self.assertEqual(vip.night_ids[:1].price, 850.0, "suite at 1,000 - 15 %")

    def test_member_day_and_birthday_coupon(self):
        card = self.member()
        day = self.today - timedelta(days=2)
        self.env["hotel.loyalty.member.day"].create({
            "program_id": self.program.id, "name": "Member Day", "date_from": day, "date_to": day,
            "discount": 20, "points_factor": 2})
        self.stay(card.partner_id, day + timedelta(days=1), nights=1)
        # 500 - 20 % = 400, doubled points: 800
        self.assertEqual(card.points, 800)
        card.partner_id.guest_birthdate = self.today.replace(year=1990)
        coupons = self.env["loyalty.card"]._hotel_issue_birthday_coupons(self.today).filtered(
            lambda c: c.partner_id == card.partner_id)
        self.assertEqual(len(coupons), 1)
        self.assertEqual(coupons.expiration_date, self.today.replace(day=31))
        self.assertFalse(self.env["loyalty.card"]._hotel_issue_birthday_coupons(self.today), "once a month")
        res = self.book(partner=card.partner_id, nights=2)
        wizard = self.env["hotel.loyalty.redeem"].with_user(self.frontdesk).create({"folio_id": res.folio_id.id})
        self.assertEqual(wizard.coupon_ids, coupons)
        wizard.coupon_id = coupons
        wizard.action_redeem()
        self.assertEqual(res.folio_id.loyalty_redeemed_amount, 100.0)
        self.assertEqual(coupons.points, 0)
        with self.assertRefused(UserError, "used or has expired"):
            res.folio_id._loyalty_apply_coupon(coupons)
