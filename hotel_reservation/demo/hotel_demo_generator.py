"""Deterministic, set-based writer of stays: the demo hotel's history, and the
benchmarks' scale datasets (tests/benchmarks), which import it from here."""
import random
from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# Demand by month (China: Spring Festival dip, May Day and Golden Week peaks, summer holidays).
SEASON = {1: 0.8, 2: 0.85, 3: 0.9, 4: 1.0, 5: 1.08, 6: 0.95, 7: 1.1, 8: 1.15, 9: 1.0, 10: 1.12, 11: 0.9, 12: 0.85}
HOLIDAYS = {(5, 1): 1.25, (5, 2): 1.25, (5, 3): 1.2, **{(10, d): 1.3 for d in range(1, 8)}}
# Rows per INSERT statement: keeps the statement size reasonable at a million rows.
CHUNK = 100_000


class StayProfile:
    """How a property sells: occupancy, weekday pattern, length of stay, lead
    time, channel mix and cancellation behaviour."""

    def __init__(self, occupancy=0.7, weekday=(1.0,) * 7, los=((1, 45), (2, 30), (3, 15), (4, 6), (5, 4)),
                 lead_days=14.0, channels=(), cancel_rate=0.08, no_show_rate=0.02, pricelists=()):
        self.occupancy = occupancy
        self.weekday = weekday
        self.los = [n for n, _w in los]
        self.los_weights = [w for _n, w in los]
        self.lead_days = lead_days
        self.channels = list(channels)  # [(utm.source id or False, weight, is_walk_in)]
        self.cancel_rate = cancel_rate
        self.no_show_rate = no_show_rate
        self.pricelists = list(pricelists)  # [(product.pricelist record, weight)]


