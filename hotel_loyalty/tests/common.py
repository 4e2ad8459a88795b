from datetime import timedelta

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.hotel_reservation.tests.common import HotelReservationCase


class LoyaltyCase(HotelReservationCase):
    """The test hotel's company gets the default membership programme (the
    seed's tiers); rooms and extras without taxes so amounts are exact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        cls.env["loyalty.program"]._hotel_install_programs()
        cls.program = cls.env["loyalty.program"]._hotel_program(company)
        cls.program.write({"hotel_points_per_unit": 1.0, "hotel_point_value": 0.01, "hotel_redeem_min_points": 100,
                           "hotel_redeem_max_percent": 50.0, "hotel_expiry_months": 24,
                           "hotel_tier_validity_months": 12, "hotel_max_downgrade": 1})
        cls.standard, cls.silver, cls.gold, cls.diamond = cls.program._hotel_tiers()
        for product in (cls.double.product_id, cls.suite.product_id, cls.env.ref("hotel_reservation.product_laundry"),
                        cls.env.ref("hotel_reservation.product_breakfast"), cls.env.ref("hotel_loyalty.product_wifi")):
            product.taxes_id = [Command.clear()]
        cls.laundry = cls.env.ref("hotel_reservation.product_laundry")
        cls.env["account.journal"]._hotel_create_payment_journals(company)
        cls.alipay = cls.env["account.journal"].search([("code", "=", "ALIPY"), ("company_id", "=", company.id)])
        cls.loyalty_manager = new_test_user(
            cls.env, login="l_manager", groups="base.group_user,hotel_loyalty.group_hotel_loyalty_manager",
            hotel_property_ids=[Command.set(cls.hotel.ids)])
        cls.marketing = new_test_user(
            cls.env, login="l_marketing", groups="base.group_user,hotel_base.group_hotel_marketing",
            hotel_property_ids=[Command.set(cls.hotel.ids)])
        cls.finance = new_test_user(cls.env, login="l_finance", groups="base.group_user,account.group_account_invoice")

    def member(self, name="Test Member", tier=None, points=0):
        partner = self.env["res.partner"].create({"name": name, "email": "member@example.com",
                                                  "is_hotel_guest": True})
        card = self.env["loyalty.card"]._hotel_enroll(partner, "desk", self.program)
        if tier:
            card.write({"hotel_tier_id": tier.id})
        if points:
            card._hotel_move_points(points, "adjust", "Opening balance")
        return card

    def stay(self, partner, departure, nights=1, extra=0.0, room_type=None, **values):
        """A checked-out stay of ``partner`` leaving on ``departure``: room
        nights at the room type's price (500 a night for the double) plus an
        ``extra`` charge, paid in full."""
        room_type = room_type or self.double
        res = self.book(arrival=departure - timedelta(days=nights), nights=nights, partner=partner,
                        room_type=room_type, **values)
        res.action_check_in()
        folio = res.folio_id
        folio._post_night_charges(res.night_ids.filtered("active"))
        if extra:
            self.env["hotel.folio.line"].create({
                "folio_id": folio.id, "reservation_id": res.id, "kind": "extra", "product_id": self.laundry.id,
                "name": "Laundry", "quantity": 1, "price_unit": extra})
        if folio.amount_due:
            folio._register_payment(folio.amount_due, self.alipay)
        res.action_check_out()
        return res
