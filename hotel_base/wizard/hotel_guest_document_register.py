from odoo import api, fields, models

from ..models.hotel_guest_document import DOCUMENT_TYPES, mask_number


class HotelGuestDocumentRegister(models.TransientModel):
    """Front desk records a guest's ID document at check-in.

    The document is created with the user's own rights, when the wizard is
    saved: front-desk users may create documents but never read them back, so
    the wizard shows nothing that was stored before, and its own row keeps the
    masked number only (a refused registration stores nothing).
    """

    _name = "hotel.guest.document.register"
    _description = "Register Guest ID Document"
    _inherit = ["hotel.property.mixin"]
    _hotel_property_fields = ("partner_id", "property_id")

    partner_id = fields.Many2one("res.partner", string="Guest", required=True)
    property_id = fields.Many2one("hotel.property", required=True,
                                  default=lambda self: self.env.user.hotel_property_ids[:1])
    document_type = fields.Selection(DOCUMENT_TYPES, string="Type", required=True, default="id_card")
    number = fields.Char(required=True)
    issuing_country_id = fields.Many2one(
        "res.country", default=lambda self: self.env.ref("base.cn", raise_if_not_found=False),
    )
    issue_date = fields.Date()
    expiry_date = fields.Date()
    scan = fields.Binary()
    scan_filename = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        """Record the documents now; the wizard rows keep masked numbers, no scan."""
        wizards = super().create(vals_list)
        for wizard in wizards:
            self.env["hotel.guest.document"].create({
                "partner_id": wizard.partner_id.id,
                "property_id": wizard.property_id.id,
                "document_type": wizard.document_type,
                "number": wizard.number,
                "issuing_country_id": wizard.issuing_country_id.id,
                "issue_date": wizard.issue_date,
                "expiry_date": wizard.expiry_date,
                "scan": wizard.scan,
                "scan_filename": wizard.scan_filename,
            })
            wizard.write({"number": mask_number(wizard.number), "scan": False})
        return wizards

    def action_register(self):
        self.ensure_one()
        message = self.env._("ID document recorded for %(guest)s.", guest=self.partner_id.name)
        # The wizard row holds the number in clear: do not keep it around until the vacuum.
        self.unlink()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