class HotelDemoGenerator(models.AbstractModel):
    """Writes stays with one INSERT per table and chunk (planned in Python
    with a seeded random generator, so the same seed and inputs give the same
    data). What it writes obeys the ORM's invariants: one ledger row per night,
    active only while the stay holds its room (the unique index still guards
    every row, so a planning bug cannot overbook), stored computed fields
    filled as the ORM would, folio references drawn from the folio sequence.
    Every id is drawn from its table's sequence with ``nextval``, so inserts
    of other transactions running meanwhile never get one of them. Columns it
    does not set are copied from a template record created through the ORM,
    so defaults and required columns stay right as models evolve."""

    _name = "hotel.demo.generator"
    _description = "Hotel Demo Data Generator"

    # ------------------------------------------------------------------ SQL helpers
    @api.model
    def _allocate_ids(self, table, count):
        """``count`` new ids of ``table``, ascending, in one round trip.

        Each is taken with ``nextval``, so no concurrent insert can get it
        (taking one value and moving the sequence past a range with ``setval``
        would let another transaction draw ids of that range in between). They
        are contiguous only when nobody else inserts meanwhile, which nothing
        here relies on."""
        if not count:
            return []
        cr = self.env.cr
        cr.execute(SQL("SELECT pg_get_serial_sequence(%s, 'id')", table))
        sequence = cr.fetchone()[0]
        cr.execute(SQL("SELECT array_agg(n ORDER BY n) FROM (SELECT nextval(%s) AS n FROM generate_series(1, %s)) s",
                       sequence, count))
        return cr.fetchone()[0]

    @api.model
    def _draw_sequence_numbers(self, sequence, count):
        """``count`` numbers of ``sequence`` (an ir.sequence), ascending: the
        numbers ``count`` calls of ``next_by_code`` would have drawn, and as safe
        against concurrent bookings (never moved back or forward by hand)."""
        cr = self.env.cr
        if sequence.implementation == "standard":
            cr.execute(SQL(
                "SELECT array_agg(n ORDER BY n) FROM (SELECT nextval(%s) AS n FROM generate_series(1, %s)) s",
                f"ir_sequence_{sequence.id:03d}", count))
            return cr.fetchone()[0]
        # No-gap sequence: the row lock orders us with concurrent next_by_code calls.
        sequence.flush_recordset(["number_next"])
        cr.execute(SQL("UPDATE ir_sequence SET number_next = number_next + %s * number_increment WHERE id = %s "
                       "RETURNING number_next, number_increment", count, sequence.id))
        after, step = cr.fetchone()
        sequence.invalidate_recordset(["number_next"])
        return [after - (count - i) * step for i in range(count)]

    @api.model
    def _table_columns(self, table):
        """[(column name, PostgreSQL type name)] of ``table``, in table order."""
        self.env.cr.execute(SQL("SELECT column_name, udt_name FROM information_schema.columns "
                                "WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
                                table))
        return self.env.cr.fetchall()

    @api.model
    def _insert_like(self, template, values):
        """Insert one row per item of ``values['id']`` (ids from ``_allocate_ids``)
        into the table of ``template``: the columns in ``values`` (lists of equal
        length) as given, every other column copied from the template row."""
        table = template._table
        cr = self.env.cr
        template.flush_recordset()
        columns = self._table_columns(table)
        given = [name for name, _udt in columns if name in values]
        unknown = set(values) - set(given)
        if unknown:
            raise ValueError(f"{table} has no column {sorted(unknown)}")
        udt = dict(columns)
        select = SQL(", ").join(
            SQL("u.%s", SQL.identifier(name)) if name in values else SQL("t.%s", SQL.identifier(name))
            for name, _udt in columns)
        total = len(values["id"])
        for start in range(0, total, CHUNK):
            arrays = SQL(", ").join(
                SQL("%s::%s[]", values[name][start:start + CHUNK], SQL(udt[name].lstrip("_"))) for name in given)
            cr.execute(SQL(
                "INSERT INTO %(table)s (%(columns)s) SELECT %(select)s FROM %(table)s t, unnest(%(arrays)s) "
                "AS u(%(names)s) WHERE t.id = %(template)s",
                table=SQL.identifier(table),
                columns=SQL(", ").join(SQL.identifier(name) for name, _udt in columns),
                select=select, arrays=arrays,
                names=SQL(", ").join(SQL.identifier(name) for name in given),
                template=template.id,
            ))
        return total

    # ------------------------------------------------------------------ stays
    @api.model
    def _generate_stays(self, profiles, date_from, date_to, guest_ids, seed, today=None):
        """Plan and write stays of every active room of the properties in
        ``profiles`` ({hotel.property: StayProfile}) arriving from ``date_from``
        to ``date_to``: past stays checked out (some cancelled or no-show),
        today's guests in house or arriving, future ones confirmed with a
        booking pace that thins out with distance. Room-nights already held
        (hand-made bookings) are left alone. ``today`` is the business date the
        data is generated for (default: each property's local today).

        :return: dict with the new folio and reservation ids and counts
        """
        rng = random.Random(seed)
        plan = []  # one dict per stay
        for prop, profile in sorted(profiles.items(), key=lambda item: item[0].id):
            plan.extend(self._plan_property(prop, profile, date_from, date_to, guest_ids, rng, today=today))
        if not plan:
            return {"folio_ids": [], "reservation_ids": [], "nights": 0}
        # References follow the booking order, as the sequence would have given them.
        plan.sort(key=lambda stay: (stay["booked_at"], stay["property"].id, stay["room_id"]))
        return self._write_stays(plan)

    def _plan_property(self, prop, profile, date_from, date_to, guest_ids, rng, today=None):
        """Walk each room's calendar: empty gaps sized by the day's demand, then
        a stay drawn from the property's profile."""
        today = today or prop._local_today()
        rooms = self.env["hotel.room"].search([("property_id", "=", prop.id)], order="id")
        held = defaultdict(set)
        self.env["hotel.reservation.night"].flush_model()
        self.env.cr.execute(SQL(
            "SELECT room_id, date FROM hotel_reservation_night WHERE active AND room_id = ANY(%s) AND date >= %s",
            rooms.ids, date_from))
        for room_id, day in self.env.cr.fetchall():
            held[room_id].add(day)
        clock = {"today": today, "now": self.env.cr.now().replace(tzinfo=None), "to_utc": self._utc_converter(prop)}
        plan = []
        for room in rooms:
            day = date_from
            busy = held[room.id]
            while day < date_to:
                demand = self._demand(profile, day, today)
                los = rng.choices(profile.los, profile.los_weights)[0]
                mean_gap = los * (1 - demand) / demand
                gap = int(rng.expovariate(1 / mean_gap)) if mean_gap > 0.05 else 0
                arrival = day + timedelta(days=gap)
                if arrival >= date_to:
                    break
                departure = arrival + timedelta(days=los)
                clash = [d for d in busy if arrival <= d < departure]
                if clash:
                    day = max(clash) + timedelta(days=1)
                    continue
                stay = self._plan_stay(prop, profile, room, arrival, departure, clock, guest_ids, rng)
                plan.append(stay)
                if stay["state"] == "cancelled":
                    day = arrival  # the room was sold again
                elif stay["state"] == "no_show":
                    day = arrival + timedelta(days=1)
                else:
                    day = departure
        return plan

    @staticmethod
    def _demand(profile, day, today):
        """Share of the room's nights sold around ``day`` (0.05-0.97); future
        nights are only partly booked yet, less so the further out they are."""
        factor = SEASON[day.month] * HOLIDAYS.get((day.month, day.day), 1.0) * profile.weekday[day.weekday()]
        demand = profile.occupancy * factor
        ahead = (day - today).days
        if ahead > 0:
            demand *= max(0.12, 1 - ahead / 110)
        return min(max(demand, 0.05), 0.97)

    def _plan_stay(self, prop, profile, room, arrival, departure, clock, guest_ids, rng):
        today, now, to_utc = clock["today"], clock["now"], clock["to_utc"]
        source, _w, walk_in = rng.choices(profile.channels, [c[1] for c in profile.channels])[0] \
            if profile.channels else (False, 1, False)
        if walk_in and arrival > today:
            walk_in = False
            source = next((c[0] for c in profile.channels if not c[2]), False)
        lead = 0 if walk_in else int(rng.expovariate(1 / profile.lead_days))
        booked_day = min(arrival - timedelta(days=lead), today)
        booked_at = to_utc(datetime.combine(booked_day, time(rng.randint(7, 22), rng.randint(0, 59))))
        booked_at = min(booked_at, now - timedelta(minutes=5))
        pricelist = rng.choices([p for p, _w in profile.pricelists], [w for _p, w in profile.pricelists])[0] \
            if profile.pricelists else prop.pricelist_id
        rtype = room.room_type_id
        children = rng.choice([0, 0, 1, 2]) if rtype.max_children else 0
        children = min(children, rtype.max_children, rtype.max_occupancy - 1)
        adults = min(rng.choice([1, 2, 2, 2]), rtype.max_adults, rtype.max_occupancy - children)
        # A skewed pick makes the first guests of the pool frequent repeat guests.
        guest = guest_ids[int(len(guest_ids) * rng.random() ** 2.5)]
        state = "confirmed"
        if rng.random() < profile.cancel_rate and booked_day < arrival:
            state = "cancelled"
        elif arrival < today and not walk_in and rng.random() < profile.no_show_rate:
            state = "no_show"
        elif departure < today or (departure == today and rng.random() < 0.5):
            state = "checked_out"
        elif arrival < today or (arrival == today and rng.random() < 0.4):
            state = "checked_in"
        cancel_at = None
        if state == "cancelled":
            span = max((min(arrival, today) - booked_day).days, 1)
            cancel_day = booked_day + timedelta(days=rng.randrange(span))
            cancel_at = max(to_utc(datetime.combine(cancel_day, time(rng.randint(8, 21), 0))), booked_at)
            cancel_at = min(cancel_at, now - timedelta(minutes=1))
        hour = int(prop.checkin_time or 14) + rng.randint(0, 7)
        checkin_at = to_utc(datetime.combine(arrival, time(min(hour, 23), rng.randint(0, 59)))) \
            if state in ("checked_in", "checked_out") else None
        checkout_at = to_utc(datetime.combine(departure, time(rng.randint(7, 11), rng.randint(0, 59)))) \
            if state == "checked_out" else None
        return {
            "property": prop, "room_id": room.id, "room_type": rtype, "arrival": arrival, "departure": departure,
            "state": state, "source_id": source or None, "booked_at": booked_at, "booked_day": booked_day,
            "pricelist": pricelist, "guest_id": guest, "adults": adults, "children": children, "cancel_at": cancel_at,
            "checkin_at": checkin_at, "checkout_at": checkout_at,
        }

    def _utc_converter(self, prop):
        """Local datetime of ``prop`` -> naive UTC, with the offset cached per
        date (hundreds of thousands of stays would otherwise each ask pytz)."""
        offsets = {}

        def to_utc(local_dt):
            day = local_dt.date()
            if day not in offsets:
                noon = datetime.combine(day, time(12, 0))
                offsets[day] = prop._to_utc(noon) - noon
            return local_dt + offsets[day]
        return to_utc

    def _night_price_table(self, plan):
        """{(room type id, pricelist id): {date: price}} for every night planned,
        computed once per room type, rate plan and date."""
        wanted = defaultdict(set)
        for stay in plan:
            key = (stay["room_type"], stay["pricelist"])
            wanted[key].update(stay["arrival"] + timedelta(days=i)
                               for i in range((stay["departure"] - stay["arrival"]).days))
        return {(rtype.id, pricelist.id): rtype._night_prices(pricelist, sorted(days))
                for (rtype, pricelist), days in wanted.items()}

    def _write_stays(self, plan):
        """One INSERT per table (and chunk) for folios, reservations and ledger
        nights, with ids drawn from the tables' sequences."""
        prices = self._night_price_table(plan)
        first = plan[0]
        template_folio = self.env["hotel.folio"].with_context(tracking_disable=True).create({
            "partner_id": first["guest_id"], "property_id": first["property"].id,
        })
        template_res = self.env["hotel.reservation"].with_context(tracking_disable=True).create({
            "folio_id": template_folio.id, "room_type_id": first["room_type"].id,
            "arrival_date": fields.Date.today() + timedelta(days=3650),
            "departure_date": fields.Date.today() + timedelta(days=3651),
        })
        template_night = template_res.night_ids[:1]
        # References follow the folio sequence, drawn like ids: a booking made meanwhile keeps its own number.
        sequence = self.env["ir.sequence"].sudo().search([("code", "=", "hotel.folio")], limit=1)
        numbers = self._draw_sequence_numbers(sequence, len(plan)) if sequence else range(1, len(plan) + 1)
        folio_ids = self._allocate_ids("hotel_folio", len(plan))
        res_ids = self._allocate_ids("hotel_reservation", len(plan))
        folio_state = {"confirmed": "confirmed", "checked_in": "in_house", "checked_out": "done",
                       "cancelled": "cancelled", "no_show": "cancelled"}
        folios, reservations, nights = defaultdict(list), defaultdict(list), defaultdict(list)
        for stay, folio_id, res_id, number in zip(plan, folio_ids, res_ids, numbers, strict=True):
            prop = stay["property"]
            table = prices[(stay["room_type"].id, stay["pricelist"].id)]
            days = [stay["arrival"] + timedelta(days=i) for i in range((stay["departure"] - stay["arrival"]).days)]
            total = sum(table[d] for d in days)
            holds = stay["state"] in ("confirmed", "checked_in", "checked_out")
            name = f"{prop.code}-{stay['booked_day']:%y%m}-{number:05d}" if prop.code \
                else f"{stay['booked_day']:%y%m}-{number:05d}"
            for column, value in (
                ("id", folio_id), ("name", name), ("partner_id", stay["guest_id"]), ("property_id", prop.id),
                ("company_id", prop.company_id.id), ("pricelist_id", stay["pricelist"].id),
                ("state", folio_state[stay["state"]]), ("arrival_date", stay["arrival"]),
                ("departure_date", stay["departure"]), ("amount_room", total if holds else 0.0),
                ("source_id", stay["source_id"]), ("create_date", stay["booked_at"]),
                ("write_date", stay["cancel_at"] or stay["checkout_at"] or stay["checkin_at"] or stay["booked_at"]),
            ):
                folios[column].append(value)
            for column, value in (
                ("id", res_id), ("name", f"{name}/1"), ("folio_id", folio_id), ("property_id", prop.id),
                ("company_id", prop.company_id.id), ("source_id", stay["source_id"]),
                ("partner_id", stay["guest_id"]), ("room_type_id", stay["room_type"].id),
                ("room_id", stay["room_id"]), ("arrival_date", stay["arrival"]),
                ("departure_date", stay["departure"]), ("nights", len(days)), ("adults", stay["adults"]),
                ("children", stay["children"]), ("state", stay["state"]), ("amount_total", total),
                ("cancellation_policy_id", stay["pricelist"].hotel_cancellation_policy_id.id or None),
                ("cancel_date", stay["cancel_at"]), ("checkin_at", stay["checkin_at"]),
                ("checkout_at", stay["checkout_at"]), ("create_date", stay["booked_at"]),
                ("write_date", stay["cancel_at"] or stay["checkout_at"] or stay["checkin_at"] or stay["booked_at"]),
            ):
                reservations[column].append(value)
            for day in days:
                for column, value in (
                    ("reservation_id", res_id), ("room_id", stay["room_id"]), ("date", day),
                    ("price", table[day]), ("active", holds), ("property_id", prop.id),
                    ("company_id", prop.company_id.id), ("create_date", stay["booked_at"]),
                    ("write_date", stay["booked_at"]),
                ):
                    nights[column].append(value)
        nights["id"] = self._allocate_ids("hotel_reservation_night", len(nights["date"]))
        self._insert_like(template_folio, folios)
        self._insert_like(template_res, reservations)
        self._insert_like(template_night, nights)
        template_folio.with_context(tracking_disable=True).unlink()
        for table in ("hotel_folio", "hotel_reservation", "hotel_reservation_night"):
            self.env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
        self.env.invalidate_all()
        return {"folio_ids": folio_ids, "reservation_ids": res_ids, "nights": len(nights["id"])}
