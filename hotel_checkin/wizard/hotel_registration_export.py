from odoo import fields, models


class HotelRegistrationExport(models.TransientModel):
    """Download the guests registered on one day at one property (one row per
    guest, documents in full) for the local police system: front-desk managers."""

    _name = "hotel.registration.export"
    _description = "Export Guest Registrations"
    _inherit = ["hotel.property.mixin"]
    _hotel_property_fields = ("property_id",)

    property_id = fields.Many2one("hotel.property", required=True,
                                  default=lambda self: self.env.user.hotel_property_ids[:1])
    date = fields.Date(required=True, default=lambda self: self._default_date())
    file_format = fields.Selection([("xlsx", "Excel (xlsx)"), ("csv", "CSV")], default="xlsx", required=True)

    def _default_date(self):
        prop = self.env.user.hotel_property_ids[:1]
        return prop._local_today() if prop else fields.Date.context_today(self)

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url", "target": "self",
            "url": f"/hotel/registrations/{self.property_id.id}/{self.date}.{self.file_format}",
        }
