"""Two attendants take the same task at the same moment, in two real
transactions: one gets it, the other a clear message; nothing half-written."""

from odoo import Command, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT, CommittedDataCase


@freeze_time(PINNED_MOMENT, tick=True)
@tagged("post_install", "-at_install")
class TestConcurrentTasks(CommittedDataCase):
    """Committed data and separate cursors (PostgreSQL arbitrates); removed after."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            prop = env["hotel.property"].create({"name": "Race Housekeeping Hotel", "code": "RHK"})
            room_type = env["hotel.room.type"].create({
                "name": "Race HK Double", "code": "RHD", "property_id": prop.id, "list_price": 100})
            room = env["hotel.room"].create({"name": "RH1", "room_type_id": room_type.id})
            users = [new_test_user(env, login=f"race_attendant_{n}", groups="base.group_user,"
                                   "hotel_base.group_hotel_housekeeping",
                                   hotel_property_ids=[Command.set(prop.ids)]) for n in (1, 2)]
            task = env["hotel.housekeeping.task"].create({
                "room_id": room.id, "date": prop._local_today(), "task_type": "departure"})
            self.ids = {"property": prop.id, "type": room_type.id, "room": room.id, "task": task.id,
                        "users": [u.id for u in users]}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["hotel.room"].browse(self.ids["room"]).unlink()  # tasks and history go with the room
            env["hotel.room.type"].browse(self.ids["type"]).unlink()
            env["hotel.property"].browse(self.ids["property"]).unlink()
            users = env["res.users"].browse(self.ids["users"])
            partners = users.partner_id
            users.unlink()
            partners.unlink()

    def test_one_attendant_gets_the_task(self):
        first, second = self.ids["users"]
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, first, {})
            env_b = api.Environment(cr_b, second, {})
            env_a["hotel.housekeeping.task"].browse(self.ids["task"]).action_start()  # holds the row
            with self.assertRaisesRegex(UserError, "Someone else is updating this task right now"):
                env_b["hotel.housekeeping.task"].browse(self.ids["task"]).action_start()
            cr_b.rollback()
            cr_a.commit()
        # afterwards the task is the first attendant's: the second no longer sees it
        with self.registry.cursor() as cr:
            env = api.Environment(cr, second, {})
            with self.assertRaises(AccessError):
                env["hotel.housekeeping.task"].browse(self.ids["task"]).action_start()
            cr.rollback()
            su = api.Environment(cr, api.SUPERUSER_ID, {})
            task = su["hotel.housekeeping.task"].browse(self.ids["task"])
            self.assertEqual((task.state, task.user_id.id), ("in_progress", first))
            self.assertEqual(task.room_id.hk_state, "in_progress")
            self.assertEqual(len(task.room_id.hk_status_log_ids), 1, "one change logged, none from the loser")
