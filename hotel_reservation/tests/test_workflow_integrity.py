"""Issue #11, one test per defect found by probing the suite as each role:
what was accepted that must not be, what leaked to the other property, and
bad input that came back as a traceback. The generated matrix
(test_isolation_matrix.py) covers every model; these pin each case by name."""
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT

from .test_desk_day import DeskDayCase


@freeze_time(PINNED_MOMENT)
class IntegrityCase(DeskDayCase):
    """The billing hotel plus a stay at the other property (Test Other Inn)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_guest = cls.env["res.partner"].create({"name": "Test Other Guest Qian", "is_hotel_guest": True})
        folio = cls.env["hotel.folio"].create({"partner_id": cls.other_guest.id, "property_id": cls.other_hotel.id})
        cls.other_res = cls.env["hotel.reservation"].create({
            "folio_id": folio.id, "room_type_id": cls.other_type.id, "room_id": cls.other_room.id,
            "arrival_date": cls.today - timedelta(days=1), "departure_date": cls.today + timedelta(days=1),
        })
        cls.other_res.action_confirm()
        cls.other_res.action_check_in()
        cls.other_folio = folio
        folio._post_night_charges(cls.other_res.night_ids)
        folio._register_payment(300, cls.alipay)
        cls.other_invoice = folio._invoice_lines(folio.line_ids)


class TestForeignFolios(IntegrityCase):

    def test_no_refund_on_another_propertys_folio(self):
        payments = self.other_folio.sudo().payment_ids
        Wizard = self.env["hotel.folio.payment"].with_user(self.frontdesk)
        with self.assertRefused(AccessError, "Folio: you have no access"):
            Wizard.create({"folio_id": self.other_folio.id, "is_refund": True, "amount": 100,
                           "journal_id": self.alipay.id})
        with self.assertRefused(AccessError, "Folio: you have no access"):
            Wizard.with_context(default_folio_id=self.other_folio.id).default_get(["folio_id", "amount"])
        self.assertEqual(self.other_folio.sudo().payment_ids, payments)

    def test_wizards_refuse_the_other_property(self):
        desk = self.frontdesk
        with self.assertRefused(AccessError, "Property: you have no access"):
            self.env["hotel.availability.wizard"].with_user(desk).create({"property_id": self.other_hotel.id})
        with self.assertRefused(AccessError, "Folio: you have no access"):
            self.env["hotel.folio.invoice"].with_user(desk).create({"folio_id": self.other_folio.id})
        with self.assertRefused(AccessError, "Reservation: you have no access"):
            self.env["hotel.reservation.move"].with_user(desk).create({"reservation_id": self.other_res.id})
        with self.assertRefused(AccessError, "Reservation: you have no access"):
            self.env["hotel.reservation.cancel"].with_user(desk).create({
                "reservation_ids": [Command.set(self.other_res.ids)], "reason": "x"})

    def test_a_charge_stays_with_its_folio_stay_and_night(self):
        res = self.in_house()
        folio = res.folio_id
        extra = self.charge(folio, self.breakfast, price=20)
        # moved onto the other property's folio
        with self.assertRefused(AccessError, "."):
            extra.with_user(self.frontdesk).write({"folio_id": self.other_folio.id})
        # pointed at the other property's stay (its name never read back)
        with self.assertRefused(AccessError, "Reservation: you have no access"):
            extra.with_user(self.frontdesk).write({"reservation_id": self.other_res.id})
        # superuser code keeps the rule: a stay of another folio, a night of another stay
        with self.assertRefused(ValidationError, "is not part of"):
            extra.sudo().write({"reservation_id": self.other_res.id})
        other_stay = self.book()
        with self.assertRefused(ValidationError, "is not part of"):
            self.env["hotel.folio.line"].sudo().create({
                "folio_id": folio.id, "reservation_id": other_stay.id, "product_id": self.breakfast.id,
                "name": "x", "price_unit": 5})
        with self.assertRefused(UserError, "Room Night of Folio Charge is set by its actions"):
            self.env["hotel.folio.line"].with_user(self.frontdesk).create({
                "folio_id": folio.id, "reservation_id": res.id, "night_id": res.night_ids[-1:].id,
                "product_id": self.breakfast.id, "name": "x", "price_unit": 5})
        self.assertEqual((extra.folio_id, extra.reservation_id), (folio, self.env["hotel.reservation"]))
        # a charge on the other property's night (and on any night: the audits charge them)
        with self.assertRefused(AccessError, "Room Night: you have no access"):
            self.env["hotel.folio.line"].with_user(self.frontdesk).create({
                "folio_id": folio.id, "night_id": self.other_res.night_ids[:1].id, "product_id": self.breakfast.id,
                "name": "x", "price_unit": 5})

    def test_folio_and_audit_do_not_change_property(self):
        folio = self.env["hotel.folio"].with_user(self.frontdesk).create({"partner_id": self.guest.id})
        with self.assertRefused(AccessError, "."):
            folio.write({"property_id": self.other_hotel.id})
        self.assertEqual(folio.property_id, self.hotel)
        audit = self.env["hotel.night.audit"].create({"property_id": self.hotel.id})
        with self.assertRefused(UserError, "cannot change once it is created"):
            audit.with_user(self.manager).write({"property_id": self.other_hotel.id})
        with self.assertRefused(UserError, "cannot change once it is created"):
            audit.sudo().write({"date": self.today - timedelta(days=9)})


class TestWorkflowFields(IntegrityCase):

    def test_state_changes_only_through_actions(self):
        res = self.book(arrival=self.today + timedelta(days=300))
        nights = self.active_nights(res)
        for state in ("checked_in", "checked_out", "cancelled", "no_show", "draft"):
            with self.subTest(state=state), self.assertRefused(UserError, "State of Hotel Reservation is set by"):
                res.with_user(self.manager).sudo().write({"state": state})
        self.assertEqual(res.state, "confirmed")
        self.assertEqual(self.active_nights(res), nights, "the room stays held, the ledger untouched")
        # created directly in house with a past arrival
        with self.assertRefused(UserError, "State of Hotel Reservation is set by"):
            self.env["hotel.reservation"].with_user(self.manager).create({
                "partner_id": self.guest.id, "room_type_id": self.double.id, "room_id": self.r301.id,
                "arrival_date": self.today - timedelta(days=3), "departure_date": self.today,
                "state": "checked_in"})

    def test_created_as_confirmed_goes_through_confirmation(self):
        res = self.env["hotel.reservation"].with_user(self.frontdesk).create({
            "partner_id": self.guest.id, "room_type_id": self.double.id, "state": "confirmed",
            "arrival_date": self.day, "departure_date": self.day + timedelta(days=2), "adults": 2})
        self.assertEqual(res.state, "confirmed")
        self.assertTrue(res.room_id, "a room was assigned as on confirmation")
        self.assertEqual(len(self.active_nights(res)), 2)
        with self.assertRefused(UserError, "arrival date .* is in the past"):
            self.env["hotel.reservation"].with_user(self.frontdesk).create({
                "partner_id": self.guest.id, "room_type_id": self.double.id, "state": "confirmed",
                "arrival_date": self.today - timedelta(days=2), "departure_date": self.today})

    def test_money_and_reference_fields_are_not_writable(self):
        res = self.in_house()
        folio = res.folio_id
        folio._post_night_charges(res.night_ids)
        line = folio.line_ids[:1]
        audit = self.env["hotel.night.audit"].create({"property_id": self.hotel.id})
        other_folio = self.book().folio_id
        cases = [
            (folio, {"balance_to_receivable": True}, "Balance To Receivable"),
            (folio, {"amount_due": 0}, "Amount Due"),
            (folio, {"amount_total": 1}, "Amount Total"),
            (folio, {"name": other_folio.name}, "Booking Reference"),
            (res, {"penalty_amount": 0.5}, "Penalty"),
            (line, {"price_total": 1}, "Total"),
            (line, {"is_invoiced": True}, "Is Invoiced"),
            (audit, {"room_revenue": 99999}, "Room Revenue"),
            (audit, {"state": "done"}, "State of Night Audit"),
        ]
        for record, values, label in cases:
            with self.subTest(model=record._name, values=values), self.assertRefused(UserError, label):
                record.with_user(self.manager).write(values)
        self.assertFalse(folio.balance_to_receivable)
        self.assertNotEqual(folio.name, other_folio.name)
        self.assertEqual(audit.state, "draft")

    def test_invoiced_charge_stays_on_its_invoice(self):
        res = self.in_house()
        folio = res.folio_id
        extra = self.charge(folio, self.breakfast, price=20)
        open_extra = self.charge(folio, self.breakfast, price=30)
        invoice = folio._invoice_lines(extra)
        with self.assertRefused(UserError, "Invoiced charges cannot change"):
            extra.with_user(self.frontdesk).write({"invoice_line_ids": [Command.clear()]})
        with self.assertRefused(UserError, "Invoice Lines of Folio Charge is set by"):
            open_extra.with_user(self.frontdesk).write({"invoice_line_ids": [Command.set(invoice.line_ids.ids)]})
        with self.assertRefused(UserError, "Invoiced charges cannot change"):
            extra.sudo().write({"price_unit": 1})
        with self.assertRefused(UserError, "Invoiced charges cannot be deleted"):
            extra.sudo().unlink()
        self.assertTrue(extra.is_invoiced)
        self.assertEqual(folio.amount_invoiced, extra.price_total)

    def test_refund_capped_by_the_folio_credit(self):
        res = self.in_house(departs_today=True)
        folio = res.folio_id
        folio._post_night_charges(res.night_ids)
        folio._register_payment(folio.amount_due, self.alipay)
        self.assertTrue(folio.currency_id.is_zero(folio.amount_due))
        wizard = self.env["hotel.folio.payment"].with_user(self.frontdesk).create({
            "folio_id": folio.id, "is_refund": True})
        self.assertEqual(wizard.amount, 0.0, "a settled folio holds nothing for the guest")
        wizard.amount = 709.70
        with self.assertRefused(UserError, "is in credit by .*0.00 only"):
            wizard.action_register()
        # a deposit larger than the stay: the difference, not more, goes back
        folio._register_payment(50, self.alipay)
        self.env.invalidate_all()
        wizard = self.env["hotel.folio.payment"].with_user(self.frontdesk).create({
            "folio_id": folio.id, "is_refund": True})
        self.assertAlmostEqual(wizard.amount, 50.0, places=2)
        wizard.action_register()
        self.assertTrue(folio.currency_id.is_zero(folio.amount_due))

    def test_prices_need_the_rights(self):
        res = self.in_house()
        folio = res.folio_id
        folio._post_night_charges(res.night_ids)
        room_line = folio.line_ids.filtered(lambda line: line.kind == "room")[:1]
        for values in ({"price_unit": 1}, {"discount": 100}):
            with self.subTest(values=values), self.assertRefused(UserError, "revenue manager changes the price"):
                room_line.with_user(self.frontdesk).write(values)
        self.assertEqual(room_line.price_unit, 500)
        with self.assertRefused(UserError, "not by hand: post an extra"):
            self.env["hotel.folio.line"].with_user(self.frontdesk).create({
                "folio_id": folio.id, "kind": "penalty", "product_id": self.breakfast.id, "name": "x",
                "price_unit": 1})
        booked = self.book()
        with self.assertRefused(AccessError, "Only the front desk and revenue managers"):
            booked.with_user(self.housekeeping).action_recompute_prices()


class TestOtherPropertyData(IntegrityCase):

    def test_accounting_of_the_other_property_is_hidden(self):
        self.assertEqual(self.other_invoice.hotel_property_id, self.other_hotel)
        payment = self.other_folio.sudo().payment_ids
        self.assertEqual(payment.hotel_property_id, self.other_hotel)
        self.assertEqual(payment.move_id.hotel_property_id, self.other_hotel)
        own = self.in_house(departs_today=True).folio_id
        own._post_night_charges(own.reservation_ids.night_ids)
        own._register_payment(own.amount_due, self.alipay)
        own_invoice = own._invoice_lines(own.line_ids)
        for user in (self.frontdesk, self.manager, self.homestay_owner):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                for records in (self.other_invoice, self.other_invoice.line_ids, payment, payment.move_id):
                    self.assertFalse(records.with_user(user).search([("id", "in", records.ids)]))
                    with self.assertRaises(AccessError):
                        records.with_user(user).read(["display_name"])
                self.assertEqual(self.env["account.move"].with_user(user).search(
                    [("id", "in", (own_invoice | self.other_invoice).ids)]), own_invoice)
        # finance and hotel administrators see all
        finance = self.env["res.users"].create({
            "name": "Test Finance", "login": "r_finance",
            "group_ids": [Command.set([self.env.ref("account.group_account_invoice").id,
                                       self.env.ref("hotel_base.group_hotel_frontdesk_user").id])],
            "hotel_property_ids": [Command.set(self.hotel.ids)]})
        self.assertTrue(self.other_invoice.with_user(finance).search([("id", "=", self.other_invoice.id)]))

    def test_stays_and_spend_count_where_the_user_works(self):
        """The guest profile is shared by the group; stays and spend at the other
        property are not (record rules on the bookings and charges)."""
        self.other_guest.invalidate_recordset()
        self.assertEqual(self.other_guest.hotel_stay_count, 1)
        self.env.invalidate_all()
        self.assertEqual(self.other_guest.with_user(self.manager).hotel_stay_count, 0)
        self.env.invalidate_all()
        self.assertEqual(self.other_guest.with_user(self.manager).hotel_spend, 0.0)

    def test_error_messages_do_not_name_the_other_propertys_rooms(self):
        res = self.book()
        try:
            res.with_user(self.frontdesk).action_move_room(self.other_room.id)
        except AccessError as exc:
            self.assertNotIn(self.other_room.name, str(exc))
        else:
            self.fail("moving to the other property's room was accepted")
        self.assertEqual(res.room_id.property_id, self.hotel)


class TestBadInputAnswers(IntegrityCase):

    def test_no_endless_stays_quantities_or_prices(self):
        with self.assertRefused(ValidationError, "at most 366 nights"):
            self.book(nights=3650, confirm=False)
        folio = self.in_house().folio_id
        for values, pattern in (({"quantity": 1e15}, "out of range"), ({"quantity": 20000}, "at most 10,000"),
                                ({"price_unit": 5e8}, "less than 100,000,000")):
            with self.subTest(values=values), self.assertRefused(ValidationError, pattern):
                self.env["hotel.folio.line"].create(dict({
                    "folio_id": folio.id, "product_id": self.breakfast.id, "name": "x", "price_unit": 10}, **values))
        self.assertFalse(folio.line_ids.filtered(lambda line: line.name == "x"))

    def test_garbage_values_answer_clearly(self):
        Reservation = self.env["hotel.reservation"].with_user(self.frontdesk)
        base = {"partner_id": self.guest.id, "room_type_id": self.double.id,
                "arrival_date": str(self.day), "departure_date": str(self.day + timedelta(days=1))}
        for values, pattern in (({"arrival_date": "2026-02-30"}, "not a valid date"),
                                ({"departure_date": "tomorrow"}, "not a valid date"),
                                ({"adults": "two"}, "not a number"),
                                ({"room_type_id": 987654321}, "no such record"),
                                ({"partner_id": "someone"}, "no such record")):
            with self.subTest(values=values), self.assertRefused(ValidationError, pattern):
                Reservation.create(dict(base, **values))
        with self.assertRefused(ValidationError, "no such record"):
            self.env["hotel.folio.line"].create({"folio_id": self.book().folio_id.id, "product_id": 987654321,
                                                 "name": "x", "price_unit": 1})

    def test_public_methods_take_plain_values(self):
        after = str(self.day + timedelta(days=2))
        result = self.double.with_user(self.frontdesk).get_availability(str(self.day), after)
        self.assertEqual(result, {self.double.id: {str(self.day): 3, str(self.day + timedelta(days=1)): 3}})
        for args in (("tomorrow", "later"), (str(self.day), str(self.day + timedelta(days=800)))):
            with self.subTest(args=args), self.assertRefused(UserError, "."):
                self.double.get_availability(*args)
        res = self.book()
        res.with_user(self.frontdesk).action_move_room(self.r301.id)
        self.assertEqual(res.room_id, self.r301)
        with self.assertRefused(UserError, "Choose one existing room"):
            res.action_move_room("301")
