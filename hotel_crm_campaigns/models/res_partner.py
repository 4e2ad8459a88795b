from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    hotel_metric_ids = fields.One2many("hotel.guest.metric", "partner_id", string="Guest Metrics",
                                       groups="hotel_base.group_hotel_marketing,hotel_base.group_hotel_frontdesk_user,hotel_base.group_hotel_revenue_manager")
