"""Moves made on the room rack: the same rules as the forms and the wizard."""
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.hotel_base.tools.groups import MONEY_GROUPS


class HotelReservation(models.Model):
    _inherit = "hotel.reservation"

    folio_amount_departure = fields.Monetary(
        related="folio_id.amount_departure", string="To Pay", groups=MONEY_GROUPS,
        help="The booking's stay total minus what was paid (negative: money to give back).")

    def action_take_payment(self):
        """The desk's board: the payment wizard of the stay's folio."""
        self.ensure_one()
        self._hotel_check_action_access("write")
        return self.folio_id.action_register_deposit()

    def rack_move(self, new_room, arrival, departure, preview=False):
        """Drag and drop on the rack: the stay to ``new_room`` and/or to the
        nights from ``arrival`` to ``departure``, in one transaction.

        The room change goes through ``action_move_room`` (whole stay, or the
        remaining nights of an in-house guest; prices kept), the date change
        through ``write`` (restrictions, ledger, guest notice), exactly as the
        move wizard does: a refusal is the forms' message and changes nothing.
        With ``preview``, nothing is changed: the stay's room total before and
        after (nights kept keep their price, new nights are priced from the
        rate plan) for the desk to confirm.
        """
        self.ensure_one()
        self.check_access("write")
        arrival, departure = self.property_id._api_dates(arrival, departure)
        new_room = self._api_room(new_room)
        if departure <= arrival:
            raise UserError(self.env._("The departure date must be after the arrival date."))
        if self.state not in ("confirmed", "checked_in"):
            raise UserError(self.env._("Only confirmed or in-house reservations can be moved on the rack."))
        if self.state == "checked_in" and departure <= self.property_id._local_today():
            raise UserError(self.env._(
                "The guest is in house: the stay ends at check-out. Check the guest out to end it today."))
        room_changes = new_room != self.room_id
        dates = {}
        if arrival != self.arrival_date:
            dates["arrival_date"] = arrival
        if departure != self.departure_date:
            dates["departure_date"] = departure
        if not room_changes and not dates:
            raise UserError(self.env._("The stay is unchanged."))
        if preview:
            return self._rack_preview(new_room, arrival, departure)
        if room_changes and self.state == "confirmed" and dates:
            # one write: the stay lands on its new room and nights at once (a
            # move then a date change could collide with the stay itself)
            old_room = self.room_id
            self.write(dict(dates, room_id=new_room.id, room_type_id=new_room.room_type_id.id))
            self._rack_room_changed(old_room)
        else:
            if room_changes:
                self.action_move_room(new_room)
            if dates:
                self.write(dates)
        return {"ok": True}

    def _rack_room_changed(self, old_room):
        """A stay not started moved to another room with new dates in one
        write: noted on the stay (other addons follow, e.g. housekeeping's
        arrival preparation of the old room)."""
        self.message_post(body=self.env._("Moved from room %(old)s to room %(new)s on the room rack.",
                                          old=old_room.name, new=self.room_id.name))

    def _rack_preview(self, new_room, arrival, departure):
        """Room total of the stay before and after the move (see rack_move)."""
        if not self.env.user.has_groups(MONEY_GROUPS):
            return {"before": None, "after": None}
        nights = self.sudo().night_ids.filtered(lambda n: n.date < self.departure_date)
        kept = {night.date: night.price for night in nights}
        wanted = [arrival + timedelta(days=i) for i in range((departure - arrival).days)]
        missing = [day for day in wanted if day not in kept]
        room_type = new_room.room_type_id if self.state == "confirmed" and missing else self.room_type_id
        prices = self._night_prices(missing, room_type=room_type) if missing else {}
        after = sum(kept.get(day, 0.0) for day in wanted if day in kept) + sum(prices.values())
        return {"before": sum(kept.values()), "after": after, "currency": self.currency_id.name,
                "nights_before": len(kept), "nights_after": len(wanted)}
