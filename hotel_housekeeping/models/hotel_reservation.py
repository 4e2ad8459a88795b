from odoo import fields, models
from odoo.exceptions import UserError


class HotelReservation(models.Model):
    """Front-office events move housekeeping in the same transaction: check-out
    makes the room dirty with a departure clean; a room not ready is refused
    or noted at check-in (per property); cancellations and no-shows cancel the
    arrival preparation; a room move hands the old room to housekeeping."""

    _inherit = "hotel.reservation"

    room_hk_state = fields.Selection(related="room_id.hk_state", string="Room Cleanliness")

    def action_check_in(self):
        not_ready = self.filtered(lambda r: r.room_id and r.room_id.hk_state not in r.property_id._hk_ready_states())
        blocked = not_ready.filtered(lambda r: r.property_id.hk_checkin_policy == "block")
        if blocked:
            labels = dict(self.env["hotel.room"]._fields["hk_state"]._description_selection(self.env))
            raise UserError(self.env._(
                "Room %(room)s is not ready (%(state)s): ask housekeeping to finish it, or move the guest "
                "to a ready room.", room=blocked[0].room_id.name, state=labels[blocked[0].room_id.hk_state]))
        res = super().action_check_in()
        for stay in not_ready - blocked:
            stay.message_post(body=self.env._(
                "Checked in to room %(room)s before housekeeping reported it ready.", room=stay.room_id.name))
        Task = self.env["hotel.housekeeping.task"]
        Task._cancel_open([("reservation_id", "in", self.ids), ("task_type", "=", "arrival")])
        return res

    def action_check_out(self):
        res = super().action_check_out()
        self._hk_hand_over_rooms(self)
        return res

    def _hk_hand_over_rooms(self, stays):
        """The rooms of ``stays`` were used and are left: dirty, with a departure
        clean today (the stay-over service of today is no longer needed)."""
        Task = self.env["hotel.housekeeping.task"]
        vals_list = []
        for stay in stays.filtered("room_id"):
            today = stay.property_id._local_today()
            Task._cancel_open([("room_id", "=", stay.room_id.id), ("date", "=", today),
                               ("task_type", "=", "stayover")])
            vals_list.append({"room_id": stay.room_id.id, "date": today, "task_type": "departure",
                              "reservation_id": stay.id})
        stays.room_id._hk_set_state("dirty", reason=self.env._("Guest left"))
        Task._ensure_tasks(vals_list)

    def action_cancel(self, reason=None):
        res = super().action_cancel(reason=reason)
        self.env["hotel.housekeeping.task"]._cancel_open([("reservation_id", "in", self.ids),
                                                          ("task_type", "=", "arrival")])
        return res

    def action_no_show(self):
        res = super().action_no_show()
        self.env["hotel.housekeeping.task"]._cancel_open([("reservation_id", "in", self.ids),
                                                          ("task_type", "=", "arrival")])
        return res

    def _rack_room_changed(self, old_room):
        result = super()._rack_room_changed(old_room)
        self.env["hotel.housekeeping.task"]._cancel_open([
            ("room_id", "=", old_room.id), ("reservation_id", "=", self.id), ("task_type", "=", "arrival")])
        return result

    def action_move_room(self, new_room):
        old_room = self.room_id
        in_house = self.state == "checked_in"
        res = super().action_move_room(new_room)
        if in_house and old_room:
            # the guest slept in the old room: it is left dirty, with a departure clean today
            Task = self.env["hotel.housekeeping.task"]
            today = self.property_id._local_today()
            Task._cancel_open([("room_id", "=", old_room.id), ("reservation_id", "=", self.id),
                               ("task_type", "=", "stayover")])
            old_room._hk_set_state("dirty", reason=self.env._("Guest moved to room %(room)s", room=self.room_id.name))
            Task._ensure_tasks([{"room_id": old_room.id, "date": today, "task_type": "departure",
                                 "reservation_id": self.id}])
        elif old_room:
            self.env["hotel.housekeeping.task"]._cancel_open([("room_id", "=", old_room.id),
                                                              ("reservation_id", "=", self.id),
                                                              ("task_type", "=", "arrival")])
        return res
