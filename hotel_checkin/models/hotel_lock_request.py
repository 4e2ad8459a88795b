import hashlib
import hmac
import json
import logging
import time
import uuid
from datetime import timedelta

import requests

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.hotel_base.tools.rules import workflow_method

_logger = logging.getLogger(__name__)

EVENTS = [("issue", "Issue"), ("update", "Update"), ("revoke", "Revoke")]
STATES = [("queued", "Queued"), ("retrying", "Retrying"), ("sent", "Sent"), ("failed", "Failed")]


def signature(secret, timestamp, body):
    """HMAC-SHA256 of ``<timestamp>.<body>`` with the shared secret, hex."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


class HotelLockRequest(models.Model):
    """One message to a lock system: the outbox and the log managers read.

    Written in the transaction that issues or revokes the code (so a message
    exists exactly when the change committed), delivered afterwards by the
    ``Hotel: deliver door codes to locks`` job, which the commit triggers at
    once (``ir.cron._trigger``) and which also runs every few minutes. Each
    delivery is committed on its own; a failure is retried with a doubling
    delay up to the provider's attempts, then the message is *failed* and the
    property's front-desk managers get an activity. Messages of one door code
    go out in order: a revoke never overtakes its issue. A lock outage never
    blocks the desk: check-in only writes a row.
    """

    _name = "hotel.lock.request"
    _description = "Lock Message"
    _inherit = ["hotel.property.mixin"]
    _order = "id desc"
    _hotel_property_fields = ("provider_id", "door_code_id")
    _hotel_protected_fields = ("provider_id", "door_code_id", "event", "payload", "delivery_id", "state",
                               "attempts", "next_attempt_at", "last_attempt_at", "response_status",
                               "last_error", "sent_at")

    provider_id = fields.Many2one("hotel.lock.provider", required=True, index=True, ondelete="restrict",
                                  readonly=True)
    property_id = fields.Many2one(related="provider_id.property_id", store=True, index=True)
    door_code_id = fields.Many2one("hotel.door.code", required=True, index=True, ondelete="restrict", readonly=True)
    reservation_id = fields.Many2one(related="door_code_id.reservation_id", string="Stay")
    room_id = fields.Many2one(related="door_code_id.room_id")
    event = fields.Selection(EVENTS, required=True, readonly=True)
    payload = fields.Text(readonly=True, groups="hotel_base.group_hotel_frontdesk_manager")
    delivery_id = fields.Char(required=True, readonly=True, default=lambda self: str(uuid.uuid4()))
    state = fields.Selection(STATES, default="queued", required=True, index=True, readonly=True)
    attempts = fields.Integer(readonly=True)
    next_attempt_at = fields.Datetime(readonly=True, default=fields.Datetime.now, index=True)
    last_attempt_at = fields.Datetime(readonly=True)
    sent_at = fields.Datetime(readonly=True)
    response_status = fields.Integer(string="HTTP Status", readonly=True)
    last_error = fields.Char(readonly=True)

    _delivery_uniq = models.UniqueIndex("(delivery_id)", "A delivery id is used once.")

    @api.model
    @workflow_method
    def _enqueue(self, codes, event):
        """Queue ``event`` for each code whose property has a lock system, and
        have the delivery job start once this transaction commits."""
        vals_list = []
        providers = {}
        for code in codes.sudo():
            if code.property_id not in providers:
                providers[code.property_id] = code.property_id._lock_provider()
            provider = providers[code.property_id]
            if not provider:
                continue
            vals_list.append({
                "provider_id": provider.id, "door_code_id": code.id, "event": event,
                "payload": json.dumps(code._lock_payload(event), ensure_ascii=False, sort_keys=True),
            })
        requests_ = self.sudo().create(vals_list)
        if requests_:
            self.env.ref("hotel_checkin.ir_cron_lock_delivery").sudo()._trigger()
        return requests_

    @workflow_method
    def _requeue(self):
        self.write({"state": "retrying", "next_attempt_at": fields.Datetime.now(), "attempts": 0})
        self.env.ref("hotel_checkin.ir_cron_lock_delivery").sudo()._trigger()

    # ------------------------------------------------------------ delivery
    @api.model
    def _cron_deliver(self, batch=200):
        """Deliver the due messages, oldest first, each in its own transaction.
        Rows are taken with SKIP LOCKED: two runs never send one message twice
        at once. A message waits while an older one of its code is unsent."""
        Cron = self.env["ir.cron"]
        done = 0
        while done < batch:
            self.env.flush_all()
            # rounds: a message waiting behind an older one of its code goes in the next round
            rows = self.env.execute_query(SQL("""
                SELECT r.id FROM hotel_lock_request r
                 WHERE r.state IN ('queued', 'retrying') AND r.next_attempt_at <= %s
                   AND NOT EXISTS (SELECT 1 FROM hotel_lock_request o
                                    WHERE o.door_code_id = r.door_code_id AND o.id < r.id
                                      AND o.state IN ('queued', 'retrying', 'failed'))
                 ORDER BY r.id LIMIT %s
            """, fields.Datetime.now(), batch - done))
            if not rows:
                break
            Cron._commit_progress(remaining=len(rows))
            for (request_id,) in rows:
                locked = self.env.execute_query(SQL(
                    "SELECT id FROM hotel_lock_request WHERE id = %s AND state IN ('queued', 'retrying') "
                    "FOR UPDATE SKIP LOCKED", request_id))
                if locked:
                    self.sudo().browse(request_id)._deliver_safely()
                done += 1
                if not Cron._commit_progress(1):
                    return

    def _deliver_safely(self):
        """Deliver; an unexpected error (not the lock's answer) counts as a
        failed attempt of this message instead of stopping the queue."""
        try:
            with self.env.cr.savepoint():
                return self._deliver()
        except Exception as exc:  # one bad message must not block every lock
            _logger.exception("lock message %s could not be delivered", self.id)
            return self._record_failure(0, f"{type(exc).__name__}: {exc}"[:250])

    @workflow_method
    def _deliver(self):
        """POST the message; record the outcome, schedule a retry or give up."""
        self.ensure_one()
        provider = self.provider_id.sudo()
        body = self.payload.encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Odoo-Hotel-Locks/1.0",
            "X-Hotel-Event": f"door_code.{self.event}",
            "X-Hotel-Delivery": self.delivery_id,
            "X-Hotel-Timestamp": timestamp,
            "X-Hotel-Signature": "sha256=" + signature(provider.secret, timestamp, body),
        }
        now = fields.Datetime.now()
        status, error = 0, False
        try:
            # no redirects: the PIN goes to the configured address only
            response = requests.post(provider.endpoint_url, data=body, headers=headers, timeout=provider.timeout,
                                     allow_redirects=False)
            status = response.status_code
            if not 200 <= status < 300:
                error = f"HTTP {status}: {response.text[:200]}"
        except requests.RequestException as exc:
            error = f"{type(exc).__name__}: {exc}"[:250]
        if not error:
            self.write({"state": "sent", "attempts": self.attempts + 1, "last_attempt_at": now, "sent_at": now,
                        "response_status": status, "last_error": False})
            provider.last_success_at = now
            return True
        return self._record_failure(status, error)

    @workflow_method
    def _record_failure(self, status, error):
        """A failed attempt: retried after the provider's delay, doubled each
        time; after the last attempt the message fails and managers are alerted."""
        provider = self.provider_id.sudo()
        now = fields.Datetime.now()
        attempts = self.attempts + 1
        _logger.info("lock message %s (%s) failed, attempt %s: %s", self.id, self.event, attempts, error)
        if attempts >= provider.max_attempts:
            self.write({"state": "failed", "attempts": attempts, "last_attempt_at": now,
                        "response_status": status, "last_error": error})
            self._alert_managers()
        else:
            delay = timedelta(minutes=provider.retry_minutes * 2 ** (attempts - 1))
            self.write({"state": "retrying", "attempts": attempts, "last_attempt_at": now,
                        "next_attempt_at": now + delay, "response_status": status, "last_error": error})
            self.env.ref("hotel_checkin.ir_cron_lock_delivery").sudo()._trigger(now + delay)
        return False

    def _alert_managers(self):
        """After the last attempt: a to-do for the property's front-desk
        managers on the stay, and a note, so the guest gets a key card."""
        res = self.door_code_id.reservation_id
        managers = self.env.ref("hotel_base.group_hotel_frontdesk_manager").all_user_ids.filtered(
            lambda u: self.property_id in u.hotel_property_ids)
        summary = self.env._("Lock system did not take the door code of room %(room)s", room=self.room_id.name)
        note = self.env._(
            "%(lock)s refused or did not answer %(n)s times (%(error)s). The %(event)s of the door code of room "
            "%(room)s is not on the lock: give the guest a key card, and press Retry on the lock system when it "
            "is back.", lock=self.provider_id.name, n=self.attempts, error=self.last_error,
            event=dict(self._fields["event"]._description_selection(self.env))[self.event], room=self.room_id.name)
        for user in managers or self.env.ref("base.user_admin"):
            res.activity_schedule("mail.mail_activity_data_todo", summary=summary, note=note, user_id=user.id)
        res.message_post(body=note)
