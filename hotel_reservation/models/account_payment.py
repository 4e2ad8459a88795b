from odoo import fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    hotel_folio_id = fields.Many2one("hotel.folio", string="Folio", index="btree_not_null", copy=False,
                                     readonly=True)
