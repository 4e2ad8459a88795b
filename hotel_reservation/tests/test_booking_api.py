"""The single-call booking API: one request books and confirms, a client key
makes retries book once, the confirmation mail is queued off the request."""
import json
from datetime import timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import HotelReservationCase


class BookingApiCase(HotelReservationCase):

    def api(self, user=None):
        # tracking on: the test checks what the chatter says
        return self.env["hotel.booking.request"].with_user(user or self.frontdesk).with_context(
            tracking_disable=False)

    def request(self, key="ota-1001", **values):
        arrival = self.day
        return dict({
            "client_key": key, "property_id": "TRH",
            "guest": {"name": "Test Li Na", "email": "li.na@example.com", "phone": "+86 138 0000 0000"},
            "rooms": [
                {"room_type": "TDB", "arrival": str(arrival), "departure": str(arrival + timedelta(days=3)),
                 "adults": 2},
                {"room_type": self.suite.id, "arrival": str(arrival),
                 "departure": str(arrival + timedelta(days=2)), "adults": 3, "children": 1},
            ]}, **values)

    def counts(self):
        return {model: self.env[model].sudo().search_count([]) for model in (
            "hotel.folio", "hotel.reservation", "hotel.reservation.night", "hotel.booking.request", "res.partner")}


class TestBookingApi(BookingApiCase):

    def test_one_call_books_and_confirms_with_the_desks_rules(self):
        result = self.api().book(**self.request())
        folio = self.env["hotel.folio"].browse(result["folio_id"])
        self.assertFalse(result["duplicate"])
        self.assertEqual(result["reference"], folio.name)
        self.assertEqual(result["state"], "confirmed")
        self.assertEqual([r["room"] for r in result["rooms"]], ["101", "401"], "first free room of each type")
        self.assertEqual([r["nights"] for r in result["rooms"]], [3, 2])
        double, suite = folio.reservation_ids.sorted("id")
        self.assertEqual((double.amount_total, suite.amount_total), (1500.0, 2000.0), "3 x 500, 2 x 1,000")
        # what the guest pays, tax included (the room's sales tax of the company's chart)
        self.assertEqual(result["rooms"][0]["amount_total"], double.amount_total_incl)
        self.assertEqual(result["rooms"][1]["amount_total"], suite.amount_total_incl)
        self.assertGreaterEqual(result["rooms"][0]["amount_total"], 1500.0)
        self.assertAlmostEqual(result["amount_total"], double.amount_total_incl + suite.amount_total_incl)
        self.assertEqual(result["currency"], folio.currency_id.name)
        self.assertEqual(result["deposit_due"], folio.amount_deposit_suggested)
        self.assertTrue(result["deposit_due"] > 0, "the property asks the first night as a deposit")
        # the guest was created from the request; every room is held night by night in the ledger
        self.assertEqual(folio.partner_id.email, "li.na@example.com")
        self.assertEqual(folio.reservation_ids.mapped("state"), ["confirmed", "confirmed"])
        self.assertEqual(len(folio.reservation_ids.night_ids.filtered("active")), 5)
        self.assertEqual(self.free(self.double, self.day, 3), [2, 2, 2])
        # the confirmation is queued, rendered by the mail job after the booking's transaction
        self.assertTrue(result["confirmation_queued"])
        self.assertFalse(self.env["mail.mail"].search([("model", "=", "hotel.folio"), ("res_id", "=", folio.id)]))
        self.send_confirmations()
        mail = self.env["mail.mail"].search([("model", "=", "hotel.folio"), ("res_id", "=", folio.id)])
        self.assertEqual(len(mail), 1)
        self.assertIn(f"Booking {folio.name} confirmed", mail.subject)
        self.assertEqual(mail.author_id, self.frontdesk.partner_id, "from the API user, not the mail job")
        self.assertFalse(folio.confirmation_pending)
        # the chatter has one line for staff; the integration does not follow every booking
        log, confirmation = folio.message_ids.sorted("id")
        self.assertIn("Booked through the API by", log.body)
        self.assertIn("ota-1001", log.body)
        self.assertIn("is confirmed", confirmation.body)
        self.assertNotIn(self.frontdesk.partner_id, folio.message_partner_ids)
        self.assertNotIn(self.frontdesk.partner_id, folio.reservation_ids.message_partner_ids)
        self.assertFalse(folio.reservation_ids.message_ids, "no creation or tracking logs on the rooms")

    def test_a_known_guest_is_found_by_e_mail_or_given_by_id(self):
        before = self.counts()["res.partner"]
        result = self.api().book(**self.request(guest={"name": "W. Wu", "email": " WU@example.com"}))
        self.assertEqual(self.env["hotel.folio"].browse(result["folio_id"]).partner_id, self.guest)
        result = self.api().book(**self.request(key="ota-1002", guest={"partner_id": self.guest.id}, rooms=[
            {"room_type": "TDB", "arrival": str(self.day + timedelta(days=10)),
             "departure": str(self.day + timedelta(days=11))}]))
        self.assertEqual(self.env["hotel.folio"].browse(result["folio_id"]).partner_id, self.guest)
        self.assertEqual(self.counts()["res.partner"], before)

    def test_rate_plan_channel_and_a_given_room(self):
        channel = self.env["utm.source"].create({"name": "Test Ctrip"})
        weekend = self.env["product.pricelist"].create({"name": "Test Package", "item_ids": [(0, 0, {
            "applied_on": "1_product", "product_tmpl_id": self.double.product_id.product_tmpl_id.id,
            "compute_price": "fixed", "fixed_price": 420.0})]})
        result = self.api().book(**self.request(rate_plan_id="Test Package", channel="Test Ctrip", rooms=[
            {"room_type": "TDB", "room_id": self.r301.id, "arrival": str(self.day),
             "departure": str(self.day + timedelta(days=2))}]))
        folio = self.env["hotel.folio"].browse(result["folio_id"])
        self.assertEqual((folio.pricelist_id, folio.source_id), (weekend, channel))
        self.assertEqual(folio.reservation_ids.room_id, self.r301, "the room asked for")
        self.assertEqual(folio.reservation_ids.amount_total, 840.0, "the rate plan's price, 2 x 420")
        # a room of another type, or a room already held, is refused with what is wrong
        with self.assertRaisesRegex(UserError, "has no room 401 of type Test Double|has no room"):
            self.api().book(**self.request(key="ota-2001", rooms=[
                {"room_type": "TDB", "room_id": self.s401.id, "arrival": str(self.day),
                 "departure": str(self.day + timedelta(days=1))}]))
        with self.assertRaisesRegex(UserError, r"Room 301 is already booked on .* \(TRH-"):
            self.api().book(**self.request(key="ota-2002", rooms=[
                {"room_type": "TDB", "room_id": self.r301.id, "arrival": str(self.day + timedelta(days=1)),
                 "departure": str(self.day + timedelta(days=3))}]))

    def test_the_clients_context_cannot_override_the_rules(self):
        """JSON-2 passes a client's context through: defaults meant for managers
        (override restrictions, another policy) do not reach the booking."""
        self.env["hotel.rate.restriction"].create({
            "property_id": self.hotel.id, "room_type_id": self.double.id, "stop_sell": True,
            "date_from": self.day, "date_to": self.day + timedelta(days=2)})
        other_policy = self.env["hotel.cancellation.policy"].create({
            "name": "Test non-refundable", "penalty_type": "full_stay", "no_show_penalty_type": "full_stay"})
        api = self.api().with_context(default_override_restrictions=True, active_test=False,
                                      default_cancellation_policy_id=other_policy.id)
        with self.assertRaisesRegex(UserError, "cannot be sold"):
            api.book(**self.request(rooms=[{"room_type": "TDB", "arrival": str(self.day),
                                            "departure": str(self.day + timedelta(days=2))}]))
        result = api.book(**self.request(key="ota-3001", rooms=[{"room_type": "TSU", "arrival": str(self.day),
                                                                  "departure": str(self.day + timedelta(days=2))}]))
        stay = self.env["hotel.folio"].browse(result["folio_id"]).reservation_ids
        self.assertEqual(stay.cancellation_policy_id, self.policy, "the rate plan's policy, not the client's")
        self.assertFalse(stay.sudo().override_restrictions)

    def test_a_room_asked_for_is_kept_from_the_rooms_chosen_for_the_others(self):
        """101 is the first double in room order: asked for by the second stay of
        the request, the first stay gets another double, and the answer lists
        the rooms in the order of the request."""
        night = {"arrival": str(self.day), "departure": str(self.day + timedelta(days=1))}
        result = self.api().book(**self.request(rooms=[
            dict(night, room_type="TDB"), dict(night, room_type="TDB", room_id=self.r101.id)]))
        self.assertEqual([r["room"] for r in result["rooms"]], ["201", "101"])
        self.assertEqual([r["reference"].rpartition("/")[2] for r in result["rooms"]], ["1", "2"])

    def test_a_retried_request_books_once(self):
        first = self.api().book(**self.request())
        after_first = self.counts()
        again = self.api().book(**self.request())
        self.assertTrue(again["duplicate"])
        self.assertEqual(again["folio_id"], first["folio_id"])
        self.assertEqual(again["rooms"], first["rooms"])
        self.assertEqual(self.counts(), after_first, "nothing booked twice")
        # the key is the client's: another API user's identical key is another booking
        other = self.api(self.manager).book(**self.request(rooms=[
            {"room_type": "TDB", "arrival": str(self.day), "departure": str(self.day + timedelta(days=1))}]))
        self.assertNotEqual(other["folio_id"], first["folio_id"])
        # the same key with another request is refused, never answered with the first booking
        before = self.counts()
        with self.assertRaisesRegex(UserError, "was used for another booking request"):
            self.api().book(**self.request(rooms=[
                {"room_type": "TDB", "arrival": str(self.day + timedelta(days=20)),
                 "departure": str(self.day + timedelta(days=21))}]))
        self.assertEqual(self.counts(), before)
        # a cancelled booking is reported as it is now
        self.env["hotel.folio"].browse(first["folio_id"]).reservation_ids.action_cancel()
        self.assertEqual(self.api().book(**self.request())["state"], "cancelled")

    def test_bad_requests_are_refused_clearly_and_save_nothing(self):
        before = self.counts()
        day, later = str(self.day), str(self.day + timedelta(days=2))
        cases = [
            (ValidationError, "client_key", {"client_key": "a b"}),
            (ValidationError, "client_key", {"client_key": None}),
            (ValidationError, "property_id", {"property_id": True}),
            (ValidationError, "guest", {"guest": {}}),
            (ValidationError, "guest", {"guest": {"name": "X", "passport": "E1"}}),
            (ValidationError, "is not an e-mail address", {"guest": {"name": "X", "email": "nobody"}}),
            (ValidationError, "rooms", {"rooms": []}),
            (ValidationError, "at most 50 rooms", {"rooms": [{"room_type": "TDB", "arrival": day,
                                                               "departure": later}] * 51}),
            (ValidationError, r"rooms\[1\].arrival", {"rooms": [{"room_type": "TDB", "arrival": "tomorrow",
                                                                 "departure": later}]}),
            (ValidationError, "must be after the arrival", {"rooms": [{"room_type": "TDB", "arrival": later,
                                                                       "departure": day}]}),
            (ValidationError, r"rooms\[1\].adults", {"rooms": [{"room_type": "TDB", "arrival": day,
                                                                "departure": later, "adults": "2"}]}),
            (UserError, "has no room type 'XXX'", {"rooms": [{"room_type": "XXX", "arrival": day,
                                                             "departure": later}]}),
            (ValidationError, "sleeps at most 3 guests", {"rooms": [{"room_type": "TDB", "arrival": day,
                                                                     "departure": later, "adults": 3, "children": 1}]}),
            (UserError, "is in the past", {"rooms": [{"room_type": "TDB", "departure": str(self.today),
                                                      "arrival": str(self.today - timedelta(days=2))}]}),
            (UserError, "no booking channel", {"channel": "Nowhere Travel"}),
            (AccessError, "You do not work at a property 'TOI'", {"property_id": "TOI"}),
        ]
        for error, message, values in cases:
            with self.subTest(message=message), self.assertRaisesRegex(error, message):
                self.api().book(**self.request(**values))
        self.assertEqual(self.counts(), before)
        # a refused key is not spent: the corrected request books
        self.assertFalse(self.api().book(**self.request())["duplicate"])

    def test_no_free_room_refuses_the_whole_request(self):
        """Three doubles: a fourth double on the same night refuses the whole
        request, the rooms of it that fitted included."""
        night = {"arrival": str(self.day), "departure": str(self.day + timedelta(days=1))}
        before = self.counts()
        with self.assertRaisesRegex(UserError, "No Test Double is free"):
            self.api().book(**self.request(rooms=[dict(night, room_type="TDB")] * 4))
        self.assertEqual(self.counts(), before)
        self.assertEqual(self.free(self.double, self.day), [3])

    def test_only_staff_of_the_property_book(self):
        with self.assertRaises(AccessError):
            self.api(self.housekeeping).book(**self.request())
        with self.assertRaises(AccessError):  # another property's code reads as unknown
            self.api().book(**self.request(property_id=self.other_hotel.id))
        self.assertFalse(self.env["hotel.booking.request"].search([]))
        # the log of requests: front-desk managers of the property read it, the desk does not
        result = self.api().book(**self.request())
        log = self.env["hotel.booking.request"].with_user(self.manager).search([])
        self.assertEqual(log.folio_id.id, result["folio_id"])
        self.assertEqual(log.client_key, "ota-1001")
        with self.assertRaises(AccessError):
            self.env["hotel.booking.request"].with_user(self.frontdesk).search([])


