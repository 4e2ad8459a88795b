"""Records of hotel_checkin's property models at one property of the
isolation matrix's fixture (see hotel_reservation/tests/isolation.py)."""
from odoo.addons.hotel_base.tools.rules import workflow_write


def build(env, records, today):
    prop = records["hotel.property"]
    prop.write({"door_code_enabled": True})
    stay = records["hotel.reservation"]
    provider = env["hotel.lock.provider"].create({
        "name": f"Isolation locks {prop.code}", "property_id": prop.id,
        "endpoint_url": f"https://locks-{prop.code.lower()}.example.com/hook"})
    stay._ensure_main_guests()
    code = env["hotel.door.code"]._issue(stay)
    with workflow_write():
        reminder = env["hotel.guest.reminder"].sudo().create({
            "reservation_id": records["booked"].id, "partner_id": records["res.partner"].id, "kind": "pre_arrival",
            "channels": "e-mail"})
    env.flush_all()
    return {
        "hotel.reservation.guest": stay.guest_ids[:1],
        "hotel.door.code": code,
        "hotel.lock.provider": provider,
        "hotel.lock.request": provider.request_ids[:1],
        "hotel.guest.reminder": reminder,
    }
