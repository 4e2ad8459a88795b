"""Two real database transactions book the same room-night at the same time."""
import threading
from datetime import timedelta

from odoo import api
from odoo.service.model import retrying
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


@freeze_time(PINNED_MOMENT, tick=True)  # ticking: the transactions wait on each other with timeouts
@tagged("post_install", "-at_install")
class TestConcurrentApiRetry(CommittedDataCase):
    """A channel manager sends the same booking twice at once (a timeout and a
    retry): two real transactions with the same client key book once."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            prop = env["hotel.property"].create({"name": "Retry Hotel", "code": "RTRY"})
            room_type = env["hotel.room.type"].create({
                "name": "Retry Double", "code": "RTD", "property_id": prop.id, "list_price": 100})
            rooms = env["hotel.room"].create([{"name": f"T{n}", "room_type_id": room_type.id} for n in (1, 2)])
            day = prop._local_today() + timedelta(days=40)
            self.ids = {"property": prop.id, "type": room_type.id, "rooms": rooms.ids}
            self.body = {
                "client_key": "retry-4711", "property_id": "RTRY",
                "guest": {"name": "Retry Guest", "email": "retry.guest@example.com"},
                "rooms": [{"room_type": "RTD", "arrival": str(day), "departure": str(day + timedelta(days=2))}]}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT id FROM hotel_folio WHERE property_id = %s", [self.ids["property"]])
            folios = [r[0] for r in cr.fetchall()]
            cr.execute("DELETE FROM hotel_booking_request WHERE property_id = %s", [self.ids["property"]])
            cr.execute("DELETE FROM mail_message WHERE model = 'hotel.folio' AND res_id = ANY(%s)", [folios])
            cr.execute("DELETE FROM hotel_reservation WHERE folio_id = ANY(%s)", [folios])
            cr.execute("DELETE FROM hotel_folio WHERE id = ANY(%s)", [folios])
            cr.execute("DELETE FROM hotel_room WHERE id = ANY(%s)", [self.ids["rooms"]])
            cr.execute("DELETE FROM hotel_room_type WHERE id = %s", [self.ids["type"]])
            cr.execute("DELETE FROM hotel_property WHERE id = %s", [self.ids["property"]])
            cr.execute("DELETE FROM res_partner WHERE email = 'retry.guest@example.com'")

    def test_two_concurrent_requests_with_one_key_book_once(self):
        """A books and holds its transaction open; B arrives meanwhile with the
        same key: its key insert waits for A, then PostgreSQL reports a
        serialization failure and Odoo's ``retrying`` (as for every HTTP
        request) runs B again, which finds A's booking and answers with it."""
        a_booked = threading.Event()
        outcome = {}

        def client_a():
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    outcome["a"] = env["hotel.booking.request"].book(**self.body)
                    a_booked.set()
                    threading.Event().wait(1.5)  # B meets A's uncommitted key
            except Exception as exc:  # reported by the assertions below
                outcome["a"] = repr(exc)
                a_booked.set()

        def client_b():
            a_booked.wait(10)
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    outcome["b"] = retrying(lambda: env["hotel.booking.request"].book(**self.body), env)
            except Exception as exc:
                outcome["b"] = repr(exc)

        threads = [threading.Thread(target=client_a), threading.Thread(target=client_b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        self.assertIsInstance(outcome.get("a"), dict, outcome)
        self.assertIsInstance(outcome.get("b"), dict, outcome)
        self.assertFalse(outcome["a"]["duplicate"])
        self.assertTrue(outcome["b"]["duplicate"], "B waited for A and answered with A's booking")
        self.assertEqual(outcome["b"]["folio_id"], outcome["a"]["folio_id"])
        with self.registry.cursor() as cr:
            cr.execute("SELECT count(*) FROM hotel_folio WHERE property_id = %s", [self.ids["property"]])
            self.assertEqual(cr.fetchone()[0], 1, "one booking")
            cr.execute("""SELECT count(*) FROM hotel_reservation_night n JOIN hotel_room r ON r.id = n.room_id
                           WHERE r.room_type_id = %s AND n.active""", [self.ids["type"]])
            self.assertEqual(cr.fetchone()[0], 2, "two nights held, once")
