"""The front desk's home: today's figures of each property, linking to the lists."""
from odoo import api, fields, models
from odoo.tools import SQL


class HotelProperty(models.Model):
    _inherit = "hotel.property"

    desk_arrivals = fields.Integer(compute="_compute_desk_figures", string="Arrivals to Check In")
    desk_departures = fields.Integer(compute="_compute_desk_figures", string="Departures to Check Out")
    desk_in_house = fields.Integer(compute="_compute_desk_figures", string="In House")
    desk_late = fields.Integer(compute="_compute_desk_figures", string="No-shows to Decide")
    desk_arrivals_tomorrow = fields.Integer(compute="_compute_desk_figures", string="Arrivals Tomorrow")
    desk_rooms_sold = fields.Integer(compute="_compute_desk_figures", string="Rooms Sold Tonight")
    desk_rooms_available = fields.Integer(compute="_compute_desk_figures", string="Rooms Available Tonight")
    desk_occupancy = fields.Float(compute="_compute_desk_figures", string="Occupancy Tonight (%)", digits=(16, 1))

    @api.depends_context("uid")
    def _compute_desk_figures(self):
        """Counts at each property's local today, with the user's rights, in a
        fixed number of queries per property."""
        Reservation = self.env["hotel.reservation"]
        for prop in self:
            if not prop.id:
                prop.update(dict.fromkeys(self._desk_fields(), 0))
                continue
            today = prop._local_today()
            tomorrow = fields.Date.add(today, days=1)
            stays = Reservation.search_fetch([
                ("property_id", "=", prop.id), ("state", "in", ("confirmed", "checked_in")),
                ("arrival_date", "<=", tomorrow),
            ], ["state", "arrival_date", "departure_date"])
            prop.desk_arrivals = len(stays.filtered(lambda r, t=today: r.state == "confirmed" and r.arrival_date == t))
            prop.desk_late = len(stays.filtered(lambda r, t=today: r.state == "confirmed" and r.arrival_date < t))
            prop.desk_arrivals_tomorrow = len(stays.filtered(
                lambda r, t=tomorrow: r.state == "confirmed" and r.arrival_date == t))
            in_house = stays.filtered(lambda r: r.state == "checked_in")
            prop.desk_in_house = len(in_house)
            prop.desk_departures = len(in_house.filtered(lambda r, t=today: r.departure_date <= t))
            sold, blocked, rooms = prop._desk_tonight(today)
            prop.desk_rooms_sold = sold
            prop.desk_rooms_available = rooms - blocked
            prop.desk_occupancy = 100.0 * sold / (rooms - blocked) if rooms > blocked else 0.0

    @api.model
    def _desk_fields(self):
        return [name for name, field in self._fields.items() if field.compute == "_compute_desk_figures"]

    def _desk_tonight(self, today):
        """(room-nights sold tonight, rooms out of order tonight, active rooms): the ledger's figures."""
        self.ensure_one()
        self.env["hotel.reservation.night"].flush_model(["property_id", "date", "active", "reservation_id"])
        self.env["hotel.room"].flush_model(["property_id", "active"])
        self.env.cr.execute(SQL(
            """SELECT count(*) FILTER (WHERE reservation_id IS NOT NULL),
                      count(*) FILTER (WHERE reservation_id IS NULL),
                      (SELECT count(*) FROM hotel_room WHERE property_id = %(prop)s AND active)
                 FROM hotel_reservation_night WHERE property_id = %(prop)s AND date = %(today)s AND active""",
            prop=self.id, today=today))
        return self.env.cr.fetchone()

    def _desk_list(self, xmlid):
        self.ensure_one()
        self._hotel_check_action_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("property_id", "=", self.id)]
        action["name"] = f"{action['name']} · {self.name}"
        return action

    def action_desk_arrivals(self):
        return self._desk_list("hotel_reservation.action_hotel_reservation_arrivals")

    def action_desk_arrivals_tomorrow(self):
        return self._desk_list("hotel_reservation.action_hotel_reservation_arrivals_tomorrow")

    def action_desk_departures(self):
        return self._desk_list("hotel_reservation.action_hotel_reservation_departures")

    def action_desk_in_house(self):
        return self._desk_list("hotel_reservation.action_hotel_reservation_in_house")

    def action_desk_late(self):
        return self._desk_list("hotel_reservation.action_hotel_reservation_no_show_to_decide")

    def _desk_open(self, xmlid):
        """An action (window or client) opened on this property."""
        self.ensure_one()
        self._hotel_check_action_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id(xmlid)
        action["context"] = {"default_property_id": self.id}
        return action

    def action_desk_rack(self):
        return self._desk_open("hotel_reservation.action_hotel_room_rack")

    def action_desk_walk_in(self):
        return self._desk_open("hotel_reservation.action_hotel_walk_in")
