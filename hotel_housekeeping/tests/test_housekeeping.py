"""Room status, tasks from the front office and the daily job, the attendant's
and the supervisor's work, roles (issue #12)."""
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user
from odoo.tools import mute_logger

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT
from odoo.addons.hotel_reservation.tests.common import HotelReservationCase


@freeze_time(PINNED_MOMENT)
class HousekeepingCase(HotelReservationCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, *groups):
            return new_test_user(cls.env, login=login, groups=",".join(["base.group_user", *groups]),
                                 hotel_property_ids=[Command.set(cls.hotel.ids)])
        cls.attendant = user("hk_attendant", "hotel_base.group_hotel_housekeeping")
        cls.attendant2 = user("hk_attendant2", "hotel_base.group_hotel_housekeeping")
        cls.supervisor = user("hk_supervisor", "hotel_housekeeping.group_hotel_housekeeping_supervisor")
        cls.hotel.hk_use_inspection = True
        cls.Task = cls.env["hotel.housekeeping.task"]

    def tasks(self, room=None, **domain):
        clauses = [(k, "=", v) for k, v in domain.items()]
        if room:
            clauses.append(("room_id", "=", room.id))
        return self.Task.search(clauses)

    def in_house(self, room, arrival_offset=-1, nights=3):
        res = self.book(arrival=self.today + timedelta(days=arrival_offset), nights=nights, room_id=room.id)
        res.action_check_in()
        return res


class TestFrontOfficeEvents(HousekeepingCase):

    def test_check_out_leaves_the_room_dirty_with_a_departure_clean(self):
        res = self.in_house(self.r101, arrival_offset=-2, nights=2)
        self.assertEqual(self.r101.hk_occupancy, "departing")
        res.folio_id._post_night_charges(res.night_ids)
        res.folio_id._register_payment(res.folio_id.amount_due, self.env["account.journal"].search(
            [("type", "in", ("bank", "cash")), ("company_id", "=", self.env.company.id)], limit=1))
        res.action_check_out()
        self.assertEqual(self.r101.hk_state, "dirty")
        task = self.tasks(self.r101, task_type="departure")
        self.assertEqual((task.date, task.state, task.reservation_id), (self.today, "todo", res))
        log = self.r101.hk_status_log_ids[:1]
        self.assertEqual((log.state_from, log.state_to, log.reason), ("clean", "dirty", "Guest left"))
        self.r101.invalidate_recordset(["hk_occupancy"])
        self.assertEqual(self.r101.hk_occupancy, "vacant")

    def test_check_in_of_a_room_not_ready(self):
        res = self.book(arrival=self.today, nights=1, room_id=self.r201.id)
        self.r201._hk_set_state("dirty")
        self.hotel.hk_checkin_policy = "block"
        with self.assertRefused(UserError, "Room 201 is not ready \\(Dirty\\)"):
            res.with_user(self.frontdesk).action_check_in()
        self.assertEqual(res.state, "confirmed")
        self.hotel.hk_checkin_policy = "warn"
        res.with_user(self.frontdesk).action_check_in()
        self.assertEqual(res.state, "checked_in")
        self.assertIn("before housekeeping reported it ready", res.message_ids[0].body)
        # with inspections on, clean is not enough; inspected is
        other = self.book(arrival=self.today, nights=1, room_id=self.r301.id)
        self.r301._hk_set_state("clean")
        self.hotel.hk_checkin_policy = "block"
        with self.assertRefused(UserError, "Room 301 is not ready \\(Clean\\)"):
            other.action_check_in()
        self.r301._hk_set_state("inspected")
        other.action_check_in()
        self.assertEqual(other.state, "checked_in")

    def test_cancellation_no_show_and_room_move(self):
        arriving = self.book(arrival=self.today, nights=2, room_id=self.r201.id)
        self.Task._generate_for_day(self.hotel, self.today)
        prep = self.tasks(self.r201, task_type="arrival")
        self.assertEqual(prep.state, "todo")
        arriving.action_cancel(reason="plans changed")
        self.assertEqual(prep.state, "cancelled")
        # an in-house guest moving: the old room is dirty with a departure clean, its stay-over cancelled
        res = self.in_house(self.r101, arrival_offset=-1, nights=3)
        self.Task._generate_for_day(self.hotel, self.today)
        stayover = self.tasks(self.r101, task_type="stayover")
        self.assertEqual(stayover.state, "todo")
        res.action_move_room(self.r301)
        self.assertEqual(stayover.state, "cancelled")
        self.assertEqual(self.r101.hk_state, "dirty")
        self.assertEqual(self.tasks(self.r101, task_type="departure").state, "todo")


