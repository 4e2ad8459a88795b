from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class HotelAvailabilityWizard(models.TransientModel):
    """Front desk: which room types are free for these dates and guests, at
    what price, and book them into a new folio in one click."""

    _name = "hotel.availability.wizard"
    _description = "Room Availability Search"
    _inherit = ["hotel.property.mixin"]
    _hotel_property_fields = ("property_id", "room_id")

    property_id = fields.Many2one("hotel.property", required=True,
                                  default=lambda self: self.env.user.hotel_property_ids[:1])
    arrival_date = fields.Date(required=True, compute="_compute_arrival_date", store=True, readonly=False,
                               precompute=True)
    nights = fields.Integer(default=1, required=True)
    departure_date = fields.Date(required=True, compute="_compute_departure_date", store=True, readonly=False,
                                 precompute=True)
    adults = fields.Integer(default=2, required=True)
    children = fields.Integer(default=0, required=True)
    pricelist_id = fields.Many2one("product.pricelist", string="Rate Plan",
                                   compute="_compute_pricelist_id", store=True, readonly=False)
    partner_id = fields.Many2one("res.partner", string="Guest")
    room_id = fields.Many2one("hotel.room",
                              help="Picked on the room rack: the booking of its room type gets this room.")
    source_id = fields.Many2one("utm.source", string="Channel",
                                default=lambda self: self.env.ref("hotel_reservation.utm_source_direct",
                                                                  raise_if_not_found=False))
    currency_id = fields.Many2one(related="property_id.currency_id")
    line_ids = fields.One2many("hotel.availability.wizard.line", "wizard_id", string="Room Types",
                               compute="_compute_line_ids", store=True, readonly=False)

    def _compute_display_name(self):
        for wizard in self:
            wizard.display_name = self.env._("Availability")

    @api.depends("property_id")
    def _compute_arrival_date(self):
        """Default arrival: today at the property (its business date), not the
        user's or UTC's date."""
        for wizard in self:
            if not wizard.arrival_date and wizard.property_id:
                wizard.arrival_date = wizard.property_id._local_today()

    @api.depends("property_id")
    def _compute_pricelist_id(self):
        for wizard in self:
            wizard.pricelist_id = wizard.property_id.pricelist_id

    @api.depends("arrival_date", "nights")
    def _compute_departure_date(self):
        for wizard in self:
            if wizard.arrival_date:
                wizard.departure_date = wizard.arrival_date + timedelta(days=max(wizard.nights, 1))

    @api.onchange("departure_date")
    def _onchange_departure_date(self):
        if self.arrival_date and self.departure_date:
            self.nights = (self.departure_date - self.arrival_date).days

    @api.depends("property_id", "arrival_date", "departure_date", "nights", "adults", "children", "pricelist_id",
                 "partner_id", "room_id")
    def _compute_line_ids(self):
        """One line per room type that fits the party, with free rooms and price."""
        for wizard in self:
            commands = [Command.clear()]
            if wizard.property_id and wizard.nights > 0 \
                    and wizard.departure_date == wizard.arrival_date + timedelta(days=wizard.nights):
                types = self.env["hotel.room.type"].search([
                    ("property_id", "=", wizard.property_id.id),
                    ("max_adults", ">=", wizard.adults), ("max_children", ">=", wizard.children),
                    ("max_occupancy", ">=", wizard.adults + wizard.children),
                ])
                # Rooms free for the whole stay: a type free every night but only in
                # different rooms could not be booked without a room change.
                free = types._count_rooms_free_for_stay(wizard.arrival_date, wizard.departure_date)
                dates = [wizard.arrival_date + timedelta(days=i) for i in range(wizard.nights)]
                restrictions = self.env["hotel.rate.restriction"].search([
                    ("property_id", "=", wizard.property_id.id),
                    ("date_from", "<=", wizard.departure_date), ("date_to", ">=", wizard.arrival_date),
                ])
                prop = wizard.property_id
                for room_type in types:
                    prices = room_type._night_prices(wizard.pricelist_id, dates)
                    # quoted as billed: the room's taxes at the property, each night taxed alone
                    untaxed, total = prop._price_with_taxes(
                        prop._sale_taxes(room_type.product_id), list(prices.values()), partner=wizard.partner_id)
                    problems = restrictions._violations(room_type, wizard.pricelist_id,
                                                        wizard.arrival_date, wizard.departure_date)
                    commands.append(Command.create({
                        "room_type_id": room_type.id,
                        "free_count": free[room_type],
                        "total_price": total,
                        "price_untaxed": untaxed,
                        "restriction_note": "; ".join(problems),
                        "quantity": 1 if room_type == wizard.room_id.room_type_id else 0,
                    }))
            wizard.line_ids = commands

    def action_book(self):
        """Create a folio with the requested rooms as quotations and open it."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(self.env._("Choose the guest before booking."))
        if self.nights <= 0:
            raise UserError(self.env._("The departure date must be after the arrival date."))
        wanted = self.line_ids.filtered(lambda line: line.quantity > 0)
        if not wanted:
            raise UserError(self.env._("Enter how many rooms to book on at least one room type."))
        for line in wanted:
            if line.quantity > line.free_count:
                raise UserError(self.env._(
                    "Only %(free)s %(type)s left for these dates; %(qty)s requested.",
                    free=line.free_count, type=line.room_type_id.name, qty=line.quantity))
        folio = self.env["hotel.folio"].create({
            "partner_id": self.partner_id.id,
            "property_id": self.property_id.id,
            "pricelist_id": self.pricelist_id.id,
            "source_id": self.source_id.id,
            "reservation_ids": [
                Command.create({
                    "partner_id": self.partner_id.id,
                    "room_type_id": line.room_type_id.id,
                    "arrival_date": self.arrival_date,
                    "departure_date": self.departure_date,
                    "adults": self.adults,
                    "children": self.children,
                    # the room picked on the rack goes to the first room of its type
                    **({"room_id": self.room_id.id} if index == 0 and line.room_type_id == self.room_id.room_type_id
                       else {}),
                })
                for line in wanted for index in range(line.quantity)
            ],
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": "hotel.folio",
            "res_id": folio.id,
            "view_mode": "form",
            "target": "current",
        }


class HotelAvailabilityWizardLine(models.TransientModel):
    _name = "hotel.availability.wizard.line"
    _description = "Room Availability Search Line"
    _inherit = ["hotel.property.mixin"]
    _hotel_property_fields = ("room_type_id",)
    _order = "id"

    wizard_id = fields.Many2one("hotel.availability.wizard", required=True, ondelete="cascade")
    room_type_id = fields.Many2one("hotel.room.type", required=True, readonly=True)
    free_count = fields.Integer(string="Free Rooms", readonly=True)
    total_price = fields.Monetary(string="Stay Price", readonly=True, currency_field="currency_id",
                                  help="What the guest pays for the stay, tax included.")
    price_untaxed = fields.Monetary(string="Without Tax", readonly=True, currency_field="currency_id")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    restriction_note = fields.Char(string="Restrictions", readonly=True)
    quantity = fields.Integer(string="Rooms to Book", default=0)
