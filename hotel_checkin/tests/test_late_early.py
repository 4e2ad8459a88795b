from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CheckinCase


@tagged("post_install", "-at_install")
class TestLateEarly(CheckinCase):
    """Policy of the test hotel: check-out 12:00, free until 14:00, half a
    night (50 %) until 18:00, a full night after; check-in 14:00, free from
    12:00, half a night from 06:00, a full night before."""

    def stay_in_house(self, nights=2):
        res = self.registered_stay(nights=nights)
        with self.at_local(self.today, 14):
            res.action_check_in()
        return res

    def charges(self, res, product_xmlid):
        product = self.env.ref(product_xmlid)
        return res.folio_id.sudo().line_ids.filtered(lambda line: line.product_id == product)

    def test_late_check_out_by_the_hour(self):
        res = self.stay_in_house()
        last_night = res.night_ids.filtered("active").sorted("date")[-1].price
        departure = res.departure_date
        cases = [(13, 0, 0.0), (14, 30, last_night / 2), (18, 30, last_night)]
        for hour, minute, expected in cases:
            self.assertEqual(res._late_checkout_amount(self.hotel._local_moment(departure, hour + minute / 60))[0],
                             expected, f"leaving at {hour}:{minute:02d}")
        with self.at_local(departure, 15):
            taxes = self.hotel._sale_taxes(self.double.product_id)  # a share of the room: the room's taxes
            self.assertEqual(res.late_checkout_charge, self.hotel._price_with_taxes(taxes, [last_night / 2])[1],
                             "the desk sees what the guest pays, tax included")
            res.folio_id._register_payment(res.folio_id.amount_departure + res.late_checkout_charge, self.env[
                "account.journal"].search([("company_id", "=", res.company_id.id),
                                           ("type", "in", ("bank", "cash"))], limit=1))
            res.action_check_out()
        line = self.charges(res, "hotel_checkin.product_late_checkout")
        self.assertEqual(line.price_unit, last_night / 2)
        self.assertIn("half day", line.name)
        self.assertTrue(line.invoice_line_ids, "on the final invoice")

    def test_leaving_early_costs_nothing(self):
        res = self.stay_in_house()
        with self.at_local(res.departure_date - timedelta(days=1), 20):
            self.assertEqual(res._late_checkout_amount()[0], 0.0)

    def test_manager_waives_with_a_reason(self):
        res = self.stay_in_house()
        Waive = self.env["hotel.stay.charge.waive"]
        with self.assertRaises(AccessError):
            Waive.with_user(self.frontdesk).create({"reservation_id": res.id, "kind": "late", "reason": "VIP"})
        wizard = Waive.with_user(self.manager).create({"reservation_id": res.id, "kind": "late", "reason": "x"})
        with self.assertRefused(UserError, r"Give the reason"):
            wizard.action_apply()
        wizard.reason = "Room was not ready at check-in"
        wizard.action_apply()
        self.assertTrue(res.late_checkout_waived)
        with self.at_local(res.departure_date, 19):
            self.assertEqual(res._late_checkout_amount()[0], 0.0)
        self.assertTrue(res.message_ids.filtered(lambda m: "Room was not ready" in str(m.body)))

    def test_desk_cannot_waive_by_writing(self):
        res = self.stay_in_house()
        with self.assertRefused(UserError, r"set by its actions"):
            res.with_user(self.frontdesk).write({"late_checkout_waived": True})
        self.assertFalse(res.late_checkout_waived)

    def test_early_check_in_by_the_hour(self):
        res = self.booked_days_ago(self.registered_stay(nights=1), 3)
        night = res.night_ids.filtered("active")[0].price
        for hour, expected in ((5, night), (9, night / 2), (12, 0.0)):
            self.assertEqual(res._early_checkin_amount(self.hotel._local_moment(self.today, hour))[0], expected)
        with self.at_local(self.today, 9):
            res.action_check_in()
        line = self.charges(res, "hotel_checkin.product_early_checkin")
        self.assertEqual(line.price_unit, night / 2)
        self.assertEqual(line.reservation_id, res)
        self.assertEqual(line.tax_ids, self.hotel._sale_taxes(self.double.product_id), "a share of the room")

    def test_walk_in_pays_no_early_check_in(self):
        """Booked on the arrival day (a walk-in at 09:00): the price quoted is the stay's."""
        res = self.registered_stay(nights=1)
        with self.at_local(self.today, 9):
            self.assertEqual(res._early_checkin_amount()[0], 0.0)

    def test_policy_must_make_sense(self):
        with self.assertRefused(ValidationError, r"free until the check-out time"):
            self.hotel.late_checkout_free_until = 11.0
        with self.assertRefused(ValidationError, r"full night end before"):
            self.hotel.early_checkin_full_before = 13.0

    def test_no_charge_where_the_property_does_not_charge(self):
        self.hotel.charge_late_early = False
        res = self.stay_in_house()
        with self.at_local(res.departure_date, 20):
            self.assertEqual(res._late_checkout_amount()[0], 0.0)
            self.assertEqual(res.late_checkout_charge, 0.0)
        early = self.registered_stay(arrival=self.today, room_type=self.suite)
        self.assertEqual(early._early_checkin_amount(self.hotel._local_moment(self.today, 5))[0], 0.0)
