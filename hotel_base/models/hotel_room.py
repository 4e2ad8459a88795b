from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROOM_VIEWS = [
    ("none", "No particular view"),
    ("city", "City view"),
    ("garden", "Garden view"),
    ("courtyard", "Courtyard view"),
    ("sea", "Sea view"),
    ("lake", "Lake view"),
    ("river", "River view"),
    ("mountain", "Mountain view"),
]


class HotelRoom(models.Model):
    """A physical room (客房) of a property.

    Invariants: its number is unique within the property (archived rooms
    included, so history never becomes ambiguous); its floor and connecting
    room belong to the same property; archived rooms are never inventory.
    """

    _name = "hotel.room"
    _description = "Hotel Room"
    _inherit = ["hotel.property.mixin", "mail.thread"]
    _order = "property_id, sequence, name, id"
    _check_company_auto = True
    _hotel_property_fields = ("room_type_id", "floor_id", "connecting_room_id")

    name = fields.Char(string="Room Number", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True, help="Archived rooms are never sold nor counted as inventory.")
    room_type_id = fields.Many2one(
        "hotel.room.type", required=True, index=True, tracking=True, ondelete="restrict",
    )
    property_id = fields.Many2one(
        related="room_type_id.property_id", store=True, index=True, precompute=True,
    )
    company_id = fields.Many2one(related="room_type_id.company_id", store=True, index=True)
    floor_id = fields.Many2one(
        "hotel.floor", index=True, tracking=True,
        domain="[('property_id', '=', property_id)]",
    )
    floor_level = fields.Integer(related="floor_id.level", store=True)
    view = fields.Selection(ROOM_VIEWS, default="none", required=True)
    smoking_allowed = fields.Boolean(tracking=True)
    accessible = fields.Boolean(string="Wheelchair Accessible", tracking=True)
    quiet = fields.Boolean(string="Quiet Side", help="Away from lifts, street and bar.")
    connecting_room_id = fields.Many2one(
        "hotel.room", domain="[('property_id', '=', property_id), ('id', '!=', id)]",
        help="Room reachable through an inner door, for families and groups.",
    )
    max_occupancy = fields.Integer(related="room_type_id.max_occupancy")
    note = fields.Text(string="Internal Notes")
    color = fields.Integer()

    # Case-insensitive, like the friendly check below: "a12" and "A12" are the same door.
    _name_property_ci_uniq = models.UniqueIndex(
        "(property_id, lower(name))",
        "This property already has a room with this number (it may be archived).",
    )

    @api.depends("name", "room_type_id.code")
    def _compute_display_name(self):
        for room in self:
            room.display_name = room.name or ""

    def _check_unique_numbers(self, vals_list):
        """Refuse a room number already used in the property, archived rooms included.

        Runs before the INSERT/UPDATE so the user gets a message naming the room
        and property; the UNIQUE constraint stays the guard against races.
        """
        Room = self.with_context(active_test=False).sudo()
        RoomType = self.env["hotel.room.type"].sudo()
        seen = set()
        for room, vals in vals_list:
            name = (vals.get("name") or room.name or "").strip()
            room_type = RoomType.browse(vals["room_type_id"]) if vals.get("room_type_id") else room.room_type_id
            prop = room_type.property_id
            if not name or not prop:
                continue
            key = (prop.id, name.lower())
            dup = Room.search([("property_id", "=", prop.id), ("name", "=ilike", name), ("id", "not in", room.ids)],
                              limit=1)
            if dup or key in seen:
                raise ValidationError(self.env._(
                    "Room %(room)s already exists in %(property)s%(archived)s.",
                    room=name, property=prop.name,
                    archived=self.env._(" (archived)") if dup and not dup.active else ""))
            seen.add(key)

    @api.constrains("floor_id", "connecting_room_id", "room_type_id")
    def _check_same_property(self):
        """Floors and connecting rooms must belong to the room's own property."""
        for room in self:
            if room.floor_id and room.floor_id.property_id != room.property_id:
                raise ValidationError(self.env._(
                    "Floor %(floor)s belongs to %(other)s, not to %(property)s.",
                    floor=room.floor_id.name, other=room.floor_id.property_id.name,
                    property=room.property_id.name))
            if room.connecting_room_id:
                if room.connecting_room_id == room:
                    raise ValidationError(self.env._("Room %(room)s cannot connect to itself.", room=room.name))
                if room.connecting_room_id.property_id != room.property_id:
                    raise ValidationError(self.env._(
                        "Room %(room)s can only connect to a room of the same property.", room=room.name))

    @api.model_create_multi
    def create(self, vals_list):
        self._hotel_check_client_input(vals_list)
        for vals in vals_list:
            if vals.get("name"):
                vals["name"] = vals["name"].strip()
        self._check_unique_numbers([(self.browse(), vals) for vals in vals_list])
        rooms = super().create(vals_list)
        rooms._sync_connecting_rooms()
        return rooms

    def write(self, vals):
        self._hotel_check_client_input([vals])
        if vals.get("name"):
            vals["name"] = vals["name"].strip()
        if "name" in vals or "room_type_id" in vals:
            self._check_unique_numbers([(room, vals) for room in self])
        previous = self.connecting_room_id if "connecting_room_id" in vals else self.browse()
        res = super().write(vals)
        if "connecting_room_id" in vals:
            # Unlink the old partners that still pointed back at us.
            stale = (previous - self.connecting_room_id).filtered(lambda r: r.connecting_room_id & self)
            if stale:
                stale.write({"connecting_room_id": False})
            self._sync_connecting_rooms()
        return res

    def _sync_connecting_rooms(self):
        """Connection is symmetric: if 101 connects to 102, then 102 connects to 101."""
        for room in self.filtered("connecting_room_id"):
            other = room.connecting_room_id
            if other.connecting_room_id != room:
                other.write({"connecting_room_id": room.id})
