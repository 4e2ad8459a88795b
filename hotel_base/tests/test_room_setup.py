from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import HotelBaseCase


class TestRoomSetup(HotelBaseCase):
    """Properties, room types and rooms refuse bad data with a clear message and keep what was saved."""

    def test_duplicate_room_number_in_property(self):
        Room = self.env["hotel.room"]
        with self.assertRefused(ValidationError, r"Room 101 already exists in Test Harbour Hotel"):
            Room.create({"name": "101", "room_type_id": self.type_a.id})
        # Surrounding spaces and case do not make a different room.
        with self.assertRefused(ValidationError, "already exists"):
            Room.create({"name": " 101 ", "room_type_id": self.type_a.id})
        self.assertEqual(Room.search_count([("property_id", "=", self.hotel_a.id), ("name", "=", "101")]), 1)
        # The same number is fine in another property.
        other = Room.create({"name": "101", "room_type_id": self.type_b.id})
        self.assertEqual(other.property_id, self.hotel_b)

    def test_duplicate_room_number_of_archived_room(self):
        self.room_a1.action_archive()
        with self.assertRefused(ValidationError, r"\(archived\)"):
            self.env["hotel.room"].create({"name": "101", "room_type_id": self.type_a.id})

    def test_duplicate_room_number_guarded_by_database(self):
        """Even bypassing the Python check, PostgreSQL refuses the duplicate."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO hotel_room (name, room_type_id, property_id, view, active) "
                "VALUES (%s, %s, %s, 'none', true)",
                ["101", self.type_a.id, self.hotel_a.id],
            )

    def test_rename_to_existing_number_keeps_saved_name(self):
        room = self.env["hotel.room"].create({"name": "102", "room_type_id": self.type_a.id})
        with self.assertRaises(ValidationError):
            room.write({"name": "101"})
        self.assertEqual(room.name, "102")

    def test_occupancy_must_be_positive(self):
        RoomType = self.env["hotel.room.type"]
        base = {"name": "Bad", "code": "BAD", "property_id": self.hotel_a.id, "list_price": 100}
        for values in (
            {"max_adults": 0, "max_children": 0, "max_occupancy": 1},
            {"max_adults": 1, "max_children": 0, "max_occupancy": 0},
            {"max_adults": -1, "max_children": 2, "max_occupancy": 1},
            {"max_adults": 2, "max_children": -1, "max_occupancy": 2},
        ):
            # Refused by the database's CHECK (before the detailed Python check can speak).
            with self.subTest(values=values), \
                    self.assertRefused(ValidationError, "Room type Bad|sleeps at least one adult"):
                RoomType.create(dict(base, **values))
        self.assertFalse(RoomType.search([("code", "=", "BAD")]))

    def test_occupancy_consistency(self):
        with self.assertRefused(ValidationError, "cannot exceed maximum adults plus maximum children"):
            self.type_a.write({"max_occupancy": 5})
        with self.assertRefused(ValidationError, "cannot be lower than maximum adults"):
            self.type_a.write({"max_adults": 3, "max_occupancy": 2})
        self.assertEqual((self.type_a.max_adults, self.type_a.max_occupancy), (2, 3))

    def test_negative_rate_refused(self):
        with self.assertRefused(ValidationError, "nightly rate cannot be negative"):
            self.env["hotel.room.type"].create({
                "name": "Cheap", "code": "NEG", "property_id": self.hotel_a.id, "list_price": -1,
            })
        with self.assertRefused(ValidationError, "nightly rate cannot be negative"):
            self.type_a.list_price = -50
        self.assertEqual(self.type_a.list_price, 400)
        self.assertEqual(self.type_a.product_id.list_price, 400)

    def test_room_type_product(self):
        """Each room type gets its own service product, kept in sync for invoicing."""
        product = self.type_a.product_id
        self.assertTrue(product)
        self.assertEqual(product.type, "service")
        self.assertEqual(product.list_price, 400)
        self.assertEqual(product.categ_id, self.env.ref("hotel_base.product_category_room_night"))
        self.type_a.write({"list_price": 450, "name": "Test Double Deluxe"})
        self.assertEqual(product.list_price, 450)
        self.assertEqual(product.name, "Test Double Deluxe")
        self.assertNotEqual(self.type_b.product_id, product)

    def test_room_type_code_unique_per_property(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["hotel.room.type"].create({"name": "Other", "code": "tdb", "property_id": self.hotel_a.id})
        # Same code in the other property is fine.
        self.env["hotel.room.type"].create({"name": "Other", "code": "TDB", "property_id": self.hotel_b.id})

    def test_floor_and_connecting_room_of_same_property(self):
        with self.assertRefused(ValidationError, "belongs to Test Harbour Hotel"):
            self.room_b1.floor_id = self.floor_a1
        with self.assertRefused(ValidationError, "same property"):
            self.room_b1.connecting_room_id = self.room_a1
        self.assertFalse(self.room_b1.floor_id)

    def test_connecting_rooms_are_symmetric(self):
        room_2 = self.env["hotel.room"].create({"name": "102", "room_type_id": self.type_a.id})
        room_3 = self.env["hotel.room"].create({"name": "103", "room_type_id": self.type_a.id})
        self.room_a1.connecting_room_id = room_2
        self.assertEqual(room_2.connecting_room_id, self.room_a1)
        # Reconnecting 101 to 103 releases 102.
        self.room_a1.connecting_room_id = room_3
        self.assertEqual(room_3.connecting_room_id, self.room_a1)
        self.assertFalse(room_2.connecting_room_id)

    def test_archived_rooms_are_not_inventory(self):
        self.env["hotel.room"].create({"name": "102", "room_type_id": self.type_a.id})
        self.assertEqual(self.type_a.room_count, 2)
        self.room_a1.action_archive()
        self.type_a.invalidate_recordset(["room_count"])
        self.assertEqual(self.type_a.room_count, 1)
        self.assertEqual(self.hotel_a.room_count, 1)
        self.assertNotIn(self.room_a1, self.env["hotel.room"].search([("room_type_id", "=", self.type_a.id)]))

    def test_room_type_with_rooms_cannot_be_deleted(self):
        with self.assertRefused(UserError, "archive them instead"):
            self.type_a.unlink()
        self.assertTrue(self.type_a.exists())

    def test_property_rules(self):
        self.assertEqual(self.env["hotel.property"].create({"name": "P", "code": " p9 "}).code, "P9")
        with self.assertRefused(ValidationError, "homestays have no star rating"):
            self.hotel_b.star_rating = "3"
        with self.assertRefused(ValidationError, "between 00:00 and 23:59"):
            self.hotel_a.checkin_time = 25
        self.assertEqual(self.hotel_a.checkin_time, 14.0)
        self.assertTrue(self.hotel_a.partner_id, "an address contact is created for the property")
