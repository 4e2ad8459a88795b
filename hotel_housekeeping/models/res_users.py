from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    hk_daily_credits = fields.Float(
        string="Daily Cleaning Credits", default=12.0, digits=(16, 2),
        help="How much an attendant cleans in a day (a standard departure clean is 1): used by the "
             "automatic assignment of housekeeping tasks.")
