from datetime import timedelta

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from odoo.addons.hotel_base.tools.rules import workflow_method, workflow_write

BLOCK_KINDS = [("out_of_order", "Out of Order"), ("out_of_service", "Out of Service")]
BLOCK_STATES = [("open", "Open"), ("done", "Back in Service"), ("cancelled", "Cancelled")]
RETURN_STATES = [("dirty", "Dirty"), ("clean", "Clean"), ("inspected", "Inspected")]
SUPERVISOR = "hotel_housekeeping.group_hotel_housekeeping_supervisor"
# Fields whose change moves the block's room-nights in the ledger.
LEDGER_FIELDS = ("room_id", "kind", "date_from", "date_to")


class HotelRoomBlock(models.Model):
    """A room taken out of use for a range of nights (维修房).

    Out of order (OOO) removes the room from inventory: the block holds its
    room-nights in the ledger (``hotel.reservation.night`` with ``block_id``),
    so the unique index on (room, night) refuses a booking and a block on the
    same room-night whatever the order or the race, availability counts the
    room as taken, and the occupancy report and night audit take it out of the
    rooms available (USALI). Out of service (OOS) keeps the room sellable: no
    ledger row, a marker on the status board only.

    Invariants: a block never covers a room-night held by a stay (the list of
    the conflicting bookings is given); nights already past stay in the ledger
    as history; back in service (by hand, at the end of the range, or when the
    linked maintenance request is done) frees the nights from today and sets
    the room's cleanliness to the block's return status. State and ledger
    change through the actions only.
    """

    _name = "hotel.room.block"
    _description = "Out of Order / Out of Service"
    _inherit = ["hotel.property.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "state, date_from desc, id desc"
    _hotel_property_fields = ("room_id",)
    _hotel_protected_fields = ("state", "night_ids", "returned_at")
    _check_company_auto = True

    room_id = fields.Many2one("hotel.room", required=True, index=True, tracking=True)
    property_id = fields.Many2one(related="room_id.property_id", store=True, index=True, precompute=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True)
    kind = fields.Selection(BLOCK_KINDS, string="Type", required=True, default="out_of_order", tracking=True,
                            help="Out of order: the room cannot be sold (taken out of inventory and of the "
                                 "rooms available). Out of service: a minor problem, the room stays sellable.")
    reason = fields.Char(required=True, tracking=True)
    date_from = fields.Date(string="First Night", required=True, tracking=True,
                            default=lambda self: self._default_date())
    date_to = fields.Date(string="Last Night", required=True, tracking=True,
                          help="Last night the room is out of use: it can be sold again from the next day.")
    return_state = fields.Selection(RETURN_STATES, string="Return Status", required=True, default="dirty",
                                    help="Cleanliness of the room when it comes back into service.")
    state = fields.Selection(BLOCK_STATES, string="Status", default="open", required=True, index=True, tracking=True)
    returned_at = fields.Datetime(string="Back in Service At", readonly=True, copy=False)
    nights = fields.Integer(compute="_compute_nights")
    is_current = fields.Boolean(compute="_compute_is_current", search="_search_is_current", string="Today",
                                help="Open and covering today at the property.")
    maintenance_request_id = fields.Many2one("maintenance.request",
                                             index="btree_not_null", ondelete="set null", tracking=True)
    night_ids = fields.One2many("hotel.reservation.night", "block_id", string="Room Nights",
                                context={"active_test": False})
    note = fields.Text()

    _dates_check = models.Constraint("CHECK(date_to >= date_from)",
                                     "The last night of a block cannot be before its first night.")

    @api.model
    def _default_date(self):
        """Today at the room's property (the one given by the form), else at the user's first property."""
        room = self.env["hotel.room"].browse(self.env.context.get("default_room_id")).exists()
        prop = room.property_id or self.env.user.hotel_property_ids[:1]
        return prop._local_today() if prop else fields.Date.context_today(self)

    @api.depends("room_id", "kind", "reason")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for block in self:
            block.display_name = self.env._("%(room)s %(kind)s: %(reason)s", room=block.room_id.name or "",
                                            kind=labels.get(block.kind, ""), reason=block.reason or "")

    @api.depends("date_from", "date_to")
    def _compute_nights(self):
        for block in self:
            ok = block.date_from and block.date_to and block.date_to >= block.date_from
            block.nights = (block.date_to - block.date_from).days + 1 if ok else 0

    @api.depends("state", "date_from", "date_to", "property_id")
    def _compute_is_current(self):
        for block in self:
            today = block.property_id._local_today() if block.property_id else fields.Date.context_today(block)
            block.is_current = block.state == "open" and block.date_from <= today <= block.date_to

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        blocks = self.sudo().search([("state", "=", "open")])
        current = blocks.filtered("is_current").ids
        return [("id", "in" if (operator == "=") == value else "not in", current)]

    # ------------------------------------------------------------ life cycle
    def _check_manager(self):
        if not (self.env.user.has_group(SUPERVISOR) or self.env.su):
            raise AccessError(self.env._("Only housekeeping supervisors can take rooms out of order or back."))

    @api.model_create_multi
    def create(self, vals_list):
        self._hotel_check_client_input(vals_list)
        blocks = super().create(vals_list)
        for block in blocks:
            today = block.property_id._local_today()
            if block.date_from < today:
                raise UserError(self.env._("A block cannot start in the past (%(date)s): today is %(today)s at "
                                           "%(property)s.", date=block.date_from, today=today,
                                           property=block.property_id.name))
        blocks._sync_ledger()
        return blocks

    def write(self, vals):
        """Dates, room and type of an open block may change; once it has
        started, only its last night (not before today): the nights spent are
        history."""
        self._hotel_check_client_input([vals])
        moving = set(LEDGER_FIELDS) & vals.keys()
        for block in self if moving else ():
            if block.state != "open":
                raise UserError(self.env._("%(block)s is closed: open a new block instead.", block=block.display_name))
            today = block.property_id._local_today()
            date_from = fields.Date.to_date(vals.get("date_from", block.date_from))
            date_to = fields.Date.to_date(vals.get("date_to", block.date_to))
            started = block.date_from < today
            if started and ({"room_id", "kind"} & moving or date_from != block.date_from):
                raise UserError(self.env._(
                    "%(block)s has started: only its last night can change. Put the room back in service and open "
                    "a new block for another room or type.", block=block.display_name))
            if not started and date_from < today:
                raise UserError(self.env._("A block cannot start in the past (%(date)s): today is %(today)s at "
                                           "%(property)s.", date=date_from, today=today,
                                           property=block.property_id.name))
            if date_to < today:
                raise UserError(self.env._("The last night of %(block)s cannot be before today (%(today)s): put the "
                                           "room back in service instead.", block=block.display_name, today=today))
        result = super().write(vals)
        if moving:
            self._sync_ledger()
        return result

    @workflow_method
    def _sync_ledger(self):
        """Make the ledger match the open out-of-order blocks from today on:
        one active row per night of the range, none for out-of-service or
        closed blocks. Refused, naming the bookings, when a stay holds one of
        those room-nights; a booking saved a moment ago by another transaction
        is caught by the unique index."""
        Night = self.env["hotel.reservation.night"].sudo().with_context(active_test=False)
        for block in self:
            today = block.property_id._local_today()
            future = block.sudo().night_ids.filtered(lambda n, t=today: n.date >= t)
            wanted = set()
            if block.state == "open" and block.kind == "out_of_order":
                start = max(block.date_from, today)
                wanted = {start + timedelta(days=i) for i in range((block.date_to - start).days + 1)}
            stale = future.filtered(lambda n, w=wanted, r=block.room_id: n.date not in w or n.room_id != r)
            stale.unlink()
            missing = sorted(wanted - set((future - stale).mapped("date")))
            if not missing:
                continue
            block._check_room_free(missing)
            try:
                with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                    Night.create([{"block_id": block.id, "room_id": block.room_id.id, "date": day, "active": True}
                                  for day in missing])
                    Night.flush_model()
            except pg_errors.UniqueViolation:
                raise UserError(self.env._(
                    "Room %(room)s was booked for one of the nights from %(start)s to %(end)s by someone else a "
                    "moment ago. Nothing was saved: look at the room's bookings and try again.",
                    room=block.room_id.name, start=missing[0], end=missing[-1])) from None

    def _check_room_free(self, dates):
        """Refuse the block when stays hold its room on ``dates``, listing them."""
        self.ensure_one()
        taken = self.env["hotel.reservation.night"].sudo().search(
            [("room_id", "=", self.room_id.id), ("date", "in", dates), ("active", "=", True),
             ("block_id", "!=", self.id)], order="date")
        if taken:
            holders = ", ".join(dict.fromkeys(night._holder_name() for night in taken))
            raise UserError(self.env._(
                "Room %(room)s cannot be taken out of order from %(start)s to %(end)s: it is held by %(holders)s. "
                "Move these bookings to another room first.",
                room=self.room_id.name, start=dates[0], end=dates[-1], holders=holders))

    def _check_not_occupied(self):
        """Out of service is refused on a room with a guest in house or
        arriving today: it is for rooms the hotel can still decide about."""
        Reservation = self.env["hotel.reservation"].sudo()
        for block in self.filtered(lambda b: b.kind == "out_of_service" and b.state == "open"):
            today = block.property_id._local_today()
            stay = Reservation.search([
                ("room_id", "=", block.room_id.id), "|", ("state", "=", "checked_in"),
                "&", ("state", "=", "confirmed"), ("arrival_date", "=", today),
            ], limit=1)
            if stay and block.date_from <= today:
                raise UserError(self.env._("Room %(room)s is held by %(stay)s today: it cannot be put out of "
                                           "service now.", room=block.room_id.name, stay=stay.display_name))

    @api.constrains("kind", "room_id", "date_from", "state")
    def _constrain_not_occupied(self):
        self._check_not_occupied()

    def action_return_to_service(self):
        """The room is fixed: free its nights from today and set its
        cleanliness to the return status."""
        self._check_manager()
        self._hotel_check_action_access("write")
        self._return_to_service()
        return True

    @workflow_method
    def _return_to_service(self, reason=None):
        for block in self.filtered(lambda b: b.state == "open"):
            today = block.property_id._local_today()
            if block.date_from > today:
                block.write({"state": "cancelled"})
            else:
                block.write({"state": "done", "returned_at": fields.Datetime.now()})
                block.room_id._hk_set_state(block.return_state, reason=reason or self.env._(
                    "Back in service: %(block)s", block=block.display_name))
            block._sync_ledger()
            if reason:
                block.message_post(body=reason)

    def action_cancel(self):
        """A block that has not started is dropped (its nights freed)."""
        self._check_manager()
        self._hotel_check_action_access("write")
        for block in self:
            if block.state == "open" and block.date_from <= block.property_id._local_today():
                raise UserError(self.env._("%(block)s has started: put the room back in service instead.",
                                           block=block.display_name))
        with workflow_write():
            self.filtered(lambda b: b.state == "open").write({"state": "cancelled"})
        self._sync_ledger()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        for block in self:
            if block.state == "done" or block.state == "open" and block.date_from <= block.property_id._local_today():
                raise UserError(self.env._("%(block)s is history: it cannot be deleted.", block=block.display_name))

    @api.model
    def _close_ended(self, prop):
        """Open blocks of ``prop`` whose last night is over come back into service."""
        ended = self.sudo().search([("property_id", "=", prop.id), ("state", "=", "open"),
                                    ("date_to", "<", prop._local_today())])
        ended._return_to_service(reason=self.env._("The block ended."))
        return ended
