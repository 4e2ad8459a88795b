from odoo import fields, models
from odoo.exceptions import UserError


class HotelRoom(models.Model):
    _inherit = "hotel.room"

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            self._check_no_future_bookings()
        return super().write(vals)

    def _check_no_future_bookings(self):
        """A room holding nights from today on (the property's local date) cannot
        leave inventory: move those guests first."""
        Night = self.env["hotel.reservation.night"].sudo()
        for prop in self.property_id:
            rooms = self.filtered(lambda r, p=prop: r.property_id == p)
            night = Night.search([("room_id", "in", rooms.ids), ("date", ">=", prop._local_today())],
                                 order="date", limit=1)
            if night:
                raise UserError(self.env._(
                    "Room %(room)s is booked on %(date)s (%(booking)s): move the booking to another room before "
                    "archiving it.", room=night.room_id.name, date=night.date,
                    booking=night._holder_name()))

    def _walk_in_ready(self):
        """The rooms of ``self`` fit to give a guest right now (the
        housekeeping addon keeps those clean, or inspected)."""
        return self

    reservation_count = fields.Integer(compute="_compute_reservation_count", string="Bookings")

    def _compute_reservation_count(self):
        counts = dict(self.env["hotel.reservation"]._read_group(
            [("room_id", "in", self.ids), ("state", "in", ("confirmed", "checked_in", "checked_out"))],
            ["room_id"], ["__count"]))
        for room in self:
            room.reservation_count = counts.get(room, 0)

    def action_view_reservations(self):
        self._hotel_check_action_access("read")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_reservation.action_hotel_reservation")
        action["domain"] = [("room_id", "=", self.id)]
        action["context"] = {"search_default_room_id": self.id}
        return action
