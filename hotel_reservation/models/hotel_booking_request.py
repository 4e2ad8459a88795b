"""Single-call booking API: one JSON-2 request books a stay, idempotent by a client key."""
import hashlib
import json
import re
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, email_normalize

# What a client key may be: an order number, a UUID, "ota:123-abc"... (no spaces, bounded).
CLIENT_KEY = re.compile(r"[A-Za-z0-9._:@/+=-]{6,100}")
MAX_ROOMS = 50  # one request books at most this many rooms (a tour group); more in several requests
GUEST_KEYS = {"partner_id", "name", "email", "phone", "lang"}
ROOM_KEYS = {"room_type", "arrival", "departure", "adults", "children", "room_id", "note"}


class HotelBookingRequest(models.Model):
    """A booking made through the API (``book``), by its client key.

    Invariants:
    - one row per (API user, client key): the unique index makes a retried
      request, or two concurrent ones, book once;
    - the row is written first, in the booking's own transaction: a refused or
      failed booking leaves no row, so the same key can be sent again;
    - the same key with another request (other dates, rooms, guest) is refused,
      never answered with the first booking.
    """

    _name = "hotel.booking.request"
    _description = "API Booking Request"
    _order = "id desc"
    _rec_name = "client_key"

    user_id = fields.Many2one("res.users", string="API User", required=True, readonly=True, ondelete="cascade")
    client_key = fields.Char(required=True, readonly=True, help="Idempotency key sent by the client.")
    request_hash = fields.Char(readonly=True, help="SHA-256 of the request: the same key must carry the same request.")
    folio_id = fields.Many2one("hotel.folio", string="Booking", readonly=True, ondelete="set null",
                               index="btree_not_null")
    property_id = fields.Many2one("hotel.property", readonly=True, index=True, ondelete="cascade")

    _key_uniq = models.UniqueIndex("(user_id, client_key)", "This client key was already used by this API user.")

    # ------------------------------------------------------------ API
    @api.model
    def book(self, client_key, property_id, guest, rooms, rate_plan_id=None, channel=None, note=None):
        """Book and confirm a stay in one call (``POST /json/2/hotel.booking.request/book``).

        ``property_id``: the property's id or code. ``guest``: ``{"partner_id": id}`` or
        ``{"name", "email", "phone", "lang"}`` (found by e-mail among the contacts the user
        may read, else created). ``rooms``: ``[{"room_type": id or code, "arrival":
        "YYYY-MM-DD", "departure": "YYYY-MM-DD", "adults": 2, "children": 0, "room_id":
        optional, "note": optional}]``. ``rate_plan_id``: a pricelist id (default: the
        property's). ``channel``: the name or id of a UTM source (the booking channel).

        Returns the booking (see ``_api_result``); ``duplicate`` is true when the key had
        booked already (the booking as it is now). Every rule of the desk applies:
        restrictions, occupancy, arrival not in the past, the property's records only, the
        ledger's one-stay-per-room-night; a refusal is a UserError/ValidationError and
        saves nothing.

        Access is checked once, up front, as the user: a front-desk user, working at the
        property, the guest among their contacts, room types and rooms of the property.
        The booking itself then runs with superuser access (as Odoo's own controllers do
        after their checks): the per-record rule evaluation is most of an ORM call's cost
        and adds nothing once the property is known. Business rules, constraints and the
        property checks of the records do not depend on it; the records are created by
        the API user (``create_uid``) and the past-arrival rule still reads their groups.
        """
        # The client's context (JSON-2 passes it through) would reach the superuser steps below as defaults
        # ("default_override_restrictions", a policy, a rate plan...) or switches ("active_test"): only the
        # language, the timezone and the allowed companies are kept.
        kept = {key: self.env.context[key] for key in ("lang", "tz", "allowed_company_ids") if key in self.env.context}
        clean = self.with_env(self.env(context=kept))
        return clean._api_book_checked(client_key, property_id, guest, rooms, rate_plan_id, channel, note)

    @api.model
    def _api_book_checked(self, client_key, property_id, guest, rooms, rate_plan_id, channel, note):
        """``book`` in a clean context: checks, then the booking (all or nothing)."""
        payload = self._api_check_request(client_key, property_id, guest, rooms, rate_plan_id, channel, note)
        if not self.env.user.has_group("hotel_base.group_hotel_frontdesk_user"):
            raise AccessError(self.env._("Only the front desk can book: %(user)s is not a front-desk user.",
                                         user=self.env.user.name))
        prop = self._api_property(property_id)
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
        # All or nothing for any caller, not only over HTTP (whose request is rolled back on error).
        with self.env.cr.savepoint():
            return self._api_book(client_key, prop, payload, digest)

    @api.model
    def _api_book(self, client_key, prop, payload, digest):
        # The key first: a concurrent request with the same key waits here for this one's outcome
        # (then PostgreSQL reports a serialization failure and Odoo retries it: it finds the key).
        now = fields.Datetime.now()
        inserted = self.env.execute_query(SQL("""
            INSERT INTO hotel_booking_request (user_id, client_key, request_hash, property_id,
                                               create_uid, create_date, write_uid, write_date)
            VALUES (%(uid)s, %(key)s, %(hash)s, %(prop)s, %(uid)s, %(now)s, %(uid)s, %(now)s)
            ON CONFLICT (user_id, client_key) DO NOTHING RETURNING id
        """, uid=self.env.uid, key=client_key, hash=digest, prop=prop.id, now=now))
        if not inserted:
            return self._api_replay(client_key, digest)
        request = self.browse(inserted[0][0])
        partner = self._api_guest(payload["guest"])  # as the user: their contacts, their right to add one
        folio = self.sudo()._api_create_booking(prop, partner, payload, client_key)
        self.env.execute_query(SQL("UPDATE hotel_booking_request SET folio_id = %s WHERE id = %s",
                                   folio.id, request.id))
        return self._api_result(folio, duplicate=False)

    @api.model
    def _api_check_request(self, client_key, property_id, guest, rooms, rate_plan_id, channel, note):
        """The request's shape, with a clear message for each mistake; returns
        the normalised request (what the key's hash covers)."""
        if not isinstance(client_key, str) or not CLIENT_KEY.fullmatch(client_key):
            raise ValidationError(self.env._(
                "client_key: 6 to 100 letters, digits or . _ : @ / + = - (your order number or a UUID), the same for "
                "every retry of the request."))
        if isinstance(property_id, bool) or not isinstance(property_id, (int, str)) or not property_id:
            raise ValidationError(self.env._("property_id: the id or the code of the property."))
        if not isinstance(guest, dict) or not guest or set(guest) - GUEST_KEYS:
            raise ValidationError(self.env._(
                "guest: an object with partner_id, or name with email, phone, lang (%(keys)s).",
                keys=", ".join(sorted(GUEST_KEYS))))
        if "partner_id" not in guest and not (isinstance(guest.get("name"), str) and guest["name"].strip()):
            raise ValidationError(self.env._("guest: the guest's name (or partner_id of a known guest)."))
        partner_id = guest.get("partner_id")
        if "partner_id" in guest and (isinstance(partner_id, bool) or not isinstance(partner_id, int)):
            raise ValidationError(self.env._("guest.partner_id: the id of a contact."))
        for key in ("name", "email", "phone", "lang"):
            if key in guest and guest[key] is not None and (not isinstance(guest[key], str) or len(guest[key]) > 200):
                raise ValidationError(self.env._("guest.%(key)s: text of at most 200 characters.", key=key))
        if guest.get("email") and not email_normalize(guest["email"]):
            raise ValidationError(self.env._("guest.email: %(email)r is not an e-mail address.", email=guest["email"]))
        if not isinstance(rooms, list) or not rooms:
            raise ValidationError(self.env._("rooms: a list of the rooms to book (at least one)."))
        if len(rooms) > MAX_ROOMS:
            raise ValidationError(self.env._(
                "rooms: at most %(max)s rooms per request; book a larger group in several.", max=MAX_ROOMS))
        clean_rooms = [self._api_check_room(index, room) for index, room in enumerate(rooms, start=1)]
        for key, value in (("rate_plan_id", rate_plan_id), ("channel", channel)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, str))):
                raise ValidationError(self.env._("%(key)s: an id or a name.", key=key))
        if note is not None and not isinstance(note, str):
            raise ValidationError(self.env._("note: text."))
        return {"property_id": property_id, "guest": guest, "rooms": clean_rooms, "rate_plan_id": rate_plan_id,
                "channel": channel, "note": note}

    @api.model
    def _api_check_room(self, index, room):
        if not isinstance(room, dict) or set(room) - ROOM_KEYS:
            raise ValidationError(self.env._("rooms[%(n)s]: an object with %(keys)s.", n=index,
                                    keys=", ".join(sorted(ROOM_KEYS))))
        clean = dict(room)
        if isinstance(room.get("room_type"), bool) or not isinstance(room.get("room_type"), (int, str)):
            raise ValidationError(self.env._("rooms[%(n)s].room_type: the id or the code of a room type.", n=index))
        for key in ("arrival", "departure"):
            try:
                clean[key] = date.fromisoformat(room.get(key)) if isinstance(room.get(key), str) else None
            except ValueError:
                clean[key] = None
            if not clean[key]:
                raise ValidationError(self.env._("rooms[%(n)s].%(key)s: a date as YYYY-MM-DD.", n=index, key=key))
        if clean["departure"] <= clean["arrival"]:
            raise ValidationError(self.env._("rooms[%(n)s]: the departure (%(departure)s) must be after the arrival "
                                    "(%(arrival)s).", n=index, departure=clean["departure"], arrival=clean["arrival"]))
        for key, default in (("adults", 1), ("children", 0)):
            value = room.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 99:
                raise ValidationError(self.env._("rooms[%(n)s].%(key)s: a whole number of guests.", n=index, key=key))
            clean[key] = value
        if room.get("room_id") is not None and (isinstance(room["room_id"], bool)
                                                or not isinstance(room["room_id"], int)):
            raise ValidationError(self.env._("rooms[%(n)s].room_id: the id of a room.", n=index))
        if room.get("note") is not None and not isinstance(room["note"], str):
            raise ValidationError(self.env._("rooms[%(n)s].note: text.", n=index))
        return clean

    @api.model
    def _api_property(self, property_id):
        """The property, by id or code, among those the user works at."""
        domain = [("code", "=", property_id)] if isinstance(property_id, str) else [("id", "=", property_id)]
        if not (self.env.su or self.env.user.has_group("hotel_base.group_hotel_admin")):
            domain.append(("user_ids", "in", self.env.uid))  # as the record rules: the user's properties
        prop = self.env["hotel.property"].search(domain, limit=1)
        if not prop:
            raise AccessError(self.env._("You do not work at a property %(property)r: you cannot book there.",
                                         property=property_id))
        return prop

    @api.model
    def _api_replay(self, client_key, digest):
        """The answer to a request whose key had booked already."""
        row = self.env.execute_query(SQL(
            "SELECT request_hash, folio_id FROM hotel_booking_request WHERE user_id = %s AND client_key = %s",
            self.env.uid, client_key))
        request_hash, folio_id = row[0]
        if request_hash != digest:
            raise UserError(self.env._(
                "The client key %(key)s was used for another booking request: send a new key for a new booking "
                "(a retry must send the same request).", key=client_key))
        folio = self.env["hotel.folio"].browse(folio_id).exists()
        if not folio:
            raise UserError(self.env._("The booking of client key %(key)s was deleted.", key=client_key))
        return self._api_result(folio, duplicate=True)

    @api.model
    def _api_guest(self, guest):
        """The guest: the given contact, else the contact with this e-mail that
        the user may read, else a new one."""
        Partner = self.env["res.partner"]
        if guest.get("partner_id"):
            partner = Partner.browse(guest["partner_id"]).exists()
            if not partner:
                raise UserError(self.env._("There is no guest %(id)s.", id=guest["partner_id"]))
            partner.check_access("read")
            return partner
        email = email_normalize(guest.get("email") or "")
        partner = Partner.search([("email_normalized", "=", email), ("is_company", "=", False)],
                                 limit=1, order="id") if email else Partner
        if partner:
            return partner
        return Partner.create({"name": guest["name"].strip(), "email": guest.get("email") or False,
                               "phone": guest.get("phone") or False, **({"lang": guest["lang"]} if guest.get("lang")
                                                                        else {})})

    @api.model
    def _api_create_booking(self, prop, partner, payload, client_key):
        """Folio and rooms, confirmed with the rules of the desk
        (``_create_confirmed``: restrictions, room choice, ledger, confirmation
        queued); one line in the folio's chatter says who booked it through the
        API, instead of creation logs and an integration following every
        booking. Room types, rooms, rate plan and channel are looked up within
        the property (called with superuser access, see ``book``)."""
        types = {}
        RoomType = self.env["hotel.room.type"]
        for room in payload["rooms"]:
            key = room["room_type"]
            if key not in types:
                domain = [("code", "=", key)] if isinstance(key, str) else [("id", "=", key)]
                types[key] = RoomType.search(domain + [("property_id", "=", prop.id)], limit=1)
                if not types[key]:
                    raise UserError(self.env._("%(property)s has no room type %(type)r.", property=prop.name, type=key))
        for room in payload["rooms"]:
            if room.get("room_id") and not self.env["hotel.room"].search_count([
                    ("id", "=", room["room_id"]), ("room_type_id", "=", types[room["room_type"]].id)]):
                raise UserError(self.env._("%(property)s has no room %(room)s of type %(type)s.", property=prop.name,
                                           room=room["room_id"], type=types[room["room_type"]].name))
        folio_vals = {"partner_id": partner.id, "property_id": prop.id}
        if payload["rate_plan_id"] is not None:
            folio_vals["pricelist_id"] = self._api_rate_plan(payload["rate_plan_id"], prop).id
        if payload["channel"] is not None:
            folio_vals["source_id"] = self._api_channel(payload["channel"]).id
        if payload["note"]:
            folio_vals["note"] = payload["note"]
        # created and confirmed in this one call: no logs or tracking of the steps in between (states, room)
        quiet = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True).env
        folio = quiet["hotel.folio"].create(folio_vals)
        quiet["hotel.reservation"]._create_confirmed([{
            "folio_id": folio.id, "partner_id": partner.id, "room_type_id": types[room["room_type"]].id,
            "arrival_date": room["arrival"], "departure_date": room["departure"],
            "adults": room["adults"], "children": room["children"],
            **({"room_id": room["room_id"]} if room.get("room_id") else {}),
            **({"note": room["note"]} if room.get("note") else {}),
        } for room in payload["rooms"]])
        quiet.flush_all()  # the stored computations of the call, in its untracked environment
        folio._message_log(body=self.env._(
            "Booked through the API by %(user)s (client key %(key)s).", user=self.env.user.name, key=client_key))
        return folio.with_env(self.env)

    @api.model
    def _api_rate_plan(self, value, prop):
        """A rate plan of the property's company (or shared by all companies)."""
        domain = [("id", "=", value)] if isinstance(value, int) else [("name", "=", value)]
        plan = self.env["product.pricelist"].search(domain + [("company_id", "in", [prop.company_id.id, False])],
                                                    limit=1)
        if not plan:
            raise UserError(self.env._("There is no rate plan %(plan)r.", plan=value))
        return plan

    @api.model
    def _api_channel(self, value):
        domain = [("id", "=", value)] if isinstance(value, int) else [("name", "=", value)]
        source = self.env["utm.source"].search(domain, limit=1)
        if not source:
            raise UserError(self.env._("There is no booking channel %(channel)r (a UTM source).", channel=value))
        return source

    @api.model
    def _api_result(self, folio, duplicate):
        """What the client gets back: references, rooms, amounts, the deposit asked."""
        # in the order of the request: by the running number of their reference ("HZ1-00812/2")
        rooms = folio.reservation_ids.sorted(lambda r: (int(r.name.rpartition("/")[2] or 0)
                                                        if r.name.rpartition("/")[2].isdigit() else 0, r.id))
        return {
            "duplicate": duplicate,
            "folio_id": folio.id,
            "reference": folio.name,
            "state": folio.state,
            "currency": folio.currency_id.name,
            "amount_total": sum(rooms.filtered(lambda r: r.state not in ("cancelled", "no_show"))
                                .mapped("amount_total_incl")),
            "deposit_due": folio.amount_deposit_suggested,
            "confirmation_queued": folio.confirmation_pending,
            "rooms": [{
                "reservation_id": res.id, "reference": res.name, "state": res.state,
                "room_type": res.room_type_id.code or res.room_type_id.name, "room": res.room_id.name or None,
                "arrival": str(res.arrival_date), "departure": str(res.departure_date), "nights": res.nights,
                "adults": res.adults, "children": res.children, "amount_total": res.amount_total_incl,
            } for res in rooms],
        }
