import secrets
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

MANAGERS = "hotel_base.group_hotel_frontdesk_manager"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class HotelLockProvider(models.Model):
    """A property's smart-lock system, reached by a generic HTTPS webhook.

    Each door code issued, updated or revoked is POSTed as JSON, signed with
    HMAC-SHA256 over ``<timestamp>.<body>`` with the shared secret (headers
    ``X-Hotel-Timestamp``, ``X-Hotel-Signature: sha256=<hex>``,
    ``X-Hotel-Event``, ``X-Hotel-Delivery``: the delivery id, the same on every
    retry, so the lock can drop a duplicate). Invariants: one active system per
    property; the URL is HTTPS (plain HTTP only to this machine's loopback, for
    a local bridge); the secret is readable by front-desk managers only.
    """

    _name = "hotel.lock.provider"
    _description = "Lock System"
    _inherit = ["hotel.property.mixin", "mail.thread"]
    _order = "property_id, id"

    name = fields.Char(required=True, tracking=True)
    property_id = fields.Many2one("hotel.property", required=True, index=True, tracking=True,
                                  default=lambda self: self.env.user.hotel_property_ids[:1])
    active = fields.Boolean(default=True, tracking=True)
    endpoint_url = fields.Char(string="Webhook URL", required=True, tracking=True)
    secret = fields.Char(groups=MANAGERS, copy=False, default=lambda self: secrets.token_hex(32),
                         help="Shared with the lock system, which checks each message's signature with it.")
    timeout = fields.Integer(string="Timeout (s)", default=10)
    max_attempts = fields.Integer(default=6, help="Tries before a message is given up and the managers alerted.")
    retry_minutes = fields.Integer(string="First Retry after (min)", default=1,
                                   help="Then twice as long after each failure.")
    request_ids = fields.One2many("hotel.lock.request", "provider_id", string="Lock Messages")
    failed_count = fields.Integer(compute="_compute_counts")
    pending_count = fields.Integer(compute="_compute_counts")
    last_success_at = fields.Datetime(readonly=True)

    _one_active_per_property = models.UniqueIndex(
        "(property_id) WHERE active", "A property has one active lock system.")
    _limits_check = models.Constraint(
        "CHECK(timeout BETWEEN 1 AND 60 AND max_attempts BETWEEN 1 AND 20 AND retry_minutes BETWEEN 1 AND 1440)",
        "Timeout 1-60 s, 1-20 attempts, first retry after 1 to 1,440 minutes.")

    def _compute_counts(self):
        Request = self.env["hotel.lock.request"]
        failed = dict(Request._read_group([("provider_id", "in", self.ids), ("state", "=", "failed")],
                                          ["provider_id"], ["__count"]))
        pending = dict(Request._read_group([("provider_id", "in", self.ids),
                                            ("state", "in", ("queued", "retrying"))], ["provider_id"], ["__count"]))
        for provider in self:
            provider.failed_count = failed.get(provider, 0)
            provider.pending_count = pending.get(provider, 0)

    @api.constrains("endpoint_url")
    def _check_endpoint_url(self):
        for provider in self:
            url = urlsplit(provider.endpoint_url or "")
            local = url.scheme == "http" and url.hostname in LOOPBACK
            if not url.hostname or (url.scheme != "https" and not local):
                raise ValidationError(self.env._(
                    "%(url)s is not an HTTPS address: door codes travel to the lock over HTTPS only.",
                    url=provider.endpoint_url))

    @api.constrains("secret")
    def _check_secret(self):
        for provider in self.sudo():
            if len(provider.secret or "") < 16:
                raise ValidationError(self.env._("The shared secret needs 16 characters at least."))

    def action_new_secret(self):
        """A new random secret (give it to the lock system)."""
        self._hotel_check_action_access("write")
        for provider in self:
            provider.secret = secrets.token_hex(32)
            provider.message_post(body=self.env._("A new shared secret was generated."))
        return True

    def action_retry_failed(self):
        """Send the given-up messages again (after the lock system is back)."""
        self._hotel_check_action_access("write")
        requests = self.env["hotel.lock.request"].sudo().search(
            [("provider_id", "in", self.ids), ("state", "=", "failed")])
        requests._requeue()
        return True

    def action_open_requests(self):
        self._hotel_check_action_access("read")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "name": self.env._("Lock Messages"), "res_model": "hotel.lock.request",
            "view_mode": "list", "domain": [("provider_id", "=", self.id)],
        }
