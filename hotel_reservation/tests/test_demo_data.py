"""The demo hotel loaded with --with-demo looks alive and is consistent."""
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import TransactionCase, freeze_time, tagged

from odoo.addons.hotel_reservation.demo.hotel_stay_history_demo import DEMO_DATE_PARAM, GO_LIVE_DAYS


@tagged("post_install", "-at_install")
class TestDemoHotel(TransactionCase):
    clock_pinned = True  # setUpClass freezes the clock on the day the demo was generated for

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.city = cls.env.ref("hotel_base.property_city_hotel")
        cls.homestay = cls.env.ref("hotel_base.property_homestay")
        # The demo is generated relative to the day of installation: the tests run on that business
        # day (noon at the hotel), whatever the day and hour they actually run.
        anchor = cls.env["ir.config_parameter"].sudo().get_param(DEMO_DATE_PARAM)
        cls.today = fields.Date.to_date(anchor) if anchor else cls.city._local_today()
        cls.startClassPatcher(freeze_time(cls.city._to_utc(datetime.combine(cls.today, time(12, 0)))))
        cls.Res = cls.env["hotel.reservation"]

    def test_history_today_and_future(self):
        # bookings reach ~3 months ahead; six rooms fill more thinly far out than thirty (on some
        # generation dates the homestay's farthest arrival is 78 days ahead)
        for prop, ahead in ((self.city, 80), (self.homestay, 60)):
            stays = self.Res.search([("property_id", "=", prop.id)])
            self.assertLessEqual(min(stays.mapped("arrival_date")), self.today - timedelta(days=540), prop.name)
            self.assertGreaterEqual(max(stays.mapped("arrival_date")), self.today + timedelta(days=ahead), prop.name)
        in_house = self.Res.search([("state", "=", "checked_in")])
        self.assertGreater(len(in_house.filtered(lambda r: r.property_id == self.city)), 5)
        self.assertFalse(self.Res.search([("state", "=", "confirmed"), ("arrival_date", "<", self.today)]),
                         "no confirmed booking is left in the past (it would be a no-show)")
        self.assertFalse(self.Res.search([("state", "in", ("checked_in", "no_show")),
                                          ("arrival_date", ">", self.today)]))
        self.assertFalse(self.Res.search([("state", "=", "checked_out"), ("departure_date", ">", self.today)]))
        counts = dict(self.Res._read_group([("property_id", "=", self.city.id)], ["state"], ["__count"]))
        self.assertGreater(counts["cancelled"], 100)
        self.assertGreater(counts["no_show"], 20)

    def test_occupancy_is_plausible_and_audited_every_day(self):
        yesterday = self.today - timedelta(days=1)
        audits = self.env["hotel.night.audit"].search([("property_id", "=", self.city.id),
                                                       ("date", ">=", self.today - timedelta(days=365))])
        self.assertEqual(len(audits), 365, "one audit per past day")
        self.assertEqual(set(audits.mapped("state")), {"done"})
        self.assertEqual(max(audits.mapped("date")), yesterday)
        average = sum(audits.mapped("occupancy")) / len(audits)
        self.assertTrue(55 < average < 90, f"average occupancy {average:.1f} %")
        self.assertGreater(max(audits.mapped("occupancy")) - min(audits.mapped("occupancy")), 25,
                           "demand varies with seasons and weekdays")
        # Figures against a hand count over the ledger on a few dates.
        for audit in audits.sorted("date")[::120]:
            nights = self.env["hotel.reservation.night"].search([
                ("property_id", "=", self.city.id), ("date", "=", audit.date), ("active", "=", True),
                ("reservation_id.state", "in", ("checked_in", "checked_out"))])
            self.assertEqual(audit.rooms_sold, len(nights), audit.date)
            self.assertAlmostEqual(audit.room_revenue, sum(nights.mapped("price")), places=2)
            self.assertAlmostEqual(audit.occupancy, 100.0 * len(nights) / audit.rooms_available, places=2)

    def test_guests_channels_and_repeat_stays(self):
        guests = self.env["res.partner"].search([("is_hotel_guest", "=", True)])
        self.assertGreater(len(guests), 300)
        self.assertGreater(len(guests.hotel_preference_ids), 50)
        stays_per_guest = self.Res._read_group([], ["partner_id"], ["__count"])
        self.assertGreater(len([1 for _p, count in stays_per_guest if count >= 3]), 30, "repeat guests")
        channels = set(self.env["hotel.folio"].search([]).source_id.mapped(lambda s: s.get_external_id()[s.id]))
        for xmlid in ("direct", "phone", "walk_in", "ctrip", "meituan", "booking", "airbnb"):
            self.assertIn(f"hotel_reservation.utm_source_{xmlid}", channels)

    def test_money_since_go_live(self):
        go_live = self.today - timedelta(days=GO_LIVE_DAYS)
        done = self.env["hotel.folio"].search([("state", "=", "done"), ("departure_date", ">=", go_live)])
        self.assertGreater(len(done), 30)
        for folio in done:
            self.assertTrue(folio.line_ids.filtered(lambda line: line.kind == "room"), folio.name)
            self.assertEqual(folio.amount_due, 0.0, folio.name)
            self.assertAlmostEqual(folio.amount_invoiced, folio.amount_total, places=2)
            self.assertEqual(set(folio.invoice_ids.mapped("payment_state")) - {"paid", "in_payment"}, set(),
                             folio.name)
        self.assertTrue(done.line_ids.filtered(lambda line: line.kind == "extra"), "extras were posted")
        # In-house guests have their past nights charged and a deposit.
        in_house = self.env["hotel.folio"].search([("state", "=", "in_house"), ("property_id", "=", self.city.id)])
        self.assertTrue(in_house.payment_ids)
        for folio in in_house:
            charged = folio.line_ids.filtered(lambda line: line.kind == "room").mapped("date")
            self.assertTrue(all(day < self.today for day in charged), folio.name)
        upcoming = self.env["hotel.folio"].search([("state", "=", "confirmed"), ("payment_ids", "!=", False)])
        self.assertTrue(upcoming, "deposits on future bookings")
        # The booking sequence continues after the generated references.
        folio = self.env["hotel.folio"].create({"partner_id": done[0].partner_id.id, "property_id": self.city.id})
        self.assertEqual(self.env["hotel.folio"].search_count([("name", "=", folio.name)]), 1)
