"""Inspection checklists, lost and found, the housekeeping figures (issue #12)."""
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT

from .test_housekeeping import HousekeepingCase


@freeze_time(PINNED_MOMENT)
class TestInspectionChecklist(HousekeepingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Item = cls.env["hotel.housekeeping.checklist.item"]
        cls.bed = Item.create({"name": "Bed linen fresh", "property_id": cls.hotel.id, "sequence": 1,
                               "auto_fail": True})
        cls.towels = Item.create({"name": "Towels restocked", "property_id": cls.hotel.id, "sequence": 2})
        cls.minibar = Item.create({"name": "Minibar refilled", "property_id": cls.hotel.id, "sequence": 3,
                                   "task_type": "departure"})
        Item.create({"name": "Elsewhere", "property_id": cls.other_hotel.id})

    def finished(self, room, task_type="departure"):
        task = self.Task.create({"room_id": room.id, "date": self.today, "task_type": task_type,
                                 "user_id": self.attendant.id})
        task.with_user(self.attendant).action_start()
        task.with_user(self.attendant).action_done()
        return task

    def test_the_checklist_of_the_task_type_is_copied_when_the_task_is_done(self):
        departure = self.finished(self.r101)
        self.assertEqual(departure.inspection_line_ids.mapped("name"),
                         ["Bed linen fresh", "Towels restocked", "Minibar refilled"])
        self.assertEqual(departure.inspection_line_ids.mapped("auto_fail"), [True, False, False])
        stayover = self.finished(self.r201, "stayover")
        self.assertEqual(stayover.inspection_line_ids.mapped("name"), ["Bed linen fresh", "Towels restocked"])
        # a later change of the checklist leaves past inspections as they were
        self.towels.name = "Towels folded"
        self.assertEqual(departure.inspection_line_ids[1].name, "Towels restocked")
        # without inspections, no checklist
        self.hotel.hk_use_inspection = False
        self.assertFalse(self.finished(self.r301, "touchup").inspection_line_ids)

    def test_a_minor_point_passes_an_auto_fail_point_fails(self):
        task = self.finished(self.r101)
        towels = task.inspection_line_ids.filtered(lambda line: line.name == "Towels restocked")
        towels.with_user(self.supervisor).failed = True
        task.with_user(self.supervisor).action_inspect_pass()
        self.assertEqual((task.state, self.r101.hk_state), ("inspected", "inspected"))
        with self.assertRefused(UserError, "Checklist points are ticked while the task waits"):
            towels.with_user(self.supervisor).failed = False

        task = self.finished(self.r201)
        lines = task.inspection_line_ids.with_user(self.supervisor)
        with self.assertRefused(AccessError, "not allowed to modify"):
            task.inspection_line_ids.with_user(self.attendant).write({"failed": True})
        with self.assertRefused(UserError, "Point"):
            lines[0].write({"name": "Nothing to see"})
        lines.filtered("auto_fail").failed = True
        lines.filtered(lambda line: line.name == "Minibar refilled").failed = True
        with self.assertRefused(UserError, "cannot pass: Bed linen fresh failed"):
            task.with_user(self.supervisor).action_inspect_pass()
        self.assertEqual(task.state, "done")
        task.with_user(self.supervisor).action_inspect_fail()
        self.assertEqual((task.state, self.r201.hk_state), ("failed", "dirty"))
        self.assertEqual(task.inspection_note, "Bed linen fresh; Minibar refilled")
        reclean = self.tasks(self.r201, task_type="reclean")
        self.assertEqual(reclean.user_id, self.attendant)
        self.assertIn("Bed linen fresh; Minibar refilled", reclean.note)

    def test_pass_rate_is_passed_over_inspected(self):
        for room in (self.r101, self.r201, self.r301):
            self.finished(room)
        tasks = self.tasks(date=self.today)
        tasks[0].with_user(self.supervisor).action_inspect_pass()
        tasks[1].with_user(self.supervisor).action_inspect_fail(note="Dusty")
        # the third waits for inspection and the re-clean is open: neither counts
        groups = self.Task._read_group([("property_id", "=", self.hotel.id)], ["user_id"],
                                       ["inspection_pass_rate:avg", "inspection_count:sum", "__count"])
        self.assertEqual(groups, [(self.attendant, 50.0, 2, 4)])


@freeze_time(PINNED_MOMENT)
class TestLostAndFound(HousekeepingCase):

    def test_found_in_a_room_kept_then_returned(self):
        res = self.in_house(self.r101, arrival_offset=-1, nights=3)
        task = self.Task.create({"room_id": self.r101.id, "date": self.today, "task_type": "stayover",
                                 "user_id": self.attendant.id})
        action = task.with_user(self.attendant).action_found_item()
        Item = self.env["hotel.lost.item"].with_user(self.attendant).with_context(**action["context"])
        item = Item.create({"name": "Reading glasses", "storage_location": "HK office"})
        self.assertRegex(item.reference, r"^LF26-\d{4}$")
        self.assertEqual((item.property_id, item.reservation_id, item.partner_id, item.task_id),
                         (self.hotel, res, self.guest, task))
        self.assertEqual(item.keep_until, self.today + timedelta(days=90))
        with self.assertRefused(UserError, "Write who collects"):
            item.action_return()
        with self.assertRefused(UserError, "must be kept until"):
            item.action_dispose()
        with self.assertRefused(UserError, "Status"):
            item.write({"state": "claimed"})
        mail = item.with_user(self.frontdesk).action_notify_owner()
        self.assertEqual(mail["context"]["default_partner_ids"], self.guest.ids)
        item.with_user(self.frontdesk).write({"claimed_by": "Test Guest Wu"})
        item.with_user(self.frontdesk).action_return()
        self.assertEqual(item.state, "claimed")
        self.assertTrue(item.claimed_at)
        with self.assertRefused(UserError, "already left storage"):
            item.action_return()
        with self.assertRefused(UserError, "kept as a record"):
            item.with_user(self.supervisor).unlink()

    def test_retention_reminder_and_disposal(self):
        found = self.env["hotel.lost.item"].create({
            "name": "Passport holder", "category": "documents", "property_id": self.hotel.id, "location": "Lobby",
            "storage_location": "Safe", "found_at": "2026-03-01 04:00:00"})
        other = self.env["hotel.lost.item"].create({
            "name": "Cap", "property_id": self.hotel.id, "storage_location": "Shelf",
            "found_at": "2026-03-01 04:00:00"})
        self.assertEqual(found.keep_until, self.d(2026, 3, 1) + timedelta(days=180))
        self.assertEqual(other.keep_until, self.d(2026, 3, 1) + timedelta(days=90))
        with self.at_local(self.d(2026, 6, 1), 9):
            self.Task._generate_for_property(self.hotel)
            self.assertTrue(other.reminded)
            self.assertFalse(found.reminded, "documents are kept longer")
            self.assertEqual(other.activity_ids.user_id, self.supervisor)
            self.Task._generate_for_property(self.hotel)
            self.assertEqual(len(other.activity_ids), 1, "reminded once")
            other.with_user(self.supervisor).write({"disposal_note": "Donated"})
            other.with_user(self.supervisor).action_dispose()
            self.assertEqual(other.state, "disposed")
            with self.assertRefused(UserError, "must be kept until 2026-08-28"):
                found.with_user(self.supervisor).action_dispose()

    def test_bad_input_and_isolation(self):
        Item = self.env["hotel.lost.item"].with_user(self.attendant)
        with self.assertRefused(ValidationError, "not a valid date"):
            Item.create({"name": "Ring", "room_id": self.r101.id, "storage_location": "Safe",
                         "found_at": "yesterday"})
        with self.assertRefused(AccessError, "Room: you have no access to this record"):
            Item.create({"name": "Ring", "room_id": self.other_room.id, "storage_location": "Safe"})
        theirs = self.env["hotel.lost.item"].create({"name": "Other's", "room_id": self.other_room.id,
                                                     "storage_location": "Safe"})
        self.assertEqual(theirs.property_id, self.other_hotel)
        for user in (self.attendant, self.supervisor, self.frontdesk):
            self.assertFalse(self.env["hotel.lost.item"].with_user(user).search([("id", "=", theirs.id)]))
        with self.assertRefused(ValidationError, "kept 1 to 3,650 days"):
            self.hotel.hk_lost_found_days = 0


@freeze_time(PINNED_MOMENT)
class TestHousekeepingFigures(HousekeepingCase):

    def test_sla_compliance_is_done_in_time_over_done(self):
        Request = self.env["hotel.service.request"].with_user(self.frontdesk)
        kind = self.env.ref("hotel_housekeeping.request_type_amenities")
        quick, late, still_open = (Request.create({"name": name, "room_id": self.r101.id, "type_id": kind.id})
                                   for name in ("Pillow", "Kettle", "Towels"))
        quick.action_acknowledge()
        quick.action_done()
        with freeze_time("2026-03-11 05:00:00"):  # three hours later
            late.action_acknowledge()
            late.action_done()
        self.assertEqual((quick.within_sla, late.within_sla, still_open.state), (True, False, "new"))
        groups = self.env["hotel.service.request"]._read_group(
            [("id", "in", (quick | late | still_open).ids)], ["type_id"], ["sla_rate:avg", "sla_count:sum"])
        self.assertEqual(groups, [(kind, 50.0, 2)])

    def test_board_opens_the_unassigned_column(self):
        self.Task.create([{"room_id": room.id, "date": self.today, "task_type": "departure",
                           "user_id": user.id if user else False}
                          for room, user in ((self.r101, self.attendant), (self.r201, None))])
        spec = {"room_id": {"fields": {"display_name": {}}}, "state": {}}
        result = self.Task.with_user(self.supervisor).web_read_group(
            [("date", "=", self.today)], ["user_id"], ["__count"], auto_unfold=True,
            unfold_read_specification=spec, opening_info=[])  # as the web client's first load
        unassigned = next(g for g in result["groups"] if not g["user_id"])
        self.assertEqual([r["room_id"]["display_name"] for r in unassigned["__records"]], ["201"])
        # folded by the supervisor, it stays folded on reload
        result = self.Task.with_user(self.supervisor).web_read_group(
            [("date", "=", self.today)], ["user_id"], ["__count"], auto_unfold=True,
            unfold_read_specification=spec, opening_info=[{"value": False, "folded": True}])
        unassigned = next(g for g in result["groups"] if not g["user_id"])
        self.assertNotIn("__records", unassigned)


@freeze_time(PINNED_MOMENT)
class TestLostItemOwner(HousekeepingCase):

    def test_the_guest_who_left_is_proposed_not_the_next_one(self):
        left = self.in_house(self.r201, arrival_offset=-2, nights=2)  # due out today
        left.folio_id._post_night_charges(left.night_ids)
        left.folio_id._register_payment(left.folio_id.amount_due, self.env["account.journal"].search(
            [("type", "in", ("bank", "cash")), ("company_id", "=", self.env.company.id)], limit=1))
        left.action_check_out()
        other = self.env["res.partner"].create({"name": "Next Guest Tan"})
        self.book(arrival=self.today, nights=2, room_id=self.r201.id, partner=other).action_check_in()
        Item = self.env["hotel.lost.item"].with_user(self.attendant)
        found = Item.create({"name": "Charger", "room_id": self.r201.id, "storage_location": "HK office"})
        self.assertEqual((found.reservation_id, found.partner_id), (left, self.guest))
        # found during a task: that task's stay
        task = self.Task.search([("room_id", "=", self.r201.id), ("task_type", "=", "departure")], limit=1)
        self.assertEqual(task.reservation_id, left)
        during = Item.create({"name": "Scarf", "room_id": self.r201.id, "task_id": task.id,
                              "storage_location": "HK office"})
        self.assertEqual(during.reservation_id, left)
