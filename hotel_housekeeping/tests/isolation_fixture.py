"""Records of hotel_housekeeping's property models at one property of the
isolation matrix's fixture (see hotel_reservation/tests/isolation.py)."""
from datetime import timedelta

from odoo.addons.hotel_base.tools.rules import workflow_write


def build(env, records, today):
    room = records["hotel.room"]
    task = env["hotel.housekeeping.task"].create({
        "room_id": records["free_room"].id, "date": today, "task_type": "touchup",
    })
    room._hk_set_state("dirty", task=task, reason="isolation fixture")
    item = env["hotel.housekeeping.checklist.item"].create({
        "name": "Isolation probe point", "property_id": room.property_id.id})
    with workflow_write():  # as the task's inspection copies its checklist
        line = env["hotel.housekeeping.inspection.line"].create({"task_id": task.id, "item_id": item.id,
                                                                 "name": item.name})
    return {
        "hotel.housekeeping.task": task,
        "hotel.housekeeping.checklist.item": item,
        "hotel.housekeeping.inspection.line": line,
        "hotel.lost.item": env["hotel.lost.item"].create({
            "name": "Isolation probe umbrella", "room_id": room.id, "storage_location": "Probe shelf"}),
        "hotel.room.status.log": env["hotel.room.status.log"].search([("room_id", "=", room.id)], limit=1),
        "hotel.service.request": build_requests(env, records),
        "hotel.room.block": env["hotel.room.block"].create({
            "room_id": records["free_room"].id, "reason": "Isolation probe block",
            "date_from": today + timedelta(days=40), "date_to": today + timedelta(days=41)}),
    }


def build_requests(env, records):
    return env["hotel.service.request"].create({
        "name": "Isolation probe request", "room_id": records["hotel.room"].id,
        "type_id": env.ref("hotel_housekeeping.request_type_other").id,
    })
