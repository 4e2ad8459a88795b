from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT, ViewSmokeMixin

BOARD = "/odoo/action-hotel_housekeeping.action_hotel_room_status"


@freeze_time(PINNED_MOMENT, tick=True)
@tagged("post_install", "-at_install")
class TestHousekeepingUi(ViewSmokeMixin, HttpCase):

    def setUp(self):
        super().setUp()
        self.hotel = self.env["hotel.property"].create({"name": "Tour Hotel HK", "code": "THK",
                                                        "tz": "Asia/Shanghai", "hk_use_inspection": True})
        room_type = self.env["hotel.room.type"].create({"name": "Tour HK Double", "code": "THD",
                                                        "property_id": self.hotel.id, "list_price": 300})
        floor = self.env["hotel.floor"].create({"name": "1F", "level": 1, "property_id": self.hotel.id})
        self.room, room2 = self.env["hotel.room"].create([
            {"name": name, "room_type_id": room_type.id, "floor_id": floor.id} for name in ("HK1", "HK2")])

        def user(login, group):
            return new_test_user(self.env, login=login, groups=f"base.group_user,{group}",
                                 hotel_property_ids=[Command.set(self.hotel.ids)])
        self.attendant = user("tour_attendant", "hotel_base.group_hotel_housekeeping")
        user("tour_supervisor", "hotel_housekeeping.group_hotel_housekeeping_supervisor")
        user("tour_desk", "hotel_base.group_hotel_frontdesk_user")
        today = self.hotel._local_today()
        self.room._hk_set_state("dirty")
        self.task = self.env["hotel.housekeeping.task"].create({
            "room_id": self.room.id, "date": today, "task_type": "departure", "user_id": self.attendant.id})
        self.env["hotel.housekeeping.task"].create({
            "room_id": room2.id, "date": today, "task_type": "stayover", "user_id": self.attendant.id})
        self.yesterday = today - timedelta(days=1)

    def test_attendant_cleans_on_a_phone_supervisor_inspects_desk_sees_it(self):
        self.start_tour(BOARD, "hotel_housekeeping_status_board_dirty_tour", login="tour_desk")
        self.browser_size = "375x812"
        self.start_tour("/odoo/action-hotel_base.action_hotel_home", "hotel_housekeeping_attendant_tour",
                        login="tour_attendant")
        self.assertEqual((self.task.state, self.room.hk_state), ("done", "clean"))
        self.assertGreaterEqual(self.task.work_minutes, 0)
        found = self.env["hotel.lost.item"].search([("property_id", "=", self.hotel.id)])
        self.assertEqual((found.name, found.room_id.name, found.storage_location, found.found_by_id),
                         ("Phone charger", "HK2", "Housekeeping office", self.attendant))
        self.start_tour("/odoo/action-hotel_housekeeping.action_hotel_housekeeping_board",
                        "hotel_housekeeping_supervisor_tour", login="tour_supervisor")
        self.assertEqual((self.task.state, self.room.hk_state), ("inspected", "inspected"))
        self.browser_size = "1366x768"
        self.start_tour(BOARD, "hotel_housekeeping_status_board_inspected_tour", login="tour_desk")

    def test_every_view_renders(self):
        self.assert_module_views_render("hotel_housekeeping", minimum=2)

    def test_task_sheet_spreadsheet(self):
        """Attendants download their sheet, supervisors everyone's (xlsx, read with their rights)."""
        import io

        import openpyxl
        colleague = new_test_user(self.env, login="tour_attendant_b",
                                  groups="base.group_user,hotel_base.group_hotel_housekeeping",
                                  hotel_property_ids=[Command.set(self.hotel.ids)])
        self.attendant.name, colleague.name = "Wang Fang", "Chen Xiu"
        self.task.note = "Baby cot"
        other = self.env["hotel.housekeeping.task"].create({
            "room_id": self.room.id, "date": self.task.date, "task_type": "touchup", "user_id": colleague.id})

        def sheets(login):
            self.authenticate(login, login)
            response = self.url_open(f"/hotel_housekeeping/task_sheet.xlsx?date={self.task.date}")
            self.assertEqual(response.status_code, 200)
            book = openpyxl.load_workbook(io.BytesIO(response.content))
            return {ws.title: [[c.value for c in row] for row in ws.iter_rows(min_row=4)] for ws in book.worksheets}
        mine = sheets("tour_attendant")
        self.assertEqual(list(mine), [self.attendant.name])
        rows = mine[self.attendant.name]
        self.assertEqual(rows[0][:3], ["HK1", 1, "Departure Clean"])
        self.assertEqual(rows[0][4], "Baby cot")
        self.assertEqual(rows[-1][4:6], ["Total credits", 1.5])
        everyone = sheets("tour_supervisor")
        self.assertEqual(set(everyone), {self.attendant.name, colleague.name})
        self.assertEqual(everyone[colleague.name][0][2], "Touch-up")
        self.assertTrue(other.exists())
