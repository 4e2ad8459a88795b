from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT, ViewSmokeMixin


@freeze_time(PINNED_MOMENT, tick=True)
@tagged("post_install", "-at_install")
class TestReservationUi(ViewSmokeMixin, HttpCase):

    def test_book_from_availability_tour(self):
        """Front desk searches availability, books two nights for a guest, confirms
        and sees the room assigned."""
        hotel = self.env["hotel.property"].create({"name": "Tour Hill Hotel", "code": "THH"})
        room_type = self.env["hotel.room.type"].create({
            "name": "Tour Garden Double", "code": "TGD", "property_id": hotel.id, "list_price": 420})
        # sold tax excluded: the desk quotes what the guest pays, 420 + 10 % a night
        room_type.product_id.taxes_id = [Command.set(self.env["account.tax"].create({
            "name": "Tour VAT 10% excl", "amount": 10, "type_tax_use": "sale",
            "price_include_override": "tax_excluded"}).ids)]
        self.env["hotel.room"].create([{"name": n, "room_type_id": room_type.id} for n in ("G1", "G2")])
        self.env["res.partner"].create({"name": "Tour Guest Sun Li", "is_hotel_guest": True})
        new_test_user(self.env, login="tour_frontdesk",
                      groups="base.group_user,hotel_base.group_hotel_frontdesk_user",
                      hotel_property_ids=[Command.set(hotel.ids)])
        self.start_tour("/odoo", "hotel_reservation_book_tour", login="tour_frontdesk")
        res = self.env["hotel.reservation"].search([("partner_id.name", "=", "Tour Guest Sun Li")])
        self.assertEqual(len(res), 1)
        self.assertEqual(res.state, "confirmed")
        self.assertEqual(res.nights, 2)
        self.assertEqual(res.room_id.name, "G1")
        self.assertEqual(res.amount_total, 840)
        self.assertEqual(res.amount_total_incl, 924)

    def _stay_departing_today(self, label, nights, guest):
        """An in-house stay of ``nights`` nights at a new hotel, leaving today,
        its nights charged (as the night audits did), payment methods set up."""
        code = f"T{label[0]}"
        hotel = self.env["hotel.property"].create({"name": f"Tour {label} Hotel", "code": f"{code}H"})
        room_type = self.env["hotel.room.type"].create({
            "name": f"Tour {label} Double", "code": f"{code}D", "property_id": hotel.id, "list_price": 300})
        self.env["hotel.room"].create({"name": f"{label[0]}1", "room_type_id": room_type.id})
        partner = self.env["res.partner"].create({"name": guest, "email": "tour.guest@example.com"})
        today = hotel._local_today()
        res = self.env["hotel.reservation"].create({
            "partner_id": partner.id, "room_type_id": room_type.id,
            "arrival_date": today - timedelta(days=nights), "departure_date": today,
        })
        res.action_confirm()
        res.action_check_in()
        res.folio_id._post_night_charges(res.night_ids)
        self.env["account.journal"]._hotel_create_payment_journals(self.env.company)
        return res

    def test_checkout_tour(self):
        """Front desk posts an extra, takes the payment, checks out and sees the posted invoice."""
        res = self._stay_departing_today("Bay", nights=2, guest="Tour Guest Ma Lin")
        hotel = res.property_id
        new_test_user(self.env, login="tour_cashier",
                      groups="base.group_user,hotel_base.group_hotel_frontdesk_user",
                      hotel_property_ids=[Command.set(hotel.ids)])
        self.start_tour(f"/odoo/action-hotel_reservation.action_hotel_folio/{res.folio_id.id}",
                        "hotel_reservation_checkout_tour", login="tour_cashier")
        self.assertEqual(res.state, "checked_out")
        invoice = res.folio_id.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.payment_state, "paid")
        self.assertIn("Breakfast", invoice.invoice_line_ids.mapped("product_id.name"))

    def test_housekeeping_views_without_amounts(self):
        """Housekeeping opens bookings without any amount (fields are hidden, views still work)."""
        hotel = self.env["hotel.property"].search([], limit=1)
        new_test_user(self.env, login="tour_housekeeping",
                      groups="base.group_user,hotel_base.group_hotel_housekeeping",
                      hotel_property_ids=[Command.set(hotel.ids)])
        res = self.env["hotel.reservation"].search([("property_id", "=", hotel.id)], limit=1)
        urls = ["/odoo/action-hotel_reservation.action_hotel_reservation?view_type=list",
                "/odoo/action-hotel_reservation.action_hotel_reservation?view_type=calendar",
                "/odoo/action-hotel_reservation.action_hotel_folio?view_type=list"]
        if res:
            urls += [f"/odoo/action-hotel_reservation.action_hotel_reservation/{res.id}",
                     f"/odoo/action-hotel_reservation.action_hotel_folio/{res.folio_id.id}"]
        self.assert_views_render(urls, "tour_housekeeping")

    def test_every_view_renders(self):
        """Every reservation action opens in each of its view modes without a client error."""
        self.assert_module_views_render("hotel_reservation", minimum=8)

    def test_front_desk_opens_an_invoice(self):
        """The folio's invoice opens for the desk roles (form, payments, print menu)."""
        res = self._stay_departing_today("Invoice", nights=1, guest="Tour Guest Qian")
        hotel, folio = res.property_id, res.folio_id
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.env.company.id), ("type", "in", ("bank", "cash"))], limit=1)
        folio._register_payment(folio.amount_due, journal)
        invoice = folio._invoice_lines(folio.line_ids)
        groups = {"desk": "hotel_base.group_hotel_frontdesk_user",
                  "owner": "hotel_base.group_hotel_frontdesk_manager,hotel_base.group_hotel_revenue_manager"}
        for login, group in groups.items():
            new_test_user(self.env, login=f"tour_invoice_{login}", groups=f"base.group_user,{group}",
                          hotel_property_ids=[Command.set(hotel.ids)])
            self.assert_views_render([
                f"/odoo/action-account.action_move_out_invoice_type/{invoice.id}",
                f"/odoo/action-account.action_account_payments/{folio.payment_ids.id}",
                f"/odoo/action-hotel_reservation.action_hotel_folio/{folio.id}",
            ], f"tour_invoice_{login}")
