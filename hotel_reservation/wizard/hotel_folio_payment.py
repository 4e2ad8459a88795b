from odoo import api, fields, models
from odoo.exceptions import UserError


class HotelFolioPayment(models.TransientModel):
    """Deposit, payment or refund on a folio, by a hotel payment method."""

    _name = "hotel.folio.payment"
    _description = "Folio Payment"
    _inherit = ["hotel.property.mixin"]
    _hotel_property_fields = ("folio_id",)
    _hotel_write_targets = ("folio_id",)

    folio_id = fields.Many2one("hotel.folio", required=True)
    company_id = fields.Many2one(related="folio_id.company_id")
    currency_id = fields.Many2one(related="folio_id.currency_id")
    journal_id = fields.Many2one(
        "account.journal", string="Payment Method", required=True,
        domain="[('company_id', '=', company_id), ('type', 'in', ('bank', 'cash'))]",
        compute="_compute_journal_id", store=True, readonly=False, precompute=True,
    )
    is_refund = fields.Boolean(string="Refund", help="Pay money back to the guest (e.g. an unused deposit).")
    amount = fields.Monetary(compute="_compute_amount", store=True, readonly=False, required=True, precompute=True)
    memo = fields.Char()

    @api.depends("folio_id")
    def _compute_journal_id(self):
        for wizard in self:
            journals = self.env["account.journal"].search([
                ("company_id", "=", wizard.folio_id.company_id.id), ("type", "in", ("bank", "cash")),
            ], order="hotel_payment_method desc, type, sequence, id")
            wizard.journal_id = journals[:1]

    @api.depends("folio_id", "is_refund")
    def _compute_amount(self):
        for wizard in self:
            folio = wizard.folio_id
            wizard.amount = folio._refundable_amount() if wizard.is_refund else folio._amount_to_collect()

    def action_register(self):
        self.ensure_one()
        journal = self.journal_id
        if journal.type not in ("bank", "cash") or journal.company_id != self.folio_id.company_id:
            raise UserError(self.env._("%(journal)s is not a payment method of %(company)s.",
                                       journal=journal.name, company=self.folio_id.company_id.name))
        self.folio_id._register_payment(self.amount, self.journal_id, refund=self.is_refund, memo=self.memo)
        return {"type": "ir.actions.act_window_close"}
