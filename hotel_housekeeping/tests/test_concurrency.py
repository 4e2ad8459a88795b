"""Races in two real transactions: two attendants take the same task, a block
and a booking want the same room-night. One wins, the other gets a clear
message; nothing half-written."""

from datetime import timedelta

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


@freeze_time(PINNED_MOMENT, tick=True)  # ticking: the transactions wait on each other with timeouts
@tagged("post_install", "-at_install")
class TestBlockRacesBooking(CommittedDataCase):
    """An out-of-order block and a booking of the same room-night, saved at the
    same moment in two real transactions: the unique index of the ledger lets
    exactly one commit, the other gets a clear message and saves nothing."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            prop = env["hotel.property"].create({"name": "Race Block Hotel", "code": "RBH"})
            room_type = env["hotel.room.type"].create({
                "name": "Race Block Double", "code": "RBD", "property_id": prop.id, "list_price": 100})
            room = env["hotel.room"].create({"name": "RB1", "room_type_id": room_type.id})
            guest = env["res.partner"].create({"name": "Race Block Guest"})
            day = prop._local_today() + timedelta(days=3)
            folio = env["hotel.folio"].create({"partner_id": guest.id, "property_id": prop.id})
            res = env["hotel.reservation"].create({
                "folio_id": folio.id, "room_type_id": room_type.id, "room_id": room.id,
                "arrival_date": day, "departure_date": day + timedelta(days=1)})
            self.ids = {"property": prop.id, "type": room_type.id, "room": room.id, "guest": guest.id,
                        "folio": folio.id, "reservation": res.id, "day": day}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cr.execute("DELETE FROM hotel_reservation_night WHERE room_id = %s", [self.ids["room"]])
            cr.execute("DELETE FROM hotel_room_block WHERE room_id = %s", [self.ids["room"]])
            cr.execute("DELETE FROM hotel_reservation WHERE id = %s", [self.ids["reservation"]])
            env["hotel.folio"].browse(self.ids["folio"]).unlink()
            env["hotel.room"].browse(self.ids["room"]).unlink()
            env["hotel.room.type"].browse(self.ids["type"]).unlink()
            env["hotel.property"].browse(self.ids["property"]).unlink()
            env["res.partner"].browse(self.ids["guest"]).unlink()

    def _book(self, env):
        env["hotel.reservation"].browse(self.ids["reservation"]).action_confirm()

    def _block(self, env):
        env["hotel.room.block"].create({"room_id": self.ids["room"], "reason": "Race leak",
                                        "date_from": self.ids["day"], "date_to": self.ids["day"]})

    def _ledger(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT block_id IS NOT NULL, count(*) FROM hotel_reservation_night "
                       "WHERE room_id = %s AND active GROUP BY 1", [self.ids["room"]])
            rows = dict(cr.fetchall())
            cr.execute("SELECT count(*) FROM hotel_room_block WHERE room_id = %s", [self.ids["room"]])
            blocks = cr.fetchone()[0]
            cr.execute("SELECT state FROM hotel_reservation WHERE id = %s", [self.ids["reservation"]])
            return rows, blocks, cr.fetchone()[0]

    def test_a_booking_wins_over_a_block_saved_at_the_same_moment(self):
        outcome = self.run_race(self._book, self._block)
        self.assertEqual(outcome.get("first"), "committed", outcome)
        self.assertTrue(outcome.get("second", "").startswith(
            "refused: Room RB1 was booked for one of the nights"), outcome)
        self.assertEqual(self._ledger(), ({False: 1}, 0, "confirmed"), "the loser saved nothing")

    def test_a_block_wins_over_a_booking_saved_at_the_same_moment(self):
        outcome = self.run_race(self._block, self._book)
        self.assertEqual(outcome.get("first"), "committed", outcome)
        self.assertTrue(outcome.get("second", "").startswith("refused: Room RB1 was booked for the night of"),
                        outcome)
        self.assertEqual(self._ledger(), ({True: 1}, 1, "draft"), "the loser saved nothing")
