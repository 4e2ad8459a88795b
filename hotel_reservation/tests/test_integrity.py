"""Defects found in review: each test failed before its fix."""
import importlib.util
from datetime import datetime, time, timedelta
from pathlib import Path

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time
from odoo.tools import mute_logger

from odoo.addons.hotel_base.tools.rules import workflow_write

from .test_billing import BillingCase

MIGRATION = Path(__file__).resolve().parents[1] / "migrations" / "19.0.1.1.0" / "pre-migrate.py"


class TestReferences(BillingCase):

    def test_rooms_booked_together_get_distinct_references(self):
        wizard = self.env["hotel.availability.wizard"].with_user(self.frontdesk).create({
            "property_id": self.hotel.id, "arrival_date": self.day, "nights": 2, "adults": 2,
            "partner_id": self.guest.id})
        wizard.line_ids.filtered(lambda line: line.room_type_id == self.double).quantity = 2
        wizard.line_ids.filtered(lambda line: line.room_type_id == self.suite).quantity = 1
        wizard.action_book()
        folio = self.env["hotel.folio"].search([("partner_id", "=", self.guest.id)], order="id desc", limit=1)
        names = folio.reservation_ids.sorted("id").mapped("name")
        self.assertEqual(names, [f"{folio.name}/1", f"{folio.name}/2", f"{folio.name}/3"])
        # After a room leaves the booking, the next one still gets a number of its own.
        folio.reservation_ids.sorted("id")[0].action_cancel()
        folio.reservation_ids.sorted("id")[0].unlink()
        added = self.book(folio=folio, confirm=False)
        self.assertEqual(added.name, f"{folio.name}/4")

    def test_duplicate_reference_refused_by_the_database(self):
        first = self.book(confirm=False)
        second = self.book(folio=first.folio_id, confirm=False)
        # by hand (any user, sudo too): references come from the folio's sequence
        with self.assertRefused(UserError, "Reference of Hotel Reservation is set by its actions"):
            second.sudo().name = first.name
        # and should the workflow itself ever produce a duplicate, the database refuses it
        with self.assertRefused(ValidationError, "already has this reference"), workflow_write():
            second.name = first.name
            second.flush_recordset()


class TestSuperuserKeepsTheRules(BillingCase):
    """sudo means access (the portal and the API run as sudo), never "skip the rules"."""

    def test_sudo_cannot_book_a_past_arrival(self):
        folio = self.env["hotel.folio"].with_user(self.frontdesk).create({
            "partner_id": self.guest.id, "property_id": self.hotel.id})
        with self.assertRefused(UserError, "is in the past"):
            self.env["hotel.reservation"].with_user(self.frontdesk).sudo().create({
                "folio_id": folio.id, "room_type_id": self.double.id,
                "arrival_date": self.today - timedelta(days=1), "departure_date": self.today + timedelta(days=1)})

    def test_sudo_cannot_charge_a_closed_folio_but_penalties_still_land(self):
        res = self.book(arrival=self.today + timedelta(days=1))
        folio = res.folio_id
        with self.at_local(self.today, 16):
            res.action_cancel(reason="late")  # inside the window: a penalty on a now cancelled folio
        self.assertEqual(folio.state, "cancelled")
        self.assertEqual(folio.line_ids.mapped("kind"), ["penalty"])
        with self.assertRefused(UserError, "is closed: no new charges"):
            self.env["hotel.folio.line"].with_user(self.frontdesk).sudo().create({
                "folio_id": folio.id, "product_id": self.breakfast.id, "name": "Breakfast", "price_unit": 50})
        self.assertEqual(len(folio.line_ids), 1)

    def test_sudo_cannot_delete_a_room_night_charge_but_shortening_releases_it(self):
        res = self.in_house(nights=3)
        folio = res.folio_id
        folio._post_night_charges(res.night_ids)
        room_lines = folio.line_ids.filtered(lambda line: line.kind == "room")
        self.assertEqual(len(room_lines), 3)
        with self.assertRefused(UserError, "removed by changing the stay"):
            room_lines[-1].with_user(self.frontdesk).sudo().unlink()
        self.assertEqual(len(folio.line_ids), 3)
        res.departure_date = res.departure_date - timedelta(days=1)  # the internal, named path
        self.assertEqual(len(folio.line_ids.filtered(lambda line: line.kind == "room")), 2)

    def test_room_night_charge_stays_with_its_night(self):
        res = self.in_house(nights=2)
        res.folio_id._post_night_charges(res.night_ids)
        room_line = res.folio_id.line_ids[0]
        other = self.book()
        for values in ({"night_id": False}, {"kind": "extra"}, {"folio_id": other.folio_id.id}):
            with self.subTest(values=values), self.assertRefused(UserError, "follow their stay"):
                room_line.with_user(self.frontdesk).sudo().write(values)
        self.assertEqual(room_line.night_id, res.night_ids.sorted("date")[0])
        # Nor does an extra move onto a closed folio.
        extra = self.charge(res.folio_id, self.breakfast, price=20)
        other.action_cancel()
        with self.assertRefused(UserError, "is closed"):
            extra.with_user(self.frontdesk).sudo().folio_id = other.folio_id
        self.assertEqual(extra.folio_id, res.folio_id)

    def test_repricing_needs_write_access(self):
        res = self.book()
        res.night_ids[0].with_user(self.revenue).price = 420
        with workflow_write():  # set-up: as if the rate plan had priced it
            res.night_ids[0].price_manual = False
        with self.assertRefused(AccessError, "."):
            res.with_user(self.housekeeping).action_recompute_prices()
        self.assertEqual(res.night_ids.sorted("date")[0].price, 420)

    def test_sudo_cannot_reprice_a_night_silently(self):
        res = self.book()
        night = res.night_ids[0]
        with self.assertRefused(AccessError, "Only revenue managers"):
            night.with_user(self.frontdesk).sudo().price = 1
        self.assertEqual(night.price, 500)
        night.with_user(self.revenue).price = 420
        self.assertTrue(night.price_manual)
        self.assertIn("changed from 500", res.message_ids[0].body)
        # Repricing from the rate plan is not a manual price and keeps manual ones.
        res.night_ids[1].invalidate_recordset()
        res.action_recompute_prices()
        self.assertEqual(res.night_ids.sorted("date").mapped("price"), [420, 500])
        self.assertFalse(res.night_ids.sorted("date")[1].price_manual)


