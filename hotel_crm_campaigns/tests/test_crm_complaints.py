"""Complaints: steps in order with who and when, deadlines in clock hours and
working days (weekends and public holidays skipped), reminders and
escalation once, compensation within limits, the written reply and its
follow-up, cases from the mail alias, recurring causes, access by role."""
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.hotel_base.tests.common import refused

from .common import CrmCase
from .test_crm_feedback import FeedbackMixin

RAW_MAIL = """Return-Path: <{email_from}>
To: {to}
From: {email_from}
Subject: {subject}
Message-ID: <{msg_id}@example.com>
Date: Wed, 11 Mar 2026 02:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


@tagged("post_install", "-at_install")
class TestComplaints(FeedbackMixin, CrmCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # office hours Monday to Friday, 08:00-12:00 and 13:00-17:00 Shanghai time
        cls.calendar = cls.env["resource.calendar"].create({"name": "Guest relations", "tz": "Asia/Shanghai"})
        cls.hotel.write({"complaint_calendar_id": cls.calendar.id, "complaint_manager_id": cls.manager.id,
                         "feedback_followup_survey_id":
                             cls.env.ref("hotel_crm_campaigns.survey_complaint_followup").id})
        cls.guest_a = cls.env["res.partner"].create({"name": "Complaining Guest", "email": "cg@example.com",
                                                     "is_hotel_guest": True})

    def complaint(self, user=None, **values):
        return self.env["hotel.complaint"].with_user(user or self.frontdesk).create(dict({
            "subject": "Noise at night", "property_id": self.hotel.id, "partner_id": self.guest_a.id,
        }, **values))

    def test_reply_due_in_working_days_weekend_and_holiday(self):
        # Friday 13 March 2026, 19:00 Shanghai: no work left that day -> Mon, Tue, Wed: due Wednesday 17:00
        with self.at_local(datetime(2026, 3, 13).date(), 19):
            friday = self.complaint()
        self.assertEqual(friday.reply_deadline, self.local(datetime(2026, 3, 18).date(), 17))
        self.assertEqual(friday.resolution_deadline, self.local(datetime(2026, 3, 15).date(), 19))  # 48 clock hours
        # the same with Monday 16 March a public holiday: Tue, Wed, Thu
        self.env["resource.calendar.leaves"].create({
            "name": "Public holiday", "calendar_id": self.calendar.id,
            "date_from": self.local(datetime(2026, 3, 16).date(), 0),
            "date_to": self.local(datetime(2026, 3, 16).date(), 23, 59)})
        with self.at_local(datetime(2026, 3, 13).date(), 19):
            holiday = self.complaint()
        self.assertEqual(holiday.reply_deadline, self.local(datetime(2026, 3, 19).date(), 17))
        # Wednesday 10:00: the day counts -> Wed, Thu, Fri 17:00
        with self.at_local(datetime(2026, 3, 11).date(), 10):
            wednesday = self.complaint()
        self.assertEqual(wednesday.reply_deadline, self.local(datetime(2026, 3, 13).date(), 17))

    def test_reminder_and_escalation_once(self):
        with self.at_local(datetime(2026, 3, 11).date(), 10):
            case = self.complaint()
        Activity = self.env["mail.activity"]

        def activities(user):
            return Activity.search_count([("res_model", "=", "hotel.complaint"), ("res_id", "=", case.id),
                                          ("user_id", "=", user.id)])

        # 45 hours later: 3 hours before the resolution deadline -> the owner is reminded, once
        with freeze_time(case.received_at + timedelta(hours=45)):
            for _run in range(2):
                self.run_cron("hotel_crm_campaigns.ir_cron_complaint_escalation")
        self.assertEqual(activities(self.frontdesk), 1)
        self.assertTrue(case.resolution_reminded)
        self.assertFalse(case.resolution_escalated)
        self.assertEqual(activities(self.manager), 0)
        # past it: the manager gets one activity and one mail, however often the job runs
        with freeze_time(case.received_at + timedelta(hours=49)), self.mock_mail_gateway():
            for _run in range(3):
                self.run_cron("hotel_crm_campaigns.ir_cron_complaint_escalation")
            self.assertTrue(case.is_late)
            self.assertEqual(self.env["hotel.complaint"].search_count([("is_late", "=", True),
                                                                      ("id", "=", case.id)]), 1)
        self.assertEqual(activities(self.manager), 1)
        self.assertTrue(case.resolution_escalated)
        escalations = case.message_ids.filtered(lambda m: "missed its resolution deadline" in (m.body or ""))
        self.assertEqual(len(escalations), 1)
        self.assertIn(self.manager.partner_id, escalations.partner_ids)
        # resolved late, never replied: the reply deadline (Friday 17:00) escalates once too
        case.write({"category": "noise", "cause": "neighbours", "resolution": "<p>Moved to a quiet room</p>"})
        with freeze_time(case.received_at + timedelta(hours=50)):
            case.with_user(self.frontdesk).action_resolve()
        self.assertFalse(case.resolved_in_time)
        with freeze_time(case.reply_deadline + timedelta(hours=1)), self.mock_mail_gateway():
            self.run_cron("hotel_crm_campaigns.ir_cron_complaint_escalation")
            self.run_cron("hotel_crm_campaigns.ir_cron_complaint_escalation")
        self.assertTrue(case.reply_escalated)
        self.assertEqual(len(case.message_ids.filtered(lambda m: "missed its written reply" in (m.body or ""))), 1)

    def test_steps_in_order_reply_and_recovery(self):
        stay = self.stay(self.guest_a, self.today)
        case = self.complaint(reservation_id=stay.id)
        self.assertEqual((case.room_id, case.room_type_id, case.folio_id), (stay.room_id, stay.room_type_id,
                                                                           stay.folio_id))
        self.assertEqual((case.state, case.received_uid), ("received", self.frontdesk))
        desk = case.with_user(self.frontdesk)
        with refused(self, UserError, "needs its category and its cause"):
            desk.write({"resolution": "<p>Sorry</p>"})
            desk.action_resolve()
        self.assertEqual(case.state, "received")
        with refused(self, UserError, "Resolve complaint"):
            desk.action_send_reply()
        desk.write({"category": "noise"})
        desk.action_classify()
        desk.write({"cause": "neighbours", "cause_note": "Wedding party next door",
                    "resolution": "<p>Moved to room 301, drinks offered</p>"})
        desk.action_resolve()
        self.assertEqual(case.state, "resolved")
        self.assertTrue(case.cause_at and case.cause_uid == self.frontdesk and case.resolved_in_time)
        with refused(self, UserError, "Write the reply"):
            desk.action_send_reply()
        desk.reply_body = "<p>Dear guest, we are sorry about the noise.</p>"
        with self.mock_mail_gateway():
            desk.action_send_reply()
            self.assertEqual(len(self._new_mails), 1)
            sent = self._new_mails
            self.assertIn("sorry about the noise", sent.body_html)
            self.assertIn(case.followup_input_id.access_token, sent.body_html)
            self.assertEqual(sent.recipient_ids, self.guest_a)
        self.assertEqual((case.state, case.replied_uid), ("replied", self.frontdesk))
        self.assertTrue(case.replied_in_time)
        # the guest answers the follow-up: logged on the case
        self.answer(case.followup_input_id.sudo(), nps=8, comment="Handled well")
        self.assertEqual(case.followup_score, 8)
        self.assertTrue(case.message_ids.filtered(lambda m: "Handled well" in (m.body or "")))
        desk.action_close()
        self.assertEqual(case.state, "closed")
        with refused(self, UserError, "is closed"):
            desk.action_resolve()
        # recovery: the guest comes back (records of one test transaction share its clock: date the stay)
        self.env.cr.execute("UPDATE hotel_reservation SET create_date = %s WHERE id = %s",
                            [case.received_at - timedelta(days=3), stay.id])
        case.invalidate_recordset()
        self.assertFalse(case.guest_returned)
        with freeze_time(datetime.now() + timedelta(minutes=5)):
            again = self.book(arrival=self.today + timedelta(days=20), partner=self.guest_a)
        self.env.flush_all()
        self.env.cr.execute("UPDATE hotel_reservation SET create_date = %s WHERE id = %s",
                            [case.received_at + timedelta(days=1), again.id])
        case.invalidate_recordset()
        self.assertEqual(case.next_reservation_id, again)
        self.assertIn(case, self.env["hotel.complaint"].search([("guest_returned", "=", True)]))

    def test_compensation_points_coupon_credit_within_limits(self):
        card = self.member("Compensated Member", points=100)
        guest = card.partner_id
        stay = self.stay(guest, self.today, nights=2)
        case = self.complaint(partner_id=guest.id, reservation_id=stay.id)
        desk = case.with_user(self.frontdesk)
        # 1,000 points at 0.01 = 10.00: within the desk's 300
        desk.write({"compensation_type": "points", "compensation_points": 1000})
        self.assertEqual(case.compensation_value, 10.0)
        before = card.points  # the opening 100 and the stay's points
        desk.action_compensate()
        self.assertEqual((case.compensation_state, case.compensation_card_id), ("done", card))
        self.assertEqual(card.points, before + 1000)
        self.assertIn(case.name, card.history_ids.sorted("id")[-1].description)
        with refused(self, UserError, "already granted"):
            desk.action_compensate()
        self.assertEqual(card.points, before + 1000)

        # a credit note of 500: above the desk's limit -> waits for a manager
        credit = self.complaint(partner_id=guest.id, reservation_id=stay.id, subject="Broken air conditioning")
        desk = credit.with_user(self.frontdesk)
        desk.write({"compensation_type": "credit", "compensation_amount": 500.0})
        desk.action_compensate()
        self.assertEqual(credit.compensation_state, "to_approve")
        self.assertFalse(credit.compensation_move_id)
        with refused(self, AccessError, "above what you may grant"):
            desk.action_approve_compensation()
        credit.with_user(self.manager).action_approve_compensation()
        move = credit.sudo().compensation_move_id
        self.assertEqual((move.move_type, move.state, move.amount_total, move.partner_id),
                         ("out_refund", "posted", 500.0, stay.folio_id.partner_id))
        self.assertEqual((move.hotel_complaint_id, credit.compensation_approved_uid), (credit, self.manager))

        # 5,000 is above the manager's 2,000 too: finance or a hotel administrator approves
        big = self.complaint(partner_id=guest.id, reservation_id=stay.id, subject="Flooded room")
        big.with_user(self.manager).write({"compensation_type": "credit", "compensation_amount": 5000.0})
        big.with_user(self.manager).action_compensate()
        with refused(self, AccessError, "above what you may grant"):
            big.with_user(self.manager).action_approve_compensation()
        self.assertEqual(big.compensation_state, "to_approve")

        # bad input: nothing granted
        coupon = self.complaint(partner_id=guest.id)
        coupon.write({"compensation_type": "coupon", "compensation_amount": 50.0})
        with refused(self, UserError, "coupon programme"):
            coupon.with_user(self.frontdesk).action_compensate()
        no_stay = self.complaint(partner_id=guest.id)
        no_stay.write({"compensation_type": "credit", "compensation_amount": 50.0})
        with refused(self, UserError, "needs the stay"):
            no_stay.with_user(self.frontdesk).action_compensate()
        stranger = self.complaint(partner_id=self.guest_a.id)
        stranger.write({"compensation_type": "points", "compensation_points": 10})
        with refused(self, UserError, "not a member"):
            stranger.with_user(self.frontdesk).action_compensate()
        with refused(self, ValidationError, "cannot be negative"):
            stranger.write({"compensation_points": -5})
        self.assertFalse((coupon | no_stay | stranger).filtered(lambda c: c.compensation_state != "draft"))

    def test_coupon_worth_its_reward_and_approvals_survive(self):
        guest = self.guest_with("Coupon Guest")
        stay = self.stay(guest, self.today)
        program = self.env["loyalty.program"].create({
            "name": "Recovery voucher 500", "program_type": "coupons", "company_id": self.env.company.id,
            "reward_ids": [Command.create({"reward_type": "discount", "discount_mode": "per_order",
                                           "discount": 500.0, "required_points": 1})]})
        case = self.complaint(partner_id=guest.id, reservation_id=stay.id)
        desk = case.with_user(self.frontdesk)
        # typed as worth 1: the coupon is worth its reward (500), above the desk's 300
        desk.write({"compensation_type": "coupon", "compensation_program_id": program.id,
                    "compensation_amount": 1.0})
        self.assertEqual(case.compensation_value, 500.0)
        desk.action_compensate()
        self.assertEqual(case.compensation_state, "to_approve")
        with refused(self, UserError, "cannot be changed"):
            desk.write({"compensation_type": "credit", "compensation_amount": 1.0})
        with refused(self, UserError, "set by its actions"):
            desk.write({"compensation_state": "draft"})
        # resolving the case leaves the manager's approval request in place
        desk.write({"category": "service", "cause": "staff", "resolution": "<p>Apologised</p>"})
        desk.action_resolve()
        approval = case.activity_ids.filtered(lambda a: a.summary == "Approve compensation")
        self.assertEqual(approval.user_id, self.manager)
        case.with_user(self.manager).action_approve_compensation()
        coupon = case.compensation_card_id
        self.assertEqual((coupon.program_id, coupon.partner_id, case.compensation_state), (program, guest, "done"))
        self.assertFalse(case.activity_ids.filtered(lambda a: a.summary == "Approve compensation"))
        # a request on a case cancelled as a duplicate cannot be approved
        duplicate = self.complaint(partner_id=guest.id, reservation_id=stay.id, subject="Duplicate")
        duplicate.with_user(self.frontdesk).write({"compensation_type": "credit", "compensation_amount": 900.0})
        duplicate.with_user(self.frontdesk).action_compensate()
        duplicate.with_user(self.manager).action_cancel()
        self.assertEqual(duplicate.compensation_state, "draft")
        with refused(self, UserError, "is closed"):
            duplicate.with_user(self.manager).action_approve_compensation()
        self.assertFalse(duplicate.sudo().compensation_move_id)

    def test_steps_and_deadlines_only_through_actions(self):
        case = self.complaint()
        desk = case.with_user(self.frontdesk)
        for values in ({"state": "resolved"}, {"resolution_deadline": case.resolution_deadline + timedelta(days=9)},
                       {"resolution_escalated": True}, {"name": "MY-REF"}):
            with refused(self, UserError, "set by its actions"):
                desk.write(values)
        self.assertEqual((case.state, case.resolution_escalated), ("received", False))

    def test_mail_alias_opens_a_case(self):
        domain = self.env["mail.alias.domain"].search([], limit=1) or self.env["mail.alias.domain"].create(
            {"name": "hotel.example.com"})
        self.hotel.write({"alias_name": "test-complaints", "alias_domain_id": domain.id})
        stay = self.stay(self.guest_a, self.today)
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(None, RAW_MAIL.format(
                email_from=self.guest_a.email, to=f"test-complaints@{domain.name}", subject="Cold shower all week",
                msg_id="cold-shower", body="The water was never hot. Not acceptable."))
            # the same subject again (another guest, or the same one): another case, its own reference
            self.env["mail.thread"].sudo().message_process(None, RAW_MAIL.format(
                email_from=self.guest_a.email, to=f"test-complaints@{domain.name}", subject="Cold shower all week",
                msg_id="cold-shower-2", body="Still cold."))
        cases = self.env["hotel.complaint"].search([("subject", "=", "Cold shower all week")])
        self.assertEqual(len(cases), 2)
        self.assertTrue(all(name.startswith("CMP/") for name in cases.mapped("name")))
        self.assertEqual(len(set(cases.mapped("name"))), 2)
        case = cases.filtered(lambda c: "never hot" in c.description)
        # the stay is left to the desk: a sender's address proves nothing
        self.assertEqual((case.property_id, case.source, case.partner_id, case.reservation_id),
                         (self.hotel, "email", self.guest_a, self.env["hotel.reservation"]))
        self.assertTrue(case.reply_deadline)
        self.assertTrue(stay)

    def test_recurring_cause_flagged(self):
        cases = self.env["hotel.complaint"]
        for day in (1, 8, 15):
            with self.at_local(self.today - timedelta(days=30 - day), 10):
                cases |= self.complaint(category="noise", room_id=self.r101.id, subject=f"Noise {day}")
        self.assertTrue(all(cases.mapped("is_recurring")))
        note = self.env["mail.activity"].search([("res_model", "=", "hotel.complaint"), ("res_id", "in", cases.ids),
                                                 ("summary", "=", "Recurring cause")])
        self.assertEqual(len(note), 1)
        # two cases of another category, or on another room type, are no pattern
        other = self.complaint(category="noise", room_id=self.s401.id) | self.complaint(category="fnb")
        self.assertFalse(any(other.mapped("is_recurring")))

    def test_access_by_role(self):
        case = self.complaint()
        other_desk = new_test_user(self.env, login="c_other_desk", groups="hotel_base.group_hotel_frontdesk_user",
                                   hotel_property_ids=[Command.set(self.other_hotel.ids)])
        self.assertFalse(self.env["hotel.complaint"].with_user(other_desk).search([("id", "=", case.id)]))
        for user in (self.marketer, self.housekeeping):
            with self.assertRaises(AccessError):
                case.with_user(user).read(["subject"])
        with refused(self, UserError, "Only a front-desk manager"):
            case.with_user(self.frontdesk).action_cancel()
        case.with_user(self.manager).action_cancel()
        self.assertEqual(case.state, "cancelled")
        with refused(self, AccessError, "no access"):  # a room of a property the desk does not work at
            self.complaint(room_id=self.other_room.id)
        with refused(self, ValidationError, "must belong to"):  # and not even the administrator's code
            self.env["hotel.complaint"].create({"subject": "Wrong room", "property_id": self.hotel.id,
                                                "room_id": self.other_room.id})