class TestConfirmationQueue(BookingApiCase):

    def test_the_desk_confirmation_is_queued_too_and_sent_once(self):
        res = self.book()
        self.assertTrue(res.folio_id.confirmation_pending)
        trigger = self.env["ir.cron.trigger"].search(
            [("cron_id", "=", self.env.ref("hotel_reservation.ir_cron_send_confirmations").id)])
        self.assertTrue(trigger, "the mail job is woken up for after the commit")
        self.send_confirmations()
        self.send_confirmations()
        mails = self.env["mail.mail"].search([("model", "=", "hotel.folio"), ("res_id", "=", res.folio_id.id)])
        self.assertEqual(len(mails), 1)

    def test_a_booking_cancelled_before_the_job_gets_no_confirmation(self):
        res = self.book()
        res.action_cancel()
        self.send_confirmations()
        self.assertFalse(self.env["mail.mail"].search(
            [("model", "=", "hotel.folio"), ("res_id", "=", res.folio_id.id)]))
        self.assertFalse(res.folio_id.confirmation_pending)

    def test_a_mail_that_fails_to_render_does_not_block_the_others(self):
        broken, fine = self.book(), self.book(arrival=self.day + timedelta(days=5))
        Folio = type(self.env["hotel.folio"])
        send = Folio._send_confirmation_now

        def flaky(folios):
            if broken.folio_id in folios:
                raise ValueError("template error")
            return send(folios)
        with patch.object(Folio, "_send_confirmation_now", flaky):
            for attempt in (1, 2, 3):
                self.send_confirmations()
                self.assertEqual(broken.folio_id.confirmation_attempts, attempt)
        self.assertTrue(self.env["mail.mail"].search(
            [("model", "=", "hotel.folio"), ("res_id", "=", fine.folio_id.id)]))
        self.assertFalse(broken.folio_id.confirmation_pending, "given up after three attempts")
        self.assertIn("could not be sent", broken.folio_id.message_ids[0].body)
        self.assertIn("template error", broken.folio_id.message_ids[0].body)

    def test_the_queue_flag_is_the_workflows(self):
        folio = self.book().folio_id
        with self.assertRaises(UserError):
            folio.with_user(self.frontdesk).write({"confirmation_pending": False})
        self.assertTrue(folio.confirmation_pending)


