"""Records of hotel_housekeeping's property models at one property of the
isolation matrix's fixture (see hotel_reservation/tests/isolation.py)."""
from datetime import timedelta


def build(env, records, today):
    room = records["hotel.room"]
    task = env["hotel.housekeeping.task"].create({
        "room_id": records["free_room"].id, "date": today, "task_type": "touchup",
    })
    room._hk_set_state("dirty", task=task, reason="isolation fixture")
    return {"hotel.housekeeping.task": task,
            "hotel.room.status.log": env["hotel.room.status.log"].search([("room_id", "=", room.id)], limit=1),
            "hotel.service.request": build_requests(env, records),
            "hotel.room.block": env["hotel.room.block"].create({
                "room_id": records["free_room"].id, "reason": "Isolation probe block",
                "date_from": today + timedelta(days=40), "date_to": today + timedelta(days=41)})}


def build_requests(env, records):
    return env["hotel.service.request"].create({
        "name": "Isolation probe request", "room_id": records["hotel.room"].id,
        "type_id": env.ref("hotel_housekeeping.request_type_other").id,
    })
