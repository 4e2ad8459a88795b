from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.hotel_base.tools.groups import MONEY_GROUPS
from odoo.addons.hotel_base.tools.rules import rule_bypassed, workflow_write


class HotelReservationNight(models.Model):
    """The inventory ledger: one row per room per night of a stay.

    A row is ``active`` while it holds its room (confirmed or in-house stay,
    and the used nights of a checked-out stay). The partial unique index on
    (room_id, date) over active rows makes a second booking of a room-night
    impossible, even from two concurrent transactions: PostgreSQL is the guard.

    A row holds its room for a stay (``reservation_id``) here; other addons may
    let something else hold a room-night (hotel_housekeeping's out-of-order
    blocks) through the same index. Figures therefore count a room-night as
    sold only when a stay holds it, and an active row with no stay as a room
    out of inventory (``_holder_name`` names the holder in messages).
    """

    _name = "hotel.reservation.night"
    _inherit = ["hotel.property.mixin"]
    _description = "Reservation Night"
    _order = "date, id"
    _hotel_property_fields = ("reservation_id", "room_id")
    # the ledger follows its stay: only the price is set by hand (revenue managers)
    _hotel_protected_fields = ("reservation_id", "room_id", "date", "active", "price_manual")
    _rec_name = "date"

    reservation_id = fields.Many2one("hotel.reservation", required=True, index=True, ondelete="cascade")
    room_id = fields.Many2one("hotel.room", index=True, ondelete="restrict")
    date = fields.Date(required=True, index=True)
    price = fields.Monetary(
        currency_field="currency_id", groups=MONEY_GROUPS,
        help="Room price of this night as sold: tax included when the room's tax is included in the price.")
    price_manual = fields.Boolean(string="Manual Price", groups=MONEY_GROUPS,
                                  help="Set by a revenue manager; kept when the stay changes.")
    active = fields.Boolean(default=False, index=True, help="Holds the room on that date.")
    # precomputed: a stay's rows are one INSERT, not an INSERT and an UPDATE
    property_id = fields.Many2one("hotel.property", compute="_compute_holder", store=True, index=True,
                                  precompute=True)
    company_id = fields.Many2one("res.company", compute="_compute_holder", store=True, precompute=True)
    currency_id = fields.Many2one(related="reservation_id.currency_id")
    room_type_id = fields.Many2one(related="reservation_id.room_type_id")
    partner_id = fields.Many2one(related="reservation_id.partner_id")
    state = fields.Selection(related="reservation_id.state")
    is_tonight = fields.Boolean(string="Tonight", compute="_compute_is_tonight", search="_search_is_tonight",
                                help="The night of today at the property (its local date).")

    _room_night_uniq = models.UniqueIndex(
        "(room_id, date) WHERE active",
        "This room is already booked for that night.",
    )
    _reservation_date_uniq = models.UniqueIndex("(reservation_id, date)", "A stay has one row per night.")
    _active_room_check = models.Constraint(
        "CHECK(NOT active OR room_id IS NOT NULL)", "A night that holds inventory must hold a room.",
    )
    _price_check = models.Constraint("CHECK(price >= 0)", "The price of a night cannot be negative.")
    _price_bound = models.Constraint("CHECK(price < 100000000)", "The price of a night must be below 100,000,000.")

    @api.depends("reservation_id.property_id", "reservation_id.company_id")
    def _compute_holder(self):
        """Property and company of the row: those of what holds the room."""
        for night in self:
            night.property_id = night.reservation_id.property_id
            night.company_id = night.reservation_id.company_id

    def _holder_name(self):
        """What holds this room-night, for the messages that refuse it."""
        self.ensure_one()
        return self.reservation_id.sudo().display_name or ""

    @api.depends("date", "property_id")
    def _compute_is_tonight(self):
        for night in self:
            night.is_tonight = night.date == night.property_id._local_today() if night.property_id else False

    def _search_is_tonight(self, operator, value):
        return self.env["hotel.property"]._local_today_search(operator, value, "date", "=")

    @api.depends("date", "room_id")
    def _compute_display_name(self):
        for night in self:
            night.display_name = f"{night.room_id.name or '-'} {night.date or ''}"

    def write(self, vals):
        """A night's price is changed by a revenue manager (logged on the stay
        and kept when the stay changes: ``price_manual``), or by repricing from
        the rate plan (named internal path ``reprice_nights``). Superuser
        access alone does not skip this rule."""
        self._hotel_check_client_input([vals])
        if "price" in vals and not rule_bypassed("reprice_nights"):
            if not self.env.user.has_group("hotel_base.group_hotel_revenue_manager"):
                raise AccessError(self.env._("Only revenue managers can change the price of a night."))
            self._hotel_check_protected(vals)
            for night in self:
                # sudo: revenue managers may reprice without write access to the booking; author kept.
                night.reservation_id.sudo().message_post(author_id=self.env.user.partner_id.id, body=self.env._(
                    "Price of the night of %(date)s changed from %(old)s to %(new)s.",
                    date=night.date, old=night.price, new=vals["price"]))
            with workflow_write():  # the manual flag goes with the manual price
                return super().write(dict(vals, price_manual=True))
        return super().write(vals)