class TestDailyGeneration(HousekeepingCase):

    def test_tasks_of_the_day_once_and_only_once(self):
        self.guest.hotel_preference_ids = [Command.create({"category": "pillow", "value": "Extra pillows"})]
        leaving = self.in_house(self.r101, arrival_offset=-2, nights=2)
        staying = self.in_house(self.r201, arrival_offset=-1, nights=3)
        arriving = self.book(arrival=self.today, nights=2, room_id=self.r301.id)
        self.book(arrival=self.today + timedelta(days=1), nights=1, room_id=self.s401.id, room_type=self.suite)
        created = self.Task._generate_for_day(self.hotel, self.today)
        by_room = {t.room_id: t for t in created}
        self.assertEqual(set(by_room), {self.r101, self.r201, self.r301})
        self.assertEqual(by_room[self.r101].task_type, "departure")
        self.assertEqual(by_room[self.r201].task_type, "stayover")
        self.assertEqual((by_room[self.r301].task_type, by_room[self.r301].reservation_id),
                         ("arrival", arriving))
        self.assertIn("Extra pillows", by_room[self.r301].note)
        self.assertEqual((by_room[self.r101].reservation_id, by_room[self.r201].reservation_id), (leaving, staying))
        # again (the hourly job): nothing new
        self.assertFalse(self.Task._generate_for_day(self.hotel, self.today))
        self.assertEqual(self.Task.search_count([("date", "=", self.today), ("property_id", "=", self.hotel.id)]), 3)
        # the database refuses a second live task of a room, date and type
        duplicate = "hotel_housekeeping_task_room_date_type_uniq|already has this task"
        with mute_logger("odoo.sql_db"), self.assertRefused(ValidationError, duplicate):
            self.Task.create({"room_id": self.r201.id, "date": self.today, "task_type": "stayover"})

    def test_stay_over_every_n_nights(self):
        self.hotel.hk_stayover_every = 2
        self.in_house(self.r101, arrival_offset=-1, nights=4)  # night 2 of 4: no service
        self.in_house(self.r201, arrival_offset=-2, nights=4)  # night 3 of 4: service
        created = self.Task._generate_for_day(self.hotel, self.today)
        self.assertEqual(created.room_id, self.r201)

    def test_stale_clean_rooms_decay(self):
        self.hotel.hk_decay_days = 3
        self.r101._hk_set_state("clean")
        self.in_house(self.r201, nights=8)
        self.r201._hk_set_state("clean")
        with freeze_time(PINNED_MOMENT) as frozen:
            frozen.tick(timedelta(days=4))
            decayed = self.env["hotel.room"]._hk_decay(self.hotel)
        self.assertIn(self.r101, decayed)
        self.assertNotIn(self.r201, decayed, "an occupied room is serviced, not decayed")
        self.assertEqual(self.r101.hk_state, "dirty")


