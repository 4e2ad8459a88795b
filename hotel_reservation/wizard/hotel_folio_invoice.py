from odoo import api, fields, models


class HotelFolioInvoice(models.TransientModel):
    """Invoice chosen charges to one payer (split billing: guest / company)."""

    _name = "hotel.folio.invoice"
    _description = "Invoice Folio Charges"

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
        invoices = self.folio_id._invoice_lines(self.line_ids, partner=self.partner_id)
        return self.folio_id.with_context(invoice_ids=invoices.ids).action_view_invoices()
