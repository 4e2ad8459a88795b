from odoo import api, fields, models
from odoo.exceptions import UserError


class HotelReservationNight(models.Model):
    """An out-of-order block holds its room-nights in the ledger, like a stay:
    the same unique index then refuses a booking and a block on one
    room-night, even from two concurrent transactions.

    Invariant: a row is held by exactly one of a stay or a block (CHECK)."""

    _inherit = "hotel.reservation.night"
    _hotel_property_fields = ("reservation_id", "room_id", "block_id")
    _hotel_protected_fields = ("reservation_id", "room_id", "date", "active", "price_manual", "block_id")

    reservation_id = fields.Many2one(required=False)
    block_id = fields.Many2one("hotel.room.block", string="Out of Order", index="btree_not_null",
                               ondelete="cascade", readonly=True)

    _one_holder = models.Constraint(
        "CHECK(num_nonnulls(reservation_id, block_id) = 1)",
        "A room-night is held by one stay or one out-of-order block.",
    )

    @api.depends("block_id.property_id", "block_id.company_id")
    def _compute_holder(self):
        """Property and company of the row: those of its stay or its block."""
        for night in self:
            holder = night.block_id or night.reservation_id
            night.property_id = holder.property_id
            night.company_id = holder.company_id

    def write(self, vals):
        if "price" in vals and self.filtered("block_id"):
            raise UserError(self.env._("An out-of-order night has no price: it is not sold."))
        return super().write(vals)

    def _holder_name(self):
        if self.block_id:
            return self.block_id.sudo().display_name
        return super()._holder_name()
