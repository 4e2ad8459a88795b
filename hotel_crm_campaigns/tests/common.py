import itertools
from datetime import datetime, time

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.hotel_loyalty.tests.common import LoyaltyCase
from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.sms.tests.common import MockSMS

PHONES = itertools.count(13800000001)


class CrmCase(LoyaltyCase, MockEmail, MockSMS):
    """Hotel marketing on the test hotel: guests with their consents, a
    marketer, campaigns sent through Odoo's composers (Odoo's own e-mail and
    SMS gateway mocks: no network)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotel.write({"crm_holdout_percent": 0, "tz": "Asia/Shanghai"})
        cls.marketer = new_test_user(
            cls.env, login="c_marketer", groups="base.group_user,hotel_base.group_hotel_marketing",
            hotel_property_ids=[Command.set(cls.hotel.ids)])
        cls.partner_model = cls.env["ir.model"]._get_id("res.partner")

    def guest_with(self, name, email=True, sms=False, **values):
        return self.env["res.partner"].create(dict({
            "name": name, "email": f"{name.lower().replace(' ', '.')}@example.com",
            "phone": f"+86 {next(PHONES)}", "is_hotel_guest": True, "consent_email": email, "consent_sms": sms,
        }, **values))

    def campaign(self, partners, channel="mail", holdout=0, **values):
        return self.env["mailing.mailing"].create(dict({
            "name": "Test campaign", "subject": "Our offer", "mailing_type": channel,
            "mailing_model_id": self.partner_model,
            "mailing_domain": repr([("id", "in", partners.ids)]),
            "body_html": "<p>Dear <t t-out='object.name'/>, <a href='https://hotel.example.com/book'>book</a></p>",
            "body_plaintext": "Dear {{ object.name }}, book now" if channel == "sms" else False,
            "hotel_property_id": self.hotel.id, "hotel_holdout_percent": holdout,
        }, **values))

    def send(self, mailing):
        """Send through the mailing queue, as Odoo's scheduled job does, with
        Odoo's gateway mocks; the traces get the (frozen) sending time, not
        the transaction's."""
        with self.mock_mail_gateway(), self.mockSMSGateway():
            mailing.action_put_in_queue()
            self.run_cron("mass_mailing.ir_cron_mass_mailing_queue")
        self.env.invalidate_all()
        self.env.flush_all()
        self.env.cr.execute("UPDATE mailing_trace SET create_date = %s WHERE mass_mailing_id = ANY(%s)",
                            [datetime.now(), mailing.ids])
        self.env["mailing.trace"].invalidate_model(["create_date"])
        return mailing

    def traces(self, mailing):
        """{guest: (status, failure)} of the mailing's traces."""
        return {t.hotel_partner_id: (t.trace_status, t.failure_type or False)
                for t in self.env["mailing.trace"].search([("mass_mailing_id", "=", mailing.id)])}

    def local(self, day, hour, minute=0, prop=None):
        return (prop or self.hotel)._to_utc(datetime.combine(day, time(hour, minute)))
