from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time

from .common import PINNED_MOMENT, PINNED_TODAY, HotelBaseCase


@freeze_time(PINNED_MOMENT)
class TestGuestProfile(HotelBaseCase):

    def test_birthdate_in_future_refused(self):
        tomorrow = PINNED_TODAY + timedelta(days=1)
        with self.assertRefused(ValidationError, "Test Guest Zhang San .* is in the future"):
            self.guest.guest_birthdate = tomorrow
        self.assertFalse(self.guest.guest_birthdate)
        with self.assertRefused(ValidationError, "before 1900"):
            self.guest.guest_birthdate = date(1850, 1, 1)
        self.guest.guest_birthdate = date(1990, 5, 17)
        self.assertEqual(self.guest.guest_birthdate, date(1990, 5, 17))

    def test_consent_is_dated(self):
        self.assertFalse(self.guest.consent_email_date)
        self.guest.write({"consent_email": True, "consent_email_source": "front_desk"})
        given = self.guest.consent_email_date
        self.assertTrue(given)
        # Withdrawing is dated too, so marketing can prove when it stopped.
        self.guest.write({"consent_email": False})
        self.assertTrue(self.guest.consent_email_date)
        self.assertGreaterEqual(self.guest.consent_email_date, given)
        # Writing the same value again does not move the date.
        stamp = self.guest.consent_email_date
        self.guest.write({"consent_email": False})
        self.assertEqual(self.guest.consent_email_date, stamp)
        partner = self.env["res.partner"].create({"name": "Opt-in", "consent_sms": True})
        self.assertTrue(partner.consent_sms_date)
        self.assertFalse(partner.consent_email_date)

    def test_preferences(self):
        self.guest.hotel_preference_ids = [
            (0, 0, {"category": "bed", "value": "King bed"}),
            (0, 0, {"category": "allergy", "value": "Peanuts", "is_important": True}),
        ]
        self.assertEqual(sorted(self.guest.hotel_preference_ids.mapped("category")), ["allergy", "bed"])
        self.assertIn("Peanuts", self.guest.hotel_preference_ids.filtered("is_important").display_name)


@freeze_time(PINNED_MOMENT)
class TestGuestDocument(HotelBaseCase):

    def _doc(self, **values):
        return self.env["hotel.guest.document"].create(dict({
            "partner_id": self.guest.id, "property_id": self.hotel_a.id, "document_type": "id_card",
            "number": self.VALID_ID, "expiry_date": PINNED_TODAY + timedelta(days=365),
        }, **values))

    def test_document_numbers_are_normalised_and_masked(self):
        doc = self._doc(number=" 110105 19491231 002x ")
        self.assertEqual(doc.number, "11010519491231002X")
        self.assertTrue(doc.display_name.endswith("002X"))
        self.assertNotIn("1101051949", doc.display_name)

    def test_expired_document_refused(self):
        yesterday = PINNED_TODAY - timedelta(days=1)
        with self.assertRefused(ValidationError, "expired on"):
            self._doc(expiry_date=yesterday)
        self.assertFalse(self.env["hotel.guest.document"].search([("partner_id", "=", self.guest.id)]))

    def test_duplicate_document_refused(self):
        self._doc()
        with self.assertRefused(ValidationError, "already has this document"):
            self._doc(number="1101 0519 4912 3100 2x")
        # Another guest's documents are not looked at: the answer would tell the
        # desk whether any number is on file (a duplicate profile is merged later).
        other_guest = self.env["res.partner"].create({"name": "Someone Else"})
        self._doc(partner_id=other_guest.id, number="11010519491231002x")
        # A passport with the same characters is a different document.
        self._doc(document_type="passport", number="11010519491231002X")
        # An archived (replaced) document does not block re-registering.
        self.env["hotel.guest.document"].search([("document_type", "=", "id_card")]).action_archive()
        self._doc()

    def test_invalid_identity_card_checksum(self):
        with self.assertRefused(ValidationError, "not a valid Chinese resident identity card"):
            self._doc(number="110105194912310021")
        # Foreign "identity cards" are not held to the Chinese checksum.
        self._doc(number="L01X00T47", issuing_country_id=self.env.ref("base.de").id)

    def test_issue_date_rules(self):
        today = PINNED_TODAY
        with self.assertRefused(ValidationError, "issued in the future"):
            self._doc(issue_date=today + timedelta(days=3))
        self.assertFalse(self.env["hotel.guest.document"].search([("partner_id", "=", self.guest.id)]))
