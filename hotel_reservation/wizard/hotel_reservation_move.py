from odoo import api, fields, models
from odoo.exceptions import UserError


class HotelReservationMove(models.TransientModel):
    """Change a stay: move it to another room, or extend/shorten it."""

    _name = "hotel.reservation.move"
    _description = "Move or Change Stay"
    _inherit = ["hotel.property.mixin"]
    _hotel_property_fields = ("reservation_id", "new_room_id")
    _hotel_write_targets = ("reservation_id",)

    reservation_id = fields.Many2one("hotel.reservation", required=True)
    mode = fields.Selection([("room", "Move to another room"), ("dates", "Change dates")],
                            required=True, default="room")
    property_id = fields.Many2one(related="reservation_id.property_id")
    room_id = fields.Many2one(related="reservation_id.room_id", string="Current Room")
    new_room_id = fields.Many2one("hotel.room", domain="[('id', 'in', free_room_ids)]")
    free_room_ids = fields.Many2many("hotel.room", compute="_compute_free_room_ids")
    arrival_date = fields.Date(compute="_compute_dates", store=True, readonly=False)
    departure_date = fields.Date(compute="_compute_dates", store=True, readonly=False)

    @api.depends("reservation_id")
    def _compute_dates(self):
        for wizard in self:
            wizard.arrival_date = wizard.reservation_id.arrival_date
            wizard.departure_date = wizard.reservation_id.departure_date

    @api.depends("reservation_id")
    def _compute_free_room_ids(self):
        """Free rooms of any type of the property for the rest of the stay."""
        Reservation = self.env["hotel.reservation"]
        for wizard in self:
            res = wizard.reservation_id
            rooms = self.env["hotel.room"]
            if res:
                start = res.arrival_date if res.state != "checked_in" else max(
                    res.arrival_date, res.property_id._local_today())
                for room_type in self.env["hotel.room.type"].search([("property_id", "=", res.property_id.id)]):
                    rooms |= Reservation._find_free_rooms(room_type, start, res.departure_date,
                                                         exclude_reservation=res)
            wizard.free_room_ids = rooms - res.room_id

    def action_apply(self):
        self.ensure_one()
        res = self.reservation_id
        if self.mode == "room":
            if not self.new_room_id:
                raise UserError(self.env._("Choose the new room."))
            res.action_move_room(self.new_room_id)
        else:
            vals = {}
            if self.arrival_date != res.arrival_date:
                vals["arrival_date"] = self.arrival_date
            if self.departure_date != res.departure_date:
                vals["departure_date"] = self.departure_date
            if not vals:
                raise UserError(self.env._("The dates are unchanged."))
            res.write(vals)
        return {"type": "ir.actions.act_window_close"}