class TestTaskWork(HousekeepingCase):

    def test_attendant_cleans_supervisor_inspects(self):
        task = self.Task.create({"room_id": self.r101.id, "date": self.today, "task_type": "departure",
                                 "user_id": self.attendant.id})
        self.r101._hk_set_state("dirty")
        with freeze_time(PINNED_MOMENT) as frozen:
            task.with_user(self.attendant).action_start()
            self.assertEqual((task.state, self.r101.hk_state), ("in_progress", "in_progress"))
            frozen.tick(timedelta(minutes=12))
            task.with_user(self.attendant).action_pause()
            frozen.tick(timedelta(minutes=30))
            task.with_user(self.attendant).action_start()
            frozen.tick(timedelta(minutes=8))
            task.with_user(self.attendant).action_done()
        self.assertEqual((task.state, self.r101.hk_state), ("done", "clean"))
        self.assertAlmostEqual(task.work_minutes, 20.0, places=1)
        with self.assertRefused(AccessError, "Only housekeeping supervisors can inspect"):
            task.with_user(self.attendant).action_inspect_pass()
        task.with_user(self.supervisor).action_inspect_fail(note="Bathroom mirror")
        self.assertEqual((task.state, self.r101.hk_state), ("failed", "dirty"))
        redo = self.tasks(self.r101, task_type="reclean")
        self.assertEqual((redo.user_id, redo.state), (self.attendant, "todo"))
        self.assertIn("Bathroom mirror", redo.note)
        redo.with_user(self.attendant).action_start()
        redo.with_user(self.attendant).action_done()
        redo.with_user(self.supervisor).action_inspect_pass()
        self.assertEqual((redo.state, self.r101.hk_state, redo.inspected_by_id), ("inspected", "inspected",
                                                                                   self.supervisor))
        history = self.r101.hk_status_log_ids.sorted("id").mapped("state_to")
        self.assertEqual(history, ["dirty", "in_progress", "dirty", "in_progress", "clean", "dirty",
                                   "in_progress", "clean", "inspected"])

    def test_do_not_disturb_and_wrong_moves(self):
        task = self.Task.create({"room_id": self.r201.id, "date": self.today, "task_type": "stayover",
                                 "user_id": self.attendant.id})
        other = self.Task.create({"room_id": self.r301.id, "date": self.today, "task_type": "stayover",
                                  "user_id": self.attendant.id})
        task.with_user(self.attendant).action_dnd()
        self.assertTrue(task.dnd and self.r201.hk_dnd)
        mine = self.Task.with_user(self.attendant).search([("date", "=", self.today)])
        self.assertEqual(mine, other | task)
        self.assertEqual(mine[-1], task, "a do-not-disturb room waits at the end of the list")
        with self.assertRefused(UserError, "Start .* before marking it done"):
            other.with_user(self.attendant).action_done()
        with self.assertRefused(UserError, "set by its actions"):
            other.with_user(self.attendant).write({"state": "done"})
        self.assertEqual(other.state, "todo")

    def test_two_attendants_cannot_take_the_same_task(self):
        task = self.Task.create({"room_id": self.r101.id, "date": self.today, "task_type": "departure"})
        task.with_user(self.attendant).action_start()
        self.assertEqual(task.user_id, self.attendant, "an unassigned task becomes the attendant's")
        self.env.invalidate_all()
        with self.assertRefused(AccessError, "."):
            task.with_user(self.attendant2).action_start()
        self.assertEqual((task.user_id, task.state), (self.attendant, "in_progress"))


