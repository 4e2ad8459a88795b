import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hotel_base.tools.groups import MONEY_GROUPS
from odoo.addons.hotel_base.tools.rules import in_workflow_write, workflow_write

STATES = [
    ("draft", "Quotation"),
    ("confirmed", "Confirmed"),
    ("checked_in", "Checked In"),
    ("checked_out", "Checked Out"),
    ("cancelled", "Cancelled"),
    ("no_show", "No Show"),
]
MAX_NIGHTS = 366  # also a CHECK constraint: a year is the longest stay the desk books at once
# States whose nights hold their room in the ledger.
HOLDING_STATES = ("confirmed", "checked_in", "checked_out")


class HotelReservation(models.Model):
    """One room for one stay (预订): guest, room type, room, dates and state.

    Invariants:
    - departure is after arrival; guests fit the room type;
    - a confirmed or in-house reservation always holds a concrete, active room
      of its room type and property, through one active ledger row per night;
    - cancelled and no-show reservations hold nothing.
    Inventory and pricing helpers live in hotel_reservation_inventory.py and
    hotel_reservation_pricing.py.
    """

    _name = "hotel.reservation"
    _description = "Hotel Reservation"
    _inherit = ["hotel.property.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "arrival_date desc, id desc"
    _check_company_auto = True
    _hotel_property_fields = ("folio_id", "room_type_id", "room_id")
    # the workflow writes these (actions, jobs); the ledger follows every state change
    _hotel_protected_fields = ("name", "state", "night_ids", "penalty_amount", "cancel_date", "checkin_at",
                               "checkout_at")

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/", index="trigram")
    folio_id = fields.Many2one("hotel.folio", required=True, index=True, ondelete="cascade", tracking=True)
    property_id = fields.Many2one(related="folio_id.property_id", store=True, index=True, precompute=True)
    # precomputed: in the INSERT of the stay rather than an UPDATE right after it
    company_id = fields.Many2one(related="folio_id.company_id", store=True, index=True, precompute=True)
    currency_id = fields.Many2one(related="folio_id.currency_id")
    pricelist_id = fields.Many2one(related="folio_id.pricelist_id", string="Rate Plan")
    source_id = fields.Many2one(related="folio_id.source_id", store=True, string="Channel")
    partner_id = fields.Many2one(
        "res.partner", string="Guest", required=True, index=True, tracking=True,
        compute="_compute_partner_id", store=True, readonly=False, precompute=True,
    )
    room_type_id = fields.Many2one(
        "hotel.room.type", required=True, index=True, tracking=True,
        domain="[('property_id', '=', property_id)]",
    )
    room_id = fields.Many2one(
        "hotel.room", index=True, tracking=True, copy=False,
        domain="[('room_type_id', '=', room_type_id)]",
    )
    arrival_date = fields.Date(required=True, index=True, tracking=True)
    departure_date = fields.Date(required=True, index=True, tracking=True,
                                 help="Morning after the last night.")
    nights = fields.Integer(compute="_compute_nights", store=True, precompute=True)
    adults = fields.Integer(default=1, required=True, tracking=True)
    children = fields.Integer(default=0, required=True, tracking=True)
    state = fields.Selection(STATES, default="draft", required=True, index=True, tracking=True, copy=False)
    night_ids = fields.One2many("hotel.reservation.night", "reservation_id", string="Room Nights",
                                context={"active_test": False}, copy=False)
    amount_total = fields.Monetary(
        compute="_compute_amount_total", store=True, precompute=True, string="Room Total", groups=MONEY_GROUPS)
    cancellation_policy_id = fields.Many2one(
        "hotel.cancellation.policy", tracking=True,
        compute="_compute_cancellation_policy_id", store=True, readonly=False, precompute=True,
        help="Policy of the rate plan when booked; later changes of the rate plan do not alter it.",
    )
    penalty_amount = fields.Monetary(string="Penalty", readonly=True, copy=False, tracking=True,
                                     groups=MONEY_GROUPS,
                                     help="Cancellation or no-show penalty owed by the guest.")
    cancel_date = fields.Datetime(readonly=True, copy=False)
    cancel_reason = fields.Char(copy=False, tracking=True)
    checkin_at = fields.Datetime(string="Checked In At", readonly=True, copy=False)
    checkout_at = fields.Datetime(string="Checked Out At", readonly=True, copy=False)
    override_restrictions = fields.Boolean(
        copy=False, tracking=True,
        groups="hotel_base.group_hotel_frontdesk_manager,hotel_base.group_hotel_revenue_manager",
        help="Confirm despite minimum stay, closed-to-arrival or stop-sell rules. Logged.",
    )
    preference_summary = fields.Char(compute="_compute_preference_summary", string="Guest Preferences")
    note = fields.Text(string="Notes")
    can_edit_prices = fields.Boolean(compute="_compute_can_edit_prices")
    color = fields.Integer(compute="_compute_color")
    # Search-only: "today" is each property's own date, not the browser's or UTC's.
    arrives_today = fields.Boolean(compute="_compute_local_day_flags", search="_search_arrives_today")
    departs_today = fields.Boolean(compute="_compute_local_day_flags", search="_search_departs_today")
    arrives_later = fields.Boolean(string="Arrives after Today", compute="_compute_local_day_flags",
                                   search="_search_arrives_later")
    arrives_tomorrow = fields.Boolean(compute="_compute_local_day_flags", search="_search_arrives_tomorrow")
    arrives_late = fields.Boolean(string="Arrival Day Passed", compute="_compute_local_day_flags",
                                  search="_search_arrives_late")

    # The database guards the simple invariants too (imports, SQL, any code path);
    # the Python checks below give the detailed message first where they can.
    _dates_check = models.Constraint(
        "CHECK(departure_date > arrival_date)",
        "The departure date must be after the arrival date.",
    )
    _length_check = models.Constraint(
        "CHECK(departure_date - arrival_date <= 366)", "A stay is at most 366 nights: book a longer one in parts.")
    _adults_check = models.Constraint("CHECK(adults >= 1)", "A reservation needs at least one adult.")
    _children_check = models.Constraint("CHECK(children >= 0)", "The number of children cannot be negative.")
    _name_folio_uniq = models.UniqueIndex(
        "(folio_id, name)", "Another room of this booking already has this reference.",
    )

    @api.depends("folio_id.partner_id")
    def _compute_partner_id(self):
        for res in self:
            if not res.partner_id:
                res.partner_id = res.folio_id.partner_id

    @api.depends("folio_id.pricelist_id")
    def _compute_cancellation_policy_id(self):
        for res in self:
            if res.state == "draft" or not res.cancellation_policy_id:
                res.cancellation_policy_id = res.folio_id.pricelist_id.hotel_cancellation_policy_id

    @api.depends("arrival_date", "departure_date")
    def _compute_nights(self):
        for res in self:
            ok = res.arrival_date and res.departure_date
            res.nights = (res.departure_date - res.arrival_date).days if ok else 0

    @api.depends("night_ids.price", "night_ids.date", "departure_date")
    def _compute_amount_total(self):
        for res in self:
            res.amount_total = sum(n.price for n in res.night_ids if n.date < res.departure_date)

    @api.depends("partner_id.hotel_preference_ids")
    def _compute_preference_summary(self):
        for res in self:
            res.preference_summary = ", ".join(res.partner_id.hotel_preference_ids.mapped("display_name"))

    @api.depends_context("uid")
    def _compute_can_edit_prices(self):
        allowed = self.env.user.has_group("hotel_base.group_hotel_revenue_manager")
        for res in self:
            res.can_edit_prices = allowed and res.state in ("draft", "confirmed")

    @api.depends("state")
    def _compute_color(self):
        colors = {"draft": 0, "confirmed": 4, "checked_in": 10, "checked_out": 7, "cancelled": 1, "no_show": 2}
        for res in self:
            res.color = colors.get(res.state, 0)

    @api.depends("arrival_date", "departure_date", "property_id")
    def _compute_local_day_flags(self):
        for res in self:
            today = res.property_id._local_today() if res.property_id else fields.Date.context_today(res)
            res.arrives_today = res.arrival_date == today
            res.departs_today = res.departure_date == today
            res.arrives_later = bool(res.arrival_date) and res.arrival_date > today
            res.arrives_tomorrow = bool(res.arrival_date) and (res.arrival_date - today).days == 1
            res.arrives_late = bool(res.arrival_date) and res.arrival_date < today

    def _search_arrives_today(self, operator, value):
        return self.env["hotel.property"]._local_today_search(operator, value, "arrival_date", "=")

    def _search_departs_today(self, operator, value):
        return self.env["hotel.property"]._local_today_search(operator, value, "departure_date", "=")

    def _search_arrives_later(self, operator, value):
        return self.env["hotel.property"]._local_today_search(operator, value, "arrival_date", ">")

    def _search_arrives_tomorrow(self, operator, value):
        return self.env["hotel.property"]._local_today_search(operator, value, "arrival_date", "=", days=1)

    def _search_arrives_late(self, operator, value):
        return self.env["hotel.property"]._local_today_search(operator, value, "arrival_date", "<")

    @api.depends("name", "partner_id", "room_id")
    def _compute_display_name(self):
        for res in self:
            parts = [res.name or "", res.partner_id.name or ""]
            if res.room_id:
                parts.append(res.room_id.name)
            res.display_name = " ".join(p for p in parts if p)

    # ------------------------------------------------------------------ checks
    @api.constrains("arrival_date", "departure_date")
    def _check_dates(self):
        for res in self:
            if res.departure_date <= res.arrival_date:
                raise ValidationError(self.env._(
                    "The departure date (%(departure)s) must be after the arrival date (%(arrival)s).",
                    departure=res.departure_date, arrival=res.arrival_date))
            if (res.departure_date - res.arrival_date).days > MAX_NIGHTS:
                raise ValidationError(self.env._(
                    "A stay is at most %(max)s nights (%(nights)s requested): book a longer one in parts.",
                    max=MAX_NIGHTS, nights=(res.departure_date - res.arrival_date).days))

    @api.constrains("adults", "children", "room_type_id")
    def _check_occupancy(self):
        for res in self:
            rtype = res.room_type_id
            if res.adults < 1:
                raise ValidationError(self.env._("A reservation needs at least one adult."))
            if res.children < 0:
                raise ValidationError(self.env._("The number of children cannot be negative."))
            if res.adults > rtype.max_adults or res.children > rtype.max_children \
                    or res.adults + res.children > rtype.max_occupancy:
                raise ValidationError(self.env._(
                    "%(type)s sleeps at most %(total)s guests (%(adults)s adults, %(children)s children): "
                    "%(a)s adults and %(c)s children do not fit.",
                    type=rtype.name, total=rtype.max_occupancy, adults=rtype.max_adults,
                    children=rtype.max_children, a=res.adults, c=res.children))

    @api.constrains("room_id", "room_type_id", "folio_id", "state")
    def _check_room(self):
        """The room must be of the reservation's type and property, and active while held."""
        for res in self:
            if res.room_type_id.property_id != res.folio_id.property_id:
                raise ValidationError(self.env._(
                    "Room type %(type)s is not a room type of %(property)s.",
                    type=res.room_type_id.name, property=res.folio_id.property_id.name))
            room = res.room_id
            if not room:
                if res.state in ("confirmed", "checked_in"):
                    raise ValidationError(self.env._("A confirmed reservation must have a room."))
                continue
            if room.property_id != res.property_id:
                raise ValidationError(self.env._(
                    "Room %(room)s is not a room of %(property)s.", room=room.name, property=res.property_id.name))
            if room.room_type_id != res.room_type_id:
                raise ValidationError(self.env._(
                    "Room %(room)s is a %(room_type)s, but the reservation is for a %(type)s.",
                    room=room.name, room_type=room.room_type_id.name, type=res.room_type_id.name))
            if not room.active and res.state in ("draft", "confirmed"):
                raise ValidationError(self.env._("Room %(room)s is archived and cannot be sold.", room=room.name))

    def _check_arrival_not_past(self):
        """Bookings start today or later, in the property's timezone; front-desk
        managers may record past arrivals (in-house corrections)."""
        # Superuser is access, not a licence: sudo code (portal, API) books for today or later too.
        if self.env.user.has_group("hotel_base.group_hotel_frontdesk_manager"):
            return
        for res in self.filtered(lambda r: r.state in ("draft", "confirmed")):
            today = res.property_id._local_today()
            if res.arrival_date < today:
                raise UserError(self.env._(
                    "The arrival date %(date)s is in the past (today is %(today)s at %(property)s). "
                    "Only front-desk managers can record past arrivals.",
                    date=res.arrival_date, today=today, property=res.property_id.name))

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        """A reservation is created as a quotation; created as ``confirmed``
        (API, imports) it is confirmed right after, by ``action_confirm`` (rules,
        room, ledger, e-mail). Any other state comes from the actions only."""
        to_confirm = []
        if not in_workflow_write():
            vals_list = [dict(vals) for vals in vals_list]
            for vals in vals_list:
                to_confirm.append(vals.get("state") == "confirmed")
                if to_confirm[-1]:
                    del vals["state"]
            self._hotel_check_new_vals(vals_list)
        for vals in vals_list:
            if not vals.get("folio_id") and vals.get("partner_id") and vals.get("room_type_id"):
                # API convenience: a reservation without a folio gets its own.
                room_type = self.env["hotel.room.type"].browse(vals["room_type_id"])
                vals["folio_id"] = self.env["hotel.folio"].create({
                    "partner_id": vals["partner_id"], "property_id": room_type.property_id.id,
                }).id
        self._assign_references(vals_list)
        with workflow_write():
            reservations = super().create(vals_list)
            reservations._check_arrival_not_past()
            reservations._sync_nights()
            held = reservations.filtered(lambda r: r.state in ("confirmed", "checked_in"))
            if held:
                held._hold_rooms()  # internal creates of held stays (history imports)
        confirm = reservations.browse([res.id for res, flag in zip(reservations, to_confirm, strict=False) if flag])
        if confirm:
            confirm.action_confirm()
        return reservations

    @api.model
    def _assign_references(self, vals_list):
        """Reference of each new room: the folio's reference and the next
        running number within the folio, in creation order ("HZ1-00012/3"),
        after the highest number the folio has (gaps are not refilled); the unique
        index on (folio, reference) guards against two transactions adding a
        room to the same folio at once."""
        new_by_folio = {}
        for vals in vals_list:
            folio_id = vals.get("folio_id") or self.env.context.get("default_folio_id")
            if vals.get("name", "/") == "/" and folio_id:
                new_by_folio.setdefault(folio_id, []).append(vals)
        for folio_id, folio_vals in new_by_folio.items():
            folio = self.env["hotel.folio"].browse(folio_id)
            numbers = [int(match.group(1)) for name in folio.reservation_ids.mapped("name")
                       if (match := re.search(r"/(\d+)$", name or ""))]
            for number, vals in enumerate(folio_vals, start=max(numbers, default=0) + 1):
                vals["name"] = f"{folio.name}/{number}"

    def write(self, vals):
        self._hotel_check_client_input([vals])
        dates_changed = {"arrival_date", "departure_date"} & vals.keys()
        if "room_type_id" in vals and "room_id" not in vals:
            moving = self.filtered(lambda r: r.state in ("confirmed", "checked_in")
                                   and r.room_type_id.id != vals["room_type_id"])
            if moving:
                raise UserError(self.env._(
                    "%(res)s already holds a room: use Move Room to change its room type.",
                    res=moving[0].display_name))
        if dates_changed:
            locked = self.filtered(lambda r: r.state in ("checked_out", "cancelled", "no_show"))
            if locked:
                raise UserError(self.env._(
                    "The dates of %(res)s cannot change any more (%(state)s).",
                    res=locked[0].display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[locked[0].state]))
            if "arrival_date" in vals and self.filtered(lambda r: r.state == "checked_in"):
                raise UserError(self.env._("The guest is in house: the arrival date cannot change."))
            if "departure_date" in vals:
                departure = fields.Date.to_date(vals["departure_date"])
                spent = self.filtered(lambda r: r.state == "checked_in" and departure < r.property_id._local_today())
                if spent:
                    raise UserError(self.env._(
                        "%(res)s is in house: its nights already spent cannot be removed (the departure cannot be "
                        "before today).", res=spent[0].display_name))
        if "room_id" in vals and not dates_changed and self.filtered(lambda r: r.state == "checked_in") \
                and "room_type_id" not in vals:
            raise UserError(self.env._("The guest is in house: use Move Room to change the room."))
        type_changed = self.filtered(lambda r: "room_type_id" in vals and r.room_type_id.id != vals["room_type_id"])
        if vals.get("folio_id") and "name" not in vals:
            moving = self.filtered(lambda r: r.folio_id.id != vals["folio_id"])
            if moving:
                # A room moving to another booking takes that booking's next reference.
                new_names = [{"folio_id": vals["folio_id"]} for _res in moving]
                self._assign_references(new_names)
                with workflow_write():
                    for res, names in zip(moving, new_names, strict=True):
                        res.name = names["name"]
        res = super().write(vals)
        if dates_changed or {"room_type_id", "room_id"} & vals.keys():
            if dates_changed:
                self._check_arrival_not_past()
            self._sync_nights()
            held = self.filtered(lambda r: r.state in ("confirmed", "checked_in"))
            if held:
                # Restrictions and guest notices concern bookings not started yet; in-house
                # changes (extensions, early departures) are the desk's call.
                changed = (held if dates_changed else held & type_changed).filtered(lambda r: r.state == "confirmed")
                changed._check_restrictions()
                held._hold_rooms()
                changed._notify_guest("hotel_reservation.mail_template_reservation_modified")
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_quotations(self):
        if self.filtered(lambda r: r.state not in ("draft", "cancelled")):
            raise UserError(self.env._("Only quotations and cancelled reservations can be deleted."))

    # ------------------------------------------------------------------ lifecycle
    def action_confirm(self):
        """Confirm quotations: check restrictions, assign a room where none is
        set (preference-aware), write the ledger and send the confirmation."""
        not_draft = self.filtered(lambda r: r.state != "draft")
        if not_draft:
            raise UserError(self.env._("%(res)s is not a quotation any more.", res=not_draft[0].display_name))
        self._check_arrival_not_past()
        self._check_restrictions()
        for res in self.sorted(lambda r: (r.arrival_date, r.id)):
            # One by one: each assignment must see the rooms taken by the previous one.
            room = res.room_id or res._pick_room()
            with workflow_write():
                # one write: the room, the state, and the ledger rows take the room (see write())
                res.write({"room_id": room.id, "state": "confirmed"})
        self._after_confirm()
        return True

    @api.model
    def _create_confirmed(self, vals_list):
        """Create stays confirmed in one step (the booking API): the rules of
        ``action_confirm`` (arrival not in the past, restrictions, a free room
        chosen by the guest's preferences unless one is given, one at a time in
        arrival order so each sees the rooms taken before), but each stay's
        ledger rows are inserted already holding its room: one INSERT per stay,
        guarded by the unique index, instead of an INSERT and an UPDATE. Then
        the same ``_after_confirm`` (confirmation queued, addons' hooks).
        Stays given a room are created first, then the others in arrival order.
        Server code only: the values name records the caller has resolved as
        the user (see hotel.booking.request), not raw client input."""
        vals_list = [dict(vals) for vals in vals_list]
        self._assign_references(vals_list)  # references in the order of the request
        # stays asking for a given room first: a room chosen for another stay of the request must not take it
        order = sorted(range(len(vals_list)), key=lambda i: (
            not vals_list[i].get("room_id"), fields.Date.to_date(vals_list[i]["arrival_date"]), i))
        created = {}
        for index in order:
            vals = dict(vals_list[index], state="confirmed")
            if not vals.get("room_id"):
                vals["room_id"] = self._pick_free_room(
                    self.env["hotel.room.type"].browse(vals["room_type_id"]), vals["arrival_date"],
                    vals["departure_date"], self.env["res.partner"].browse(vals["partner_id"])).id
            with workflow_write():
                created[index] = res = self.create([vals])
            res._check_restrictions()
        reservations = self.browse([created[i].id for i in range(len(vals_list))])
        reservations._after_confirm()
        return reservations

    def _after_confirm(self):
        """Hook: these stays were just confirmed (from quotations, or created
        confirmed): the booker's confirmation is queued."""
        self.folio_id._send_confirmation()

    def action_check_in(self):
        """Guest arrives: only confirmed reservations, not before their arrival
        date, into a room no other guest is checked into (a guest due out today
        keeps the room until check-out, though the ledger frees it tonight)."""
        occupied = self.sudo().search([("room_id", "in", self.room_id.ids), ("state", "=", "checked_in"),
                                       ("id", "not in", self.ids)])
        for res in self:
            other = occupied.filtered(lambda o, r=res: o.room_id == r.room_id)[:1]
            if other:
                raise UserError(self.env._(
                    "Room %(room)s is still occupied by %(guest)s: check them out first, or move %(res)s to "
                    "another room.", room=res.room_id.name, guest=other.partner_id.name, res=res.display_name))
            if res.state != "confirmed":
                raise UserError(self.env._(
                    "%(res)s cannot be checked in: it is not confirmed.", res=res.display_name))
            today = res.property_id._local_today()
            if res.arrival_date > today:
                raise UserError(self.env._(
                    "%(res)s arrives on %(date)s: it cannot be checked in before.",
                    res=res.display_name, date=res.arrival_date))
        with workflow_write():
            self.write({"state": "checked_in", "checkin_at": fields.Datetime.now()})
        return True

    def _walk_in_check_in(self):
        """The walk-in wizard's check-in (addons may first need the guests registered)."""
        return self.action_check_in()

    def action_check_out(self):
        """Guest leaves. Leaving before the planned departure releases the unused
        nights (at least the first night is kept)."""
        for res in self:
            if res.state != "checked_in":
                raise UserError(self.env._(
                    "%(res)s cannot be checked out: the guest is not in house.", res=res.display_name))
        for res in self:
            today = res.property_id._local_today()
            new_departure = min(max(today, res.arrival_date + timedelta(days=1)), res.departure_date)
            if new_departure < res.departure_date:
                res.message_post(body=self.env._(
                    "Early departure: stay shortened from %(old)s to %(new)s.",
                    old=res.departure_date, new=new_departure))
                res.departure_date = new_departure  # releases the unused nights from the ledger
        for folio in self.folio_id:
            folio._settle_checkout(self.filtered(lambda r, f=folio: r.folio_id == f))
        with workflow_write():
            self.write({"state": "checked_out", "checkout_at": fields.Datetime.now()})
        return True

    def action_cancel(self, reason=None):
        """Cancel quotations or confirmed bookings; the penalty of the policy,
        evaluated now, is recorded and the rooms are released."""
        for res in self:
            if res.state not in ("draft", "confirmed"):
                raise UserError(self.env._(
                    "%(res)s cannot be cancelled any more (%(state)s).", res=res.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[res.state]))
        now = fields.Datetime.now()
        for res in self:
            penalty = res._cancellation_penalty(now) if res.state == "confirmed" else 0.0
            was_confirmed = res.state == "confirmed"
            with workflow_write():
                res.write({
                    "state": "cancelled", "penalty_amount": penalty, "cancel_date": now,
                    "cancel_reason": reason or res.cancel_reason,
                })
            if was_confirmed:
                res._notify_guest("hotel_reservation.mail_template_reservation_cancelled")
            res.folio_id._post_penalty(res)
        self._sync_nights()
        return True

    def action_no_show(self):
        """The guest never came: release the rooms and record the no-show penalty."""
        for res in self:
            if res.state != "confirmed":
                raise UserError(self.env._("Only confirmed reservations can be marked as no-show."))
            if res.arrival_date > res.property_id._local_today():
                raise UserError(self.env._(
                    "%(res)s arrives on %(date)s: it cannot be a no-show yet.",
                    res=res.display_name, date=res.arrival_date))
        for res in self:
            with workflow_write():
                res.write({"state": "no_show", "penalty_amount": res._no_show_penalty()})
            res.folio_id._post_penalty(res)
        self._sync_nights()
        return True

    def action_reset_to_draft(self):
        for res in self:
            if res.state != "cancelled":
                raise UserError(self.env._("Only cancelled reservations can go back to quotation."))
        with workflow_write():
            self.write({"state": "draft", "penalty_amount": 0.0, "cancel_date": False, "room_id": False})
        return True

    @api.model
    def _mark_due_no_shows(self, prop, until=None):
        """Mark the no-shows of ``prop`` that are due now (see
        ``hotel.property._no_show_arrival_limit``), arrivals up to ``until`` at
        most. The one no-show rule, for the hourly job and the night audit."""
        limit = prop._no_show_arrival_limit()
        if until:
            limit = min(limit, until)
        late = self.sudo().search([
            ("property_id", "=", prop.id), ("state", "=", "confirmed"), ("arrival_date", "<=", limit),
        ])
        if late:
            late.action_no_show()
        return late

    @api.model
    def _cron_mark_no_shows(self):
        """Hourly: confirmed bookings not checked in by the property's cut-off
        become no-shows. One transaction per property: a failure at one
        property does not undo the others."""
        self.env["hotel.property"]._cron_for_each_property(self._mark_due_no_shows, "No-show job")

    def action_open_cancel_wizard(self):
        self._hotel_check_action_access("write")
        return self.env["hotel.folio"]._wizard_action("hotel.reservation.cancel", self.env._("Cancel Reservations"),
                                            {"default_reservation_ids": self.ids})

    def action_open_move_wizard(self):
        self._hotel_check_action_access("write")
        self.ensure_one()
        return self.env["hotel.folio"]._wizard_action("hotel.reservation.move", self.env._("Move or Change Stay"),
                                            {"default_reservation_id": self.id})

    def _notify_guest(self, template_xmlid):
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        for res in self.filtered("partner_id"):
            if res.folio_id._note_unreachable(res.partner_id, template, record=res):
                continue
            res.with_context(lang=res.partner_id.lang, mail_notify_force_send=False).message_post_with_source(
                template, subtype_xmlid="mail.mt_comment")
