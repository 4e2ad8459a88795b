from odoo import fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    hotel_folio_id = fields.Many2one("hotel.folio", string="Folio", index="btree_not_null", copy=False,
                                     readonly=True)
    hotel_property_id = fields.Many2one(related="hotel_folio_id.property_id", store=True, index="btree_not_null",
                                        string="Hotel Property")
