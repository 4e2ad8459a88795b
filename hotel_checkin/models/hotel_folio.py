from markupsafe import Markup

from odoo import models, tools


class HotelFolio(models.Model):
    _inherit = "hotel.folio"

    def _precheckin_token(self, stay=None):
        """Stateless token of a pre-check-in link (HMAC with the database
        secret: nothing to store on the booking path): the whole booking, or
        one room of it (``stay``) for a guest who did not book."""
        self.ensure_one()
        scope = (self.id, stay.id) if stay else self.id
        return tools.hmac(self.env(su=True), "hotel-precheckin", scope)

    def _precheckin_url(self, stay=None):
        self.ensure_one()
        room = f"/{stay.id}" if stay else ""
        return f"{self.get_base_url()}/hotel/precheckin/{self.id}{room}/{self._precheckin_token(stay)}"

    def _compute_mail_extra_html(self):
        """The pre-check-in link in the booking mails (stays awaiting arrival)."""
        super()._compute_mail_extra_html()
        for folio in self:
            if not folio.reservation_ids.filtered(lambda r: r.state == "confirmed"):
                continue
            link = Markup('<p>%s <a href="%s">%s</a></p>') % (
                self.env._("Save time at arrival: tell us when you arrive and register your party online."),
                folio._precheckin_url(), self.env._("Pre-check-in"))
            folio.mail_extra_html = (folio.mail_extra_html or Markup()) + link
        return True