class TestRoles(HousekeepingCase):

    def test_who_sees_and_does_what(self):
        mine = self.Task.create({"room_id": self.r101.id, "date": self.today, "task_type": "departure",
                                 "user_id": self.attendant.id})
        theirs = self.Task.create({"room_id": self.r201.id, "date": self.today, "task_type": "departure",
                                   "user_id": self.attendant2.id})
        free = self.Task.create({"room_id": self.r301.id, "date": self.today, "task_type": "departure"})
        other_room = self.env["hotel.room"].create({"name": "X2", "room_type_id": self.other_type.id})
        elsewhere = self.Task.create({"room_id": other_room.id, "date": self.today, "task_type": "departure"})
        ids = (mine | theirs | free | elsewhere).ids
        self.env.invalidate_all()
        self.assertEqual(self.Task.with_user(self.attendant).search([("id", "in", ids)]), mine | free)
        self.assertEqual(self.Task.with_user(self.supervisor).search([("id", "in", ids)]), mine | theirs | free)
        self.assertEqual(self.Task.with_user(self.frontdesk).search([("id", "in", ids)]), mine | theirs | free)
        with self.assertRefused(AccessError, "Only housekeeping supervisors can assign"):
            mine.with_user(self.attendant).write({"user_id": self.attendant2.id})
        free.with_user(self.supervisor).write({"user_id": self.attendant2.id})
        self.assertEqual(free.user_id, self.attendant2)
        with self.assertRaises(AccessError):
            mine.with_user(self.frontdesk).action_start()
        with self.assertRefused(AccessError, "Only housekeeping supervisors can set a room"):
            self.r101.with_user(self.attendant).action_hk_mark_clean()
        with self.assertRefused(UserError, "Cleanliness of Hotel Room is set by its actions"):
            self.r101.with_user(self.frontmanager_or_admin()).write({"hk_state": "inspected"})
        self.r101.with_user(self.supervisor).action_hk_mark_inspected()
        self.assertEqual(self.r101.hk_state, "inspected")
        # housekeeping sees no money on the rooms' stays, as before
        self.assertFalse(self.env["hotel.folio.line"].with_user(self.attendant).has_access("read"))

    def frontmanager_or_admin(self):
        return self.manager

    def test_housekeepers_land_on_their_tasks(self):
        action = self.env["hotel.property"].with_user(self.attendant)._hotel_home_action()
        self.assertEqual(action["res_model"], "hotel.housekeeping.task")
        action = self.env["hotel.property"].with_user(self.frontdesk)._hotel_home_action()
        self.assertEqual(action["res_model"], "hotel.property", "the desk's Today board")


class TestServiceRequests(HousekeepingCase):

    def request(self, type_xmlid="hotel_housekeeping.request_type_amenities", room=None, user=None, **values):
        return self.env["hotel.service.request"].with_user(user or self.frontdesk).create(dict({
            "name": "Two more towels", "room_id": (room or self.r101).id,
            "type_id": self.env.ref(type_xmlid).id}, **values))

    def test_request_timed_against_its_service_level(self):
        stay = self.in_house(self.r101)
        with freeze_time(PINNED_MOMENT) as frozen:
            req = self.request()
            self.assertEqual(req.reservation_id, stay, "the stay in the room is found")
            self.assertEqual(req.deadline - req.requested_at, timedelta(minutes=20))
            frozen.tick(timedelta(minutes=3))
            req.with_user(self.attendant).action_acknowledge()
            frozen.tick(timedelta(minutes=22))
            self.assertTrue(req.is_overdue)
            self.assertIn(req, self.env["hotel.service.request"].search([("is_overdue", "=", True)]))
            req.with_user(self.attendant).action_done()
        self.assertEqual((req.state, req.user_id), ("done", self.attendant))
        self.assertAlmostEqual(req.response_minutes, 3.0)
        self.assertAlmostEqual(req.resolution_minutes, 25.0)
        self.assertFalse(req.within_sla)
        self.assertFalse(req.is_overdue)
        with self.assertRefused(UserError, "already closed"):
            req.action_done()
        with self.assertRefused(UserError, "set by its actions"):
            req.with_user(self.frontdesk).write({"state": "new"})

    def test_overdue_requests_are_escalated_once(self):
        with freeze_time(PINNED_MOMENT) as frozen:
            req = self.request()
            late = self.env["hotel.service.request"]._escalate_overdue(self.hotel)
            self.assertFalse(late)
            frozen.tick(timedelta(minutes=21))
            late = self.env["hotel.service.request"]._escalate_overdue(self.hotel)
            self.assertEqual(late, req)
            activity = req.activity_ids
            self.assertEqual(activity.user_id, self.supervisor)
            self.assertIn("Overdue guest request: room 101", activity.summary)
            self.assertFalse(self.env["hotel.service.request"]._escalate_overdue(self.hotel), "escalated once")
            req.with_user(self.attendant).action_done()
        self.assertFalse(req.activity_ids, "resolving closes the supervisor's to-do")

    def test_repairs_go_to_maintenance_cleaning_to_housekeeping(self):
        repair = self.request("hotel_housekeeping.request_type_repair", name="Shower drain blocked")
        self.assertIn("Room 101: Shower drain blocked", repair.maintenance_request_id.name)
        cleaning = self.request("hotel_housekeeping.request_type_cleaning", room=self.r201, name="Spilled coffee")
        self.assertEqual((cleaning.task_id.room_id, cleaning.task_id.task_type, cleaning.task_id.note),
                         (self.r201, "touchup", "Spilled coffee"))
        again = self.request("hotel_housekeeping.request_type_cleaning", room=self.r201, name="And the floor")
        self.assertEqual(again.task_id, cleaning.task_id, "one touch-up of the room today")

    def test_attendant_reports_damage(self):
        task = self.Task.create({"room_id": self.r201.id, "date": self.today, "task_type": "departure",
                                 "user_id": self.attendant.id})
        action = task.with_user(self.attendant).action_report_damage()
        report = self.env["hotel.service.request"].with_user(self.attendant).with_context(
            **action["context"]).create({"name": "Bathroom tap dripping"})
        self.assertEqual((report.room_id, report.kind), (self.r201, "repair"))
        self.assertIn("Room 201: Bathroom tap dripping", report.maintenance_request_id.name)
        with self.assertRaises(AccessError):
            task.with_user(self.attendant2).action_report_damage()

    def test_who_takes_requests(self):
        req = self.request()
        with self.assertRaises(AccessError):
            self.request(user=self.revenue)
        other_room = self.env["hotel.room"].create({"name": "X3", "room_type_id": self.other_type.id})
        with self.assertRefused(AccessError, "Room: you have no access"):
            self.request(room=other_room)
        elsewhere = self.env["hotel.service.request"].create({
            "name": "x", "room_id": other_room.id, "type_id": self.env.ref("hotel_housekeeping.request_type_other").id})
        self.env.invalidate_all()
        Request = self.env["hotel.service.request"].with_user(self.attendant)
        visible = Request.search([("id", "in", (req | elsewhere).ids)])
        self.assertEqual(visible, req)
        with self.assertRefused(AccessError, "Only the front desk and housekeeping supervisors"):
            req.with_user(self.attendant).action_cancel()
        req.with_user(self.frontdesk).action_cancel()
        self.assertEqual(req.state, "cancelled")


