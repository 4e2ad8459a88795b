"""A day at the desk, as each hotel role meets it (issue #10)."""
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from odoo.addons.hotel_base.tests.common import view_specification

from .test_billing import BillingCase


class TestDeskDay(BillingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.homestay_owner = new_test_user(
            cls.env, login="r_homestay",
            groups="base.group_user,hotel_base.group_hotel_frontdesk_manager,hotel_base.group_hotel_revenue_manager",
            hotel_property_ids=[Command.set(cls.hotel.ids)])

    def checked_out_invoice(self):
        res = self.in_house(departs_today=True)
        folio = res.folio_id
        folio._post_night_charges(res.night_ids)
        folio._register_payment(folio.amount_due, self.alipay)
        return folio._invoice_lines(folio.line_ids)

    def test_desk_roles_open_print_and_send_invoices_without_finance_rights(self):
        invoice = self.checked_out_invoice()
        self.assertEqual(invoice.payment_state, "paid")
        for user in (self.frontdesk, self.manager, self.homestay_owner):
            with self.subTest(user=user.login):
                self.env.invalidate_all()  # read as the user, nothing computed as superuser before
                move = invoice.with_user(user)
                # the invoice form, as the web client reads it (payments widget included)
                data = move.web_read(view_specification(move, "form"))[0]
                self.assertEqual(data["name"], invoice.name)
                # print
                html, __ = self.env["ir.actions.report"].with_user(user)._render_qweb_html(
                    "account.account_invoices", move.ids)
                self.assertIn(invoice.name, html.decode())
                # send: Odoo's send wizard, as the Send button opens it
                action = move.action_invoice_sent()
                wizard = self.env[action["res_model"]].with_user(user).with_context(action["context"]).create({})
                wizard.action_send_and_print()
                self.assertTrue(invoice.is_move_sent)
                # reading is not posting: no change to a posted invoice
                with self.assertRaises(AccessError):
                    move.write({"ref": "changed at the desk"})
                with self.assertRaises(AccessError):
                    move.button_draft()
        with self.assertRaises(AccessError):
            invoice.with_user(self.housekeeping).read(["name"])

    def test_front_desk_searches_every_payment_method(self):
        """'Search more...' on the payment method opens the journals' list."""
        journals = self.env["account.journal"].with_user(self.frontdesk)
        records = journals.search([("type", "in", ("bank", "cash"))])
        self.assertIn(self.alipay, records)
        records.web_read(view_specification(journals, "list"))
        journals.web_search_read([], view_specification(journals, "list"))
