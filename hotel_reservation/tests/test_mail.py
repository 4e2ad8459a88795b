from datetime import timedelta

from odoo import Command

from .common import HotelReservationCase


class TestGuestMails(HotelReservationCase):

    def _last_mail(self, record):
        return record.message_ids.filtered(lambda m: m.message_type in ("comment", "notification")
                                           and m.subject)[:1]

    def test_confirmation_modification_cancellation(self):
        # the room's tax is included in its price: the guest is told what they pay
        self.double.product_id.taxes_id = [Command.set(self.env["account.tax"].create({
            "name": "Test VAT 6% incl", "amount": 6, "type_tax_use": "sale",
            "price_include_override": "tax_included"}).ids)]
        res = self.book(nights=2)
        self.send_confirmations()
        mail = self._last_mail(res.folio_id)
        self.assertIn(f"Booking {res.folio_id.name} confirmed", mail.subject)
        self.assertIn(self.guest, mail.partner_ids)
        body = str(mail.body)
        for expected in ("Test Double", "500.00", "1,000.00", "56.60 tax", "Free cancellation until 24 hours"):
            self.assertIn(expected, body)
        # An e-mail to the guest is queued with the chatter message.
        queued = self.env["mail.mail"].sudo().search([("mail_message_id", "=", mail.id)])
        self.assertEqual(queued.recipient_ids, self.guest)

        res.departure_date = res.departure_date + timedelta(days=1)
        mail = self._last_mail(res)
        self.assertIn("modified", mail.subject)
        self.assertIn("1,500.00", str(mail.body))

        res.action_cancel()
        mail = self._last_mail(res)
        self.assertIn("cancelled", mail.subject)
        self.assertIn("No cancellation charge", str(mail.body))

    def test_confirmation_in_the_guests_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "hotel_reservation")])._update_translations(["zh_CN"])
        self.guest.lang = "zh_CN"
        res = self.book()
        self.send_confirmations()
        mail = self._last_mail(res.folio_id)
        self.assertRegex(mail.subject, r"[\u4e00-\u9fff]")
