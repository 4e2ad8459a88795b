from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    hotel_folio_line_ids = fields.Many2many("hotel.folio.line", "hotel_folio_line_invoice_rel", "move_line_id",
                                            "folio_line_id", string="Folio Charges", copy=False, readonly=True)
    hotel_property_id = fields.Many2one(related="move_id.hotel_property_id", store=True, index="btree_not_null")