@tagged("post_install", "-at_install")
class TestBookingApiHttp(HttpCase, BookingApiCase):
    """The documented call over HTTP: ``POST /json/2/hotel.booking.request/book``
    with an API key."""

    def post(self, body, key=None):
        headers = {"Content-Type": "application/json", "X-Odoo-Database": self.env.cr.dbname}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return self.url_open("/json/2/hotel.booking.request/book", data=json.dumps(body), headers=headers)

    def test_json2_books_and_a_retry_returns_the_same_booking(self):
        key = self.env["res.users.apikeys"].with_user(self.frontdesk).sudo()._generate(
            "rpc", "channel manager", None)
        body = self.request(key="CM-77-aa8f")
        response = self.post(body, key)
        self.assertEqual(response.status_code, 200, response.text)
        first = response.json()
        self.assertRegex(first["reference"], r"^TRH-")
        self.assertEqual([room["room"] for room in first["rooms"]], ["101", "401"])
        again = self.post(body, key).json()
        self.assertTrue(again["duplicate"])
        self.assertEqual(again["folio_id"], first["folio_id"])
        refused = self.post(dict(body, client_key="CM-78-bb01", rooms=[{"room_type": "TDB", "arrival": "soon",
                                                                    "departure": "later"}]), key)
        self.assertEqual(refused.status_code, 422)
        self.assertIn("a date as YYYY-MM-DD", refused.json()["message"])
        self.assertEqual(self.post(body).status_code, 401, "no API key, no booking")