class TestAssignment(HousekeepingCase):

    def test_floors_stay_together_within_capacity(self):
        self.housekeeping.hotel_property_ids = self.other_hotel  # only this test's attendants work here
        self.suite.hk_credits = 2.0
        attendant3 = new_test_user(self.env, login="hk_attendant3", groups="base.group_user,"
                                   "hotel_base.group_hotel_housekeeping",
                                   hotel_property_ids=[Command.set(self.hotel.ids)])
        team = self.attendant | self.attendant2 | attendant3
        team.hk_daily_credits = 3.0

        def new(room, kind):
            return self.Task.create({"room_id": room.id, "date": self.today, "task_type": kind})
        t101, t201, t301, t401 = (new(self.r101, "departure"), new(self.r201, "departure"),
                                  new(self.r301, "stayover"), new(self.s401, "departure"))
        kept = new(self.r101, "arrival")
        kept.with_user(self.supervisor).write({"user_id": attendant3.id})
        self.assertEqual((t301.credits, t401.credits, kept.credits), (0.5, 2.0, 0.25))
        with self.assertRefused(AccessError, "Only housekeeping supervisors can assign"):
            self.Task.with_user(self.attendant).action_auto_assign()
        self.Task.with_user(self.supervisor).action_auto_assign()
        self.assertEqual(kept.user_id, attendant3, "a task already assigned keeps its attendant")
        self.assertEqual(t301.user_id, t401.user_id, "the rooms of the 3rd floor go to one attendant")
        tasks = t101 | t201 | t301 | t401 | kept
        self.assertEqual(tasks.user_id, team, "everyone gets work")
        for user in team:
            self.assertLessEqual(sum(tasks.filtered(lambda t, u=user: t.user_id == u).mapped("credits")), 3.0)
