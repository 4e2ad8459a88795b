from odoo import api, fields, models
from odoo.exceptions import UserError


class HotelFolioCharge(models.TransientModel):
    """Front desk: post an extra (breakfast, minibar, laundry...) to a folio."""

    _name = "hotel.folio.charge"
    _description = "Post a Folio Charge"
    _inherit = ["hotel.property.mixin"]
    _hotel_property_fields = ("folio_id", "reservation_id")
    _hotel_write_targets = ("folio_id",)

    folio_id = fields.Many2one("hotel.folio", required=True)
    reservation_id = fields.Many2one(
        "hotel.reservation", string="Room",
        domain="[('folio_id', '=', folio_id), ('state', 'in', ('confirmed', 'checked_in'))]",
    )
    product_id = fields.Many2one(
        "product.product", string="Service", required=True,
        domain=lambda self: [
            ("sale_ok", "=", True), ("type", "=", "service"),
            ("categ_id", "child_of", self.env.ref("hotel_reservation.product_category_extras").id),
        ],
    )
    quantity = fields.Float(default=1.0, required=True)
    price_unit = fields.Float(string="Unit Price", compute="_compute_price_unit", store=True, readonly=False)
    discount = fields.Float(string="Discount (%)")
    note = fields.Char(string="Details", help="E.g. 2 x Coke, room 305 minibar")
    date = fields.Date(required=True, compute="_compute_date", store=True, readonly=False, precompute=True)

    @api.depends("folio_id")
    def _compute_date(self):
        """Today at the folio's property (its business date), not the user's or UTC's."""
        for wizard in self:
            if not wizard.date and wizard.folio_id.property_id:
                wizard.date = wizard.folio_id.property_id._local_today()

    @api.depends("product_id")
    def _compute_price_unit(self):
        for wizard in self:
            wizard.price_unit = wizard.product_id.lst_price

    def action_post(self):
        self.ensure_one()
        if self.folio_id.state in ("done", "cancelled"):
            raise UserError(self.env._("Folio %(folio)s is closed: no new charges.", folio=self.folio_id.name))
        # described in the guest's language: it is printed on their statement and invoice
        product = self.product_id.with_context(lang=self.folio_id.partner_id.lang or self.env.lang)
        name = product.display_name + (f" - {self.note}" if self.note else "")
        self.env["hotel.folio.line"].create({
            "folio_id": self.folio_id.id, "reservation_id": self.reservation_id.id, "kind": "extra",
            "product_id": self.product_id.id, "name": name, "quantity": self.quantity,
            "price_unit": self.price_unit, "discount": self.discount, "date": self.date,
        })
        return {"type": "ir.actions.act_window_close"}
