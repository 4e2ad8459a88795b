"""Out of order / out of service: the ledger, availability, figures, the
maintenance loop, roles (issue #12)."""
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT

from .test_housekeeping import HousekeepingCase


@freeze_time(PINNED_MOMENT)
class TestRoomBlock(HousekeepingCase):

    def block(self, room=None, start=0, nights=3, user=None, **values):
        Block = self.env["hotel.room.block"].with_user(user or self.supervisor)
        return Block.create(dict({
            "room_id": (room or self.r101).id, "reason": "Leaking pipe",
            "date_from": self.today + timedelta(days=start),
            "date_to": self.today + timedelta(days=start + nights - 1),
        }, **values))

    def test_out_of_order_takes_the_room_out_of_inventory(self):
        before = self.free(self.double, self.today, 4)
        block = self.block(nights=3)
        self.assertEqual(block.night_ids.mapped("date"),
                         [self.today + timedelta(days=i) for i in range(3)])
        self.assertTrue(all(block.night_ids.mapped("active")))
        self.assertEqual(block.night_ids.property_id, self.hotel)
        with self.assertRefused(UserError, "An out-of-order night has no price"):
            block.night_ids[:1].with_user(self.revenue).write({"price": 100})
        self.assertEqual(self.free(self.double, self.today, 4), [n - 1 for n in before[:3]] + before[3:])
        free = self.env["hotel.reservation"]._find_free_rooms(self.double, self.today, self.today + timedelta(days=1))
        self.assertNotIn(self.r101, free)
        self.assertEqual(self.r101.hk_block_kind, "out_of_order")
        self.assertFalse(self.r101.hk_ready)
        self.assertIn(self.r101, self.env["hotel.room"].search([("hk_block_kind", "=", "out_of_order")]))
        # a booking of the blocked room-night is refused, with what holds it
        with self.assertRefused(UserError, r"Room 101 is already booked on .*Out of Order: Leaking pipe"):
            self.book(arrival=self.today + timedelta(days=1), nights=2, room_id=self.r101.id)
        # the night after the block is free again
        res = self.book(arrival=self.today + timedelta(days=3), nights=1, room_id=self.r101.id)
        self.assertEqual(res.state, "confirmed")

    def test_a_held_room_is_refused_with_the_bookings(self):
        res = self.book(arrival=self.today + timedelta(days=1), nights=2, room_id=self.r201.id)
        other = self.book(arrival=self.today + timedelta(days=5), nights=1, room_id=self.r201.id)
        Night = self.env["hotel.reservation.night"]
        count = Night.with_context(active_test=False).search_count([])
        with self.assertRefused(UserError, f"Room 201 cannot be taken out of order .* held by .*{res.name}.*, "
                                           f".*{other.name}.*. Move these bookings"):
            self.block(room=self.r201, nights=7)
        self.assertEqual(Night.with_context(active_test=False).search_count([]), count, "nothing written")
        self.assertFalse(self.env["hotel.room.block"].search([("room_id", "=", self.r201.id)]))
        # out of service keeps the room sellable: no ledger row, bookings unaffected
        oos = self.block(room=self.r201, nights=7, kind="out_of_service", reason="Scratched desk")
        self.assertFalse(oos.night_ids)
        self.assertEqual(self.r201.hk_block_kind, "out_of_service")
        self.assertEqual(self.free(self.double, self.today + timedelta(days=3)), [3])
        # ... but not on a room with a guest in house
        res.action_cancel()
        guest = self.in_house(self.r301, arrival_offset=0, nights=2)
        with self.assertRefused(UserError, f"Room 301 is held by {guest.name}.* today"):
            self.block(room=self.r301, nights=2, kind="out_of_service", reason="Lamp flickers")

    def test_bad_blocks(self):
        with self.assertRefused(UserError, "A block cannot start in the past"):
            self.block(start=-1)
        with self.assertRefused(ValidationError, "cannot be before its first night"):
            self.block(start=2, nights=-1)
        block = self.block(start=0, nights=2)
        with self.assertRefused(ValidationError, "not a valid date"):
            block.write({"date_to": "2026-02-30"})
        with self.assertRefused(AccessError, "not allowed to modify"):
            block.with_user(self.attendant).write({"reason": "x"})
        with self.assertRefused(AccessError, "not allowed to create"):
            self.block(user=self.attendant)
        with self.assertRefused(AccessError, "Only housekeeping supervisors"):
            block.with_user(self.frontdesk).action_return_to_service()
        with self.assertRefused(UserError, "Status"):
            block.with_user(self.supervisor).write({"state": "done"})
        self.assertEqual(block.state, "open")

    def test_change_return_and_end(self):
        block = self.block(start=0, nights=2, return_state="inspected")
        block.write({"date_to": self.today + timedelta(days=4)})
        self.assertEqual(len(block.night_ids), 5)
        block.write({"date_to": self.today + timedelta(days=1)})
        self.assertEqual(len(block.night_ids), 2)
        # a day later the first night is history: the room and first night cannot change any more
        with self.at_local(self.today + timedelta(days=1), 9):
            with self.assertRefused(UserError, "has started: only its last night can change"):
                block.write({"room_id": self.r201.id})
            with self.assertRefused(UserError, "cannot be before today"):
                block.write({"date_to": self.today})
            self.r101._hk_set_state("dirty")
            block.action_return_to_service()
            self.assertEqual(block.state, "done")
            self.assertEqual(block.night_ids.mapped("date"), [self.today], "the night spent stays as history")
            self.assertEqual(self.r101.hk_state, "inspected", "the return status")
            self.assertEqual(self.r101.hk_status_log_ids[:1].reason, f"Back in service: {block.display_name}")
            with self.assertRefused(UserError, "is history"):
                block.unlink()
        # a block that has not started is cancelled, freeing all its nights
        later = self.block(room=self.r201, start=10, nights=2)
        later.action_cancel()
        self.assertEqual((later.state, later.night_ids), ("cancelled", self.env["hotel.reservation.night"]))

    def test_the_daily_job_ends_blocks_and_figures_count_them(self):
        block = self.block(start=0, nights=1, return_state="dirty")
        self.book(arrival=self.today, nights=1, room_id=self.r201.id).action_check_in()
        report = self.env["hotel.occupancy.report"]
        self.env.flush_all()
        row = report.search([("property_id", "=", self.hotel.id), ("room_type_id", "=", self.double.id),
                             ("date", "=", self.today)])
        self.assertEqual((row.rooms_available, row.rooms_out_of_order, row.rooms_sold), (2, 1, 1))
        self.assertAlmostEqual(row.occupancy, 50.0)
        with self.at_local(self.today + timedelta(days=1), 9):
            audit = self.env["hotel.night.audit"].create({"property_id": self.hotel.id, "date": self.today})
            audit.action_run()
            # 4 rooms at the property, one out of order that night
            self.assertEqual((audit.rooms_available, audit.rooms_out_of_order, audit.rooms_sold), (3, 1, 1))
            self.Task._generate_for_property(self.hotel)
            self.assertEqual(block.state, "done")
            self.assertEqual(self.r101.hk_state, "dirty")
            self.assertEqual(block.night_ids.mapped("date"), [self.today])

    def test_damage_report_and_maintenance_close_the_loop(self):
        task = self.Task.create({"room_id": self.r301.id, "date": self.today, "task_type": "touchup",
                                 "user_id": self.attendant.id})
        action = task.with_user(self.attendant).action_report_damage()
        Request = self.env["hotel.service.request"].with_user(self.attendant).with_context(**action["context"])
        request = Request.create({"name": "Broken window", "block_until": self.today + timedelta(days=2)})
        block = request.block_id
        self.assertEqual((block.room_id, block.kind, block.date_from, block.date_to, block.reason),
                         (self.r301, "out_of_order", self.today, self.today + timedelta(days=2), "Broken window"))
        repair = request.maintenance_request_id
        self.assertEqual((repair.hotel_room_id, block.maintenance_request_id), (self.r301, repair))
        # the technician closes the repair: the room is back in service tonight
        technician = self.env["res.users"].create({
            "name": "Tech Ma", "login": "tech_ma",
            "group_ids": [(6, 0, [self.env.ref("maintenance.group_equipment_manager").id,
                                  self.env.ref("base.group_user").id])]})
        done_stage = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        repair.with_user(technician).write({"stage_id": done_stage.id})
        self.assertEqual(block.state, "done")
        self.assertFalse(block.night_ids.filtered(lambda n: n.date >= self.today))
        self.assertEqual(self.free(self.double, self.today)[0], 3)
        # a repair can also open a block from the maintenance request
        action = repair.action_hotel_room_block()
        self.assertEqual(action["context"]["default_room_id"], self.r301.id)

    def test_isolation_of_blocks(self):
        other = self.env["hotel.room.block"].create({
            "room_id": self.other_room.id, "reason": "Other hotel", "date_from": self.other_hotel._local_today(),
            "date_to": self.other_hotel._local_today()})
        Block = self.env["hotel.room.block"]
        for user in (self.supervisor, self.attendant, self.frontdesk):
            self.assertFalse(Block.with_user(user).search([("id", "=", other.id)]))
        with self.assertRefused(AccessError, "Room: you have no access to this record"):
            self.block(room=self.other_room)

    def test_the_rack_shows_cleanliness_and_blocks(self):
        self.block(nights=2)
        self.r201._hk_set_state("dirty")
        data = self.hotel.with_user(self.frontdesk).get_room_rack(False, 7)
        rooms = {room["name"]: room for group in data["groups"] for room in group["rooms"]}
        self.assertEqual([b["label"] for b in rooms["101"]["badges"]], ["Clean", "Out of Order"])
        self.assertEqual([b["kind"] for b in rooms["201"]["badges"]], ["hk_dirty"])
        self.assertEqual([(b["room_id"], b["start"], b["stop"]) for b in data["blocks"]],
                         [(self.r101.id, str(self.today), str(self.today + timedelta(days=2)))])
        self.assertEqual(data["groups"][0]["free"][1:3], [2, 2], "the blocked room is not free")
