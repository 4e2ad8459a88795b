"""A booking is credited by a tracked click within the window (day 30 in, day
31 out) or by the journey's coupon, never by an open; ROI and lift from the
results view match the numbers worked out by hand."""
from datetime import datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import CrmCase


@tagged("post_install", "-at_install")
class TestAttribution(CrmCase):

    def click(self, mailing, guest, when):
        trace = self.env["mailing.trace"].search([("mass_mailing_id", "=", mailing.id),
                                                  ("hotel_partner_id", "=", guest.id)])
        link = self.env["link.tracker"].search([("mass_mailing_id", "=", mailing.id)], limit=1)
        with freeze_time(when):
            click = self.env["link.tracker.click"].sudo().add_click(link.code, ip="127.0.0.1", country_code="CN",
                                                                    mailing_trace_id=trace.id)
            self.env.flush_all()
        # the click's time is when the guest clicked, not when this test's transaction began
        self.env.cr.execute("UPDATE link_tracker_click SET create_date = %s WHERE id = %s", [when, click.id])
        return trace

    def booking_at(self, guest, when, nights=2):
        """A booking made at ``when`` (each one for its own dates: the test hotel has three doubles)."""
        self._arrival = getattr(self, "_arrival", 60) + 3
        with freeze_time(when):
            res = self.book(arrival=self.today + timedelta(days=self._arrival), partner=guest, nights=nights)
            self.env.flush_all()
        self.env.cr.execute("UPDATE hotel_folio SET create_date = %s WHERE id = %s", [when, res.folio_id.id])
        res.folio_id.invalidate_recordset(["create_date"])
        return res.folio_id

    def test_click_window_edges_and_opens(self):
        sent_at = datetime(2026, 5, 4, 2, 0)
        day30, day31, opener = (self.guest_with(name) for name in ("Day Thirty", "Day Thirty One", "Only Opened"))
        with freeze_time(sent_at):
            mailing = self.send(self.campaign(day30 | day31 | opener))
        self.assertTrue(self.env["link.tracker"].search([("mass_mailing_id", "=", mailing.id)]))
        clicked = datetime(2026, 5, 5, 9, 0)
        self.click(mailing, day30, clicked)
        self.click(mailing, day31, clicked)
        self.env["mailing.trace"].search([("hotel_partner_id", "=", opener.id)]).set_opened()
        in_window = self.booking_at(day30, clicked + timedelta(days=30))
        too_late = self.booking_at(day31, clicked + timedelta(days=30, seconds=1))
        opened_only = self.booking_at(opener, clicked + timedelta(days=2))
        before_click = self.booking_at(day31, clicked - timedelta(hours=1))
        self.assertEqual(self.env["hotel.folio"]._crm_attribute(since=sent_at), 1)
        self.assertEqual((in_window.hotel_mailing_id, in_window.hotel_credit), (mailing, "click"))
        for folio in (too_late, opened_only, before_click):
            self.assertFalse(folio.hotel_mailing_id, folio.partner_id.name)
        # the credit is set once: a later run changes nothing
        self.assertEqual(self.env["hotel.folio"]._crm_attribute(since=sent_at), 0)

    def test_window_follows_the_property(self):
        self.hotel.crm_attribution_days = 7
        guest = self.guest_with("Short Window")
        sent_at = datetime(2026, 5, 4, 2, 0)
        with freeze_time(sent_at):
            mailing = self.send(self.campaign(guest))
        self.click(mailing, guest, sent_at + timedelta(hours=1))
        late = self.booking_at(guest, sent_at + timedelta(days=8))
        self.env["hotel.folio"]._crm_attribute(since=sent_at)
        self.assertFalse(late.hotel_mailing_id)

    def test_coupon_credits_its_journey(self):
        guest = self.guest_with("Coupon Guest", guest_birthdate=self.today.replace(year=1977))
        self.stay(guest, self.today - timedelta(days=30))
        self.env["hotel.guest.metric"]._recompute(self.hotel)
        journey = self.env["hotel.journey"].create({
            "name": "Birthday gift", "property_id": self.hotel.id, "trigger": "birthday", "subject": "Gift",
            "holdout_percent": 0, "coupon_program_id": self.program.hotel_birthday_program_id.id})
        mailing = self.send(journey._run())
        coupon = journey.occurrence_ids.coupon_id
        res = self.book(arrival=self.today + timedelta(days=20), partner=guest)
        res.folio_id._loyalty_apply_coupon(coupon)
        self.env["hotel.folio"]._crm_attribute()
        self.assertEqual((res.folio_id.hotel_mailing_id, res.folio_id.hotel_credit), (mailing, "coupon"))

    def test_roi_and_lift_by_hand(self):
        """4 recipients, 4 control guests, cost 100. Recipient A clicks and
        books 2 nights (1,000: credited); B books 600 without clicking
        (converted, not credited); control guest X books 500.
        ROI = (1,000 - 100) / 100 = 900 %; conversion 2/4 = 50 % against 1/4 =
        25 %: lift 25 points; incremental revenue = (1,600/4 - 500/4) x 4 = 1,100."""
        recipients = [self.guest_with(f"Recipient {c}") for c in "ABCD"]
        control = [self.guest_with(f"Control {c}") for c in "WXYZ"]
        sent_at = datetime(2026, 6, 1, 2, 0)
        mailing = self.campaign(self.env["res.partner"].browse([g.id for g in recipients]), hotel_cost=100.0)
        with freeze_time(sent_at):
            self.send(mailing)
            # the control group, as a holdout draw would have left it (the draw itself is tested apart)
            self.env["mailing.trace"].create([{
                "mass_mailing_id": mailing.id, "model": "res.partner", "res_id": g.id, "trace_type": "mail",
                "trace_status": "cancel", "failure_type": "hotel_holdout"} for g in control])
            self.env.flush_all()
            self.env.cr.execute("UPDATE mailing_trace SET create_date = %s WHERE mass_mailing_id = %s",
                                [sent_at, mailing.id])
        a, b = recipients[0], recipients[1]
        self.click(mailing, a, sent_at + timedelta(days=1))
        self.booking_at(a, sent_at + timedelta(days=2), nights=2)                      # 2 x 500
        b_res = self.booking_at(b, sent_at + timedelta(days=3), nights=1)
        b_res.reservation_ids.night_ids.write({"price": 600.0})
        self.booking_at(control[1], sent_at + timedelta(days=4), nights=1)             # 500
        self.booking_at(control[2], sent_at + timedelta(days=45), nights=1)            # outside the window
        self.env.flush_all()
        self.env["hotel.folio"]._crm_attribute(since=sent_at)
        self.env["hotel.campaign.result"].invalidate_model()
        row = self.env["hotel.campaign.result"].search([("mailing_id", "=", mailing.id)])
        self.assertRecordValues(row, [{
            "sent": 4, "control": 4, "bookings": 1, "room_nights": 2, "revenue": 1000.0, "cost": 100.0,
            "roi": 900.0, "converted": 2, "control_converted": 1, "booked_revenue": 1600.0,
            "control_booked_revenue": 500.0, "conversion_rate": 50.0, "control_conversion_rate": 25.0,
            "lift": 25.0, "incremental_revenue": 1100.0,
        }])
        totals = self.env["hotel.campaign.result"]._totals([("mailing_id", "=", mailing.id)])
        self.assertEqual((totals["roi"], totals["lift"], totals["incremental_revenue"]), (900.0, 25.0, 1100.0))
        # the marketer reads it (no folio access needed), the front desk does not
        as_marketer = self.env["hotel.campaign.result"].with_user(self.marketer).search(
            [("mailing_id", "=", mailing.id)])
        self.assertEqual(as_marketer.revenue, 1000.0)
        with self.assertRaises(AccessError):
            self.env["hotel.campaign.result"].with_user(self.frontdesk).search([]).read(["revenue"])
        with self.assertRaises(AccessError):
            self.env["hotel.folio"].with_user(self.marketer).search([], limit=1).read(["amount_room"])