class TestReferenceMigration(BillingCase):

    def test_old_duplicates_are_renumbered_keeping_the_first(self):
        first = self.book(confirm=False)
        second = self.book(folio=first.folio_id, confirm=False)
        third = self.book(folio=first.folio_id, confirm=False)
        other = self.book(confirm=False)
        cr = self.env.cr
        self.env.flush_all()
        # The state a database was in before the fix: two rooms sharing "/2", no unique index.
        cr.execute("DROP INDEX hotel_reservation_name_folio_uniq")
        cr.execute("UPDATE hotel_reservation SET name = %s WHERE id = %s", [second.name, third.id])
        spec = importlib.util.spec_from_file_location("hotel_reservation_pre_migrate", MIGRATION)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(cr, "19.0.1.0.0")
        self.env.invalidate_all()
        folio = first.folio_id.name
        self.assertEqual((first | second | third).mapped("name"), [f"{folio}/1", f"{folio}/2", f"{folio}/3"])
        self.assertEqual(other.name, f"{other.folio_id.name}/1", "other folios untouched")


class TestDatabaseChecks(BillingCase):
    """Simple invariants hold in PostgreSQL too, whatever writes the row."""

    def assert_check(self, record, column, value):
        with self.subTest(table=record._table, column=column, value=value), \
                self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
            self.env.cr.execute(f'UPDATE "{record._table}" SET "{column}" = %s WHERE id = %s', [value, record.id])

    def test_checks(self):
        res = self.in_house(nights=2)
        res.folio_id._post_night_charges(res.night_ids)
        line = res.folio_id.line_ids[0]
        restriction = self.env["hotel.rate.restriction"].create({
            "property_id": self.hotel.id, "date_from": self.day, "date_to": self.day, "min_stay": 2, "max_stay": 5})
        cases = [
            (res, "departure_date", res.arrival_date), (res, "adults", 0), (res, "children", -1),
            (line, "quantity", 0), (line, "discount", 101), (line, "discount", -1), (line, "price_unit", -5),
            (restriction, "date_to", self.day - timedelta(days=1)), (restriction, "min_stay", -1),
            (restriction, "max_stay", -1), (restriction, "min_stay", 6),
            (self.policy, "free_hours", -1), (self.policy, "penalty_percent", 101),
            (self.policy, "no_show_penalty_percent", -1),
            (self.double, "max_adults", 0), (self.double, "max_children", -1), (self.double, "max_occupancy", 1),
            (self.double, "max_occupancy", 9),
            (self.hotel, "checkin_time", 24), (self.hotel, "checkout_time", -1), (self.hotel, "no_show_hour", 25),
            (res.night_ids[0], "room_id", None), (res.night_ids[0], "price", -1),
        ]
        for record, column, value in cases:
            self.assert_check(record, column, value)

    def test_room_numbers_unique_per_property_ignoring_case(self):
        room = self.env["hotel.room"].create({"name": "A12", "room_type_id": self.double.id})
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
            self.env.cr.execute("UPDATE hotel_room SET name = 'a12' WHERE id = %s", [self.r101.id])
        with self.assertRefused(ValidationError, "already exists"):
            self.env["hotel.room"].create({"name": "a12", "room_type_id": self.suite.id})
        self.assertTrue(room.exists())


