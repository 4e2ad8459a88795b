"""Scale datasets for the benchmarks: a hotel group of 2 properties, written
set-based (one INSERT per table and chunk, no ORM create per guest, stay or
night): guests by ``guests.insert_guests`` (benchmark only), stays by the demo's stay writer
``hotel.demo.generator`` (hotel_reservation/demo/hotel_demo_generator.py).

    large: 1,000 rooms in 20 room types, 100,000 guests, 3 years of past stays
           and 1 year ahead (~300,000 reservations, ~1 million ledger nights)
    small: 10 % of large (100 rooms, 10,000 guests)
    tiny:  a few hundred stays, for the test that checks the harness
"""
import time
from datetime import timedelta

from odoo import Command
from tests.benchmarks.guests import insert_guests

from odoo.addons.hotel_reservation.demo.hotel_demo_generator import StayProfile

SIZES = {
    "large": {"rooms": 1000, "room_types": 20, "guests": 100_000, "days_past": 3 * 365, "days_ahead": 365},
    "small": {"rooms": 100, "room_types": 20, "guests": 10_000, "days_past": 3 * 365, "days_ahead": 365},
    "tiny": {"rooms": 20, "room_types": 4, "guests": 200, "days_past": 60, "days_ahead": 30},
}
SEED = 19_2026
PROPERTY_CODES = ("BGA", "BGB")
# ~3.1 nights on average: ~300,000 stays fill ~1 million room-nights at the large size.
LOS = ((1, 20), (2, 25), (3, 20), (4, 15), (5, 10), (7, 10))


def build(env, size, seed=SEED):
    """Create the properties, rooms, staff users, guests and stays of ``size``.

    :return: dict describing the dataset (counts, generation seconds per phase)
    """
    spec = SIZES[size]
    timings = {}
    started = time.monotonic()
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, mail_notrack=True))
    properties = _properties(env, spec)
    timings["rooms_s"] = round(time.monotonic() - started, 2)
    mark = time.monotonic()
    guests = insert_guests(env, spec["guests"], seed, _person)
    timings["guests_s"] = round(time.monotonic() - mark, 2)
    mark = time.monotonic()
    today = properties[0]._local_today()
    profile = StayProfile(occupancy=0.8, weekday=(1.0, 1.02, 1.04, 1.02, 1.0, 0.98, 0.94), los=LOS, lead_days=18.0,
                          channels=[(False, 1, False)], cancel_rate=0.06, no_show_rate=0.02)
    stays = env["hotel.demo.generator"]._generate_stays(
        dict.fromkeys(properties, profile), today - timedelta(days=spec["days_past"]),
        today + timedelta(days=spec["days_ahead"]), guests, seed)
    timings["stays_s"] = round(time.monotonic() - mark, 2)
    env.flush_all()
    cr = env.cr
    cr.execute("SELECT count(*), count(*) FILTER (WHERE active) FROM hotel_reservation_night "
               "WHERE property_id = ANY(%s)", [properties.ids])
    nights, active = cr.fetchone()
    return {
        "size": size, "seed": seed, "today": str(today),
        "property_ids": properties.ids,
        "rooms": env["hotel.room"].search_count([("property_id", "in", properties.ids)]),
        "room_types": env["hotel.room.type"].search_count([("property_id", "in", properties.ids)]),
        "guests": len(guests), "reservations": len(stays["reservation_ids"]),
        "ledger_nights": nights, "active_nights": active,
        "generation_s": round(time.monotonic() - started, 2), **timings,
    }


def _properties(env, spec):
    """Two properties sharing the rooms and room types evenly, a front-desk
    user and a revenue manager allowed on both."""
    pricelist = env["product.pricelist"].create({"name": "Benchmark BAR"})
    properties = env["hotel.property"].create([
        {"name": f"Benchmark Grand Hotel {code[-1]}", "code": code, "tz": "Asia/Shanghai",
         "pricelist_id": pricelist.id} for code in PROPERTY_CODES])
    per_type = spec["rooms"] // spec["room_types"]
    types_per_property = spec["room_types"] // len(properties)
    room_vals = []
    for prop in properties:
        floors = env["hotel.floor"].create([
            {"name": f"{level}F", "level": level, "property_id": prop.id}
            for level in range(1, per_type * types_per_property // 20 + 2)])
        room_types = env["hotel.room.type"].create([{
            "name": f"Type {i + 1:02d}", "code": f"T{i + 1:02d}", "property_id": prop.id,
            "max_adults": 2 + i % 3, "max_children": i % 3, "max_occupancy": 2 + i % 3 + i % 3,
            "list_price": 300 + 60 * i,
        } for i in range(types_per_property)])
        number = 0
        for rtype in room_types:
            for _n in range(per_type):
                floor = floors[number // 20]
                room_vals.append({"name": f"{floor.level}{number % 20 + 1:02d}", "room_type_id": rtype.id,
                                  "floor_id": floor.id, "quiet": number % 7 == 0, "smoking_allowed": number % 9 == 0})
                number += 1
    env["hotel.room"].create(room_vals)
    desk = "base.group_user,hotel_base.group_hotel_frontdesk_user"
    revenue = desk + ",hotel_base.group_hotel_revenue_manager"
    for login, groups in (("bench_frontdesk", desk), ("bench_revenue", revenue)):
        if not env["res.users"].search_count([("login", "=", login)]):
            env["res.users"].create({
                "name": login.replace("_", " ").title(), "login": login, "password": login,
                "group_ids": [Command.set([env.ref(g).id for g in groups.split(",")])],
                "hotel_property_ids": [Command.set(properties.ids)],
            })
    return properties


def _person(rng, index):
    return {"name": f"Benchmark Guest {index:06d}", "email": f"guest{index:06d}@bench.example.com",
            "phone": f"+86 139 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}", "country": False,
            "gender": rng.choice(["female", "male"]), "type": rng.choice(["business", "leisure", "family"])}
