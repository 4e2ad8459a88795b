import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hotel_base.tools.rules import workflow_method

FRONTDESK = "hotel_base.group_hotel_frontdesk_user"
REVOKE_REASONS = [
    ("check_out", "Checked out"),
    ("cancelled", "Booking cancelled"),
    ("no_show", "No-show"),
    ("room_move", "Room move"),
    ("manual", "Revoked by the desk"),
]


class HotelDoorCode(models.Model):
    """A one-time PIN opening one room for one stay.

    Invariants (database): one active code per stay and room, an active code
    is unique on its room, the code is 4-10 digits and its window is not empty.
    A code is created and revoked by the stay's workflow only (check-in,
    self check-in, check-out, cancellation, no-show, room move, date change);
    each change is queued for the property's lock system (hotel.lock.request)
    in the same transaction, delivered after it commits. The code itself is
    readable by the front desk only (field groups), never by housekeeping or
    marketing (no access to the model at all).
    """

    _name = "hotel.door.code"
    _description = "Door Code"
    _inherit = ["hotel.property.mixin"]
    _order = "issued_at desc, id desc"
    _rec_name = "room_id"
    _hotel_property_fields = ("reservation_id", "room_id")
    _hotel_protected_fields = ("code", "state", "valid_from", "valid_until", "issued_at", "revoked_at",
                               "revoke_reason", "reservation_id", "room_id")

    # restrict: a stay whose code reached a lock keeps the record (and its revoke goes out)
    reservation_id = fields.Many2one("hotel.reservation", required=True, index=True, ondelete="restrict",
                                     readonly=True)
    property_id = fields.Many2one(related="reservation_id.property_id", store=True, index=True)
    room_id = fields.Many2one("hotel.room", required=True, index=True, readonly=True)
    partner_id = fields.Many2one(related="reservation_id.partner_id", string="Guest")
    code = fields.Char(required=True, readonly=True, groups=FRONTDESK, copy=False)
    state = fields.Selection([("active", "Active"), ("revoked", "Revoked")], default="active", required=True,
                             readonly=True, index=True)
    valid_from = fields.Datetime(required=True, readonly=True)
    valid_until = fields.Datetime(required=True, readonly=True)
    issued_at = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    revoked_at = fields.Datetime(readonly=True)
    revoke_reason = fields.Selection(REVOKE_REASONS, readonly=True)
    request_ids = fields.One2many("hotel.lock.request", "door_code_id", string="Lock Messages")
    lock_state = fields.Selection(
        [("none", "No Lock System"), ("pending", "Sending"), ("sent", "Sent"), ("failed", "Failed")],
        compute="_compute_lock_state", string="Lock")

    _one_active_per_stay = models.UniqueIndex(
        "(reservation_id, room_id) WHERE state = 'active'", "This stay already has an active code for this room.")
    _code_unique_on_room = models.UniqueIndex(
        "(room_id, code) WHERE state = 'active'", "Another active code of this room has the same digits.")
    _code_digits = models.Constraint("CHECK(code ~ '^[0-9]{4,10}$')", "A door code is 4 to 10 digits.")
    _window_check = models.Constraint("CHECK(valid_until > valid_from)", "A door code must be valid for a while.")

    @api.depends("request_ids.state")
    def _compute_lock_state(self):
        for code in self:
            states = set(code.sudo().request_ids.mapped("state"))
            if not states:
                code.lock_state = "none"
            elif "failed" in states:
                code.lock_state = "failed"
            elif states & {"queued", "retrying"}:
                code.lock_state = "pending"
            else:
                code.lock_state = "sent"

    @api.model
    def _new_code(self, length, taken):
        """Random digits (``secrets``), not among ``taken`` (the room's active codes)."""
        for _attempt in range(100):
            code = "".join(str(secrets.randbelow(10)) for _i in range(length))
            if code not in taken and len(set(code)) > 1:  # no 000000: the first code a passer-by tries
                return code
        raise UserError(self.env._("No free door code of %(n)s digits: lengthen the codes.", n=length))

    @api.model
    @workflow_method
    def _issue(self, reservations, now=None):
        """Issue a code for each stay (its current room) and queue it for the
        lock. Valid from the check-in time of the arrival day (or now, for an
        early check-in) to the check-out time of the departure day, in the
        property's timezone. Stays already holding an active code for their
        room keep it. Returns the new codes."""
        now = now or fields.Datetime.now()
        Code = self.sudo()
        existing = Code.search([("reservation_id", "in", reservations.ids), ("state", "=", "active")])
        held = {(c.reservation_id.id, c.room_id.id) for c in existing}
        taken = {}
        for code in Code.search([("room_id", "in", reservations.room_id.ids), ("state", "=", "active")]):
            taken.setdefault(code.room_id.id, set()).add(code.code)
        vals_list = []
        for code in existing.filtered(lambda c: c.reservation_id.state == "checked_in" and c.valid_from > now):
            # an early check-in at the desk of a stay holding its code already: the door opens now
            code.write({"valid_from": now})
            self.env["hotel.lock.request"]._enqueue(code, "update")
        for res in reservations:
            prop = res.property_id
            if not res.room_id or (res.id, res.room_id.id) in held or not prop.door_code_enabled:
                continue
            start, end = res._door_code_window()
            if res.state == "checked_in":
                start = min(start, now)
            code = self._new_code(prop.door_code_length, taken.setdefault(res.room_id.id, set()))
            taken[res.room_id.id].add(code)
            vals_list.append({"reservation_id": res.id, "room_id": res.room_id.id, "code": code,
                              "valid_from": start, "valid_until": end, "issued_at": now})
        codes = Code.create(vals_list)
        self.env["hotel.lock.request"]._enqueue(codes, "issue")
        for code in codes:
            code.reservation_id.message_post(body=self.env._(
                "Door code issued for room %(room)s, valid %(start)s - %(end)s.", room=code.room_id.name,
                start=code._local_label(code.valid_from), end=code._local_label(code.valid_until)))
        return codes

    @workflow_method
    def _revoke(self, reason):
        """Revoke active codes and tell the lock (never deleted: the log stays)."""
        codes = self.sudo().filtered(lambda c: c.state == "active")
        if not codes:
            return codes
        codes.write({"state": "revoked", "revoked_at": fields.Datetime.now(), "revoke_reason": reason})
        self.env["hotel.lock.request"]._enqueue(codes, "revoke")
        labels = dict(self._fields["revoke_reason"]._description_selection(self.env))
        for code in codes:
            code.reservation_id.message_post(body=self.env._(
                "Door code of room %(room)s revoked (%(reason)s).", room=code.room_id.name, reason=labels[reason]))
        return codes

    @workflow_method
    def _reschedule(self):
        """The stay's dates changed: the active codes follow (same digits) and
        the lock is told the new window."""
        for code in self.sudo().filtered(lambda c: c.state == "active"):
            res = code.reservation_id
            start, end = res._door_code_window()
            if res.state == "checked_in":
                start = min(start, code.valid_from)
            if (start, end) != (code.valid_from, code.valid_until):
                code.write({"valid_from": start, "valid_until": end})
                self.env["hotel.lock.request"]._enqueue(code, "update")

    def _lock_payload(self, event):
        """What the lock system receives (no guest data: a room, a PIN, a window)."""
        self.ensure_one()
        return {
            "event": f"door_code.{event}", "code_id": self.id, "property": self.property_id.code,
            "room": self.room_id.name, "pin": self.sudo().code if event != "revoke" else None,
            "valid_from": self.valid_from.isoformat() + "Z", "valid_until": self.valid_until.isoformat() + "Z",
            "booking": self.reservation_id.name,
        }

    def _local_label(self, utc_dt):
        """'2026-03-11 14:00' in the property's time."""
        return self.property_id._from_utc(utc_dt).strftime("%Y-%m-%d %H:%M")

    def action_revoke(self):
        """The desk revokes a code (lost, shared): a new one can be issued."""
        self.reservation_id._hotel_check_action_access("write")
        self._revoke("manual")
        return True
