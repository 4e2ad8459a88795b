from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

BED_CONFIGURATIONS = [
    ("single", "Single bed"),
    ("double", "Double bed"),
    ("queen", "Queen bed"),
    ("king", "King bed"),
    ("twin", "Twin beds"),
    ("triple", "Three beds"),
    ("family", "Family (double + single)"),
    ("bunk", "Bunk beds"),
    ("tatami", "Tatami / kang"),
]


class HotelRoomType(models.Model):
    """A sellable category of rooms (房型) of one property.

    Invariants: occupancy limits are positive and consistent (adults <= total
    <= adults + children), the default rate is not negative, and every room type
    has its own service product so that room nights are invoiced through Odoo
    Accounting and priced by pricelists.
    """

    _name = "hotel.room.type"
    _description = "Hotel Room Type"
    _inherit = ["hotel.property.mixin", "mail.thread", "image.mixin"]
    _order = "property_id, sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, size=12, tracking=True, help="Short code, e.g. DLK for Deluxe King.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    property_id = fields.Many2one(
        "hotel.property", required=True, index=True, tracking=True,
        default=lambda self: self.env.user.hotel_property_ids[:1],
    )
    company_id = fields.Many2one(related="property_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    max_adults = fields.Integer(default=2, required=True, tracking=True)
    max_children = fields.Integer(default=1, required=True, tracking=True)
    max_occupancy = fields.Integer(
        string="Max Guests", default=2, required=True, tracking=True,
        help="Most guests (adults and children together) the room sleeps.",
    )
    bed_configuration = fields.Selection(BED_CONFIGURATIONS, default="double", required=True)
    bed_count = fields.Integer(string="Beds", default=1)
    area = fields.Float(string="Area (m²)", digits=(6, 1))
    list_price = fields.Monetary(
        string="Default Nightly Rate", currency_field="currency_id", tracking=True,
        help="Rack rate per night; rate plans (pricelists) start from it.",
    )
    product_id = fields.Many2one(
        "product.product", string="Invoicing Product", readonly=True, copy=False, ondelete="restrict",
        check_company=True,
        help="Service product used on invoices for nights of this room type; created automatically.",
    )
    amenity_ids = fields.Many2many("hotel.amenity", string="Amenities")
    description = fields.Html(translate=True, help="Shown to guests on confirmations and the portal.")
    image_ids = fields.Many2many(
        "ir.attachment", "hotel_room_type_image_rel", "room_type_id", "attachment_id", string="Photos",
    )
    room_ids = fields.One2many("hotel.room", "room_type_id", string="Rooms")
    room_count = fields.Integer(compute="_compute_room_count")

    _occupancy_check = models.Constraint(
        "CHECK(max_adults > 0 AND max_children >= 0 AND max_occupancy >= max_adults"
        " AND max_occupancy <= max_adults + max_children)",
        "A room type sleeps at least one adult, and its maximum guests lie between the maximum adults and "
        "the maximum adults plus children.",
    )
    _code_property_uniq = models.Constraint(
        "UNIQUE(property_id, code)", "This property already has a room type with this code.",
    )

    def _compute_room_count(self):
        counts = dict(self.env["hotel.room"]._read_group(
            [("room_type_id", "in", self.ids)], ["room_type_id"], ["__count"]))
        for room_type in self:
            room_type.room_count = counts.get(room_type, 0)

    @api.depends("name", "property_id.code")
    def _compute_display_name(self):
        multi = len(self.env.user.hotel_property_ids) > 1 or self.env.context.get("show_property")
        for room_type in self:
            if multi and room_type.property_id:
                room_type.display_name = f"[{room_type.property_id.code}] {room_type.name}"
            else:
                room_type.display_name = room_type.name

    @api.constrains("max_adults", "max_children", "max_occupancy")
    def _check_occupancy(self):
        """At least one adult; adults <= total guests <= adults + children; no negative limits."""
        for room_type in self:
            if room_type.max_adults <= 0 or room_type.max_occupancy <= 0:
                raise ValidationError(self.env._(
                    "Room type %(name)s must sleep at least one guest: maximum adults and "
                    "maximum guests must be greater than zero.", name=room_type.name))
            if room_type.max_children < 0:
                raise ValidationError(self.env._(
                    "Room type %(name)s: maximum children cannot be negative.", name=room_type.name))
            if room_type.max_occupancy < room_type.max_adults:
                raise ValidationError(self.env._(
                    "Room type %(name)s: maximum guests (%(total)s) cannot be lower than maximum adults (%(adults)s).",
                    name=room_type.name, total=room_type.max_occupancy, adults=room_type.max_adults))
            if room_type.max_occupancy > room_type.max_adults + room_type.max_children:
                raise ValidationError(self.env._(
                    "Room type %(name)s: maximum guests (%(total)s) cannot exceed maximum adults plus "
                    "maximum children (%(sum)s).",
                    name=room_type.name, total=room_type.max_occupancy,
                    sum=room_type.max_adults + room_type.max_children))

    @api.constrains("list_price")
    def _check_list_price(self):
        for room_type in self:
            if room_type.list_price < 0:
                raise ValidationError(self.env._(
                    "Room type %(name)s: the default nightly rate cannot be negative.", name=room_type.name))

    @api.constrains("property_id")
    def _check_property_rooms(self):
        """A room type cannot move to another property while it still has rooms there."""
        for room_type in self:
            if room_type.room_ids.property_id - room_type.property_id:
                raise ValidationError(self.env._(
                    "Room type %(name)s has rooms; move or archive them before changing its property.",
                    name=room_type.name))

    def _product_vals(self, vals):
        company = self.env["hotel.property"].browse(vals.get("property_id")).company_id
        return {
            "name": vals.get("name") or self.env._("Room night"),
            "type": "service",
            "sale_ok": True,
            "purchase_ok": False,
            "list_price": vals.get("list_price", 0.0),
            "categ_id": self.env.ref("hotel_base.product_category_room_night").id,
            "default_code": vals.get("code"),
            "company_id": company.id or False,
            # the default sale tax of the property's company, not of the company the user works in
            "taxes_id": [Command.set(company.account_sale_tax_id.ids)],
        }

    @api.model_create_multi
    def create(self, vals_list):
        self._hotel_check_client_input(vals_list)
        for vals in vals_list:
            if vals.get("code"):
                vals["code"] = vals["code"].strip().upper()
            if not vals.get("product_id"):
                # sudo: front-desk managers configure rooms without product rights.
                vals["product_id"] = self.env["product.product"].sudo().create(self._product_vals(vals)).id
        return super().create(vals_list)

    def write(self, vals):
        self._hotel_check_client_input([vals])
        if vals.get("code"):
            vals["code"] = vals["code"].strip().upper()
        res = super().write(vals)
        sync = {key: vals[key] for key in ("name", "list_price", "active") if key in vals}
        if "code" in vals:
            sync["default_code"] = vals["code"]
        if sync and self.product_id:
            self.product_id.sudo().write(sync)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_rooms(self):
        rooms = self.env["hotel.room"].with_context(active_test=False)
        if rooms.search_count([("room_type_id", "in", self.ids)], limit=1):
            raise UserError(self.env._("Room types with rooms cannot be deleted; archive them instead."))

    def unlink(self):
        products = self.product_id
        res = super().unlink()
        products.sudo().write({"active": False})
        return res

    def action_open_rooms(self):
        self._hotel_check_action_access("read")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_base.action_hotel_room")
        action["domain"] = [("room_type_id", "=", self.id)]
        action["context"] = {"default_room_type_id": self.id}
        return action
