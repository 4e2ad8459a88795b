"""Inventory side of hotel.reservation: the ledger, room assignment, moves."""
import re
from datetime import timedelta

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, mute_logger

from odoo.addons.hotel_base.tools.rules import bypass_rule, workflow_method

# Weight of each preference when ranking free rooms (higher wins).
FEATURE_WEIGHT = 10


class HotelReservation(models.Model):
    _inherit = "hotel.reservation"

    preference_mismatch = fields.Char(
        compute="_compute_preference_mismatch", string="Room vs. Preferences",
        help="Stated preferences of the guest that the assigned room does not meet.")

    @api.depends("room_id", "partner_id.hotel_preference_ids.room_feature")
    def _compute_preference_mismatch(self):
        """The room features a guest asked for that the assigned room lacks
        (accessible, non-smoking, quiet...), so the desk can move the guest or
        warn them before arrival."""
        labels = dict(self.env["hotel.guest.preference"]._fields["room_feature"]._description_selection(self.env))
        for res in self:
            features = set(res.partner_id.hotel_preference_ids.mapped("room_feature")) - {False}
            room = res.room_id
            unmet = [] if not room else [f for f in sorted(features) if not self._room_meets(room, f)]
            res.preference_mismatch = ", ".join(labels[f] for f in unmet)

    @api.model
    def _room_meets(self, room, feature):
        """Does ``room`` have ``feature``? Floors and connecting rooms are
        preferences of degree (ranked, never "contradicted")."""
        return {
            "quiet": room.quiet,
            "accessible": room.accessible,
            "non_smoking": not room.smoking_allowed,
            "smoking": room.smoking_allowed,
        }.get(feature, True)

    @api.model
    def _find_free_rooms(self, room_type, arrival, departure, exclude_reservation=None):
        """Active rooms of ``room_type`` with no active ledger row on any night
        from ``arrival`` to the night before ``departure``, in a stable order
        (sequence, number). ``exclude_reservation`` ignores that stay's own nights."""
        arrival, departure = fields.Date.to_date(arrival), fields.Date.to_date(departure)
        room_type.check_access("read")
        self.env.cr.execute(SQL(
            "SELECT r.id FROM hotel_room r WHERE r.room_type_id = %s AND %s ORDER BY r.sequence, r.name, r.id",
            room_type.id,
            room_type._free_room_clause(arrival, departure, exclude_reservation.id if exclude_reservation else 0),
        ))
        return self.env["hotel.room"].browse([row[0] for row in self.env.cr.fetchall()])

    def _room_score(self, room, features, free_rooms):
        """How well ``room`` matches the guest's preferred features (higher is better)."""
        score = 0
        if "quiet" in features and room.quiet:
            score += FEATURE_WEIGHT
        if "accessible" in features and room.accessible:
            score += FEATURE_WEIGHT
        if "non_smoking" in features and not room.smoking_allowed:
            score += FEATURE_WEIGHT
        if "smoking" in features and room.smoking_allowed:
            score += FEATURE_WEIGHT
        if "connecting" in features and room.connecting_room_id in free_rooms:
            score += FEATURE_WEIGHT
        if "high_floor" in features:
            score += room.floor_level
        if "low_floor" in features:
            score -= room.floor_level
        return score

    def _pick_room(self):
        """Best free room of the type for this stay (see ``_pick_free_room``)."""
        self.ensure_one()
        return self._pick_free_room(self.room_type_id, self.arrival_date, self.departure_date, self.partner_id,
                                    exclude_reservation=self)

    @api.model
    def _pick_free_room(self, room_type, arrival, departure, partner, exclude_reservation=None):
        """Best free room of ``room_type`` for a stay of ``partner``: the
        guest's preferred features first, then the stable order (sequence,
        number). A clear UserError when none is free."""
        free = self._find_free_rooms(room_type, arrival, departure, exclude_reservation=exclude_reservation)
        if not free:
            raise UserError(self.env._(
                "No %(type)s is free from %(arrival)s to %(departure)s at %(property)s.",
                type=room_type.name, arrival=arrival, departure=departure, property=room_type.property_id.name))
        features = set(partner.hotel_preference_ids.mapped("room_feature")) - {False}
        if not features:
            return free[0]
        ranked = sorted(free, key=lambda room: -self._room_score(room, features, free))
        return ranked[0]  # sorted() is stable: ties keep the sequence/number order

    @workflow_method
    def _sync_nights(self):
        """Make the ledger match the stays: one row per night from arrival to the
        night before departure, priced from the rate plan for new nights, holding
        the reservation's room while the stay holds inventory. Batched: the new
        rows of all the stays are one INSERT, already holding their room when
        the stay holds one (the unique index guards them as they are written)."""
        Night = self.env["hotel.reservation.night"].sudo()
        to_create, to_unlink, to_release = [], Night, Night
        for res in self:
            wanted = {res.arrival_date + timedelta(days=i) for i in range(res.nights)}
            existing = {n.date: n for n in res.night_ids}
            if res.state == "checked_out":
                continue  # history: checkout already trimmed the unused nights
            to_unlink |= Night.browse([n.id for d, n in existing.items() if d not in wanted])
            missing = sorted(wanted - existing.keys())
            prices = res._night_prices(missing) if missing else {}
            holds = res.state in ("confirmed", "checked_in") and bool(res.room_id)
            for day in missing:
                to_create.append({
                    "reservation_id": res.id, "date": day, "price": prices[day],
                    "room_id": res.room_id.id, "active": holds,
                })
            if not holds:
                to_release |= res.night_ids.filtered("active")
        if to_release:
            to_release.sudo().write({"active": False})
        self._release_charges(to_unlink)
        to_unlink.unlink()
        if to_create:
            self._write_ledger(lambda: Night.create(to_create))

    @workflow_method
    def _release_charges(self, nights):
        """Nights leaving a stay (shortened, early departure) drop their room
        charge, unless it is already invoiced: then a credit note comes first."""
        lines = self.env["hotel.folio.line"].sudo().search([("night_id", "in", nights.ids)])
        invoiced = lines.filtered("is_invoiced")
        if invoiced:
            raise UserError(self.env._(
                "The night of %(date)s is already invoiced (%(folio)s): issue a credit note before shortening "
                "the stay.", date=invoiced[0].date, folio=invoiced[0].folio_id.name))
        if lines:
            with bypass_rule("release_room_charges", reason=", ".join(lines.reservation_id.mapped("name"))):
                lines.unlink()

    @workflow_method
    def _hold_rooms(self):
        """Point this stay's nights at its room and activate them (those not
        holding it yet: one UPDATE for the batch). The unique index refuses a
        room-night held by another stay: that becomes a clear error naming room
        and night and the other stay, or a concurrent booking a moment ago."""
        Night = self.env["hotel.reservation.night"].sudo()
        to_hold = {}
        for res in self:
            if not res.room_id:
                raise UserError(self.env._("%(res)s has no room to hold.", res=res.display_name))
            today = res.property_id._local_today() if res.state == "checked_in" else None
            # Past nights of an in-house stay keep the room they were spent in.
            nights = res.night_ids.filtered(
                lambda n, r=res, t=today: (t is None or n.date >= t) and (not n.active or n.room_id != r.room_id))
            if nights:
                to_hold.setdefault(res.room_id.id, Night)
                to_hold[res.room_id.id] |= nights
        if to_hold:
            def hold():
                for room_id, nights in to_hold.items():
                    nights.write({"room_id": room_id, "active": True})
                Night.flush_model()
            self._write_ledger(hold)

    def _write_ledger(self, write):
        """Run ``write`` (ledger rows taking rooms) in a savepoint; a room-night
        already held becomes a UserError naming the room, the night and, when
        this transaction can see it, the stay holding it."""
        Night = self.env["hotel.reservation.night"]
        # Rows released earlier in the transaction (a cancellation, a move) reach the database first, and
        # outside the savepoint: a refusal below must not undo them.
        Night.flush_model()
        try:
            # Only the ledger is flushed here (the rest goes with the transaction's next flush), and a
            # refused room-night is an expected answer: the failed statement stays out of the ERROR log.
            with self.env.cr.savepoint(flush=False), mute_logger("odoo.sql_db"):
                write()
                Night.flush_model()
        except pg_errors.UniqueViolation as exc:
            if exc.diag.constraint_name != f"{Night._table}_room_night_uniq":
                # (stay, night) twice: another transaction changed the same stay's dates meanwhile
                raise UserError(self.env._(
                    "%(res)s was changed by someone else a moment ago. Nothing was saved: please try again.",
                    res=self[:1].display_name)) from None
            raise UserError(self._taken_message(exc)) from None

    def _taken_message(self, exc):
        """Message for a room-night that is not free (the room-night index
        refused it): the stay holding it, or a concurrent transaction's booking."""
        detail = getattr(exc.diag, "message_detail", "") or ""
        match = re.search(r"=\((\d+), ([\d-]+)\)", detail)
        if match:
            taken = self.env["hotel.reservation.night"].sudo().search([
                ("room_id", "=", int(match.group(1))), ("date", "=", match.group(2)), ("active", "=", True),
                ("id", "not in", self.night_ids.ids)], limit=1)
            if taken:
                return self.env._(
                    "Room %(room)s is already booked on %(date)s (%(other)s).",
                    room=taken.room_id.name, date=taken.date, other=taken._holder_name())
        return self[:1]._lost_race_message(exc)

    def _lost_race_message(self, exc):
        """Message for a room-night taken by a concurrent transaction."""
        detail = getattr(exc.diag, "message_detail", "") or ""
        match = re.search(r"=\((\d+), ([\d-]+)\)", detail)
        room = self.env["hotel.room"].browse(int(match.group(1))) if match else self.room_id
        day = match.group(2) if match else ""
        return self.env._(
            "Room %(room)s was booked for the night of %(date)s by someone else a moment ago. "
            "Nothing was saved: please choose another room or date.",
            room=room.sudo().name, date=day)

    @api.model
    def _api_room(self, new_room):
        """The one room a public method is given (a record or, over the API, an
        id), readable by the user; anything else is a clear UserError."""
        if isinstance(new_room, int) and not isinstance(new_room, bool):
            new_room = self.env["hotel.room"].browse(new_room).exists()
        if not isinstance(new_room, models.BaseModel) or new_room._name != "hotel.room" or len(new_room) != 1:
            raise UserError(self.env._("Choose one existing room to move to."))
        if not self.env.su:
            new_room.check_access("read")  # nothing is said about rooms the user may not see
        return new_room

    def action_move_room(self, new_room):
        """Move the stay to ``new_room``: the whole stay if it has not started,
        the remaining nights (from today) for an in-house guest. The room may be
        of another room type (upgrade); prices of the nights are kept."""
        self.ensure_one()
        new_room = self._api_room(new_room)
        if self.state not in ("confirmed", "checked_in"):
            raise UserError(self.env._("Only confirmed or in-house reservations can change room."))
        if new_room == self.room_id:
            raise UserError(self.env._("The guest is already in room %(room)s.", room=new_room.name))
        if new_room.property_id != self.property_id:
            raise UserError(self.env._(
                "Room %(room)s is not a room of %(property)s.", room=new_room.name, property=self.property_id.name))
        if not new_room.active:
            raise UserError(self.env._("Room %(room)s is archived and cannot be sold.", room=new_room.name))
        old_room = self.room_id
        start = self.arrival_date if self.state == "confirmed" else self.property_id._local_today()
        self.write({"room_id": new_room.id, "room_type_id": new_room.room_type_id.id})
        self.message_post(body=self.env._(
            "Moved from room %(old)s to room %(new)s from %(date)s.",
            old=old_room.name, new=new_room.name, date=start))
        return True
