"""The room rack (房态图) of a property: rooms x nights, its stays as bars."""
from collections import defaultdict
from datetime import timedelta

from babel.dates import format_date

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import babel_locale_parse

# Stays drawn on the rack; cancelled ones and quotations hold no room.
RACK_STATES = ("confirmed", "checked_in", "checked_out", "no_show")
MAX_RACK_DAYS = 62


class HotelProperty(models.Model):
    _inherit = "hotel.property"

    def get_room_rack(self, date_from, days=14):
        """One page of the property's room rack, read with the user's rights:
        rooms by room type (with their markers), the nights from
        ``date_from`` (yesterday if not given; ``days`` of them, 1 to 62), the stays crossing them
        (one bar each), quotations (no room held) apart, per-type free counts per
        night from the availability engine, and room blocks. A fixed number of
        queries whatever the number of rooms and stays.

        :return: a dict of plain values (JSON)
        """
        self.ensure_one()
        self.check_access("read")
        # by default from yesterday: this morning's departures are on the page
        (date_from,) = self._api_dates(date_from) if date_from else [self._local_today() - timedelta(days=1)]
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_RACK_DAYS:
            raise UserError(self.env._("The rack shows 1 to %(max)s days.", max=MAX_RACK_DAYS))
        date_to = date_from + timedelta(days=days)
        today = self._local_today()
        rooms = self.env["hotel.room"].search([("property_id", "=", self.id)])
        room_types = self.env["hotel.room.type"].search([("property_id", "=", self.id)])
        by_type = defaultdict(list)  # one pass over the rooms, not one per room type
        for room in rooms:
            by_type[room.room_type_id.id].append(room)
        room_types = room_types.filtered(lambda t: t.id in by_type)
        free = room_types._get_availability(date_from, date_to)
        # confirmed stays always hold a room; quotations hold none and are listed apart
        stays = self.env["hotel.reservation"].search([
            ("property_id", "=", self.id), ("state", "in", (*RACK_STATES, "draft")),
            ("arrival_date", "<", date_to), ("departure_date", ">", date_from),
        ], order="arrival_date, id")
        stays.fetch(["name", "state", "room_id", "room_type_id", "arrival_date", "departure_date", "partner_id",
                     "adults", "children", "folio_id"])
        markers = self._rack_guest_markers(stays.partner_id)
        badges = self._rack_room_badges(rooms)
        labels = dict(self.env["hotel.reservation"]._fields["state"]._description_selection(self.env))
        locale = babel_locale_parse(self.env.lang or "en_US")
        return {
            "property": {"id": self.id, "name": self.name},
            "today": fields.Date.to_string(today),
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
            "days": [{
                "date": fields.Date.to_string(day),
                "weekday": format_date(day, "EEE", locale=locale), "day": day.day,
                "month": format_date(day, "MMM", locale=locale),
                "weekend": day.weekday() >= 5, "today": day == today,
            } for day in (date_from + timedelta(days=i) for i in range(days))],
            "groups": [{
                "id": room_type.id, "name": room_type.name, "code": room_type.code,
                "free": [free[room_type].get(date_from + timedelta(days=i), 0) for i in range(days)],
                "rooms": [{"id": room.id, "name": room.name, "floor": room.floor_id.name or "",
                           "badges": badges.get(room.id, [])}
                          for room in by_type[room_type.id]],
            } for room_type in room_types],
            "stays": [self._rack_stay(stay, today, labels, markers) for stay in stays
                      if stay.room_id and stay.state != "draft"],
            "unassigned": [self._rack_stay(stay, today, labels, markers) for stay in stays if stay.state == "draft"],
            "blocks": self._rack_blocks(rooms, date_from, date_to),
        }

    @api.model
    def _rack_stay(self, stay, today, labels, markers):
        state = stay.state
        if state == "checked_in" and stay.departure_date <= today:
            state = "departing"
        return {
            "id": stay.id, "name": stay.name, "guest": stay.partner_id.name or "",
            "room_id": stay.room_id.id, "room_type_id": stay.room_type_id.id,
            "room_type": stay.room_type_id.name,
            "arrival": fields.Date.to_string(stay.arrival_date),
            "departure": fields.Date.to_string(stay.departure_date),
            "state": state, "state_label": labels.get(stay.state, "") if state != "departing"
            else self.env._("Departing"),
            "guests": stay.adults + stay.children,
            "markers": markers.get(stay.partner_id.id, []),
        }

    @api.model
    def _rack_guest_markers(self, partners):
        """{partner id: [marker]}: important preferences (allergies,
        accessibility) and the other stated preferences, from one query."""
        prefs = self.env["hotel.guest.preference"].search_fetch(
            [("partner_id", "in", partners.ids)], ["partner_id", "is_important", "category", "value"])
        result = {}
        for pref in prefs:
            result.setdefault(pref.partner_id.id, []).append(
                {"kind": "important" if pref.is_important else "preference", "label": pref.display_name})
        return result

    @api.model
    def _rack_room_badges(self, rooms):
        """{room id: [{label, kind}]}: what the rack shows beside a room (the
        housekeeping addon adds cleanliness and out-of-order)."""
        return {}

    @api.model
    def _rack_blocks(self, rooms, date_from, date_to):
        """Room blocks crossing the page ([{room_id, start, stop, label, kind}]);
        none without the housekeeping addon."""
        return []
