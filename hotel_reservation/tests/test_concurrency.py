"""Two real database transactions book the same room-night at the same time."""
from datetime import timedelta

from odoo import api
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
        def confirm(index):
            return lambda env: env["hotel.reservation"].browse(self.reservation_ids[index]).action_confirm()
        outcome = self.run_race(confirm(0), confirm(1))

        self.assertEqual(outcome.get("first"), "committed", outcome)
        self.assertTrue(outcome.get("second", "").startswith("refused: Room R1 was booked for the night of"), outcome)
        with self.registry.cursor() as cr:
            cr.execute("""SELECT count(*) FROM hotel_reservation_night
                           WHERE room_id = %s AND active""", [self.ids["room"]])
            self.assertEqual(cr.fetchone()[0], 1)
            cr.execute("SELECT state FROM hotel_reservation WHERE id = %s", [self.reservation_ids[1]])
            self.assertEqual(cr.fetchone()[0], "draft", "the loser saved nothing")
