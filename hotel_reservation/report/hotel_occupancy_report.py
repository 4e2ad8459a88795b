from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

# Measures that are ratios of the report's additive columns: {field: (numerator, denominator, factor)}.
RATIOS = {
    "occupancy": ("rooms_sold", "rooms_available", 100.0),
    "adr": ("room_revenue", "rooms_sold", 1.0),
    "revpar": ("room_revenue", "rooms_available", 1.0),
}
# Aggregates that mean "the measure of the whole group" for a ratio; min/max keep their per-row meaning.
RATIO_AGGREGATES = ("avg", "sum", "sum_currency")


class HotelOccupancyReport(models.Model):
    """Occupancy, ADR and RevPAR: one row per property, room type and date.

    Invariants:
    - a row exists for every room type that has rooms and every date between
      the first and the last date of the ledger, so days without sales count;
    - rooms_available is the current number of active rooms of the type (the
      history of room activity is not kept); rooms_sold and room_revenue are
      the active ledger nights (held rooms) of that date on rooms of the type,
      the room actually used defining the type; active nights held by no
      stay (out-of-order blocks) are rooms_out_of_order and are taken out of
      rooms_available (USALI: out-of-order rooms are not available);
    - on any grouping, occupancy, ADR and RevPAR are ratios of the group's
      sums, never averages of daily ratios (see _read_group_select).

    The view joins the ledger per property and date through a LATERAL
    subquery, so that a date filter on the report restricts the days read
    from the ledger (an aggregate of the whole ledger joined on the date
    would be scanned entirely, PostgreSQL cannot push a date range into it).
    """

    _name = "hotel.occupancy.report"
    _description = "Occupancy and Revenue Report"
    _auto = False
    _order = "date desc, property_id, room_type_id"
    _rec_name = "date"
    _depends = {
        "hotel.reservation.night": ["active", "date", "price", "property_id", "reservation_id", "room_id"],
        "hotel.room": ["active", "room_type_id"],
        "hotel.room.type": ["property_id"],
        "hotel.property": ["company_id"],
        "res.company": ["currency_id"],
    }

    date = fields.Date(readonly=True)
    property_id = fields.Many2one("hotel.property", readonly=True)
    room_type_id = fields.Many2one("hotel.room.type", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    rooms_available = fields.Integer(
        readonly=True, aggregator="sum",
        help="Active rooms of the type (current inventory) less those out of order; summed over several days, "
             "room nights available.")
    rooms_out_of_order = fields.Integer(
        string="Out of Order", readonly=True, aggregator="sum",
        help="Rooms of the type out of order that night (held by no stay); summed over several days, "
             "out-of-order room nights.")
    rooms_sold = fields.Integer(
        readonly=True, aggregator="sum",
        help="Room nights held by confirmed, in-house or checked-out stays.")
    room_revenue = fields.Monetary(
        readonly=True, aggregator="sum", currency_field="currency_id",
        help="Sum of the ledger prices of the room nights sold.")
    occupancy = fields.Float(
        string="Occupancy (%)", readonly=True, aggregator="avg", digits=(16, 2),
        help="Rooms sold / rooms available x 100, computed on the totals of each group.")
    adr = fields.Monetary(
        string="ADR", readonly=True, aggregator="avg", currency_field="currency_id",
        help="Average daily rate: room revenue / rooms sold, computed on the totals of each group.")
    revpar = fields.Monetary(
        string="RevPAR", readonly=True, aggregator="avg", currency_field="currency_id",
        help="Revenue per available room: room revenue / rooms available, computed on the totals of each group.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The id combines room type and day: stable across reads, and a plain
        # expression (a window function would stop filters from being pushed down).
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %(table)s AS (
            SELECT rt.id::bigint * 1000000 + (day.day::date - DATE '1900-01-01') AS id,
                   property.id AS property_id,
                   rt.id AS room_type_id,
                   property.company_id AS company_id,
                   company.currency_id AS currency_id,
                   day.day::date AS date,
                   inventory.rooms - COALESCE(sold.blocked, 0) AS rooms_available,
                   COALESCE(sold.blocked, 0) AS rooms_out_of_order,
                   COALESCE(sold.rooms, 0) AS rooms_sold,
                   COALESCE(sold.revenue, 0) AS room_revenue,
                   COALESCE(100.0 * sold.rooms / NULLIF(inventory.rooms - COALESCE(sold.blocked, 0), 0), 0)
                       AS occupancy,
                   COALESCE(sold.revenue / NULLIF(sold.rooms, 0), 0) AS adr,
                   COALESCE(sold.revenue / NULLIF(inventory.rooms - COALESCE(sold.blocked, 0), 0), 0) AS revpar
              FROM hotel_property property
              JOIN res_company company ON company.id = property.company_id
              JOIN hotel_room_type rt ON rt.property_id = property.id
              JOIN (SELECT room_type_id, (count(*) FILTER (WHERE active))::integer AS rooms
                      FROM hotel_room
                     GROUP BY room_type_id) inventory ON inventory.room_type_id = rt.id
              -- timestamp bounds: with dates, generate_series would pick its
              -- timestamptz variant and depend on the session's time zone.
             CROSS JOIN generate_series(
                       (SELECT min(date) FROM hotel_reservation_night)::timestamp,
                       (SELECT max(date) FROM hotel_reservation_night)::timestamp,
                       INTERVAL '1 day') AS day(day)
              -- Per property and day, not per room type: one ledger lookup
              -- (date index) serves all the types of the property that day.
              LEFT JOIN LATERAL (
                   SELECT room.room_type_id,
                          (count(*) FILTER (WHERE night.reservation_id IS NOT NULL))::integer AS rooms,
                          (count(*) FILTER (WHERE night.reservation_id IS NULL))::integer AS blocked,
                          sum(night.price) AS revenue
                     FROM hotel_reservation_night night
                     JOIN hotel_room room ON room.id = night.room_id
                    WHERE night.property_id = property.id
                      AND night.date = day.day::date
                      AND night.active
                    GROUP BY room.room_type_id
                   ) sold ON sold.room_type_id = rt.id
            )
            """,
            table=SQL.identifier(self._table),
        ))

    def _read_group_select(self, aggregate_spec, query):
        """Ratio measures of a group are the ratios of the group's sums."""
        fname, __, func = aggregate_spec.partition(":")
        if fname not in RATIOS or func not in RATIO_AGGREGATES:
            return super()._read_group_select(aggregate_spec, query)
        numerator, denominator, factor = RATIOS[fname]
        # Multi-currency groups: the revenue converted like any monetary sum.
        num_func = "sum_currency" if func == "sum_currency" and numerator == "room_revenue" else "sum"
        return SQL(
            "COALESCE(%s * %s / NULLIF(%s, 0), 0)",
            factor,
            super()._read_group_select(f"{numerator}:{num_func}", query),
            super()._read_group_select(f"{denominator}:sum", query),
        )

    @api.model
    def get_performance(self, hotel_property, date_from, date_to):
        """Daily and total figures of a property from ``date_from`` (included)
        to ``date_to`` (excluded), in one grouped query on the report (so with
        the user's access rights and record rules).

        :param hotel_property: a hotel.property record or id
        :return: {"days": [{"date", "rooms_available", "rooms_sold",
                  "room_revenue", "occupancy", "adr", "revpar"}, ...] (days of
                  the ledger's range, in order), "totals": {same keys but date}}
        """
        measures = ["rooms_available", "rooms_sold", "room_revenue", "occupancy", "adr", "revpar"]
        property_id = hotel_property.id if isinstance(hotel_property, models.BaseModel) else hotel_property
        if isinstance(property_id, bool) or not isinstance(property_id, int):
            raise UserError(self.env._("Give the property as a record id."))
        date_from, date_to = self.env["hotel.property"]._api_dates(date_from, date_to)
        domain = [("property_id", "=", property_id), ("date", ">=", date_from), ("date", "<", date_to)]
        days, totals = self._read_grouping_sets(
            domain, [["date:day"], []], [f"{name}:sum" for name in measures], order="date:day")

        def figures(values):
            # Sums of no row come back as False: the figures of an empty period are zeros.
            return {name: value or 0 for name, value in zip(measures, values, strict=True)}

        return {
            "days": [{"date": day, **figures(values)} for day, *values in days],
            "totals": figures(totals[0] if totals else [0] * len(measures)),
        }
