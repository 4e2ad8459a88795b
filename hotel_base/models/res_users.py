from odoo import fields, models


class ResUsers(models.Model):
    """Hotel staff work only on the properties listed here (record rules use it)."""

    _inherit = "res.users"

    hotel_property_ids = fields.Many2many(
        "hotel.property", "hotel_property_res_users_rel", "user_id", "property_id",
        string="Allowed Properties",
        help="Hotel records of other properties are invisible to this user, unless a Hotel Administrator.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "hotel_property_ids" in vals:
            # Record rules depend on this field: drop cached rule domains.
            self.env.registry.clear_cache()
        return res
