from odoo import fields, models

from ..models.hotel_guest_document import DOCUMENT_TYPES


class HotelGuestDocumentRegister(models.TransientModel):
    """Front desk records a guest's ID document at check-in.

    The document is created with the user's own rights: front-desk users may
    create documents but never read them back, so the wizard shows nothing
    that was stored before.
    """

    _name = "hotel.guest.document.register"
    _description = "Register Guest ID Document"

    partner_id = fields.Many2one("res.partner", string="Guest", required=True)
    document_type = fields.Selection(DOCUMENT_TYPES, string="Type", required=True, default="id_card")
    number = fields.Char(required=True)
    issuing_country_id = fields.Many2one(
        "res.country", default=lambda self: self.env.ref("base.cn", raise_if_not_found=False),
    )
    issue_date = fields.Date()
    expiry_date = fields.Date()
    scan = fields.Binary()
    scan_filename = fields.Char()

    def action_register(self):
        self.ensure_one()
        self.env["hotel.guest.document"].create({
            "partner_id": self.partner_id.id,
            "document_type": self.document_type,
            "number": self.number,
            "issuing_country_id": self.issuing_country_id.id,
            "issue_date": self.issue_date,
            "expiry_date": self.expiry_date,
            "scan": self.scan,
            "scan_filename": self.scan_filename,
        })
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
