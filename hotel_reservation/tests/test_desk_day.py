"""A day at the desk, as each hotel role meets it (issue #10)."""
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, new_test_user

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT, PINNED_TODAY, view_specification

from .test_billing import BillingCase


@freeze_time(PINNED_MOMENT)  # as every hotel test case: "today" is 11 March 2026 at every property here
class DeskDayCase(BillingCase):
    """Billing set-up plus a homestay owner (front-desk manager and revenue manager)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.homestay_owner = new_test_user(
            cls.env, login="r_homestay",
            groups="base.group_user,hotel_base.group_hotel_frontdesk_manager,hotel_base.group_hotel_revenue_manager",
            hotel_property_ids=[Command.set(cls.hotel.ids)])


class TestInvoiceAccess(DeskDayCase):

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
                wizard = self.env[action["res_model"]].with_user(user).with_context(**action["context"]).create({})
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


class TestDeskDayRoles(DeskDayCase):

    def test_housekeeping_sees_no_money_contact_or_desk_buttons(self):
        res = self.book(arrival=self.today, nights=2)
        res.action_check_in()
        keeper = self.housekeeping
        self.env.invalidate_all()
        for record, fields_ in ((res.folio_id, ["amount_room", "amount_stay", "email", "phone"]),
                                (res, ["amount_total", "amount_total_incl", "penalty_amount"]),
                                (res.night_ids[:1], ["price"])):
            for field in fields_:
                with self.subTest(model=record._name, field=field), self.assertRaises(AccessError):
                    record.with_user(keeper).read([field])
        # what they can read: the stay itself
        self.assertEqual(res.with_user(keeper).read(["room_id"])[0]["room_id"][0], res.room_id.id)
        for model in ("hotel.folio", "hotel.reservation"):
            for view_type in ("form", "list", "kanban"):
                arch = self.env[model].with_user(keeper).get_views([(False, view_type)])["views"][view_type]["arch"]
                with self.subTest(model=model, view=view_type):
                    for name in ("action_check_out", "action_check_in", "action_register_deposit",
                                 "action_confirm", "action_open_cancel_wizard",
                                 'name="email"', 'name="phone"', "amount_", 'name="price"'):
                        self.assertNotIn(name, arch)

    def test_each_role_lands_on_its_work(self):
        home = self.env["hotel.property"]._hotel_home_action
        admin = new_test_user(self.env, login="r_hoteladmin", groups="base.group_user,hotel_base.group_hotel_admin")
        expected = {
            self.frontdesk: "hotel_reservation.action_hotel_front_desk_today",
            self.manager: "hotel_reservation.action_hotel_front_desk_today",
            self.homestay_owner: "hotel_reservation.action_hotel_front_desk_today",
            self.revenue: "hotel_reservation.action_hotel_occupancy_report",
            admin: "hotel_reservation.action_hotel_occupancy_report",
            # housekeepers: the rooms, or their tasks of today once hotel_housekeeping is installed
            self.housekeeping: "hotel_housekeeping.action_hotel_housekeeping_my_tasks"
            if self.env.ref("hotel_housekeeping.action_hotel_housekeeping_my_tasks", raise_if_not_found=False)
            else "hotel_base.action_hotel_room",
        }
        for user, xmlid in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(home.__self__.with_user(user)._hotel_home_action()["id"], self.env.ref(xmlid).id)
        # the Hotel app comes before Discuss and opens that home
        menus = self.env["ir.ui.menu"].with_user(self.frontdesk).load_menus(False)
        self.assertEqual(menus[menus["root"]["children"][0]]["xmlid"], "hotel_base.menu_hotel_root")
        self.assertEqual(self.env.ref("hotel_base.menu_hotel_root").action,
                         self.env.ref("hotel_base.action_hotel_home"))

    def test_managers_export_and_audits_are_not_duplicated(self):
        self.assertTrue(self.manager.has_group("base.group_allow_export"))
        self.assertTrue(self.revenue.has_group("base.group_allow_export"))
        self.assertFalse(self.frontdesk.has_group("base.group_allow_export"))
        audit = self.env["hotel.night.audit"].create({"property_id": self.hotel.id, "date": self.today})
        with self.assertRaisesRegex(UserError, "cannot be duplicated"):
            audit.copy()

    def test_smart_buttons_guest_stays_and_spend_room_bookings_folio_payments(self):
        res = self.in_house(departs_today=True)
        folio = res.folio_id
        folio._post_night_charges(res.night_ids)
        folio._register_payment(folio.amount_due, self.alipay)
        res.action_check_out()
        guest = self.guest.with_user(self.frontdesk)
        self.assertEqual(guest.hotel_stay_count, 1)
        self.assertAlmostEqual(guest.hotel_spend, 1000.0, places=2)
        self.assertEqual(guest.action_view_hotel_stays()["domain"], [("partner_id", "=", self.guest.id)])
        room = res.room_id.with_user(self.frontdesk)
        self.assertEqual(room.reservation_count, 1)
        self.assertIn(res, self.env["hotel.reservation"].search(room.action_view_reservations()["domain"]))
        self.assertEqual(folio.with_user(self.frontdesk).payment_count, 1)
        payments = self.env["account.payment"].with_user(self.frontdesk).search(
            folio.with_user(self.frontdesk).action_view_payments()["domain"])
        self.assertEqual(payments, folio.payment_ids)
        self.env.invalidate_all()
        for view_type in ("list", "form"):  # what the Payments button opens, as the desk reads it
            payments.web_read(view_specification(payments, view_type))
        # housekeeping sees the stays, not the spend
        self.assertEqual(self.guest.with_user(self.housekeeping).hotel_stay_count, 1)
        with self.assertRaises(AccessError):
            self.guest.with_user(self.housekeeping).read(["hotel_spend"])


class TestTruePrices(DeskDayCase):
    """What the guest is told is what the guest pays, tax included or shown."""

    def setUp(self):
        super().setUp()
        self.double.product_id.taxes_id = [Command.set(self.vat_excl.ids)]  # 500 + 10 % a night

    def test_availability_and_confirmation_quote_the_taxed_price(self):
        wizard = self.env["hotel.availability.wizard"].with_user(self.frontdesk).create({
            "property_id": self.hotel.id, "arrival_date": self.day, "nights": 3, "adults": 2})
        line = wizard.line_ids.filtered(lambda line: line.room_type_id == self.double)
        self.assertAlmostEqual(line.price_untaxed, 1500.0, places=2)
        self.assertAlmostEqual(line.total_price, 1650.0, places=2)
        res = self.book(nights=3)
        self.assertAlmostEqual(res.amount_total, 1500.0, places=2)
        self.assertAlmostEqual(res.amount_tax, 150.0, places=2)
        self.assertAlmostEqual(res.amount_total_incl, 1650.0, places=2)
        self.send_confirmations()
        mail = self.env["mail.mail"].search([("model", "=", "hotel.folio"), ("res_id", "=", res.folio_id.id)])
        self.assertEqual(len(mail), 1)
        self.assertIn("1,650.00", mail.body_html)
        self.assertIn("150.00", mail.body_html)
        # a tax-included price is quoted as it is (6 % inside)
        self.double.product_id.taxes_id = [Command.set(self.vat_incl.ids)]
        res.invalidate_recordset()
        self.assertAlmostEqual(res.amount_total_incl, 1500.0, places=2)
        self.assertAlmostEqual(res.amount_tax, 84.9, places=2)

    def test_balance_during_the_stay_includes_the_booked_nights(self):
        """Deposit of the first night, audits charging night by night: the folio
        always shows the stay's total and what is left to pay at departure."""
        res = self.book(arrival=self.today, nights=3)
        folio = res.folio_id
        payment = self.env["hotel.folio.payment"].with_user(self.frontdesk).create({"folio_id": folio.id})
        self.assertAlmostEqual(payment.amount, 550.0, places=2, msg="first night with tax is proposed")
        self.assertAlmostEqual(folio.amount_stay, 1650.0, places=2)
        payment.amount = 600
        payment.journal_id = self.alipay
        payment.action_register()
        res.action_check_in()
        folio._post_night_charges(res.night_ids.sorted("date")[:1])  # tonight's audit
        folio.invalidate_recordset()
        self.assertAlmostEqual(folio.amount_due, -50.0, places=2, msg="charged so far minus paid")
        self.assertAlmostEqual(folio.amount_stay, 1650.0, places=2)
        self.assertAlmostEqual(folio.amount_departure, 1050.0, places=2)
        payment = self.env["hotel.folio.payment"].with_user(self.frontdesk).create({"folio_id": folio.id})
        self.assertAlmostEqual(payment.amount, 1050.0, places=2, msg="the rest of the stay is proposed")
        payment.journal_id = self.alipay
        payment.action_register()
        self.assertAlmostEqual(folio.amount_departure, 0.0, places=2)
        # departure day: no surprise at check-out
        with self.at_local(self.today + timedelta(days=3), 10):
            res.with_user(self.frontdesk).action_check_out()
        self.assertEqual(res.state, "checked_out")
        self.assertAlmostEqual(folio.amount_due, 0.0, places=2)

    def test_whole_stay_deposit_policy(self):
        self.hotel.deposit_policy = "full_stay"
        res = self.book(nights=2)
        wizard = self.env["hotel.folio.payment"].with_user(self.frontdesk).create({"folio_id": res.folio_id.id})
        self.assertAlmostEqual(wizard.amount, 1100.0, places=2)
        self.hotel.deposit_policy = "none"
        res.folio_id.invalidate_recordset()
        self.assertAlmostEqual(res.folio_id.amount_deposit_suggested, 0.0, places=2)


