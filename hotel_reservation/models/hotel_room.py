from odoo import fields, models
from odoo.exceptions import UserError


class HotelRoom(models.Model):
    _inherit = "hotel.room"

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            self._check_no_future_bookings()
        return super().write(vals)

    def _check_no_future_bookings(self):
        """A room holding future nights cannot leave inventory: move those guests first."""
        today = fields.Date.context_today(self)
        nights = self.env["hotel.reservation.night"].sudo().search(
            [("room_id", "in", self.ids), ("date", ">=", today)], order="date", limit=1)
        if nights:
            raise UserError(self.env._(
                "Room %(room)s is booked on %(date)s (%(booking)s): move the booking to another room before "
                "archiving it.", room=nights.room_id.name, date=nights.date,
                booking=nights.reservation_id.display_name))