class TestOneToday(BillingCase):
    """A business date is the property's local date, whatever the user's timezone or UTC says."""

    def test_defaults_follow_the_property_date(self):
        # 23:30 UTC on 10 March = 07:30 on 11 March in Shanghai; the staff's browsers say UTC.
        self.frontdesk.tz = self.manager.tz = "UTC"
        local_day = datetime(2026, 3, 11).date()
        with freeze_time("2026-03-10 23:30:00"):
            self.assertEqual(self.hotel._local_today(), local_day)
            wizard = self.env["hotel.availability.wizard"].with_user(self.frontdesk).create({
                "property_id": self.hotel.id})
            self.assertEqual(wizard.arrival_date, local_day)
            audit = self.env["hotel.night.audit"].with_user(self.manager).new({"property_id": self.hotel.id})
            self.assertEqual(audit.date, local_day - timedelta(days=1))
            res = self.in_house(nights=2)
            line = self.env["hotel.folio.line"].with_user(self.frontdesk).create({
                "folio_id": res.folio_id.id, "product_id": self.breakfast.id, "name": "Breakfast", "price_unit": 30})
            self.assertEqual(line.date, local_day)
            wizard = self.env["hotel.folio.charge"].with_user(self.frontdesk).create({
                "folio_id": res.folio_id.id, "product_id": self.breakfast.id})
            self.assertEqual(wizard.date, local_day)
            # Last night of a stay was the 10th: for the hotel that is over, the room may leave inventory.
            past = self.book(arrival=local_day - timedelta(days=2), nights=2, room_type=self.suite)
            self.assertEqual(past.room_id, self.s401)
            self.s401.with_user(self.manager).action_archive()
            self.assertFalse(self.s401.active)
            with self.assertRefused(UserError, "move the booking"):
                res.room_id.with_user(self.manager).action_archive()
            # The desk's "Arrivals Today" / "Departures Today" filters use the property's date too.
            arriving = self.book(arrival=local_day, nights=1)
            Res = self.env["hotel.reservation"].with_user(self.frontdesk)
            self.assertEqual(Res.search([("arrives_today", "=", True)]), arriving)
            self.assertEqual(Res.search([("departs_today", "=", True)]), past, "left this (local) morning")
            self.assertIn(res, Res.search([("arrives_today", "=", False)]))
            self.assertNotIn(arriving, Res.search([("arrives_later", "=", True)]))
            self.assertEqual(Res.search([("arrives_today", "in", [True, False]), ("id", "in", (res | arriving).ids)]),
                             res | arriving)
            tonight = self.env["hotel.reservation.night"].with_user(self.frontdesk).search([("is_tonight", "=", True)])
            self.assertEqual(set(tonight.mapped("date")), {local_day})


class TestNoShowRule(BillingCase):
    """The night audit and the no-show job apply the same cut-off."""

    def test_audit_waits_for_the_cut_off_and_the_job_agrees(self):
        self.hotel.no_show_hour = 6.0
        late = self.book(arrival=self.today, nights=2)
        audit = self.env["hotel.night.audit"].create({"property_id": self.hotel.id, "date": self.today})
        tomorrow = self.today + timedelta(days=1)
        with self.at_local(tomorrow, 5):  # 05:00: the guest may still come
            self.run_cron("hotel_reservation.ir_cron_mark_no_shows")
            self.assertEqual(late.state, "confirmed")
            audit.action_run()
            self.assertEqual(audit.state, "failed")
            self.assertIn("06:00", audit.error)
            self.assertEqual(late.state, "confirmed", "the audit did not anticipate the rule")
        with self.at_local(tomorrow, 6, 30):
            audit.action_run()
            self.assertEqual(audit.state, "done")
            self.assertEqual(late.state, "no_show")
            self.assertEqual(audit.no_shows, 1)


