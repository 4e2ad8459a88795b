"""Quotes tell the guest what they pay (#10): the booking e-mails (noupdate
data, so an upgrade keeps them) get the tax-included total where they still
quote the room rate alone; the channels get their Chinese names where they
still have the original English ones. Customised texts are left alone."""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

TEMPLATES = ("mail_template_folio_confirmed", "mail_template_reservation_modified")
CHANNELS = {
    "utm_source_direct": ("Direct (front desk)", "Direct, front desk (前台直订)"),
    "utm_source_phone": ("Phone", "Phone (电话预订)"),
    "utm_source_website": ("Website / portal", "Website (官网)"),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in TEMPLATES:
        template = env.ref(f"hotel_reservation.{xmlid}", raise_if_not_found=False)
        if template and "amount_total_incl" not in (template.body_html or ""):
            template.reset_template()
            _logger.info("mail template %s reset: it now quotes the tax-included total", xmlid)
    for xmlid, (old, new) in CHANNELS.items():
        source = env.ref(f"hotel_reservation.{xmlid}", raise_if_not_found=False)
        if source and source.name == old:
            source.name = new
