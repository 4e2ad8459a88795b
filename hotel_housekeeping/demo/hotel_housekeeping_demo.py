"""Demo: today's housekeeping at the demo hotel, as the morning job leaves it
and the first hours of work change it."""
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.hotel_base.tools.rules import workflow_write


class HotelDemoGenerator(models.AbstractModel):
    _inherit = "hotel.demo.generator"

    @api.model
    def _demo_housekeeping_today(self):
        """Generate today's tasks at both demo properties; share the city
        hotel's between the two attendants by floor; some done, some
        inspected, one do-not-disturb; rooms vacant since before today clean."""
        city = self.env.ref("hotel_base.property_city_hotel", raise_if_not_found=False)
        homestay = self.env.ref("hotel_base.property_homestay", raise_if_not_found=False)
        if not city or not homestay:
            return False
        Task = self.env["hotel.housekeeping.task"].with_context(tracking_disable=True, mail_notrack=True)
        attendants = self.env.ref("hotel_base.user_housekeeping") \
            | self.env.ref("hotel_housekeeping.user_housekeeper_2")
        supervisor = self.env.ref("hotel_housekeeping.user_housekeeping_supervisor")
        # the generated history left every room "clean": the rooms in use today are not
        Room = self.env["hotel.room"]
        occupancy = Room.search([("property_id", "in", (city | homestay).ids)])._hk_occupancy_today()
        used = Room.browse([rid for rid, occ in occupancy.items() if occ in ("occupied", "departing")])
        used._hk_set_state("dirty", reason="Demo: in use")
        tasks = Task._generate_for_property(city) | Task._generate_for_property(homestay)
        city_tasks = tasks.filtered(lambda t: t.property_id == city).sorted(lambda t: (t.floor_level, t.room_id.name))
        with workflow_write():
            for index, task in enumerate(city_tasks):
                task.user_id = attendants[0] if index < len(city_tasks) / 2 else attendants[1]
        # the morning's work so far: rooms nobody sleeps in are done first
        free = city_tasks.filtered(lambda t: occupancy.get(t.room_id.id) in ("vacant", "arriving"))
        first, second = (free.filtered(lambda t, u=user: t.user_id == u) for user in attendants)
        for task in first[:2]:
            task.with_user(task.user_id).action_start()
            task.with_user(task.user_id).action_done()
        if first[:1]:
            first[:1].with_user(supervisor).action_inspect_pass()
        # the second room done failed its inspection (a hair in the shower): a re-clean for the same attendant
        if first[1:2].inspection_line_ids:
            first[1:2].inspection_line_ids.filtered("auto_fail")[-1:].with_user(supervisor).failed = True
            first[1:2].with_user(supervisor).action_inspect_fail()
        for task in second[1:2]:  # finished, waiting for the supervisor's inspection
            task.with_user(task.user_id).action_start()
            task.with_user(task.user_id).action_done()
        if second[:1]:
            second[:1].with_user(second[:1].user_id).action_start()
        # a guest who does not want to be disturbed
        dnd = city_tasks.filtered(lambda t: t.task_type == "stayover" and t.state == "todo")[-1:]
        if dnd:
            dnd.with_user(dnd.user_id).action_dnd()
        self._demo_guest_requests(city, occupancy)
        self._demo_out_of_order(city, supervisor)
        self._demo_lost_and_found(city, attendants, supervisor)
        return True

    def _demo_lost_and_found(self, city, attendants, supervisor):
        """Items left behind: one found this morning in a departure room, one
        handed back, one past its retention waiting to be disposed of."""
        Item = self.env["hotel.lost.item"].with_context(tracking_disable=True)
        departure = self.env["hotel.housekeeping.task"].search(
            [("property_id", "=", city.id), ("task_type", "=", "departure"), ("is_today", "=", True)], limit=1)
        now = fields.Datetime.now()
        if departure:
            Item.with_user(attendants[0]).create({
                "name": "Phone charger (white, USB-C)", "category": "electronics", "room_id": departure.room_id.id,
                "task_id": departure.id, "storage_location": "Housekeeping office, shelf 2"})
        rooms = self.env["hotel.room"].search([("property_id", "=", city.id)], limit=2)
        returned = Item.with_user(attendants[1]).create({
            "name": "Silk scarf", "category": "clothing", "room_id": rooms[:1].id, "found_at": now - timedelta(days=5),
            "storage_location": "Front desk, drawer 1"})
        returned.claimed_by = returned.partner_id.name or "Guest"
        returned.with_user(supervisor).action_return()
        Item.with_user(supervisor).create({
            "name": "Umbrella (black)", "category": "other", "room_id": False, "property_id": city.id,
            "location": "Lobby", "found_at": now - timedelta(days=120), "storage_location": "Luggage room"})
        self.env["hotel.lost.item"]._remind_due(city)

    def _demo_out_of_order(self, city, supervisor):
        """A vacant room of the city hotel out of order for 3 nights from
        today (a leak under repair, with its maintenance request)."""
        today = city._local_today()
        Reservation = self.env["hotel.reservation"]
        for room_type in self.env["hotel.room.type"].search([("property_id", "=", city.id)], order="id desc"):
            free = Reservation._find_free_rooms(room_type, today, today + timedelta(days=3))
            if free:
                break
        else:
            return
        room = free[-1]
        request = self.env["hotel.service.request"].with_user(supervisor).with_context(tracking_disable=True).create({
            "name": "Water leaking from the bathroom ceiling", "room_id": room.id,
            "type_id": self.env.ref("hotel_housekeeping.request_type_repair").id,
            "block_until": today + timedelta(days=2),
        })
        request.with_user(supervisor).action_acknowledge()

    def _demo_guest_requests(self, city, occupancy):
        """Open guest requests of in-house guests: one just taken, one
        acknowledged, one late (escalated to the supervisor)."""
        rooms = self.env["hotel.room"].search([("property_id", "=", city.id)]).filtered(
            lambda r: occupancy.get(r.id) == "occupied")[:3]
        if len(rooms) < 3:
            return
        desk = self.env.ref("hotel_base.user_frontdesk")
        Request = self.env["hotel.service.request"].with_user(desk).with_context(tracking_disable=True)
        now = fields.Datetime.now()
        specs = [
            (rooms[0], "request_type_amenities", "Two extra pillows and a bathrobe", now - timedelta(minutes=2)),
            (rooms[1], "request_type_repair", "Air conditioning makes a rattling noise", now - timedelta(minutes=20)),
            (rooms[2], "request_type_room_service", "Hot water kettle and green tea", now - timedelta(minutes=90)),
        ]
        requests = Request.browse()
        for room, type_xmlid, text, when in specs:
            with workflow_write():  # taken earlier this morning
                requests |= Request.create({"name": text, "room_id": room.id, "requested_at": when,
                                            "type_id": self.env.ref(f"hotel_housekeeping.{type_xmlid}").id})
        requests[1].with_user(self.env.ref("hotel_base.user_housekeeping")).action_acknowledge()
        self.env["hotel.service.request"]._escalate_overdue(city)
