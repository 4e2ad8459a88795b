import hashlib
import hmac
import json
import threading
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.hotel_reservation.tests.common import HotelReservationCase

# Valid 身份证 numbers (GB 11643 check character) for the tests.
ID_WU = "11010519491231002X"
ID_LI = "440524188001010014"
ID_ZHANG = "110105194912310038"
ID_CHILD = "330106201006151231"  # born 2010-06-15


class CheckinCase(HotelReservationCase):
    """The test hotel registering every guest and issuing door codes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotel.write({"registration_required": True, "door_code_enabled": True, "door_code_length": 6,
                         "charge_late_early": True})
        cls.marketing = new_test_user(
            cls.env, login="k_marketing", groups="base.group_user,hotel_base.group_hotel_marketing",
            hotel_property_ids=[Command.set(cls.hotel.ids)])
        cls.companion = cls.env["res.partner"].create({"name": "Test Companion Li", "is_hotel_guest": True})

    def book(self, *args, **kwargs):
        """As the base case, created at the (frozen) test time: the reminders
        compare the booking time with their own."""
        res = super().book(*args, **kwargs)
        res.flush_recordset()
        self.env.cr.execute("UPDATE hotel_reservation SET create_date = %s WHERE id = %s", [datetime.now(), res.id])
        res.invalidate_recordset(["create_date"])
        return res

    def booked_days_ago(self, res, days):
        """Pretend ``res`` was booked ``days`` before the (frozen) test time."""
        self.env.cr.execute("UPDATE hotel_reservation SET create_date = %s WHERE id = %s",
                            [datetime.now() - timedelta(days=days), res.id])
        res.invalidate_recordset(["create_date"])
        return res

    def mails(self, res, subject=""):
        """Mails queued to the guests of ``res`` (not attached to the stay: they may hold a door code)."""
        return self.env["mail.mail"].sudo().search(
            [("recipient_ids", "in", res.partner_id.ids), ("subject", "ilike", subject)])

    def document(self, partner, number=ID_WU, prop=None, **values):
        """An ID document recorded at the desk (as the registration wizard does)."""
        return self.env["hotel.guest.document"].create(dict({
            "partner_id": partner.id, "property_id": (prop or self.hotel).id, "document_type": "id_card",
            "number": number}, **values))

    def add_guest(self, res, partner, **values):
        return self.env["hotel.reservation.guest"].create(dict(
            {"reservation_id": res.id, "partner_id": partner.id}, **values))

    def registered_stay(self, arrival=None, **values):
        """A confirmed two-adult stay whose guests are both registered."""
        res = self.book(arrival=arrival or self.today, **values)
        Document = self.env["hotel.guest.document"].sudo()
        for partner, number in ((self.guest, ID_WU), (self.companion, ID_LI)):
            if not Document.search_count([("partner_id", "=", partner.id), ("property_id", "=", self.hotel.id)]):
                self.document(partner, number)
        self.add_guest(res, self.companion)
        return res

    def active_code(self, res):
        return res.sudo().door_code_ids.filtered(lambda c: c.state == "active")


class LockServer:
    """A lock system's webhook on the loopback address, in a thread: checks
    each message's signature with the shared secret and keeps what it got.
    ``status`` is what it answers (503: the lock system is down)."""

    def __init__(self, secret):
        self.secret = secret
        self.status = 200
        self.received = []  # (headers, body, signature ok)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                timestamp = self.headers.get("X-Hotel-Timestamp", "")
                expected = "sha256=" + hmac.new(server.secret.encode(), f"{timestamp}.".encode() + body,
                                                hashlib.sha256).hexdigest()
                valid = hmac.compare_digest(expected, self.headers.get("X-Hotel-Signature", ""))
                server.received.append((dict(self.headers), json.loads(body), valid))
                status = server.status if valid else 401
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps({"ok": status == 200}).encode())

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hooks/odoo"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