class TestGuestMessages(DeskDayCase):

    def test_guest_language_from_nationality_then_property(self):
        self.assertIn("zh_CN", dict(self.env["res.lang"].get_installed()), "the demo hotel activates Chinese")
        Partner = self.env["res.partner"].with_user(self.frontdesk).with_context(default_is_hotel_guest=True)
        chinese = Partner.create({"name": "Test Li Na", "nationality_id": self.env.ref("base.cn").id})
        self.assertEqual(chinese.lang, "zh_CN")
        self.hotel.lang = "zh_CN"
        folio_ctx = {"default_is_hotel_guest": True, "default_lang": self.hotel.lang}
        unknown = Partner.with_context(**folio_ctx).create({"name": "Test Walk-in"})
        self.assertEqual(unknown.lang, "zh_CN", "the property's guest language")
        german = Partner.with_context(**folio_ctx).create({
            "name": "Test Jonas", "country_id": self.env.ref("base.de").id})
        self.assertEqual(german.lang, "en_US", "no German installed: English, not the property's Chinese")
        explicit = Partner.create({
            "name": "Test Chosen", "lang": "en_US", "nationality_id": self.env.ref("base.cn").id})
        self.assertEqual(explicit.lang, "en_US")
        self.assertEqual(self.env.ref("hotel_base.guest_chen_jing").lang, "zh_CN", "a Chinese guest of the demo")

    def test_confirmation_to_a_guest_without_email_says_why_not(self):
        guest = self.env["res.partner"].create({"name": "Test No Mail Zhou", "is_hotel_guest": True})
        res = self.book(partner=guest)
        self.send_confirmations()
        mails = self.env["mail.mail"].search([("model", "=", "hotel.folio"), ("res_id", "=", res.folio_id.id)])
        self.assertFalse(mails)
        note = res.folio_id.message_ids.filtered(lambda m: "was not sent" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("has no e-mail address", note.body)

    def test_room_that_contradicts_a_stated_preference_is_flagged(self):
        guest = self.env["res.partner"].create({"name": "Test Wheelchair Guest", "is_hotel_guest": True,
                                                "email": "wheel@example.com"})
        self.env["hotel.guest.preference"].create([
            {"partner_id": guest.id, "category": "location", "value": "Wheelchair", "room_feature": "accessible"},
            {"partner_id": guest.id, "category": "smoking", "value": "No smoke", "room_feature": "non_smoking"},
        ])
        res = self.book(partner=guest)
        self.assertEqual(res.room_id, self.r301, "the only non-smoking double")
        self.assertEqual(res.preference_mismatch, "Accessible room")
        arrivals = self.env["hotel.reservation"].with_user(self.frontdesk).search_read(
            [("id", "=", res.id)], ["preference_mismatch"])
        self.assertEqual(arrivals[0]["preference_mismatch"], "Accessible room")
        self.r101.accessible = True
        self.r101.smoking_allowed = False
        res.room_id = self.r101
        self.assertFalse(res.preference_mismatch)


class TestCompanies(DeskDayCase):
    """The demo hotel is a Chinese company; other countries keep working."""

    def test_the_demo_hotel_is_a_chinese_company(self):
        company = self.env.ref("hotel_base.demo_company")
        city = self.env.ref("hotel_base.property_city_hotel")
        self.assertEqual(city.company_id, company)
        self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(company.country_id, self.env.ref("base.cn"))
        self.assertEqual(company.chart_template, "cn", "Odoo's Chinese chart of accounts")
        self.assertTrue(company.logo)
        room_type = self.env["hotel.room.type"].search([("property_id", "=", city.id)], limit=1)
        taxes = city._sale_taxes(room_type.product_id)
        self.assertEqual(taxes.mapped("amount"), [6.0], "VAT on accommodation")
        self.assertTrue(taxes.price_include, "included in the room price")
        minibar = city._sale_taxes(self.env.ref("hotel_reservation.product_minibar"))
        self.assertEqual(minibar.mapped("amount"), [13.0], "VAT on goods")
        journals = self.env["account.journal"].search([
            ("company_id", "=", company.id), ("hotel_payment_method", "=", True)])
        self.assertEqual(set(journals.mapped("type")), {"bank", "cash"}, "cash at the desk beside card, Alipay...")
        self.assertTrue({"ALIPY", "WECHT", "HCARD", "HBANK"} <= set(journals.mapped("code")))
        for pricelist in (self.env.ref("hotel_reservation.pricelist_standard"),
                          self.env.ref("hotel_reservation.pricelist_non_refundable")):
            self.assertEqual(pricelist.currency_id.name, "CNY")
        # a checked-out stay: its invoices in CNY, for what the guest was quoted (tax included)
        line = self.env["hotel.folio.line"].search([
            ("company_id", "=", company.id), ("kind", "=", "room"), ("is_invoiced", "=", True)], limit=1)
        self.assertAlmostEqual(line.price_total, line.price_unit * line.quantity, places=2)
        folio = line.folio_id
        invoices = folio.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")
        self.assertEqual(invoices.currency_id.name, "CNY")
        self.assertAlmostEqual(sum(invoices.mapped("amount_total")), folio.amount_total, places=2)
        # the statement carries the company's name and logo
        html = self.env["ir.actions.report"]._render_qweb_html(
            "hotel_reservation.action_report_folio_statement", folio.ids)[0].decode()
        self.assertIn(company.name, html)
        self.assertIn(company.logo.decode()[:200], html, "the company's own logo, embedded")
        self.assertNotIn(self.env.ref("base.main_company").name, html)
        # Chinese guests and the admin's company
        self.assertEqual(self.env.ref("hotel_base.guest_chen_jing").lang, "zh_CN")
        self.assertEqual(self.env.ref("base.user_admin").company_id, company)

    def test_a_company_in_euros_selling_tax_excluded(self):
        company = self.env["res.company"].create({
            "name": "Test Hotel GmbH", "currency_id": self.env.ref("base.EUR").id,
            "country_id": self.env.ref("base.de").id})
        self.env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        company.currency_id = self.env.ref("base.EUR")  # the generic chart is in USD; no entry yet
        self.env["account.journal"]._hotel_create_payment_journals(company)
        vat = self.env["account.tax"].create({
            "name": "Test MwSt 7% excl", "amount": 7, "type_tax_use": "sale", "company_id": company.id,
            "price_include_override": "tax_excluded"})
        hotel = self.env["hotel.property"].create({
            "name": "Test Spree Hotel", "code": "TSH", "company_id": company.id, "tz": "Europe/Berlin"})
        room_type = self.env["hotel.room.type"].create({
            "name": "Test Berlin Double", "code": "TBD", "property_id": hotel.id, "list_price": 100})
        room_type.product_id.taxes_id = [Command.set(vat.ids)]
        self.env["hotel.room"].create({"name": "B1", "room_type_id": room_type.id})
        today = PINNED_TODAY  # 03:00 in Berlin at the pinned moment
        self.assertEqual(hotel._local_today(), today)
        wizard = self.env["hotel.availability.wizard"].create({
            "property_id": hotel.id, "arrival_date": today - timedelta(days=2), "nights": 2, "adults": 1})
        self.assertAlmostEqual(wizard.line_ids.total_price, 214.0, places=2, msg="quoted with the 7 % on top")
        folio = self.env["hotel.folio"].create({"partner_id": self.guest.id, "property_id": hotel.id})
        res = self.env["hotel.reservation"].create({
            "folio_id": folio.id, "partner_id": self.guest.id, "room_type_id": room_type.id,
            "arrival_date": today - timedelta(days=2), "departure_date": today})
        res.action_confirm()
        res.action_check_in()
        self.assertEqual(folio.currency_id.name, "EUR")
        self.assertAlmostEqual(res.amount_total, 200.0, places=2)
        self.assertAlmostEqual(res.amount_tax, 14.0, places=2)
        self.assertAlmostEqual(folio.amount_departure, 214.0, places=2)
        cash = self.env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "cash")])
        self.assertTrue(cash.hotel_payment_method)
        folio._register_payment(folio.amount_departure, cash)
        res.action_check_out()
        invoice = folio.invoice_ids
        self.assertEqual(invoice.currency_id.name, "EUR")
        self.assertAlmostEqual(invoice.amount_untaxed, 200.0, places=2)
        self.assertAlmostEqual(invoice.amount_total, 214.0, places=2)
        self.assertEqual(invoice.payment_state, "paid")


class TestChineseGuest(DeskDayCase):

    def test_a_chinese_guest_gets_chinese_mails_and_statement_lines(self):
        guest = self.env["res.partner"].create({
            "name": "测试 Test Guest Sun", "email": "sun@example.com", "is_hotel_guest": True,
            "nationality_id": self.env.ref("base.cn").id})
        self.assertEqual(guest.lang, "zh_CN")
        res = self.in_house(partner=guest)
        self.send_confirmations()
        mail = self.env["mail.mail"].search([("model", "=", "hotel.folio"), ("res_id", "=", res.folio_id.id)])
        self.assertIn("尊敬的", mail.body_html, "the confirmation in the guest's language")
        res.folio_id._post_night_charges(res.night_ids)
        self.assertIn("房间 101", res.folio_id.line_ids[0].name)
        self.assertIn("晚", res.folio_id.line_ids[0].name)
