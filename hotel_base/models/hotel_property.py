from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from odoo.addons.base.models.res_partner import _tz_get


def _now_in(tz):
    """Current wall-clock time in timezone ``tz`` (naive datetime; UTC if none)."""
    return datetime.now(pytz.timezone(tz or "UTC")).replace(tzinfo=None)


class HotelProperty(models.Model):
    """A hotel or homestay (民宿): the unit that owns rooms, rates and bookings.

    Every other hotel record hangs off a property, and record rules confine
    non-administrators to the properties listed on their user.
    """

    _name = "hotel.property"
    _description = "Hotel Property"
    _inherit = ["hotel.property.mixin", "mail.thread", "image.mixin"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=True)
    code = fields.Char(
        required=True, size=10, tracking=True,
        help="Short code used in booking references and reports, e.g. SHA1.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Address", ondelete="restrict", copy=False,
        help="Contact holding the property's address, phone and e-mail; created from the name if left empty.",
    )
    street = fields.Char(related="partner_id.street", readonly=False)
    street2 = fields.Char(related="partner_id.street2", readonly=False)
    city = fields.Char(related="partner_id.city", readonly=False)
    zip = fields.Char(related="partner_id.zip", readonly=False)
    state_id = fields.Many2one(related="partner_id.state_id", readonly=False)
    country_id = fields.Many2one(related="partner_id.country_id", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)
    lang = fields.Selection(
        "_lang_get", string="Guest Language", default=lambda self: self.env.lang,
        help="Language of new guests booked here whose nationality gives none (confirmations, invoices).")
    tz = fields.Selection(
        _tz_get, string="Timezone", required=True,
        default=lambda self: self.env.user.tz or "Asia/Shanghai",
        help="Local time of the property: check-in/out times, cancellation deadlines and the night audit use it.",
    )
    checkin_time = fields.Float(
        string="Check-in From", default=14.0, required=True,
        help="Standard check-in time, local to the property.",
    )
    checkout_time = fields.Float(
        string="Check-out Until", default=12.0, required=True,
        help="Standard check-out time, local to the property.",
    )
    is_homestay = fields.Boolean(
        string="Homestay", tracking=True,
        help="A homestay (民宿) or guesthouse rather than a hotel; star ratings do not apply.",
    )
    star_rating = fields.Selection(
        [("1", "1 star"), ("2", "2 stars"), ("3", "3 stars"), ("4", "4 stars"), ("5", "5 stars")],
    )
    description = fields.Html(translate=True)
    floor_ids = fields.One2many("hotel.floor", "property_id", string="Floors")
    room_type_ids = fields.One2many("hotel.room.type", "property_id", string="Room Types")
    room_ids = fields.One2many("hotel.room", "property_id", string="Rooms")
    room_count = fields.Integer(compute="_compute_counts")
    room_type_count = fields.Integer(compute="_compute_counts")
    user_ids = fields.Many2many(
        "res.users", "hotel_property_res_users_rel", "property_id", "user_id",
        string="Staff", help="Users allowed to work on this property.",
    )

    _times_check = models.Constraint(
        "CHECK(checkin_time >= 0 AND checkin_time < 24 AND checkout_time >= 0 AND checkout_time < 24)",
        "Check-in and check-out times must be between 00:00 and 23:59.",
    )
    _code_company_uniq = models.Constraint(
        "UNIQUE(company_id, code)",
        "Another property of this company already uses this code.",
    )

    @api.model
    def _lang_get(self):
        return self.env["res.lang"].get_installed()

    def _compute_counts(self):
        """Active rooms and room types per property, in two grouped queries."""
        rooms = dict(self.env["hotel.room"]._read_group(
            [("property_id", "in", self.ids)], ["property_id"], ["__count"]))
        types = dict(self.env["hotel.room.type"]._read_group(
            [("property_id", "in", self.ids)], ["property_id"], ["__count"]))
        for prop in self:
            prop.room_count = rooms.get(prop, 0)
            prop.room_type_count = types.get(prop, 0)

    @api.constrains("checkin_time", "checkout_time")
    def _check_times(self):
        for prop in self:
            if not (0 <= prop.checkin_time < 24 and 0 <= prop.checkout_time < 24):
                raise ValidationError(self.env._(
                    "%(name)s: check-in and check-out times must be between 00:00 and 23:59.", name=prop.name))

    @api.constrains("is_homestay", "star_rating")
    def _check_star_rating(self):
        """Star ratings are a hotel classification; homestays have none."""
        for prop in self:
            if prop.is_homestay and prop.star_rating:
                raise ValidationError(self.env._(
                    "%(name)s is a homestay: homestays have no star rating.", name=prop.name))

    @api.model_create_multi
    def create(self, vals_list):
        self._hotel_check_client_input(vals_list)
        for vals in vals_list:
            if vals.get("code"):
                vals["code"] = vals["code"].strip().upper()
            if not vals.get("partner_id"):
                vals["partner_id"] = self.env["res.partner"].create({
                    "name": vals.get("name"),
                    "is_company": True,
                    "company_id": vals.get("company_id", self.env.company.id),
                }).id
        properties = super().create(vals_list)
        # The creator works on what they just created (administrators see all anyway).
        properties.user_ids |= self.env.user
        self.env.registry.clear_cache()  # record rules read the users' allowed properties
        return properties

    def write(self, vals):
        self._hotel_check_client_input([vals])
        if vals.get("code"):
            vals["code"] = vals["code"].strip().upper()
        res = super().write(vals)
        if "user_ids" in vals:
            self.env.registry.clear_cache()  # record rules read the users' allowed properties
        return res

    def _local_now(self):
        """Current wall-clock time at the property (naive datetime)."""
        self.ensure_one()
        return _now_in(self.tz)

    def _to_utc(self, local_dt):
        """Naive local datetime at the property -> naive UTC datetime."""
        self.ensure_one()
        local = pytz.timezone(self.tz or "UTC").localize(local_dt)
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _from_utc(self, utc_dt):
        """Naive UTC datetime -> naive local datetime at the property."""
        self.ensure_one()
        return pytz.utc.localize(utc_dt).astimezone(pytz.timezone(self.tz or "UTC")).replace(tzinfo=None)

    def _local_today(self):
        """Today's date at the property: the business date of the front desk."""
        return self._local_now().date()

    @api.model
    def _local_today_domain(self, field_name, comparator, property_field="property_id", days=0):
        """Domain "``field_name <comparator>`` today" where today is the local
        date of each record's property (``property_field``): what the desk
        means by "today", whatever the user's timezone or UTC says (``days``
        later: tomorrow is 1)."""
        # One term per timezone in use, not per property: a hotel group has few of them.
        zones = [tz for (tz,) in self.sudo().with_context(active_test=False)._read_group([], ["tz"])]
        return Domain.OR(
            Domain(f"{property_field}.tz", "=", tz)
            & Domain(field_name, comparator, _now_in(tz).date() + timedelta(days=days))
            for tz in zones
        )

    @api.model
    def _local_today_search(self, operator, value, field_name, comparator, days=0):
        """Search method body of a non-stored boolean "``field_name
        <comparator>`` today" (Odoo 19 passes ``in``; it derives the negation)."""
        if operator != "in":
            return NotImplemented
        if True in value and False in value:
            return Domain.TRUE
        domain = self._local_today_domain(field_name, comparator, days=days)
        return domain if True in value else ~domain

    @api.model
    def _hotel_home_action(self):
        """Where the user's work is (the Hotel app's home, by role). Addons
        refine it: bookings send the desk to today's arrivals, managers to
        the occupancy report; housekeeping tasks to housekeepers."""
        xmlid = "hotel_base.action_hotel_guest" \
            if self.env.user.has_group("hotel_base.group_hotel_marketing") \
            and not self.env.user.has_group("hotel_base.group_hotel_housekeeping") \
            else "hotel_base.action_hotel_room"
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        if xmlid == "hotel_base.action_hotel_room":
            # housekeeping works from the room board (cards by floor), the list one click away
            action["views"] = sorted(action["views"], key=lambda view: view[1] != "kanban")
        return action

    def action_open_rooms(self):
        self._hotel_check_action_access("read")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_base.action_hotel_room")
        action["domain"] = [("property_id", "=", self.id)]
        action["context"] = {"default_property_id": self.id, "search_default_group_floor": 1}
        return action

    def action_open_room_types(self):
        self._hotel_check_action_access("read")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_base.action_hotel_room_type")
        action["domain"] = [("property_id", "=", self.id)]
        action["context"] = {"default_property_id": self.id}
        return action
