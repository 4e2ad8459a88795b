from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class HotelWalkIn(models.TransientModel):
    """Walk-in guest (散客): from the guest to a checked-in stay for tonight on
    one screen. The room is chosen among the rooms free for the whole stay
    (and ready to sell, where housekeeping is installed); booking,
    confirmation, check-in and deposit happen in one transaction, so a
    refusal at any step leaves nothing behind."""

    _name = "hotel.walk.in"
    _description = "Walk-in Guest"
    _inherit = ["hotel.property.mixin"]
    _hotel_property_fields = ("property_id", "room_type_id", "room_id")

    property_id = fields.Many2one("hotel.property", required=True,
                                  default=lambda self: self.env.user.hotel_property_ids[:1])
    company_id = fields.Many2one(related="property_id.company_id")
    currency_id = fields.Many2one(related="property_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Guest", required=True,
                                 help="Search the guest, or type a new name to create them.")
    arrival_date = fields.Date(compute="_compute_arrival_date", help="Tonight at the property.")
    nights = fields.Integer(default=1, required=True)
    departure_date = fields.Date(compute="_compute_departure_date")
    adults = fields.Integer(default=1, required=True)
    children = fields.Integer(default=0, required=True)
    room_type_id = fields.Many2one("hotel.room.type",
                                   domain="[('property_id', '=', property_id)]")
    free_room_ids = fields.Many2many("hotel.room", compute="_compute_free_room_ids", string="Rooms Ready")
    room_id = fields.Many2one("hotel.room", domain="[('id', 'in', free_room_ids)]")
    amount_total = fields.Monetary(compute="_compute_amount_total", string="Stay Price",
                                   help="The rate plan's price of the stay, taxes as billed.")
    deposit = fields.Monetary(compute="_compute_deposit", store=True, readonly=False, precompute=True,
                              help="Taken now with the payment method; 0 for none.")
    journal_id = fields.Many2one(
        "account.journal", string="Payment Method",
        domain="[('company_id', '=', company_id), ('type', 'in', ('bank', 'cash'))]",
        compute="_compute_journal_id", store=True, readonly=False, precompute=True)

    _nights_check = models.Constraint("CHECK(nights BETWEEN 1 AND 365)", "A walk-in stays 1 to 365 nights.")
    _deposit_check = models.Constraint("CHECK(deposit >= 0)", "The deposit cannot be negative.")

    @api.depends("property_id")
    def _compute_arrival_date(self):
        for wizard in self:
            wizard.arrival_date = wizard.property_id._local_today() if wizard.property_id else False

    @api.depends("arrival_date", "nights")
    def _compute_departure_date(self):
        for wizard in self:
            ok = wizard.arrival_date and wizard.nights and wizard.nights > 0
            wizard.departure_date = wizard.arrival_date + timedelta(days=wizard.nights) if ok else False

    @api.depends("property_id", "room_type_id", "arrival_date", "departure_date", "adults", "children")
    def _compute_free_room_ids(self):
        Reservation = self.env["hotel.reservation"]
        for wizard in self:
            rooms = self.env["hotel.room"]
            if wizard.property_id and wizard.departure_date:
                types = wizard.room_type_id or self.env["hotel.room.type"].search([
                    ("property_id", "=", wizard.property_id.id),
                    ("max_adults", ">=", wizard.adults), ("max_children", ">=", wizard.children),
                    ("max_occupancy", ">=", wizard.adults + wizard.children)])
                for room_type in types:
                    rooms |= Reservation._find_free_rooms(room_type, wizard.arrival_date, wizard.departure_date)
            # a guest leaving today may still be in the room: not for a walk-in now
            occupied = self.env["hotel.reservation"].sudo().search([
                ("room_id", "in", rooms.ids), ("state", "=", "checked_in")]).room_id
            wizard.free_room_ids = (rooms - occupied)._walk_in_ready()

    @api.depends("room_id", "departure_date", "partner_id")
    def _compute_amount_total(self):
        for wizard in self:
            total = 0.0
            if wizard.room_id and wizard.departure_date:
                prop, room_type = wizard.property_id, wizard.room_id.room_type_id
                dates = [wizard.arrival_date + timedelta(days=i) for i in range(wizard.nights)]
                prices = room_type._night_prices(prop.pricelist_id, dates)
                __, total = prop._price_with_taxes(prop._sale_taxes(room_type.product_id), list(prices.values()),
                                                   partner=wizard.partner_id)
            wizard.amount_total = total

    @api.depends("amount_total")
    def _compute_deposit(self):
        for wizard in self:
            wizard.deposit = wizard.amount_total

    @api.depends("property_id")
    def _compute_journal_id(self):
        for wizard in self:
            wizard.journal_id = self.env["account.journal"].search([
                ("company_id", "=", wizard.property_id.company_id.id), ("type", "in", ("bank", "cash")),
            ], order="hotel_payment_method desc, type, sequence, id", limit=1)

    def action_check_in(self):
        """Book tonight's stay in the chosen room, confirm it, check the guest
        in and take the deposit: all or nothing."""
        self.ensure_one()
        if not self.room_id:
            raise UserError(self.env._("Choose the guest's room."))
        if self.room_id not in self.free_room_ids:
            raise UserError(self.env._(
                "Room %(room)s is not free and ready from tonight for %(nights)s night(s): choose another room.",
                room=self.room_id.name, nights=self.nights))
        if self.deposit and not self.journal_id:
            raise UserError(self.env._("Choose how the deposit is paid."))
        if self.deposit and (self.journal_id.type not in ("bank", "cash")
                             or self.journal_id.company_id != self.property_id.company_id):
            raise UserError(self.env._("%(journal)s is not a payment method of %(company)s.",
                                       journal=self.journal_id.name, company=self.property_id.company_id.name))
        direct = self.env.ref("hotel_reservation.utm_source_direct", raise_if_not_found=False)
        folio = self.env["hotel.folio"].create({
            "partner_id": self.partner_id.id, "property_id": self.property_id.id,
            "source_id": direct.id if direct else False,
            "reservation_ids": [Command.create({
                "partner_id": self.partner_id.id, "room_type_id": self.room_id.room_type_id.id,
                "room_id": self.room_id.id, "arrival_date": self.arrival_date, "departure_date": self.departure_date,
                "adults": self.adults, "children": self.children,
            })],
        })
        stay = folio.reservation_ids
        stay.action_confirm()
        stay._walk_in_check_in()
        if self.deposit:
            folio._register_payment(self.deposit, self.journal_id, memo=self.env._("Walk-in deposit"))
        return {"type": "ir.actions.act_window", "res_model": "hotel.reservation", "res_id": stay.id,
                "view_mode": "form", "views": [[False, "form"]], "target": "current"}
