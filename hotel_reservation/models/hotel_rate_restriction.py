from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HotelRateRestriction(models.Model):
    """Selling restrictions for a date range: minimum/maximum stay, closed to
    arrival or departure, stop-sell. Empty room type or rate plan = all of them.
    Enforced when a reservation is confirmed or its dates change."""

    _name = "hotel.rate.restriction"
    _inherit = ["hotel.property.mixin"]
    _description = "Rate Restriction"
    _order = "date_from desc, id desc"
    _check_company_auto = True
    _hotel_property_fields = ("room_type_id",)

    property_id = fields.Many2one("hotel.property", required=True, index=True,
                                  default=lambda self: self.env.user.hotel_property_ids[:1])
    company_id = fields.Many2one(related="property_id.company_id", store=True)
    room_type_id = fields.Many2one("hotel.room.type", domain="[('property_id', '=', property_id)]",
                                   help="Leave empty for every room type of the property.")
    pricelist_id = fields.Many2one("product.pricelist", string="Rate Plan",
                                   help="Leave empty for every rate plan.")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True, help="Last night the restriction applies to (inclusive).")
    min_stay = fields.Integer(string="Min. Stay", help="Nights; 0 for none. Applies to arrivals in the range.")
    max_stay = fields.Integer(string="Max. Stay", help="Nights; 0 for none. Applies to arrivals in the range.")
    closed_to_arrival = fields.Boolean(string="Closed to Arrival")
    closed_to_departure = fields.Boolean(string="Closed to Departure")
    stop_sell = fields.Boolean(help="No night in the range can be sold.")
    active = fields.Boolean(default=True)
    note = fields.Char()
    is_current = fields.Boolean(string="Current or Future", compute="_compute_is_current",
                                search="_search_is_current",
                                help="Ends today or later at its property (local date).")

    _dates_check = models.Constraint("CHECK(date_to >= date_from)", "A restriction cannot end before it starts.")
    _stay_check = models.Constraint(
        "CHECK(min_stay >= 0 AND max_stay >= 0 AND (max_stay = 0 OR min_stay <= max_stay))",
        "Minimum and maximum stay cannot be negative, and the minimum cannot exceed the maximum.",
    )

    @api.constrains("date_from", "date_to", "min_stay", "max_stay", "room_type_id", "property_id")
    def _check_values(self):
        for rule in self:
            if rule.date_to < rule.date_from:
                raise ValidationError(self.env._("A restriction cannot end before it starts."))
            if rule.min_stay < 0 or rule.max_stay < 0:
                raise ValidationError(self.env._("Minimum and maximum stay cannot be negative."))
            if rule.max_stay and rule.min_stay > rule.max_stay:
                raise ValidationError(self.env._("The minimum stay cannot exceed the maximum stay."))
            if rule.room_type_id and rule.room_type_id.property_id != rule.property_id:
                raise ValidationError(self.env._("The room type belongs to another property."))

    @api.depends("date_to", "property_id")
    def _compute_is_current(self):
        for rule in self:
            rule.is_current = bool(rule.property_id) and rule.date_to >= rule.property_id._local_today()

    def _search_is_current(self, operator, value):
        return self.env["hotel.property"]._local_today_search(operator, value, "date_to", ">=")

    @api.depends("property_id", "room_type_id", "date_from", "date_to")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = "%s %s: %s - %s" % (
                rule.property_id.code or "", rule.room_type_id.name or self.env._("all room types"),
                rule.date_from or "", rule.date_to or "")

    def _violations(self, room_type, pricelist, arrival, departure):
        """Human-readable list of what these restrictions forbid for the stay."""
        nights = (departure - arrival).days
        messages = []
        for rule in self:
            if rule.room_type_id and rule.room_type_id != room_type:
                continue
            if rule.pricelist_id and rule.pricelist_id != pricelist:
                continue
            if rule.date_from <= arrival <= rule.date_to:
                if rule.min_stay and nights < rule.min_stay:
                    messages.append(self.env._(
                        "minimum stay of %(n)s nights for arrivals from %(start)s to %(end)s",
                        n=rule.min_stay, start=rule.date_from, end=rule.date_to))
                if rule.max_stay and nights > rule.max_stay:
                    messages.append(self.env._(
                        "maximum stay of %(n)s nights for arrivals from %(start)s to %(end)s",
                        n=rule.max_stay, start=rule.date_from, end=rule.date_to))
                if rule.closed_to_arrival:
                    messages.append(self.env._("closed to arrival on %(date)s", date=arrival))
            if rule.closed_to_departure and rule.date_from <= departure <= rule.date_to:
                messages.append(self.env._("closed to departure on %(date)s", date=departure))
            if rule.stop_sell and rule.date_from < departure and rule.date_to >= arrival:
                messages.append(self.env._(
                    "sales stopped from %(start)s to %(end)s", start=rule.date_from, end=rule.date_to))
        return messages
