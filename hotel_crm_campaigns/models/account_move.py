from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    hotel_complaint_id = fields.Many2one("hotel.complaint", string="Complaint", index="btree_not_null",
                                         readonly=True, copy=False,
                                         help="The guest complaint this credit note compensates.")
