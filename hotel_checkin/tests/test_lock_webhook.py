from datetime import datetime, timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import CheckinCase, LockServer

CRON = "hotel_checkin.ir_cron_lock_delivery"


@tagged("post_install", "-at_install")
class TestLockWebhook(CheckinCase):
    """Door codes reach the lock system through a signed webhook, delivered
    after the booking's transaction by a job, retried with backoff; tested
    against a real HTTP server on the loopback address."""

    def provider(self, server, **values):
        return self.env["hotel.lock.provider"].create(dict({
            "name": "Test locks", "property_id": self.hotel.id, "endpoint_url": server.url,
            "secret": server.secret, "max_attempts": 3, "retry_minutes": 1}, **values))

    def test_issue_and_revoke_signed_in_order(self):
        with LockServer("s3cret-shared-with-the-lock") as server:
            provider = self.provider(server)
            res = self.registered_stay(nights=1)
            res.with_user(self.frontdesk).action_check_in()
            self.assertEqual(server.received, [], "nothing is sent inside the check-in's transaction")
            request = provider.request_ids
            self.assertEqual((request.event, request.state), ("issue", "queued"))
            code = self.active_code(res)
            code.with_user(self.frontdesk).action_revoke()
            self.run_cron(CRON)
            self.assertEqual([body["event"] for _h, body, _ok in server.received],
                             ["door_code.issue", "door_code.revoke"], "in order, the revoke after the issue")
            headers, body, valid = server.received[0]
            self.assertTrue(valid, "signature checked by the server with the shared secret")
            self.assertEqual(body["pin"], code.code)
            self.assertEqual(body["room"], res.room_id.name)
            self.assertEqual(body["valid_until"], code.valid_until.isoformat() + "Z")
            self.assertNotIn("guest", body)
            self.assertEqual(headers["X-Hotel-Delivery"], request.delivery_id)
            self.assertIsNone(server.received[1][1]["pin"], "a revoke carries no PIN")
            self.assertEqual(set(provider.request_ids.mapped("state")), {"sent"})
            self.assertEqual(res.with_user(self.frontdesk).door_code_ids.lock_state, "sent")

    def test_outage_retries_with_backoff_then_alerts_managers(self):
        with LockServer("s3cret-shared-with-the-lock") as server:
            provider = self.provider(server)
            server.status = 503
            res = self.registered_stay(nights=1)
            res.action_check_in()
            self.assertEqual(res.state, "checked_in", "a lock outage never blocks the check-in")
            request = provider.request_ids
            start = datetime.now()
            self.run_cron(CRON)
            self.assertEqual((request.state, request.attempts, request.response_status), ("retrying", 1, 503))
            self.assertEqual(request.next_attempt_at, start + timedelta(minutes=1))
            self.run_cron(CRON)
            self.assertEqual(request.attempts, 1, "not before its time")
            with freeze_time(start + timedelta(minutes=1)):
                self.run_cron(CRON)
            self.assertEqual((request.state, request.attempts), ("retrying", 2))
            self.assertEqual(request.next_attempt_at, start + timedelta(minutes=3), "twice as long")
            with freeze_time(start + timedelta(minutes=3)):
                self.run_cron(CRON)
            self.assertEqual((request.state, request.attempts), ("failed", 3))
            self.assertEqual(len(server.received), 3)
            activity = res.activity_ids.filtered(lambda a: "Lock system" in a.summary)
            self.assertIn(self.manager, activity.user_id, "the property's front-desk managers are alerted")
            self.assertEqual(res.with_user(self.frontdesk).door_code_ids.lock_state, "failed")
            # the lock system is back: the manager sends again
            server.status = 200
            provider.with_user(self.manager).action_retry_failed()
            self.run_cron(CRON)
            self.assertEqual(request.state, "sent")
            self.assertEqual(len(server.received), 4)
            self.assertEqual(len({h["X-Hotel-Delivery"] for h, _b, _v in server.received}), 1,
                             "the same delivery id on every try: the lock can drop duplicates")

    def test_unreachable_lock_is_an_outage(self):
        with LockServer("s3cret-shared-with-the-lock") as server:
            url = server.url
        provider = self.provider(server)
        provider.endpoint_url = url  # the server is stopped: connection refused
        res = self.registered_stay(nights=1)
        res.action_check_in()
        self.run_cron(CRON)
        request = provider.request_ids
        self.assertEqual(request.state, "retrying")
        self.assertRegex(request.last_error, "ConnectionError")

    def test_wrong_secret_is_refused_by_the_lock(self):
        with LockServer("the-lock-knows-another-secret") as server:
            provider = self.provider(server, secret="odoo-has-a-different-secret")
            res = self.registered_stay(nights=1)
            res.action_check_in()
            self.run_cron(CRON)
            self.assertFalse(server.received[0][2])
            self.assertEqual(provider.request_ids.response_status, 401)

    def test_secret_for_managers_only(self):
        with LockServer("s3cret-shared-with-the-lock") as server:
            provider = self.provider(server)
        self.assertEqual(provider.with_user(self.manager).secret, "s3cret-shared-with-the-lock")
        for user in (self.frontdesk, self.housekeeping, self.marketing):
            with self.assertRaises(AccessError):
                self.env["hotel.lock.provider"].with_user(user).browse(provider.id).read(["secret"])

    def test_bad_settings_refused(self):
        with self.assertRefused(ValidationError, r"not an HTTPS address"):
            self.env["hotel.lock.provider"].create({
                "name": "Plain", "property_id": self.hotel.id, "endpoint_url": "http://locks.example.com/hook"})
        with self.assertRefused(ValidationError, r"16 characters"):
            self.env["hotel.lock.provider"].create({
                "name": "Short", "property_id": self.hotel.id, "endpoint_url": "https://locks.example.com/hook",
                "secret": "short"})
        self.env["hotel.lock.provider"].create({
            "name": "One", "property_id": self.hotel.id, "endpoint_url": "https://locks.example.com/hook"})
        with self.assertRefused(ValidationError, r"one active lock system"):
            self.env["hotel.lock.provider"].create({
                "name": "Two", "property_id": self.hotel.id, "endpoint_url": "https://locks2.example.com/hook"})
