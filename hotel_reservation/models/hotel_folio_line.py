from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hotel_base.tools.rules import in_workflow_write, rule_bypassed

LINE_KINDS = [("room", "Room night"), ("extra", "Extra"), ("penalty", "Penalty")]


class HotelFolioLine(models.Model):
    """A charge on a guest account: a room night, an extra or a penalty.

    Invariants: a ledger night is charged at most once (unique index on
    ``night_id``); quantities are positive and discounts within 0-100 %; a line
    on an invoice can no longer change (corrections go through credit notes).
    Taxes come from the product, mapped by the property's fiscal position.
    """

    _name = "hotel.folio.line"
    _inherit = ["hotel.property.mixin"]
    _description = "Folio Charge"
    _order = "folio_id, date, id"
    _check_company_auto = True
    _hotel_property_fields = ("folio_id", "reservation_id", "night_id")
    _hotel_protected_fields = ("night_id", "invoice_line_ids")

    folio_id = fields.Many2one("hotel.folio", required=True, index=True, ondelete="cascade")
    reservation_id = fields.Many2one("hotel.reservation", index=True, ondelete="restrict",
                                     domain="[('folio_id', '=', folio_id)]")
    night_id = fields.Many2one("hotel.reservation.night", string="Room Night", index="btree_not_null",
                               ondelete="restrict", readonly=True)
    kind = fields.Selection(LINE_KINDS, required=True, default="extra")
    product_id = fields.Many2one("product.product", required=True, check_company=True)
    name = fields.Char(string="Description", required=True)
    date = fields.Date(required=True, compute="_compute_date", store=True, readonly=False, precompute=True,
                       help="Business date of the charge; default: today at the folio's property.")
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit")
    price_unit = fields.Float(string="Unit Price", required=True, digits="Product Price")
    discount = fields.Float(string="Discount (%)", digits="Discount")
    tax_ids = fields.Many2many("account.tax", string="Taxes", check_company=True,
                               domain="[('type_tax_use', '=', 'sale')]")
    company_id = fields.Many2one(related="folio_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="folio_id.currency_id")
    property_id = fields.Many2one(related="folio_id.property_id", store=True, index=True)
    payer_id = fields.Many2one("res.partner", string="Bill To",
                               help="Who pays this charge; empty: the folio's booker.")
    price_subtotal = fields.Monetary(compute="_compute_amounts", store=True, string="Untaxed")
    price_tax = fields.Monetary(compute="_compute_amounts", store=True, string="Tax")
    price_total = fields.Monetary(compute="_compute_amounts", store=True, string="Total")
    invoice_line_ids = fields.Many2many("account.move.line", "hotel_folio_line_invoice_rel", "folio_line_id",
                                        "move_line_id", string="Invoice Lines", copy=False, readonly=True)
    is_invoiced = fields.Boolean(compute="_compute_is_invoiced", store=True, index=True)

    _night_uniq = models.UniqueIndex("(night_id) WHERE night_id IS NOT NULL",
                                     "This room night is already charged.")
    _quantity_check = models.Constraint("CHECK(quantity > 0)", "The quantity of a charge must be positive.")
    _discount_check = models.Constraint("CHECK(discount >= 0 AND discount <= 100)",
                                        "A discount must be between 0 and 100 %.")
    _price_check = models.Constraint("CHECK(price_unit >= 0)",
                                     "The price of a charge cannot be negative: correct with a credit note.")
    _bounds_check = models.Constraint("CHECK(quantity <= 10000 AND price_unit < 100000000)",
                                      "A charge is at most 10,000 units at less than 100,000,000 each.")

    @api.depends("folio_id")
    def _compute_date(self):
        for line in self:
            if not line.date and line.folio_id.property_id:
                line.date = line.folio_id.property_id._local_today()

    @api.depends("quantity", "price_unit", "discount", "tax_ids", "currency_id")
    def _compute_amounts(self):
        for line in self:
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            taxes = line.tax_ids.compute_all(price, line.currency_id, line.quantity, product=line.product_id,
                                             partner=line.folio_id.partner_id)
            line.price_subtotal = taxes["total_excluded"]
            line.price_total = taxes["total_included"]
            line.price_tax = taxes["total_included"] - taxes["total_excluded"]

    @api.depends("invoice_line_ids.move_id.state", "invoice_line_ids.move_id.reversal_move_ids.state")
    def _compute_is_invoiced(self):
        """Invoiced while on a non-cancelled invoice that no posted credit note fully reverses."""
        for line in self:
            moves = line.invoice_line_ids.move_id.filtered(lambda m: m.state != "cancel")
            live = moves.filtered(lambda m: not m.reversal_move_ids.filtered(lambda r: r.state == "posted"))
            line.is_invoiced = bool(live)

    @api.constrains("quantity", "discount", "price_unit")
    def _check_values(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(self.env._("The quantity of %(line)s must be positive.", line=line.name))
            if not 0 <= line.discount <= 100:
                raise ValidationError(self.env._("A discount must be between 0 and 100 %."))
            if line.price_unit < 0:
                raise ValidationError(self.env._(
                    "The price of %(line)s cannot be negative: correct with a credit note.", line=line.name))

    @api.constrains("folio_id", "reservation_id", "night_id")
    def _check_links(self):
        """A charge's stay is a stay of its folio, and its night a night of that stay."""
        for line in self:
            if line.reservation_id and line.reservation_id.folio_id != line.folio_id:
                raise ValidationError(self.env._(
                    "%(line)s: the room %(res)s is not part of %(folio)s.",
                    line=line.name, res=line.reservation_id.name, folio=line.folio_id.name))
            if line.night_id and line.night_id.reservation_id != line.reservation_id:
                raise ValidationError(self.env._("%(line)s: the night is not a night of this stay.", line=line.name))

    @api.model
    def _prepare_taxes(self, product, folio):
        """Product taxes of the company, mapped by the property's fiscal position."""
        return folio.property_id._sale_taxes(product)

    def _check_price_rights(self, vals_list):
        """Room nights and penalties are priced by the stay and the policy (revenue
        managers reprice the night); the desk prices extras only."""
        if in_workflow_write() or self.env.user.has_group("hotel_base.group_hotel_revenue_manager"):
            return
        priced = {"price_unit", "discount", "quantity", "product_id", "tax_ids"}
        for vals in vals_list:
            if vals.get("kind", "extra") != "extra":
                raise UserError(self.env._("Room nights and penalties are charged by the stay and its policy, "
                                           "not by hand: post an extra."))
        if self.filtered(lambda line: line.kind != "extra") and priced & set(vals_list[0]):
            raise UserError(self.env._("The price of a room night or a penalty is not changed on the charge: "
                                       "a revenue manager changes the price of the night."))

    @api.model_create_multi
    def create(self, vals_list):
        self._hotel_check_client_input(vals_list)
        self._check_price_rights(vals_list)
        for vals in vals_list:
            if "tax_ids" not in vals and vals.get("product_id") and vals.get("folio_id"):
                product = self.env["product.product"].browse(vals["product_id"])
                folio = self.env["hotel.folio"].browse(vals["folio_id"])
                vals["tax_ids"] = [fields.Command.set(self._prepare_taxes(product, folio).ids)]
        lines = super().create(vals_list)
        closed = lines.folio_id.filtered(lambda f: f.state in ("done", "cancelled"))
        if closed and not rule_bypassed("closed_folio_charge"):
            raise UserError(self.env._("Folio %(folio)s is closed: no new charges.", folio=closed[0].name))
        return lines

    def write(self, vals):
        """Invoiced charges are frozen; a room-night charge stays tied to its
        night, stay and folio (it leaves only with its night: see ``unlink``);
        no charge moves onto a closed folio."""
        self._hotel_check_client_input([vals])
        self._check_price_rights([vals])
        if self.filtered("is_invoiced") and set(vals) - {"payer_id"}:
            raise UserError(self.env._("Invoiced charges cannot change: issue a credit note instead."))
        if {"night_id", "kind", "folio_id", "reservation_id"} & vals.keys() and self.filtered("night_id") \
                and not rule_bypassed("release_room_charges"):
            raise UserError(self.env._("Room night charges follow their stay: change the stay, not the charge."))
        if vals.get("folio_id") and not rule_bypassed("closed_folio_charge"):
            folio = self.env["hotel.folio"].browse(vals["folio_id"])
            if folio.state in ("done", "cancelled"):
                raise UserError(self.env._("Folio %(folio)s is closed: no new charges.", folio=folio.name))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        if self.filtered("is_invoiced"):
            raise UserError(self.env._("Invoiced charges cannot be deleted: issue a credit note instead."))
        if self.filtered("night_id") and not rule_bypassed("release_room_charges"):
            raise UserError(self.env._("Room night charges are removed by changing the stay, not by hand."))

    def _prepare_invoice_line(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "name": self.name,
            "quantity": self.quantity,
            "price_unit": self.price_unit,
            "discount": self.discount,
            "tax_ids": [fields.Command.set(self.tax_ids.ids)],
            "hotel_folio_line_ids": [fields.Command.set(self.ids)],
        }
