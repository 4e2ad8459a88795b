"""Housekeeping supervisors see which rooms guests found dirty (a count over
the property's recurring period), never the complaints themselves."""
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.hotel_reservation.tests.common import HotelReservationCase


@tagged("post_install", "-at_install")
class TestRoomComplaints(HotelReservationCase):

    def test_supervisor_sees_rooms_with_cleanliness_complaints(self):
        supervisor = new_test_user(self.env, login="crm_hk_supervisor",
                                   groups="base.group_user,hotel_housekeeping.group_hotel_housekeeping_supervisor",
                                   hotel_property_ids=[Command.set(self.hotel.ids)])
        Complaint = self.env["hotel.complaint"]
        values = {"property_id": self.hotel.id, "partner_id": self.guest.id, "category": "cleanliness"}
        Complaint.create([dict(values, subject="Dusty", room_id=self.r101.id),
                          dict(values, subject="Hair in the sink", room_id=self.r101.id),
                          dict(values, subject="Noise", room_id=self.r201.id, category="noise"),
                          dict(values, subject="Stained sheets", room_id=self.r301.id)])
        with self.at_local(self.today - timedelta(days=45), 10):
            Complaint.create(dict(values, subject="Old one", room_id=self.r201.id))  # beyond the 30 days
        rooms = (self.r101 | self.r201 | self.r301 | self.s401).with_user(supervisor)
        self.assertEqual(rooms.mapped("hk_cleanliness_complaints"), [2, 0, 1, 0])
        found = self.env["hotel.room"].with_user(supervisor).search([("hk_cleanliness_complaints", ">", 1)])
        self.assertEqual(found, self.r101)
        with self.assertRaises(AccessError):
            Complaint.with_user(supervisor).search([])
