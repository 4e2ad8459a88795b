from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time

from .common import PINNED_MOMENT, PINNED_TODAY, HotelBaseCase


@freeze_time(PINNED_MOMENT)
class TestHotelSecurity(HotelBaseCase):
    """Each role, through with_user(): what it may read and write, per property."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls.env["hotel.guest.document"].create({
            "partner_id": cls.guest.id, "property_id": cls.hotel_a.id, "document_type": "passport",
            "number": "E12345678",
            "expiry_date": PINNED_TODAY + timedelta(days=700),
        })
        cls.preference = cls.env["hotel.guest.preference"].create({
            "partner_id": cls.guest.id, "category": "floor", "value": "High floor",
        })

    def _visible_rooms(self, user):
        return self.env["hotel.room"].with_user(user).search([("id", "in", (self.room_a1 | self.room_b1).ids)])

    def test_property_isolation_read(self):
        for user in (self.user_frontdesk, self.user_manager, self.user_housekeeping,
                     self.user_revenue, self.user_marketing):
            with self.subTest(user=user.login):
                self.assertEqual(self._visible_rooms(user), self.room_a1)
                self.assertEqual(
                    self.env["hotel.property"].with_user(user).search([("code", "in", ["THA", "THB"])]), self.hotel_a)
                self.assertEqual(
                    self.env["hotel.room.type"].with_user(user).search([("code", "in", ["TDB", "TCY"])]), self.type_a)
                self.env.invalidate_all()
                with self.assertRaises(AccessError):
                    self.room_b1.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self.type_b.with_user(user).read(["list_price"])

    def test_property_isolation_write(self):
        manager_room_b = self.room_b1.with_user(self.user_manager)
        with self.assertRaises(AccessError):
            manager_room_b.write({"accessible": True})
        with self.assertRaises(AccessError):
            self.env["hotel.room"].with_user(self.user_manager).create({"name": "B9", "room_type_id": self.type_b.id})
        self.assertFalse(self.room_b1.accessible)
        # Within the own property the manager sets rooms up.
        self.room_a1.with_user(self.user_manager).write({"accessible": True})
        self.assertTrue(self.room_a1.accessible)
        self.env["hotel.room"].with_user(self.user_manager).create({"name": "109", "room_type_id": self.type_a.id})

    def test_allowed_properties_take_effect_at_once(self):
        self.assertEqual(self._visible_rooms(self.user_frontdesk), self.room_a1)
        self.user_frontdesk.hotel_property_ids = [(4, self.hotel_b.id)]
        self.assertEqual(self._visible_rooms(self.user_frontdesk), self.room_a1 | self.room_b1)
        self.hotel_b.user_ids = [(3, self.user_frontdesk.id)]
        self.assertEqual(self._visible_rooms(self.user_frontdesk), self.room_a1)

    def test_administrator_sees_every_property(self):
        self.assertFalse(self.user_admin.hotel_property_ids)
        self.assertEqual(self._visible_rooms(self.user_admin), self.room_a1 | self.room_b1)
        self.room_b1.with_user(self.user_admin).write({"quiet": True})
        self.env["hotel.property"].with_user(self.user_admin).create({"name": "New", "code": "NEW"})

    def test_configuration_rights_by_role(self):
        # Front desk and housekeeping read rooms but do not change the set-up.
        for user in (self.user_frontdesk, self.user_housekeeping, self.user_marketing):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.room_a1.with_user(user).write({"quiet": True})
                with self.assertRaises(AccessError):
                    self.type_a.with_user(user).write({"list_price": 1})
        # Revenue managers set rates, but do not build rooms or properties.
        self.type_a.with_user(self.user_revenue).write({"list_price": 420})
        self.assertEqual(self.type_a.list_price, 420)
        with self.assertRaises(AccessError):
            self.env["hotel.room"].with_user(self.user_revenue).create({"name": "110", "room_type_id": self.type_a.id})
        with self.assertRaises(AccessError):
            self.env["hotel.property"].with_user(self.user_manager).create({"name": "X", "code": "X"})
        # Users without a hotel role see nothing of the hotel.
        with self.assertRaises(AccessError):
            self.env["hotel.room"].with_user(self.user_plain).search([])

    def test_documents_only_for_frontdesk_managers(self):
        Document = self.env["hotel.guest.document"]
        docs = Document.with_user(self.user_manager).search([("partner_id", "=", self.guest.id)])
        self.assertEqual(docs, self.document)
        self.assertEqual(docs.number, "E12345678")
        self.assertEqual(self.guest.with_user(self.user_manager).hotel_document_ids, self.document)
        for user in (self.user_frontdesk, self.user_housekeeping, self.user_marketing, self.user_revenue):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["hotel.guest.document"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.document.with_user(user).read(["number"])
                # The field is hidden on the guest too, not only the model.
                with self.assertRaises(AccessError):
                    self.guest.with_user(user).read(["hotel_document_ids"])
                # Knowing that a valid document is on file is allowed.
                self.assertEqual(self.guest.with_user(user).hotel_document_count, 1)

    def test_frontdesk_registers_document_without_reading_it(self):
        wizard = self.env["hotel.guest.document.register"].with_user(self.user_frontdesk).create({
            "partner_id": self.guest.id, "property_id": self.hotel_a.id, "document_type": "id_card",
            "number": self.VALID_ID,
            "expiry_date": PINNED_TODAY + timedelta(days=3650),
        })
        wizard.action_register()
        self.assertFalse(wizard.exists(), "the wizard row holding the number is removed")
        stored = self.env["hotel.guest.document"].search([("number", "=", self.VALID_ID)])
        self.assertEqual(stored.partner_id, self.guest)
        with self.assertRaises(AccessError):
            stored.with_user(self.user_frontdesk).read(["number"])
        for user in (self.user_housekeeping, self.user_marketing):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["hotel.guest.document"].with_user(user).create({
                    "partner_id": self.guest.id, "document_type": "passport", "number": "P000111",
                })

    def test_preferences_by_role(self):
        for user in (self.user_housekeeping, self.user_marketing, self.user_frontdesk):
            with self.subTest(user=user.login):
                self.assertEqual(self.guest.with_user(user).hotel_preference_ids.mapped("value"), ["High floor"])
        with self.assertRaises(AccessError):
            self.preference.with_user(self.user_housekeeping).write({"value": "Low floor"})
        self.preference.with_user(self.user_frontdesk).write({"value": "Top floor"})
        self.assertEqual(self.preference.value, "Top floor")

    def test_documents_stay_with_the_property_that_recorded_them(self):
        """Issue #11: the guest profile is shared by the group, its ID documents
        are not; no answer tells the desk whether a number is on file elsewhere;
        a refused registration leaves no number behind."""
        traveller = self.env["res.partner"].create({"name": "Test Traveller Sun", "is_hotel_guest": True})
        passport = self.env["hotel.guest.document"].create({
            "partner_id": traveller.id, "property_id": self.hotel_b.id, "document_type": "passport",
            "number": "G55501234"})
        manager = self.user_manager  # front-desk manager of hotel A
        self.env.invalidate_all()
        visible = self.env["hotel.guest.document"].with_user(manager).search([("partner_id", "=", traveller.id)])
        self.assertFalse(visible)
        with self.assertRaises(AccessError):
            passport.with_user(manager).read(["number"])
        with self.assertRaises(AccessError):
            passport.with_user(manager).write({"note": "seen"})
        # the same number for another guest: recorded, nothing said about the other profile
        Register = self.env["hotel.guest.document.register"].with_user(self.user_frontdesk)
        Register.create({"partner_id": self.guest.id, "property_id": self.hotel_a.id,
                         "document_type": "passport", "number": "G55501234"})
        self.assertEqual(self.env["hotel.guest.document"].search_count([("number", "=", "G55501234")]), 2)
        # a refused registration stores nothing, no wizard row with the number in clear
        with self.assertRefused(ValidationError, "already has this document"):
            Register.create({"partner_id": self.guest.id, "property_id": self.hotel_a.id,
                             "document_type": "passport", "number": "G 5550 1234"})
        rows = self.env["hotel.guest.document.register"].search([])
        self.assertNotIn("G55501234", rows.mapped("number"))
        self.assertTrue(all(number.startswith("*") for number in rows.mapped("number")))
        # and the desk cannot record a document at a property it does not work at
        with self.assertRaises(AccessError):
            Register.create({"partner_id": self.guest.id, "property_id": self.hotel_b.id,
                             "document_type": "passport", "number": "H1234567"})
