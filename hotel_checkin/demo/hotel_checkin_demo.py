"""Demo check-in: the city hotel and the homestay register every guest; the
homestay issues door codes (its lock system is set up but switched off: no
lock answers on a demo machine). Guests in house are registered with their
companions; today's arrivals are not yet, so the desk sees the gate."""
import random
from datetime import date

from odoo import api, models

from odoo.addons.hotel_base.models.hotel_guest_document import _RIC_WEIGHTS
from odoo.addons.hotel_base.tools.rules import workflow_write

COMPANIONS = ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]


def resident_id(rng, birth):
    """A well-formed 身份证 number (Hangzhou district code, check character)."""
    body = f"330106{birth:%Y%m%d}{rng.randint(100, 999)}"
    check = (12 - sum(int(d) * w for d, w in zip(body, _RIC_WEIGHTS, strict=True)) % 11) % 11
    return body + ("X" if check == 10 else str(check))


class HotelReservationGuest(models.Model):
    _inherit = "hotel.reservation.guest"

    @api.model
    def _demo_hotel_checkin(self):
        rng = random.Random(17)
        city = self.env.ref("hotel_base.property_city_hotel")
        homestay = self.env.ref("hotel_base.property_homestay")
        city.write({
            "registration_required": True, "reminder_sms": False, "charge_late_early": True,
            "checkin_instructions": "Reception is open 24 hours. Please bring the ID documents of everyone "
                                    "staying.",
            "parking_info": "Free underground parking for guests, entrance on Hubin Road.",
            "map_url": "https://uri.amap.com/search?keyword=18%20Hubin%20Road%20Hangzhou",
        })
        homestay.write({
            "registration_required": True, "door_code_enabled": True, "door_code_length": 6,
            "checkin_instructions": "The host is at the courtyard 09:00-20:00. Arriving later? Your door code "
                                    "opens the gate and your room.",
            "parking_info": "Two parking spaces by the village gate.",
            "map_url": "https://uri.amap.com/search?keyword=Caicun%20Village%20Dali",
        })
        self.env["hotel.lock.provider"].create({
            "name": "Courtyard smart locks", "property_id": homestay.id, "active": False,
            "endpoint_url": "https://locks.erhai-courtyard.example.com/odoo/webhook",
        })
        Res = self.env["hotel.reservation"]
        in_house = Res.search([("property_id", "in", (city | homestay).ids), ("state", "=", "checked_in")])
        in_house._ensure_main_guests()
        Partner = self.env["res.partner"]
        Document = self.env["hotel.guest.document"]
        cn = self.env.ref("base.cn")
        for res in in_house:
            main = res.guest_ids[:1]
            with workflow_write():
                for _i in range(res.adults - 1):
                    companion = Partner.create({"name": rng.choice(COMPANIONS), "is_hotel_guest": True,
                                                "nationality_id": cn.id})
                    self.create({"reservation_id": res.id, "partner_id": companion.id})
                for _i in range(res.children):
                    child = Partner.create({
                        "name": f"{main.partner_id.name.split()[0][:1]}{rng.choice(['小明', '小雨', '乐乐'])}",
                        "is_hotel_guest": True, "nationality_id": cn.id,
                        "guest_birthdate": date(rng.randint(2014, 2021), rng.randint(1, 12), rng.randint(1, 28))})
                    self.create({"reservation_id": res.id, "partner_id": child.id, "guardian_id": main.id})
            for guest in res.guest_ids:
                if guest.document_state == "valid" or guest.is_minor:
                    continue
                birth = guest.birthdate or date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
                guest.partner_id.write({"guest_birthdate": birth, "nationality_id": cn.id})
                Document.create({"partner_id": guest.partner_id.id, "property_id": res.property_id.id,
                                 "document_type": "id_card", "number": resident_id(rng, birth),
                                 "issuing_country_id": cn.id})
        self.env["hotel.door.code"]._issue(in_house.filtered(lambda r: r.property_id == homestay))
        arriving = Res.search([("property_id", "in", (city | homestay).ids), ("state", "=", "confirmed")])
        arriving._ensure_main_guests()
        return True