class TestAuditJob(BillingCase):

    def test_job_audits_each_property_apart_retries_then_asks_a_manager(self):
        other_company = self.env["res.company"].create({"name": "Test Other Company"})
        self.other_hotel.tz = "Asia/Shanghai"
        # The other hotel's room product belongs to another company: its audit cannot charge the night.
        stay_ok = self.in_house(nights=2)
        stay_bad = self.env["hotel.reservation"].create({
            "partner_id": self.guest.id, "room_type_id": self.other_type.id,
            "arrival_date": self.today - timedelta(days=1), "departure_date": self.today + timedelta(days=1)})
        stay_bad.action_confirm()
        stay_bad.action_check_in()
        self.other_type.product_id.company_id = other_company
        other_manager = self.env["res.users"].create({
            "name": "Other Manager", "login": "r_other_manager",
            "group_ids": [Command.set([self.env.ref("hotel_base.group_hotel_frontdesk_manager").id])],
            "hotel_property_ids": [Command.set(self.other_hotel.ids)]})
        self.other_hotel.user_ids = [Command.link(other_manager.id)]
        Audit = self.env["hotel.night.audit"]
        yesterday = self.today - timedelta(days=1)
        self.run_cron("hotel_reservation.ir_cron_night_audit")
        good = Audit.search([("property_id", "=", self.hotel.id), ("date", "=", yesterday)])
        bad = Audit.search([("property_id", "=", self.other_hotel.id), ("date", "=", yesterday)])
        self.assertEqual(good.state, "done")
        self.assertEqual(len(stay_ok.folio_id.line_ids), 1, "the good property's night is charged")
        self.assertEqual((bad.state, bad.attempts), ("failed", 1))
        self.assertTrue(bad.error)
        self.assertFalse(bad.activity_ids)
        self.run_cron("hotel_reservation.ir_cron_night_audit")
        self.run_cron("hotel_reservation.ir_cron_night_audit")
        self.assertEqual(bad.attempts, 3)
        self.assertEqual(bad.activity_ids.user_id, other_manager, "the property's manager is asked")
        self.run_cron("hotel_reservation.ir_cron_night_audit")
        self.assertEqual(bad.attempts, 3, "no more unattended retries")
        self.assertEqual(len(bad.activity_ids), 1)


class TestRatePlanRules(BillingCase):

    def test_only_the_plans_overlapping_dated_rules_are_read(self):
        Item = self.env["product.pricelist.item"]
        other = self.env["product.pricelist"].create({"name": "Test Other Plan"})
        base = self.env["product.pricelist"].create({"name": "Test Base Plan"})
        self.pricelist.item_ids = [Command.create({
            "compute_price": "formula", "base": "pricelist", "base_pricelist_id": base.id})]
        at = lambda day: datetime.combine(day, time(0, 0))  # noqa: E731
        inside = Item.create({"pricelist_id": self.pricelist.id, "date_start": at(self.day),
                              "date_end": at(self.day + timedelta(days=3)), "fixed_price": 600,
                              "applied_on": "0_product_variant", "product_id": self.double.product_id.id})
        in_base = Item.create({"pricelist_id": base.id, "date_start": at(self.day), "fixed_price": 550})
        Item.create({"pricelist_id": self.pricelist.id, "date_end": at(self.day - timedelta(days=10)),
                     "fixed_price": 1})  # over before the stay
        Item.create({"pricelist_id": other.id, "date_start": at(self.day), "fixed_price": 2})  # another plan
        domain = self.double._dated_rule_domain(self.pricelist, at(self.day), at(self.day + timedelta(days=2)))
        self.assertEqual(Item.search(domain), inside | in_base)
        # The night before and 5 days in differ only by the base plan's rule: priced apart.
        before, later = self.day - timedelta(days=1), self.day + timedelta(days=5)
        prices = self.double._night_prices(self.pricelist, [before, self.day, later])
        self.assertEqual((prices[before], prices[self.day], prices[later]), (500, 600, 550))
