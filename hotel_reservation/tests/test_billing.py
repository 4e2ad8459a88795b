from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import HotelReservationCase


class BillingCase(HotelReservationCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        cls.vat_excl = cls.env["account.tax"].create({
            "name": "Test VAT 10% excl", "amount": 10, "type_tax_use": "sale", "company_id": company.id,
            "price_include_override": "tax_excluded"})
        cls.vat_incl = cls.env["account.tax"].create({
            "name": "Test VAT 6% incl", "amount": 6, "type_tax_use": "sale", "company_id": company.id,
            "price_include_override": "tax_included"})
        cls.double.product_id.taxes_id = [Command.set(cls.vat_incl.ids)]
        cls.breakfast = cls.env.ref("hotel_reservation.product_breakfast")
        cls.breakfast.taxes_id = [Command.set(cls.vat_excl.ids)]
        cls.env["account.journal"]._hotel_create_payment_journals(company)
        cls.alipay = cls.env["account.journal"].search([("code", "=", "ALIPY"), ("company_id", "=", company.id)])
        cls.company_payer = cls.env["res.partner"].create({"name": "Test Corp Ltd", "is_company": True})

    def in_house(self, nights=2, departs_today=False, **kw):
        """A checked-in stay; by default it arrived yesterday and has nights left."""
        arrival = self.today - timedelta(days=nights if departs_today else nights - 1)
        res = self.book(arrival=arrival, nights=nights, **kw)
        res.action_check_in()
        return res

    def charge(self, folio, product, qty=1, price=None, **kw):
        wizard = self.env["hotel.folio.charge"].create(dict({
            "folio_id": folio.id, "product_id": product.id, "quantity": qty}, **kw))
        if price is not None:
            wizard.price_unit = price
        wizard.action_post()
        return folio.line_ids.sorted("id")[-1]

    def assert_due_invariant(self, folio):
        folio.invalidate_recordset()
        uninvoiced = sum(folio.line_ids.filtered(lambda line: not line.is_invoiced).mapped("price_total"))
        self.assertAlmostEqual(folio.amount_due, folio.amount_invoiced + uninvoiced - folio.amount_paid, places=2)


class TestBilling(BillingCase):

    def test_totals_tax_included_excluded_discount_rounding(self):
        res = self.in_house()
        folio = res.folio_id
        folio._post_night_charges(res.night_ids)
        self.assertEqual(len(folio.line_ids), 2)
        room = folio.line_ids[0]
        # 500 tax-included at 6 %: 471.70 + 28.30.
        self.assertAlmostEqual(room.price_subtotal, 471.70, places=2)
        self.assertAlmostEqual(room.price_total, 500.00, places=2)
        extra = self.charge(folio, self.breakfast, qty=3, price=33.33, discount=10)
        # 3 x 33.33 - 10 % = 89.99 (rounded), + 10 % tax = 9.00 -> 98.99
        self.assertAlmostEqual(extra.price_subtotal, 89.99, places=2)
        self.assertAlmostEqual(extra.price_total, 98.99, places=2)
        self.assertAlmostEqual(folio.amount_total, 1098.99, places=2)
        self.assertAlmostEqual(folio.amount_untaxed + folio.amount_tax, folio.amount_total, places=2)
        self.assert_due_invariant(folio)

    def test_bad_charges_refused(self):
        folio = self.in_house().folio_id
        for values, pattern in (({"quantity": 0}, "must be positive"), ({"discount": 120}, "between 0 and 100"),
                                ({"price_unit": -5}, "credit note")):
            with self.subTest(values=values), self.assertRefused(ValidationError, pattern):
                self.env["hotel.folio.line"].create(dict({
                    "folio_id": folio.id, "product_id": self.breakfast.id, "name": "x", "price_unit": 10}, **values))
        self.assertFalse(folio.line_ids)

    def test_deposit_invoice_reconciliation_zero_due(self):
        res = self.in_house()
        folio = res.folio_id
        folio._register_payment(700, self.alipay, memo="deposit")
        self.assertEqual(folio.amount_paid, 700)
        self.assertEqual(folio.payment_ids.journal_id, self.alipay)
        folio._post_night_charges(res.night_ids)
        self.charge(folio, self.breakfast, qty=2, price=50)  # 110 with tax
        self.assert_due_invariant(folio)
        self.assertEqual(folio.amount_due, 410)
        folio._register_payment(410, self.alipay)
        invoices = folio.action_create_invoice()
        self.assertEqual(invoices.state, "posted")
        self.assertAlmostEqual(invoices.amount_total, folio.amount_total, places=2)
        self.assertEqual(invoices.payment_state, "paid", "the deposits were reconciled with the invoice")
        self.assertEqual(folio.amount_due, 0)
        self.assert_due_invariant(folio)

    def test_refund_of_a_deposit(self):
        folio = self.in_house().folio_id
        folio._register_payment(300, self.alipay)
        with self.assertRefused(UserError, "a larger refund is not possible"):
            folio._register_payment(400, self.alipay, refund=True)
        folio._register_payment(100, self.alipay, refund=True)
        self.assertEqual(folio.amount_paid, 200)
        self.assertEqual(len(folio.payment_ids), 2)

    def test_split_billing_to_two_payers(self):
        res = self.in_house()
        folio = res.folio_id
        folio._post_night_charges(res.night_ids)
        bar = self.charge(folio, self.breakfast, price=100)
        wizard = self.env["hotel.folio.invoice"].create({"folio_id": folio.id})
        wizard.write({"partner_id": self.company_payer.id,
                      "line_ids": [Command.set(folio.line_ids.filtered(lambda line: line.kind == "room").ids)]})
        wizard.action_invoice()
        guest_invoice = folio.action_create_invoice()
        company_invoice = folio.invoice_ids - guest_invoice
        self.assertEqual(company_invoice.partner_id, self.company_payer)
        self.assertAlmostEqual(company_invoice.amount_total, 1000, places=2)
        self.assertEqual(guest_invoice.partner_id, self.guest)
        self.assertAlmostEqual(guest_invoice.amount_total, bar.price_total, places=2)
        self.assertTrue(all(folio.line_ids.mapped("is_invoiced")))
        self.assertAlmostEqual(sum(folio.invoice_ids.mapped("amount_total")), folio.amount_total, places=2)
        with self.assertRefused(UserError, "nothing left to invoice"):
            folio.action_create_invoice()

    def test_credit_note_after_posted_invoice(self):
        res = self.in_house()
        folio = res.folio_id
        folio._post_night_charges(res.night_ids)
        invoice = folio.action_create_invoice()
        line = folio.line_ids[0]
        with self.assertRefused(UserError, "credit note"):
            line.price_unit = 1
        with self.assertRaises(AccessError):
            folio.with_user(self.frontdesk).action_credit_note()
        finance = self.env["res.users"].create({
            "name": "Test Finance", "login": "r_finance",
            "group_ids": [Command.set([self.env.ref("account.group_account_invoice").id,
                                       self.env.ref("hotel_base.group_hotel_frontdesk_user").id])],
            "hotel_property_ids": [Command.set(self.hotel.ids)]})
        folio.with_user(finance).action_credit_note()
        credit_note = folio.invoice_ids.filtered(lambda m: m.move_type == "out_refund")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(credit_note.amount_total, invoice.amount_total)
        self.assertEqual(invoice.state, "posted", "the posted invoice itself is never edited")
        self.assertFalse(any(folio.line_ids.mapped("is_invoiced")), "charges can be corrected and re-invoiced")
        line.price_unit = 450
        self.assertAlmostEqual(folio.action_create_invoice().amount_total, 950, places=2)
        self.assert_due_invariant(folio)

    def test_penalty_becomes_an_invoiced_charge(self):
        res = self.book(arrival=self.today + timedelta(days=1), nights=2)
        with self.at_local(self.today, 16):  # 22 h before the 14:00 check-in: inside the 24 h window
            res.action_cancel(reason="late")
        folio = res.folio_id
        self.assertEqual(res.penalty_amount, 500)
        penalty = folio.line_ids.filtered(lambda line: line.kind == "penalty")
        self.assertEqual(penalty.price_total, 500)
        invoice = folio.action_create_invoice()
        self.assertEqual(invoice.amount_total, 500)

    def test_checkout_requires_zero_balance(self):
        res = self.in_house(nights=2, departs_today=True)
        folio = res.folio_id
        self.charge(folio, self.breakfast, price=100, reservation_id=res.id)
        with self.assertRefused(UserError, r"has a balance of .*1,110\.00"):
            res.action_check_out()
        self.assertEqual(res.state, "checked_in")
        self.assertFalse(folio.invoice_ids, "the refused check-out invoiced nothing")
        self.assertEqual(len(folio.line_ids), 1, "and posted nothing: it was rolled back")
        folio._register_payment(1200, self.alipay)
        with self.assertRefused(UserError, "in credit by"):
            res.action_check_out()
        folio._register_payment(90, self.alipay, refund=True)
        res.action_check_out()
        self.assertEqual(res.state, "checked_out")
        invoice = folio.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertAlmostEqual(invoice.amount_total, 1110, places=2)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertTrue(invoice.message_ids.filtered(lambda m: self.guest in m.partner_ids),
                        "the invoice was e-mailed to the guest")
        self.assertEqual(folio.amount_due, 0)
        self.assert_due_invariant(folio)

    def test_early_departure_drops_uninvoiced_future_charge(self):
        res = self.in_house(nights=3)  # arrived 2 days ago, one night left
        folio = res.folio_id
        folio._post_night_charges(res.night_ids)  # charged ahead, e.g. a prepaid stay
        self.assertEqual(len(folio.line_ids), 3)
        folio._register_payment(1000, self.alipay)
        res.action_check_out()
        self.assertEqual(len(folio.line_ids), 2, "tonight's charge left with the night")
        self.assertEqual(folio.amount_due, 0)

    def test_manager_sends_balance_to_receivable(self):
        res = self.in_house(nights=2, departs_today=True)
        folio = res.folio_id
        with self.assertRaises(AccessError):
            folio.with_user(self.frontdesk).action_balance_to_receivable()
        folio.with_user(self.manager).action_balance_to_receivable()
        res.action_check_out()
        self.assertEqual(res.state, "checked_out")
        self.assertEqual(folio.invoice_ids.amount_residual, 1000)

    def test_reports_render(self):
        res = self.in_house()
        folio = res.folio_id
        folio._post_night_charges(res.night_ids)
        Report = self.env["ir.actions.report"]
        html = str(Report._render_qweb_html("hotel_reservation.report_folio_statement", folio.ids)[0])
        for expected in (folio.name, "Balance due", "1,000.00"):
            self.assertIn(expected, html)
        html = str(Report._render_qweb_html("hotel_reservation.report_registration_card", res.ids)[0])
        for expected in ("Guest Registration Card", res.name, res.room_id.name, self.guest.name):
            self.assertIn(expected, html)

    def test_front_desk_takes_payments_without_accounting_rights(self):
        folio = self.in_house().folio_id.with_user(self.frontdesk)
        wizard = self.env["hotel.folio.payment"].with_user(self.frontdesk).create({
            "folio_id": folio.id, "journal_id": self.alipay.id, "amount": 200})
        wizard.action_register()
        self.assertEqual(folio.amount_paid, 200)
        self.assertFalse(self.frontdesk.has_group("account.group_account_invoice"))

    def test_housekeeping_sees_no_amounts(self):
        res = self.in_house()
        with self.assertRaises(AccessError):
            res.with_user(self.housekeeping).read(["amount_total"])
        with self.assertRaises(AccessError):
            res.folio_id.with_user(self.housekeeping).read(["amount_total"])
        with self.assertRaises(AccessError):
            res.folio_id.with_user(self.housekeeping).read(["line_ids"])
