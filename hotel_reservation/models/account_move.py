from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    # The property of a hotel invoice, credit note or payment entry: hotel roles
    # read the accounting of their own properties only (record rules).
    hotel_property_id = fields.Many2one(
        "hotel.property", compute="_compute_hotel_property_id", store=True,
        index="btree_not_null", readonly=True, recursive=True)

    @api.depends("line_ids.hotel_folio_line_ids", "origin_payment_id.hotel_folio_id",
                 "reversed_entry_id.hotel_property_id")
    def _compute_hotel_property_id(self):
        for move in self:
            move.hotel_property_id = (
                move.line_ids.hotel_folio_line_ids.folio_id.property_id[:1]
                or move.origin_payment_id.hotel_folio_id.property_id
                or move.reversed_entry_id.hotel_property_id
            )
