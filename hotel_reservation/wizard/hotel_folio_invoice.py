from odoo import api, fields, models
from odoo.exceptions import UserError


class HotelFolioInvoice(models.TransientModel):
    """Invoice chosen charges to one payer (split billing: guest / company)."""

    _name = "hotel.folio.invoice"
    _description = "Invoice Folio Charges"
    _inherit = ["hotel.property.mixin"]
    _hotel_property_fields = ("folio_id", "line_ids")
    _hotel_write_targets = ("folio_id",)

    folio_id = fields.Many2one("hotel.folio", required=True)
    partner_id = fields.Many2one("res.partner", string="Bill To", required=True,
                                 compute="_compute_partner_id", store=True, readonly=False, precompute=True)
    line_ids = fields.Many2many("hotel.folio.line", string="Charges",
                                domain="[('folio_id', '=', folio_id), ('is_invoiced', '=', False)]",
                                compute="_compute_line_ids", store=True, readonly=False)

    @api.depends("folio_id")
    def _compute_partner_id(self):
        for wizard in self:
            wizard.partner_id = wizard.folio_id.partner_id

    @api.depends("folio_id")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = wizard.folio_id.line_ids.filtered(lambda line: not line.is_invoiced)

    def action_invoice(self):
        self.ensure_one()
        if self.line_ids - self.folio_id.sudo().line_ids:
            raise UserError(self.env._("Only charges of %(folio)s can be invoiced here.", folio=self.folio_id.name))
        invoices = self.folio_id._invoice_lines(self.line_ids, partner=self.partner_id)
        return self.folio_id.with_context(invoice_ids=invoices.ids).action_view_invoices()
