"""Two real database transactions book the same room-night at the same time."""
import threading
from datetime import timedelta

from odoo import api
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT, CommittedDataCase


@freeze_time(PINNED_MOMENT, tick=True)  # ticking: the transactions wait on each other with timeouts
@tagged("post_install", "-at_install")
class TestConcurrentBooking(CommittedDataCase):
    """Uses committed data and separate cursors (not the test transaction), so
    that PostgreSQL itself arbitrates; everything created is removed after."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            prop = env["hotel.property"].create({"name": "Race Hotel", "code": "RACE"})
            room_type = env["hotel.room.type"].create({
                "name": "Race Double", "code": "RDB", "property_id": prop.id, "list_price": 100})
            room = env["hotel.room"].create({"name": "R1", "room_type_id": room_type.id})
            guest = env["res.partner"].create({"name": "Race Guest"})
            day = prop._local_today() + timedelta(days=60)
            self.reservation_ids = []
            for _i in range(2):
                folio = env["hotel.folio"].create({"partner_id": guest.id, "property_id": prop.id})
                self.reservation_ids.append(env["hotel.reservation"].create({
                    "folio_id": folio.id, "room_type_id": room_type.id, "room_id": room.id,
                    "arrival_date": day, "departure_date": day + timedelta(days=1),
                }).id)
            self.ids = {"property": prop.id, "type": room_type.id, "room": room.id, "guest": guest.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            reservations = env["hotel.reservation"].browse(self.reservation_ids)
            folios = reservations.folio_id
            cr.execute("DELETE FROM hotel_reservation_night WHERE reservation_id = ANY(%s)", [self.reservation_ids])
            cr.execute("DELETE FROM hotel_reservation WHERE id = ANY(%s)", [self.reservation_ids])
            folios.unlink()
            env["hotel.room"].browse(self.ids["room"]).unlink()
            env["hotel.room.type"].browse(self.ids["type"]).unlink()
            env["hotel.property"].browse(self.ids["property"]).unlink()
            env["res.partner"].browse(self.ids["guest"]).unlink()

    def test_exactly_one_of_two_concurrent_bookings_commits(self):
        """Transaction A confirms room R1 for a night and waits before committing;
        transaction B confirms the same room-night meanwhile: its Python check
        cannot see A's uncommitted row, so only the unique index can stop it.
        B blocks on the index until A commits, then gets a clear UserError."""
        a_confirmed = threading.Event()
        outcome = {}

        def confirm(index, wait_for=None, signal=None):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True,
                                                                 "mail_notrack": True})
                    if wait_for:
                        wait_for.wait(10)
                    env["hotel.reservation"].browse(self.reservation_ids[index]).action_confirm()
                    if signal:
                        signal.set()
                        # Keep the transaction open while B tries the same room-night.
                        threading.Event().wait(1.5)
                outcome[index] = "committed"
            except UserError as exc:
                outcome[index] = f"refused: {exc}"
            except Exception as exc:  # report anything else as a failure
                outcome[index] = f"error: {exc!r}"

        thread_a = threading.Thread(target=confirm, args=(0, None, a_confirmed))
        thread_b = threading.Thread(target=confirm, args=(1, a_confirmed, None))
        thread_a.start()
        thread_b.start()
        thread_a.join(30)
        thread_b.join(30)

        self.assertEqual(outcome.get(0), "committed", outcome)
        self.assertTrue(outcome.get(1, "").startswith("refused: Room R1 was booked for the night of"), outcome)
        with self.registry.cursor() as cr:
            cr.execute("""SELECT count(*) FROM hotel_reservation_night
                           WHERE room_id = %s AND active""", [self.ids["room"]])
            self.assertEqual(cr.fetchone()[0], 1)
            cr.execute("SELECT state FROM hotel_reservation WHERE id = %s", [self.reservation_ids[1]])
            self.assertEqual(cr.fetchone()[0], "draft", "the loser saved nothing")
