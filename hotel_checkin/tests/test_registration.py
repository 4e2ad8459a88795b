from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ID_LI, CheckinCase


@tagged("post_install", "-at_install")
class TestRegistration(CheckinCase):

    def test_check_in_refused_until_every_guest_is_registered(self):
        """Two adults booked: the desk cannot check in until both are listed
        with a valid document; the message names who is missing what."""
        res = self.book(arrival=self.today)
        self.assertEqual(res.guest_ids.partner_id, self.guest, "the booked guest is listed at confirmation")
        with self.assertRefused(UserError, r"1 of 2 guests registered(.|\n)*Test Guest Wu has no ID document"):
            res.with_user(self.frontdesk).action_check_in()
        self.assertEqual(res.state, "confirmed")
        self.assertFalse(res.sudo().door_code_ids, "nothing issued for a refused check-in")

        self.document(self.guest)
        self.add_guest(res, self.companion)
        with self.assertRefused(UserError, r"Test Companion Li has no ID document"):
            res.with_user(self.frontdesk).action_check_in()
        self.document(self.companion, ID_LI)
        res.invalidate_recordset()
        self.assertTrue(res.registration_complete)
        res.with_user(self.frontdesk).action_check_in()
        self.assertEqual(res.state, "checked_in")

    def test_expired_document_refused(self):
        res = self.registered_stay()
        doc = self.env["hotel.guest.document"].sudo().search([("partner_id", "=", self.companion.id)])
        self.env.cr.execute("UPDATE hotel_guest_document SET expiry_date = %s WHERE id = %s",
                            [self.today - timedelta(days=1), doc.id])
        self.env.invalidate_all()
        with self.assertRefused(UserError, r"Test Companion Li's ID document has expired"):
            res.with_user(self.frontdesk).action_check_in()

    def test_document_of_another_property_does_not_register(self):
        """Documents stay at the property that recorded them (its managers read
        them): another property's record does not register the guest here."""
        res = self.book(arrival=self.today, adults=1)
        self.document(self.guest, prop=self.other_hotel)
        with self.assertRefused(UserError, r"Test Guest Wu has no ID document recorded at this property"):
            res.action_check_in()

    def test_minor_needs_guardian(self):
        res = self.book(arrival=self.today, adults=1, children=1, room_type=self.double)
        self.document(self.guest)
        child = self.env["res.partner"].create({"name": "Test Child Xiaoming", "guest_birthdate": date(2016, 5, 1)})
        line = self.add_guest(res, child)
        self.assertTrue(line.is_minor)
        with self.assertRefused(UserError, r"Test Child Xiaoming is a minor: name their guardian"):
            res.action_check_in()
        with self.assertRefused(ValidationError, r"another guest of the same room"):
            line.guardian_id = line
        main = res.guest_ids.filtered("is_main")
        line.guardian_id = main
        res.action_check_in()
        self.assertEqual(res.state, "checked_in")
        self.assertEqual(line.document_state, "guardian")

    def test_minor_cannot_be_guardian(self):
        res = self.book(arrival=self.today, adults=1, children=1)
        teen = self.env["res.partner"].create({"name": "Test Teen", "guest_birthdate": date(2012, 1, 1)})
        kid = self.env["res.partner"].create({"name": "Test Kid", "guest_birthdate": date(2019, 1, 1)})
        teen_line = self.add_guest(res, teen)
        kid_line = self.add_guest(res, kid)
        with self.assertRefused(ValidationError, r"Test Teen is a minor and cannot be the guardian"):
            kid_line.guardian_id = teen_line

    def test_invalid_resident_id_refused_at_the_desk(self):
        with self.assertRefused(ValidationError, r"not a valid Chinese resident identity card number"):
            self.env["hotel.guest.document.register"].with_user(self.frontdesk).create({
                "partner_id": self.companion.id, "property_id": self.hotel.id, "number": "110105194912310039"})
        self.assertFalse(self.env["hotel.guest.document"].sudo().search([("partner_id", "=", self.companion.id)]))

    def test_desk_sees_status_never_the_number(self):
        res = self.registered_stay()
        line = res.guest_ids.with_user(self.frontdesk).filtered(lambda g: g.partner_id == self.companion)
        self.assertEqual(line.document_state, "valid")
        self.assertRegex(line.document_label, r"\*+0014$", "masked, as on receipts")
        with self.assertRaises(AccessError):
            self.env["hotel.guest.document"].with_user(self.frontdesk).search([]).read(["number"])

    def test_housekeeping_and_marketing_see_no_registration(self):
        res = self.registered_stay()
        for user in (self.housekeeping, self.marketing):
            with self.assertRaises(AccessError):
                self.env["hotel.reservation.guest"].with_user(user).search([("reservation_id", "=", res.id)])

    def test_property_without_registration_checks_in_as_before(self):
        self.hotel.registration_required = False
        res = self.book(arrival=self.today)
        res.action_check_in()
        self.assertEqual(res.state, "checked_in")

    def test_registration_card_lists_every_guest(self):
        res = self.registered_stay()
        res.action_check_in()
        html = self.env["ir.actions.report"].with_user(self.frontdesk)._render_qweb_html(
            "hotel_reservation.report_registration_card", res.ids)[0].decode()
        self.assertIn("Test Guest Wu", html)
        self.assertIn("Test Companion Li", html)
        self.assertIn("0014", html)
        self.assertNotIn(ID_LI, html, "the card shows masked numbers only")

    def test_guest_registered_once_per_stay(self):
        res = self.book(arrival=self.today)
        with self.assertRefused(ValidationError, r"already registered in this room"):
            self.add_guest(res, self.guest)

    def test_walk_in_waits_for_registration(self):
        """A walk-in at a property registering every guest is booked and lands
        on the stay to register the party; check-in follows."""
        rooms = self.r101 | self.r201 | self.r301 | self.s401
        if "hk_state" in rooms._fields:  # with hotel_housekeeping, walk-ins get ready rooms only
            rooms._hk_set_state("inspected")
        wizard = self.env["hotel.walk.in"].with_user(self.frontdesk).create({
            "property_id": self.hotel.id, "partner_id": self.companion.id, "nights": 1, "adults": 1,
            "room_id": self.r201.id, "deposit": 0.0})
        action = wizard.action_check_in()
        stay = self.env["hotel.reservation"].browse(action["res_id"])
        self.assertEqual(stay.state, "confirmed", "booked, not in house before registration")
        self.assertTrue(stay.message_ids.filtered(lambda m: "register every guest" in str(m.body)))
        self.document(self.companion, ID_LI)
        stay.with_user(self.frontdesk).action_check_in()
        self.assertEqual(stay.state, "checked_in")
        self.assertFalse(stay.folio_id.sudo().line_ids.filtered(
            lambda line: line.product_id == self.env.ref("hotel_checkin.product_early_checkin")),
            "a walk-in pays the price quoted")
