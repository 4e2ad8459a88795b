from datetime import timedelta

from odoo import api, fields, models


class HotelProperty(models.Model):
    _inherit = "hotel.property"

    hk_use_pickup = fields.Boolean(
        string="Pickup State", help="A quick touch-up state between dirty and clean (rooms only lightly used).")
    hk_use_inspection = fields.Boolean(
        string="Inspections", default=True,
        help="A supervisor inspects cleaned rooms: clean -> inspected (or back to dirty with the failed points).")
    hk_checkin_policy = fields.Selection(
        [("warn", "Warn"), ("block", "Refuse")], string="Check-in of a Room Not Ready", default="warn",
        required=True, help="What happens when the desk checks a guest into a room that is not clean (or "
                            "inspected, with inspections on): a note on the booking, or a refusal.")
    hk_stayover_every = fields.Integer(
        string="Stay-over Service Every", default=1,
        help="Nights between two services of an occupied room (1: every day).")
    hk_decay_days = fields.Integer(
        string="Clean Rooms Go Stale After", default=3,
        help="Vacant days after which a clean or inspected room is set back to dirty (0: never).")
    hk_lost_found_days = fields.Integer(
        string="Keep Found Items", default=90, help="Days an unclaimed item is kept before it may be disposed of.")
    hk_lost_valuables_days = fields.Integer(
        string="Keep Valuables and Documents", default=180,
        help="Days unclaimed valuables and documents are kept before they may be disposed of.")

    desk_vacant_ready = fields.Integer(compute="_compute_desk_rooms", string="Vacant and Ready")
    desk_vacant_dirty = fields.Integer(compute="_compute_desk_rooms", string="Vacant, Not Ready")
    desk_out_of_order = fields.Integer(compute="_compute_desk_rooms", string="Out of Order")

    _hk_stayover_check = models.Constraint(
        "CHECK(hk_stayover_every >= 1 AND hk_stayover_every <= 30)",
        "Stay-over service is every 1 to 30 nights.")
    _hk_decay_check = models.Constraint(
        "CHECK(hk_decay_days >= 0 AND hk_decay_days <= 60)", "Stale rooms decay after 0 to 60 days.")

    _hk_lost_found_check = models.Constraint(
        "CHECK(hk_lost_found_days BETWEEN 1 AND 3650 AND hk_lost_valuables_days BETWEEN 1 AND 3650)",
        "Found items are kept 1 to 3,650 days.")

    @api.depends_context("uid")
    def _compute_desk_rooms(self):
        """Rooms of each property now: vacant and ready to sell, vacant but
        not ready (to clean or inspect), out of order (the front desk's home)."""
        for prop in self:
            Room = self.env["hotel.room"]
            rooms = Room.search([("property_id", "=", prop.id)]) if prop.id else Room
            occupancy = rooms._hk_occupancy_today()
            blocked = rooms.filtered(lambda r: r.hk_block_kind == "out_of_order")
            vacant = rooms.filtered(lambda r, o=occupancy: o.get(r.id) in ("vacant", "arriving")) - blocked
            ready = vacant.filtered(lambda r, p=prop: r.hk_state in p._hk_ready_states())
            prop.desk_vacant_ready = len(ready)
            prop.desk_vacant_dirty = len(vacant - ready)
            prop.desk_out_of_order = len(blocked)

    def _desk_rooms(self, domain):
        self.ensure_one()
        self._hotel_check_action_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_housekeeping.action_hotel_room_status")
        action["domain"] = [("property_id", "=", self.id), *domain]
        return action

    def action_desk_rooms_ready(self):
        return self._desk_rooms([("hk_ready", "=", True)])

    def action_desk_rooms_not_ready(self):
        return self._desk_rooms([("hk_occupancy", "in", ("vacant", "arriving")), ("hk_ready", "=", False),
                                 ("hk_block_kind", "!=", "out_of_order")])

    def action_desk_rooms_out_of_order(self):
        return self._desk_rooms([("hk_block_kind", "=", "out_of_order")])

    def _hk_ready_states(self):
        """Cleanliness states in which a room may receive a guest."""
        self.ensure_one()
        return ("inspected",) if self.hk_use_inspection else ("clean", "inspected")

    @api.model
    def _rack_room_badges(self, rooms):
        """Cleanliness of each room and today's out-of-order / service marker."""
        badges = super()._rack_room_badges(rooms)
        labels = dict(rooms._fields["hk_state"]._description_selection(self.env))
        kinds = dict(self.env["hotel.room.block"]._fields["kind"]._description_selection(self.env))
        for room in rooms:
            marks = badges.setdefault(room.id, [])
            marks.append({"kind": f"hk_{room.hk_state}", "label": labels.get(room.hk_state, "")})
            if room.hk_block_kind:
                marks.append({"kind": room.hk_block_kind, "label": kinds[room.hk_block_kind]})
        return badges

    @api.model
    def _rack_blocks(self, rooms, date_from, date_to):
        blocks = self.env["hotel.room.block"].search([
            ("room_id", "in", rooms.ids), ("state", "=", "open"),
            ("date_from", "<", date_to), ("date_to", ">=", date_from)])
        kinds = dict(blocks._fields["kind"]._description_selection(self.env))
        return super()._rack_blocks(rooms, date_from, date_to) + [{
            "id": block.id, "room_id": block.room_id.id, "kind": block.kind,
            "start": fields.Date.to_string(block.date_from),
            "stop": fields.Date.to_string(block.date_to + timedelta(days=1)),
            "label": f"{kinds[block.kind]}: {block.reason}",
        } for block in blocks]

    @api.model
    def _hotel_home_action(self):
        """Housekeepers land on their tasks of today."""
        user = self.env.user
        if user.has_group("hotel_base.group_hotel_housekeeping") \
                and not user.has_group("hotel_base.group_hotel_frontdesk_user") \
                and not user.has_group("hotel_base.group_hotel_admin"):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "hotel_housekeeping.action_hotel_housekeeping_my_tasks")
        return super()._hotel_home_action()
