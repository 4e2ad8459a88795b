from odoo import Command

from .common import HotelReservationCase


class TestAssignment(HotelReservationCase):
    """Confirming picks a free room of the type, ranked by the guest's preferences."""

    def _prefer(self, *features):
        self.guest.hotel_preference_ids = [Command.clear()] + [
            Command.create({"category": "other", "value": f, "room_feature": f}) for f in features]

    def test_stable_order_without_preferences(self):
        self.assertEqual(self.book().room_id, self.r101)
        self.assertEqual(self.book().room_id, self.r201)
        self.assertEqual(self.book().room_id, self.r301)

    def test_high_floor(self):
        self._prefer("high_floor")
        self.assertEqual(self.book().room_id, self.r301)

    def test_low_floor_quiet_and_non_smoking(self):
        self._prefer("low_floor")
        self.assertEqual(self.book().room_id, self.r101)
        self._prefer("non_smoking")
        self.assertEqual(self.book().room_id, self.r301, "301 is the only non-smoking double")

    def test_preferences_combine_and_skip_taken_rooms(self):
        self._prefer("quiet", "high_floor")
        # 101 is the only quiet room: quiet (10) beats floor level (3 vs 1).
        self.assertEqual(self.book().room_id, self.r101)
        # 101 taken: next best is the highest floor.
        self.assertEqual(self.book().room_id, self.r301)

    def test_connecting_rooms(self):
        self.r301.connecting_room_id = self.r201
        self._prefer("connecting")
        self.assertIn(self.book().room_id, self.r201 | self.r301)

    def test_staff_override(self):
        self._prefer("high_floor")
        self.assertEqual(self.book(room_id=self.r101.id).room_id, self.r101)
