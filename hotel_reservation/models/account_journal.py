from odoo import api, fields, models

# Front-desk payment methods created per company (code, name); cash uses Odoo's cash journal.
HOTEL_METHODS = [("HCARD", "Bank Card"), ("ALIPY", "Alipay"), ("WECHT", "WeChat Pay"), ("HBANK", "Bank Transfer")]


class AccountJournal(models.Model):
    _inherit = "account.journal"

    hotel_payment_method = fields.Boolean(
        help="Offered at the front desk for deposits and payments.",
    )

    @api.model
    def _hotel_create_payment_journals(self, companies=None):
        """Bank-type journals for the front desk's payment methods, in every
        company that has a chart of accounts; the cash journal (created when
        the chart has none) is one of them."""
        for company in companies or self.env["res.company"].search([("chart_template", "!=", False)]):
            if not company.chart_template:
                continue
            existing = self.search([("company_id", "=", company.id)])
            if not existing.filtered(lambda j: j.type == "cash"):
                # the till: charts without a cash journal (e.g. the generic one) get Odoo's usual one
                existing |= self.create({"name": self.env._("Cash"), "type": "cash", "company_id": company.id})
            existing.filtered(lambda j: j.type == "cash").write({"hotel_payment_method": True})
            for code, name in HOTEL_METHODS:
                if code not in existing.mapped("code"):
                    self.create({"name": name, "code": code, "type": "bank", "company_id": company.id,
                                 "hotel_payment_method": True})
