from datetime import timedelta

from odoo import fields, models
from odoo.fields import Domain


class HotelRoom(models.Model):
    """Cleanliness complaints of a room over the property's recurring-cause
    period, for housekeeping supervisors: a count, never the cases (guest
    relations' records)."""

    _inherit = "hotel.room"

    hk_cleanliness_complaints = fields.Integer(
        string="Cleanliness Complaints", compute="_compute_hk_cleanliness_complaints",
        search="_search_hk_cleanliness_complaints",
        groups="hotel_housekeeping.group_hotel_housekeeping_supervisor,hotel_base.group_hotel_frontdesk_user",
        help="Guest complaints about cleanliness on this room within the property's recurring-cause period.")

    def _complaint_counts(self, rooms_domain=None):
        """{room id: cleanliness complaints in each property's period}, one query per property."""
        counts = {}
        properties = self.property_id if rooms_domain is None else \
            self.env["hotel.property"].search([("active", "=", True)])
        Complaint = self.env["hotel.complaint"].sudo()
        for prop in properties:
            since = fields.Datetime.now() - timedelta(days=prop.complaint_recurring_days)
            domain = Domain([("property_id", "=", prop.id), ("category", "=", "cleanliness"),
                             ("state", "!=", "cancelled"), ("received_at", ">=", since), ("room_id", "!=", False)])
            if rooms_domain is None:
                domain &= Domain("room_id", "in", self.ids)
            for room, count in Complaint._read_group(domain, ["room_id"], ["__count"]):
                counts[room.id] = count
        return counts

    def _compute_hk_cleanliness_complaints(self):
        counts = self._complaint_counts()
        for room in self:
            room.hk_cleanliness_complaints = counts.get(room.id, 0)

    def _search_hk_cleanliness_complaints(self, operator, value):
        if operator not in (">", ">=", "=") or not isinstance(value, int):
            return NotImplemented
        counts = self._complaint_counts(rooms_domain=True)
        compare = {">": lambda c: c > value, ">=": lambda c: c >= value, "=": lambda c: c == value}[operator]
        if operator == "=" and value == 0:
            return Domain("id", "not in", [room for room, count in counts.items() if count])
        return Domain("id", "in", [room for room, count in counts.items() if compare(count)])
