from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.hotel_base.tools.rules import workflow_write

from .hotel_room_block import BLOCK_KINDS

CLEAN_STATES = [
    ("dirty", "Dirty"),
    ("in_progress", "Cleaning"),
    ("pickup", "Pickup"),
    ("clean", "Clean"),
    ("inspected", "Inspected"),
]
OCCUPANCY = [
    ("vacant", "Vacant"),
    ("arriving", "Arriving Today"),
    ("occupied", "Occupied"),
    ("departing", "Departing Today"),
]


class HotelRoom(models.Model):
    """Room status has axes, not one selection (ARCHITECTURE #8): occupancy comes
    from the ledger, cleanliness is the housekeeping state, flags stand beside.

    Invariant: ``hk_state`` changes through ``_hk_set_state`` only (tasks,
    front-office events, supervisors' actions), each change logged in
    ``hotel.room.status.log``."""

    _inherit = "hotel.room"
    _hotel_protected_fields = ("hk_state", "hk_state_date")

    hk_state = fields.Selection(CLEAN_STATES, string="Cleanliness", default="clean", required=True, index=True,
                                tracking=True)
    hk_state_date = fields.Datetime(string="Cleanliness Since", default=fields.Datetime.now, readonly=True)
    hk_occupancy = fields.Selection(OCCUPANCY, string="Occupancy", compute="_compute_hk_occupancy",
                                    search="_search_hk_occupancy")
    hk_dnd = fields.Boolean(string="Do Not Disturb", tracking=True)
    hk_make_up = fields.Boolean(string="Make Up Room", tracking=True,
                                help="The guest asked for the room to be made up.")
    hk_turndown = fields.Boolean(string="Turndown", help="Evening turndown service requested.")
    hk_task_ids = fields.One2many("hotel.housekeeping.task", "room_id", string="Housekeeping Tasks")
    hk_status_log_ids = fields.One2many("hotel.room.status.log", "room_id", string="Cleanliness History")
    hk_ready = fields.Boolean(string="Ready to Sell", compute="_compute_hk_ready", search="_search_hk_ready",
                              help="Clean (or inspected where inspections are on), not occupied, not out of order.")
    hk_block_ids = fields.One2many("hotel.room.block", "room_id", string="Room Blocks")
    hk_block_id = fields.Many2one("hotel.room.block", string="Current Block", compute="_compute_hk_block")
    hk_block_kind = fields.Selection(BLOCK_KINDS, string="Out of Order / Service", compute="_compute_hk_block",
                                     search="_search_hk_block_kind")

    @api.depends("hk_block_ids.state", "hk_block_ids.date_from", "hk_block_ids.date_to")
    @api.depends_context("uid")
    def _compute_hk_block(self):
        """The open block covering today at the room's property, if any."""
        current = self.env["hotel.room.block"].sudo().search([("room_id", "in", self.ids), ("is_current", "=", True)])
        by_room = {block.room_id.id: block for block in current}
        for room in self:
            block = by_room.get(room.id, self.env["hotel.room.block"])
            room.hk_block_id = block
            room.hk_block_kind = block.kind

    def _search_hk_block_kind(self, operator, value):
        if operator not in ("in", "=", "!="):
            return NotImplemented
        wanted = {value} if isinstance(value, str) or not value else set(value)
        current = self.env["hotel.room.block"].sudo().search([("is_current", "=", True)])
        if wanted & {False, None}:  # rooms in use (no current block)
            rooms = current.filtered(lambda b: b.kind not in wanted).room_id.ids
            return [("id", "in" if operator == "!=" else "not in", rooms)]
        rooms = current.filtered(lambda b: b.kind in wanted).room_id.ids
        return [("id", "not in" if operator == "!=" else "in", rooms)]

    def _hk_occupancy_today(self):
        """{room id: occupancy} for today at each room's property: one query per
        property on the reservations holding the rooms today."""
        result = dict.fromkeys(self.ids, "vacant")
        Reservation = self.env["hotel.reservation"].sudo()
        for prop in self.property_id:
            rooms = self.filtered(lambda r, p=prop: r.property_id == p)
            today = prop._local_today()
            stays = Reservation.search_fetch([
                ("room_id", "in", rooms.ids), ("state", "in", ("confirmed", "checked_in")),
                ("arrival_date", "<=", today), ("departure_date", ">=", today),
            ], ["room_id", "state", "arrival_date", "departure_date"])
            for res in stays:
                current = result[res.room_id.id]
                if res.state == "checked_in":
                    occupancy = "departing" if res.departure_date == today else "occupied"
                elif res.arrival_date == today:
                    occupancy = "arriving"
                else:
                    continue
                # an occupied room arriving again keeps "occupied"; departing + arriving shows departing
                rank = {"vacant": 0, "arriving": 1, "departing": 2, "occupied": 3}
                if rank[occupancy] > rank[current]:
                    result[res.room_id.id] = occupancy
        return result

    @api.depends_context("uid")
    def _compute_hk_occupancy(self):
        today = self._hk_occupancy_today()
        for room in self:
            room.hk_occupancy = today.get(room.id, "vacant")

    def _search_hk_occupancy(self, operator, value):
        if operator not in ("in", "=", "!="):
            return NotImplemented
        wanted = {value} if isinstance(value, str) else set(value)
        rooms = self.search([("property_id", "!=", False)])
        matching = [rid for rid, occ in rooms._hk_occupancy_today().items() if occ in wanted]
        return [("id", "not in" if operator == "!=" else "in", matching)]

    @api.depends("hk_state", "property_id.hk_use_inspection", "hk_block_kind")
    @api.depends_context("uid")
    def _compute_hk_ready(self):
        occupancy = self._hk_occupancy_today()
        for room in self:
            ready = room.hk_state in room.property_id._hk_ready_states() if room.property_id else False
            room.hk_ready = ready and occupancy.get(room.id) in ("vacant", "arriving") \
                and room.hk_block_kind != "out_of_order"

    def _search_hk_ready(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        ready = self.search([("property_id", "!=", False)]).filtered("hk_ready").ids
        return [("id", "in" if (operator == "=") == value else "not in", ready)]

    def _hk_set_state(self, state, task=None, reason=None):
        """Set the cleanliness of the rooms and log each change (who, when,
        from, to, task). The one path that writes ``hk_state``."""
        changing = self.filtered(lambda r: r.hk_state != state)
        if not changing:
            return
        self.env["hotel.room.status.log"].sudo().create([{
            "room_id": room.id, "state_from": room.hk_state, "state_to": state, "user_id": self.env.user.id,
            "task_id": task.id if task else False, "reason": reason,
        } for room in changing])
        with workflow_write():
            changing.sudo().write({"hk_state": state, "hk_state_date": fields.Datetime.now()})

    def _walk_in_ready(self):
        # out-of-order rooms never get here: their blocks hold tonight in the ledger, so they are not free
        return super()._walk_in_ready().filtered(lambda room: room.hk_state in room.property_id._hk_ready_states())

    def action_hk_new_block(self):
        """Take this room out of order (or service): a new block form."""
        self.ensure_one()
        self.env["hotel.room.block"]._check_manager()
        self._hotel_check_action_access("read")
        return {
            "type": "ir.actions.act_window", "res_model": "hotel.room.block", "view_mode": "form",
            "target": "new", "name": self.env._("Out of Order"), "context": {"default_room_id": self.id},
        }

    def _hk_check_supervisor(self):
        if not self.env.user.has_group("hotel_housekeeping.group_hotel_housekeeping_supervisor"):
            raise AccessError(self.env._("Only housekeeping supervisors can set a room's cleanliness by hand."))
        self._hotel_check_action_access("read")

    def action_hk_mark_dirty(self):
        self._hk_check_supervisor()
        self._hk_set_state("dirty", reason=self.env._("Set by a supervisor"))
        return True

    def action_hk_mark_clean(self):
        self._hk_check_supervisor()
        self._hk_set_state("clean", reason=self.env._("Set by a supervisor"))
        return True

    def action_hk_mark_inspected(self):
        self._hk_check_supervisor()
        self._hk_set_state("inspected", reason=self.env._("Set by a supervisor"))
        return True

    @api.model
    def _hk_decay(self, prop):
        """Clean or inspected rooms of ``prop`` left vacant longer than the
        property's decay period go back to dirty (dust settles)."""
        if not prop.hk_decay_days:
            return self.browse()
        limit = fields.Datetime.now() - timedelta(days=prop.hk_decay_days)
        stale = self.sudo().search([
            ("property_id", "=", prop.id), ("hk_state", "in", ("clean", "inspected")),
            ("hk_state_date", "<", limit),
        ])
        occupancy = stale._hk_occupancy_today()
        stale = stale.filtered(lambda r: occupancy[r.id] == "vacant")
        stale._hk_set_state("dirty", reason=self.env._("Vacant for more than %(days)s days", days=prop.hk_decay_days))
        return stale
