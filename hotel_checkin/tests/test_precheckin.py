"""The pre-check-in page over HTTP (token, bad input, nothing half-written)
and the registrations export for the police (managers only)."""
import csv
import io
from datetime import timedelta

import openpyxl

from odoo.tests import HttpCase, tagged

from .common import ID_LI, ID_ZHANG, CheckinCase


@tagged("post_install", "-at_install")
class TestPrecheckinHttp(CheckinCase, HttpCase):

    def setUp(self):
        super().setUp()
        self.res = self.book()
        self.folio = self.res.folio_id
        self.path = self.folio._precheckin_url().replace(self.folio.get_base_url(), "")

    def post(self, **data):
        page = self.url_open(self.path)
        csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        return self.url_open(self.path, data=dict({"csrf_token": csrf, "reservation_id": self.res.id}, **data))

    def test_link_needs_the_token(self):
        self.assertEqual(self.url_open(self.path).status_code, 200)
        self.assertEqual(self.url_open(self.path[:-4] + "abcd").status_code, 404)
        self.assertEqual(self.url_open(f"/hotel/precheckin/{self.folio.id + 1000}/x").status_code, 404)

    def test_page_never_shows_document_numbers(self):
        self.document(self.guest, ID_ZHANG)
        page = self.url_open(self.path).text
        self.assertIn("Test Guest Wu", page)
        self.assertNotIn(ID_ZHANG, page)
        self.assertNotIn(ID_ZHANG[-4:], page)

    def test_bad_input_saves_nothing(self):
        partners = self.env["res.partner"].search_count([])
        response = self.post(name="Test Wrong Number", document_number="440524188001010015")
        self.assertEqual(response.status_code, 400)
        self.assertIn("not a valid Chinese resident identity card number", response.text)
        response = self.post(name="Test No Number")
        self.assertIn("an adult needs an ID document number", response.text)
        response = self.post(action="arrival", arrival_time="25:99")
        self.assertIn("HH:MM", response.text)
        response = self.post(name="Test Bad Date", document_number=ID_LI, birthdate="31/02/1990")
        self.assertIn("is not a date", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.env["res.partner"].search_count([]), partners, "no contact half-created")
        self.assertEqual(len(self.res.guest_ids), 1)
        self.assertFalse(self.res.expected_arrival_time)

    def test_room_guest_link_opens_their_room_only(self):
        other = self.book(folio=self.folio, partner=self.companion, room_type=self.suite)
        path = self.folio._precheckin_url(other).replace(self.folio.get_base_url(), "")
        page = self.url_open(path).text
        self.assertIn(f'data-reservation="{other.id}"', page)
        self.assertNotIn(f'data-reservation="{self.res.id}"', page, "not the booker's room")
        self.assertEqual(self.url_open(path.replace(f"/{other.id}/", f"/{self.res.id}/")).status_code, 404,
                         "a room's token opens no other room")
        csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
        response = self.url_open(path, data={"csrf_token": csrf, "reservation_id": self.res.id, "name": "Test X",
                                             "document_number": ID_LI})
        self.assertEqual(response.status_code, 400)
        self.env.invalidate_all()
        self.assertEqual(len(self.res.guest_ids), 1)

    def test_teenager_needs_a_document_online(self):
        response = self.post(name="Test Teen", birthdate="2009-01-01")
        self.assertIn("16 or more needs an ID document", response.text)

    def test_party_is_bounded_by_the_booking(self):
        self.assertEqual(self.post(name="Test Second", document_number=ID_LI).status_code, 200)
        response = self.post(name="Test Third", document_number=ID_ZHANG)
        self.assertIn("booked for 2 guests, all registered", response.text)
        self.env.invalidate_all()
        self.assertEqual(len(self.res.guest_ids), 2)

    def test_main_guest_adds_own_document(self):
        line = self.res.guest_ids
        response = self.post(line_id=line.id, document_number=ID_ZHANG)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("ID document needed", response.text, "the page shows the new status at once")
        self.env.invalidate_all()
        self.assertEqual(line.document_state, "valid")
        again = self.post(line_id=line.id, document_number=ID_ZHANG)
        self.assertIn("is registered already", again.text)

    def test_door_code_on_the_page(self):
        codes = self.env["hotel.door.code"]._issue(self.res)
        self.assertIn(codes.code, self.url_open(self.path).text)
        codes._revoke("manual")
        self.assertNotIn(codes.code, self.url_open(self.path).text)


@tagged("post_install", "-at_install")
class TestRegistrationExport(CheckinCase, HttpCase):

    def test_day_export_for_managers(self):
        res = self.registered_stay()
        with self.at_local(self.today, 15):
            res.action_check_in()
        other_day = self.registered_stay(arrival=self.today + timedelta(days=40), room_type=self.suite)
        self.assertEqual(other_day.state, "confirmed")
        self.manager.password = "r_manager"
        self.authenticate("r_manager", "r_manager")
        url = f"/hotel/registrations/{self.hotel.id}/{self.today}"
        book = openpyxl.load_workbook(io.BytesIO(self.url_open(url + ".xlsx").content))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(rows[0][:5], ("Booking", "Room", "Checked In", "Departure", "Guest"))
        self.assertEqual(sorted(r[4] for r in rows[1:]), ["Test Companion Li", "Test Guest Wu"])
        li = next(r for r in rows[1:] if r[4] == "Test Companion Li")
        self.assertEqual(li[9], ID_LI, "documents in full, as text")
        self.assertEqual(li[1], res.room_id.name)
        self.assertTrue(li[2].endswith("15:00"), "check-in time in the property's time")
        text = self.url_open(url + ".csv").content.decode("utf-8-sig")
        self.assertEqual(len(list(csv.reader(io.StringIO(text)))), 3)

    def test_export_refused_to_the_desk_and_other_properties(self):
        self.frontdesk.password = "r_frontdesk"
        self.authenticate("r_frontdesk", "r_frontdesk")
        response = self.url_open(f"/hotel/registrations/{self.hotel.id}/{self.today}.csv")
        self.assertNotEqual(response.status_code, 200)
        self.manager.password = "r_manager"
        self.authenticate("r_manager", "r_manager")
        response = self.url_open(f"/hotel/registrations/{self.other_hotel.id}/{self.today}.csv")
        self.assertEqual(response.status_code, 404)
