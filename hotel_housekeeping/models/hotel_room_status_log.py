from odoo import fields, models

from .hotel_room import CLEAN_STATES


class HotelRoomStatusLog(models.Model):
    """Cleanliness history of a room: who changed it, when, from what to what,
    and through which task (written by ``hotel.room._hk_set_state`` only)."""

    _name = "hotel.room.status.log"
    _description = "Room Cleanliness History"
    _order = "id desc"

    room_id = fields.Many2one("hotel.room", required=True, index=True, ondelete="cascade")
    property_id = fields.Many2one(related="room_id.property_id", store=True, index=True)
    state_from = fields.Selection(CLEAN_STATES, string="From")
    state_to = fields.Selection(CLEAN_STATES, string="To", required=True)
    user_id = fields.Many2one("res.users", string="By", required=True, default=lambda self: self.env.user)
    task_id = fields.Many2one("hotel.housekeeping.task", index="btree_not_null", ondelete="set null")
    reason = fields.Char()
