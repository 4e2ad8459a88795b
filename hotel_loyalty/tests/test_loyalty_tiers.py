"""Tiers from what really happened: exact boundaries, rolling and calendar
windows, the soft landing, overrides, the review applied with its logs."""
from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import LoyaltyCase


class TestTiers(LoyaltyCase):

    def review(self, today=None):
        return self.env["hotel.loyalty.review"]._prepare_for(self.program, today or self.today)

    def line_of(self, review, card):
        return review.line_ids.filtered(lambda line: line.card_id == card)

    def test_seed_tier_table(self):
        table = [(t.name, t.min_spend, t.min_stays) for t in self.program._hotel_tiers()]
        self.assertEqual(table, [("Standard", 0, 0), ("Silver", 5000, 5), ("Gold", 10000, 10),
                                 ("Diamond", 20000, 20)])

    def test_spend_boundary_is_exact(self):
        """4,999.99 of eligible revenue is not Silver yet; 5,000.00 is."""
        card = self.member()
        self.stay(card.partner_id, self.today - timedelta(days=10), extra=4499.99)  # 500 + 4,499.99
        review = self.review()
        self.assertEqual(card.hotel_qualifying_spend, 4999.99)
        self.assertEqual(card.hotel_qualifying_stays, 1)
        self.assertFalse(self.line_of(review, card), "4,999.99 stays Standard")
        self.stay(card.partner_id, self.today - timedelta(days=5), nights=1, extra=0.0)
        # taxes, penalties and points paid never count: only room nights and extras
        review = self.review()
        self.assertEqual(card.hotel_qualifying_spend, 5499.99)
        self.assertEqual(self.line_of(review, card).new_tier_id, self.silver)

    def test_stays_boundary_is_exact(self):
        card = self.member()
        for i in range(4):
            self.stay(card.partner_id, self.today - timedelta(days=3 + 2 * i))
        self.assertFalse(self.line_of(self.review(), card), "4 stays: not Silver")
        self.stay(card.partner_id, self.today - timedelta(days=20))
        review = self.review()
        self.assertEqual(card.hotel_qualifying_stays, 5)
        line = self.line_of(review, card)
        self.assertEqual((line.old_tier_id, line.new_tier_id, line.direction), (self.standard, self.silver, "up"))

    def test_nights_basis(self):
        """Configured to nights: 10 nights reach Silver (min_nights 10) where
        one stay does not reach it on the stays basis."""
        bunk = self.env["hotel.room.type"].create({
            "name": "Test Bunk", "code": "TBK", "property_id": self.hotel.id, "list_price": 50})
        bunk.product_id.taxes_id = False
        self.env["hotel.room"].create({"name": "B1", "room_type_id": bunk.id})
        card = self.member()
        self.stay(card.partner_id, self.today - timedelta(days=1), nights=10, room_type=bunk)
        self.assertFalse(self.line_of(self.review(), card), "1 stay, 500 of spend: Standard on the stays basis")
        self.program.hotel_count_basis = "nights"
        self.assertEqual(card.hotel_qualifying_nights, 10)
        self.assertEqual(self.line_of(self.review(), card).new_tier_id, self.silver)

    def test_rolling_and_calendar_windows(self):
        """Pinned today 2026-03-11. Rolling: 2025-03-12 .. 2026-03-11;
        calendar year: 2026-01-01 .. 2026-03-11."""
        self.assertEqual(self.today, date(2026, 3, 11))
        card = self.member()
        inside = self.stay(card.partner_id, date(2025, 3, 12), extra=5000)    # first day of the rolling window
        self.stay(card.partner_id, date(2025, 3, 11), extra=20000)            # one day too old
        review = self.review()
        self.assertEqual(review.window_start, date(2025, 3, 12))
        self.assertEqual(card.hotel_qualifying_spend, 5500.0)
        self.assertEqual(card.hotel_qualifying_stays, 1)
        self.assertEqual(self.line_of(review, card).new_tier_id, self.silver)
        self.program.hotel_window = "calendar"
        review = self.review()
        self.assertEqual(review.window_start, date(2026, 1, 1))
        self.assertEqual((card.hotel_qualifying_spend, card.hotel_qualifying_stays), (0.0, 0))
        self.assertFalse(self.line_of(review, card))
        self.stay(card.partner_id, date(2026, 1, 1), extra=9500)
        self.assertEqual(self.line_of(self.review(), card).new_tier_id, self.gold)
        self.assertTrue(inside)

    def test_apply_logs_and_tells_the_member(self):
        card = self.member()
        self.stay(card.partner_id, self.today - timedelta(days=2), extra=11000)
        review = self.review()
        self.assertEqual(review.state, "draft")
        self.assertEqual(card.hotel_tier_id, self.standard, "nothing changes before the review is applied")
        with self.assertRaises(AccessError):
            review.with_user(self.frontdesk).action_apply()
        review.with_user(self.loyalty_manager).action_apply()
        self.assertEqual(review.state, "applied")
        self.assertEqual(card.hotel_tier_id, self.gold)
        self.assertEqual(card.hotel_tier_valid_until, date(2027, 3, 11))
        change = card.hotel_tier_change_ids
        self.assertEqual((change.old_tier_id, change.new_tier_id, change.direction, change.reason),
                         (self.standard, self.gold, "up", "review"))
        note = self.env["mail.message"].search([("model", "=", "res.partner"), ("res_id", "=", card.partner_id.id),
                                                ("body", "ilike", "Membership tier")])
        self.assertIn("Standard → Gold", note.body)
        self.assertTrue(change.mail_pending)
        self.run_cron("hotel_loyalty.ir_cron_hotel_loyalty_tier_mails")
        self.assertFalse(change.mail_pending)
        mail = self.env["mail.mail"].search([("model", "=", "hotel.loyalty.tier.change"), ("res_id", "=", change.id)])
        self.assertIn("Gold", mail.subject)
        with self.assertRaisesRegex(UserError, "already applied"):
            review.with_user(self.loyalty_manager).action_apply()

    def test_soft_landing(self):
        """A Diamond member without stays drops one tier per review, and only
        once the tier's validity is over."""
        card = self.member(tier=self.diamond)
        card.hotel_tier_valid_until = self.today + timedelta(days=1)
        self.assertFalse(self.line_of(self.review(), card), "still valid: kept")
        card.hotel_tier_valid_until = self.today - timedelta(days=1)
        review = self.review()
        line = self.line_of(review, card)
        self.assertEqual((line.earned_tier_id, line.new_tier_id, line.direction), (self.standard, self.gold, "down"))
        review.action_apply()
        self.assertEqual(card.hotel_tier_id, self.gold)
        self.assertFalse(self.line_of(self.review(), card), "a new validity after the drop")
        self.program.hotel_max_downgrade = 0
        card.hotel_tier_valid_until = self.today - timedelta(days=1)
        self.assertFalse(self.line_of(self.review(), card), "max downgrade 0: members never drop")

    def test_override_with_reason_and_end(self):
        card = self.member()
        with self.assertRaises(AccessError):
            card.with_user(self.frontdesk)._hotel_set_override(self.gold, "VIP", self.today + timedelta(days=30))
        adjust = self.env["hotel.loyalty.adjust"].with_user(self.loyalty_manager)
        with self.assertRaisesRegex(UserError, "end date"):
            adjust.create({"card_id": card.id, "override_tier_id": self.gold.id, "reason": "Status match"}) \
                .action_apply()
        self.assertEqual(card.hotel_tier_id, self.standard, "nothing saved")
        adjust.create({"card_id": card.id, "override_tier_id": self.gold.id, "reason": "Status match",
                       "override_until": self.today + timedelta(days=30)}).action_apply()
        self.assertEqual((card.hotel_tier_id, card.hotel_override_reason), (self.gold, "Status match"))
        self.assertFalse(self.line_of(self.review(), card), "an overridden member is left alone")
        self.assertEqual(card.hotel_tier_change_ids.reason, "override")
        # once the override has ended the review places the member again (validity over: one tier down)
        card.write({"hotel_override_until": self.today - timedelta(days=1)})
        self.assertEqual(self.line_of(self.review(), card).new_tier_id, self.silver)

    def test_ladder_and_settings_are_checked(self):
        with self.assertRaisesRegex(ValidationError, "cannot ask less"):
            self.gold.min_spend = 4000
        with self.assertRaisesRegex(ValidationError, "first tier"):
            self.standard.min_stays = 1
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.program.hotel_redeem_max_percent = 120
            self.program.flush_recordset()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.program.copy({"hotel_membership": True}).flush_recordset()  # one programme per company

    def test_auto_enroll_and_company_guests(self):
        self.program.hotel_auto_enroll = True
        guest = self.env["res.partner"].create({"name": "Frequent Non-member", "is_hotel_guest": True})
        self.stay(guest, self.today - timedelta(days=3), extra=6000)
        review = self.review()
        line = review.line_ids.filtered(lambda line: line.partner_id == guest)
        self.assertEqual((line.direction, line.new_tier_id), ("enroll", self.silver))
        review.action_apply()
        card = guest._hotel_card()
        self.assertEqual((card.hotel_tier_id, card.hotel_enroll_source), (self.silver, "auto"))
        company = self.env["res.partner"].create({"name": "Test Travel Co", "is_company": True})
        with self.assertRaisesRegex(UserError, "membership is personal"):
            self.env["loyalty.card"]._hotel_enroll(company, "desk", self.program)

    def test_member_screens_by_role(self):
        card = self.member()
        card.with_user(self.marketing).read(["points", "hotel_tier_id"])
        with self.assertRaises(AccessError):
            card.with_user(self.marketing).write({"points": 5})
        with self.assertRaises(AccessError):
            card.with_user(self.housekeeping).read(["points"])
        self.assertEqual(card.with_user(self.frontdesk).hotel_tier_id.name, "Standard")
        guest = self.env["res.partner"].create({"name": "Desk Enrolled", "is_hotel_guest": True})
        with self.assertRaises(AccessError):
            guest.with_user(self.housekeeping).action_hotel_enroll()
        self.assertFalse(guest._hotel_card())
        guest.with_user(self.frontdesk).action_hotel_enroll()
        self.assertEqual(guest._hotel_card().hotel_enroll_source, "desk")
