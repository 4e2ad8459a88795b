"""Check-in of every guest, door codes and the guest's pre-check-in on the stay."""
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hotel_base.tools.rules import workflow_write
from odoo.addons.hotel_reservation.models.hotel_reservation import HotelReservation as BaseReservation

from .hotel_guest_reminder import TEMPLATES
from .hotel_reservation_guest import age_on

ONLINE_ID_AGE = 16

FRONTDESK = "hotel_base.group_hotel_frontdesk_user"


class HotelReservation(models.Model):
    _inherit = "hotel.reservation"
    _hotel_protected_fields = (*BaseReservation._hotel_protected_fields, "precheckin_at", "late_checkout_waived",
                               "late_checkout_waive_reason", "early_checkin_waived", "early_checkin_waive_reason")

    guest_ids = fields.One2many("hotel.reservation.guest", "reservation_id", string="Registered Guests")
    registration_required = fields.Boolean(related="property_id.registration_required")
    registration_complete = fields.Boolean(compute="_compute_registration", string="Registered")
    registration_missing = fields.Char(compute="_compute_registration", string="Registration")
    expected_arrival_time = fields.Float(
        string="Expected Arrival", tracking=True, help="Local time the guest expects to arrive (0: not told).")
    self_checkin = fields.Boolean(
        string="Self Check-in", tracking=True,
        help="The guest lets themself in with a door code sent before arrival once the stay is paid.")
    precheckin_at = fields.Datetime(string="Pre-check-in Done", readonly=True, copy=False)
    door_code_ids = fields.One2many("hotel.door.code", "reservation_id", string="Door Codes", groups=FRONTDESK)
    door_code = fields.Char(compute="_compute_door_code", groups=FRONTDESK)
    door_code_window = fields.Char(compute="_compute_door_code", groups=FRONTDESK, string="Code Valid")
    door_code_enabled = fields.Boolean(related="property_id.door_code_enabled")

    _expected_arrival_check = models.Constraint(
        "CHECK(expected_arrival_time IS NULL OR expected_arrival_time BETWEEN 0 AND 24)",
        "The expected arrival is a time of the day (0 to 24).")

    @api.depends("guest_ids.registered", "adults", "children", "property_id.registration_required")
    @api.depends_context("uid")
    def _compute_registration(self):
        for res in self:
            problems = res._registration_problems()
            res.registration_complete = not problems
            res.registration_missing = " ".join(problems) if problems else False

    def _registration_problems(self):
        """Why the room's guests are not all registered (empty: ready). Every
        guest staying is listed (adults + children), each adult with a valid
        document, each minor with a guardian."""
        self.ensure_one()
        # sudo: the status (names, what is missing) is shown to whoever reads the stay, not the lines
        guests = self.sudo().guest_ids
        problems = [p for p in (g._registration_problem() for g in guests) if p]
        expected = self.adults + self.children
        if len(guests) < expected:
            problems.insert(0, self.env._(
                "%(n)s of %(total)s guests registered: add the other guests of room %(room)s.",
                n=len(guests), total=expected, room=self.room_id.name or self.display_name))
        return problems

    @api.depends("door_code_ids.state", "door_code_ids.code")
    def _compute_door_code(self):
        for res in self:
            code = res.door_code_ids.filtered(lambda c, r=res: c.state == "active" and c.room_id == r.room_id)[:1]
            res.door_code = code.code or False
            res.door_code_window = (f"{code._local_label(code.valid_from)} - {code._local_label(code.valid_until)}"
                                    if code else False)

    # ------------------------------------------------------------ guests
    def _ensure_main_guests(self):
        """The booked guest is the room's first registered guest (one batch)."""
        present = {(g.reservation_id.id, g.partner_id.id) for g in self.sudo().guest_ids}
        vals_list = [{"reservation_id": res.id, "partner_id": res.partner_id.id, "is_main": True, "sequence": 0}
                     for res in self if res.partner_id and not res.partner_id.is_company
                     and (res.id, res.partner_id.id) not in present]
        if vals_list:
            with workflow_write():
                self.env["hotel.reservation.guest"].sudo().create(vals_list)

    def _after_confirm(self):
        result = super()._after_confirm()
        self.filtered("property_id.registration_required")._ensure_main_guests()
        return result

    def write(self, vals):
        guest_changed = "partner_id" in vals
        # a first room (confirmation) has no door code to follow it
        moved = self.filtered(lambda r: r.room_id and r.room_id.id != vals["room_id"]) \
            if "room_id" in vals else self.browse()
        result = super().write(vals)
        if guest_changed:
            self._main_guest_follows_partner()
        if moved:
            self._door_codes_follow_room(moved)
        if {"arrival_date", "departure_date"} & vals.keys():
            self.env["hotel.door.code"].sudo().search(
                [("reservation_id", "in", self.ids), ("state", "=", "active")])._reschedule()
        return result

    def _main_guest_follows_partner(self):
        """The booked guest changed: the main line follows (or, when the new
        guest was listed as a companion, that line becomes the main one)."""
        with workflow_write():
            for res in self.sudo():
                main = res.guest_ids.filtered("is_main")
                listed = res.guest_ids.filtered(lambda g, r=res: g.partner_id == r.partner_id)
                if main == listed:
                    continue
                if listed:
                    main.unlink()
                    listed.write({"is_main": True, "sequence": 0})
                elif main:
                    main.write({"partner_id": res.partner_id.id})

    def _door_codes_follow_room(self, moved):
        """Room move: the old room's code is revoked; the guest gets a new code
        for the new room when they had one."""
        codes = self.env["hotel.door.code"].sudo().search(
            [("reservation_id", "in", moved.ids), ("state", "=", "active")])
        stale = codes.filtered(lambda c: c.room_id != c.reservation_id.room_id)
        if not stale:
            return
        stale._revoke("room_move")
        new_codes = self.env["hotel.door.code"]._issue(stale.reservation_id)
        new_codes.reservation_id._send_door_codes()

    # ------------------------------------------------------------ lifecycle
    def action_check_in(self):
        """Refused while a guest of the room is not registered (properties that
        register every guest); then the door codes are issued and queued for the
        lock, and an early check-in is charged."""
        required = self.filtered("property_id.registration_required")
        required._ensure_main_guests()
        # documents may have been recorded since the statuses were read
        self.env["hotel.reservation.guest"].invalidate_model(["document_state", "document_label", "registered"])
        for res in required:
            problems = res._registration_problems()
            if problems:
                raise UserError(self.env._(
                    "%(res)s cannot be checked in yet:\n%(problems)s",
                    res=res.display_name, problems="\n".join(f"- {p}" for p in problems)))
        result = super().action_check_in()
        self._post_early_checkin_charges()
        codes = self.env["hotel.door.code"]._issue(self.filtered("property_id.door_code_enabled"))
        codes.reservation_id._send_door_codes()
        return result

    def _walk_in_check_in(self):
        """A walk-in at a property registering every guest is checked in once
        the party is registered: until then the stay stays confirmed and the desk
        lands on it (Guests tab) to register them."""
        waiting = self.filtered(lambda r: r.property_id.registration_required and not r.registration_complete)
        for res in waiting:
            res.message_post(body=self.env._(
                "Walk-in booked: register every guest (Guests tab), then check in. %(missing)s",
                missing=res.registration_missing))
        return super(HotelReservation, self - waiting)._walk_in_check_in() if self - waiting else True

    def action_check_out(self):
        self._post_late_checkout_charges()
        result = super().action_check_out()
        self._revoke_door_codes("check_out")
        return result

    def action_cancel(self, reason=None):
        result = super().action_cancel(reason=reason)
        self._revoke_door_codes("cancelled")
        return result

    def action_no_show(self):
        result = super().action_no_show()
        self._revoke_door_codes("no_show")
        return result

    def action_new_door_code(self):
        """A new code for a guest in house whose code was revoked (lost, shared)."""
        self._hotel_check_action_access("write")
        stays = self.filtered(lambda r: r.state == "checked_in" and r.property_id.door_code_enabled)
        if len(stays) != len(self):
            raise UserError(self.env._("Door codes are issued to guests in house at properties with door codes."))
        codes = self.env["hotel.door.code"]._issue(stays)
        if not codes:
            raise UserError(self.env._("This stay holds an active door code: revoke it first."))
        codes.reservation_id._send_door_codes()
        return True

    def _revoke_door_codes(self, reason):
        self.env["hotel.door.code"].sudo().search(
            [("reservation_id", "in", self.ids), ("state", "=", "active")])._revoke(reason)

    def _send_door_codes(self):
        """Each stay's door code to its guest by e-mail (and SMS where the
        property texts and a number is known); the chatter says it was sent,
        never the code (housekeeping and marketing read the stay)."""
        for res in self.sudo():
            res._send_guest_message("hotel_checkin.mail_template_door_code", "hotel_checkin.sms_template_door_code",
                                    self.env._("Door code of room %(room)s", room=res.room_id.name))

    def _send_guest_message(self, mail_xmlid, sms_xmlid, what, context=None):
        """Send a transactional message about this stay to its guest: an e-mail
        (``mail.mail``, queued: out after the transaction commits, not copied in
        the chatter, as it may hold a door code) and an SMS where the property
        texts and the guest has a number (``sms.sms`` queued, the SMS job
        triggered: nothing leaves before the commit). A note on the stay says
        what went out. Returns the channels used."""
        self.ensure_one()
        res = self.sudo().with_context(lang=self.partner_id.lang, **(context or {}))
        partner = res.partner_id
        channels = []
        if partner.email:
            # not attached to the stay: whoever reads the stay could read the message (and a door code)
            self.env.ref(mail_xmlid).with_context(**res.env.context).send_mail(
                res.id, force_send=False, email_values={"model": False, "res_id": False},
                email_layout_xmlid="mail.mail_notification_light")
            channels.append(self.env._("e-mail"))
        if res.property_id.reminder_sms and partner.phone:
            template = self.env.ref(sms_xmlid).with_context(**res.env.context)
            body = template._render_field("body", res.ids, compute_lang=True)[res.id]
            self.env["sms.sms"].sudo().create({"number": partner.phone, "body": body, "partner_id": partner.id})
            self.env.ref("sms.ir_cron_sms_scheduler_action").sudo()._trigger()
            channels.append(self.env._("SMS"))
        if channels:
            res.message_post(body=self.env._("%(what)s sent to %(guest)s (%(channels)s).", what=what,
                                             guest=partner.display_name, channels=", ".join(channels)))
        else:
            res.message_post(body=self.env._(
                "%(what)s was not sent: %(guest)s has no e-mail address or mobile number.", what=what,
                guest=partner.display_name))
        return channels

    # ------------------------------------------------------------ reminders
    def _send_reminder(self, kind, stays):
        """Send reminder ``kind`` about ``stays`` (rooms of one booking and
        guest) to the guest. Returns the channels used, for the log."""
        self.ensure_one()
        mail_xmlid, sms_xmlid = TEMPLATES[kind]
        label = dict(self.env["hotel.guest.reminder"]._fields["kind"]._description_selection(self.env))[kind]
        channels = self._send_guest_message(
            mail_xmlid, sms_xmlid, self.env._("Reminder (%(kind)s)", kind=label),
            context={"reminder_kind": kind, "reminder_stay_ids": stays.ids})
        return ", ".join(channels) if channels else self.env._("not reachable")

    def _reminder_stays(self):
        """The rooms a reminder about this stay covers (the guest's rooms of the
        booking sent together; see hotel.guest.reminder._send_due)."""
        ids = self.env.context.get("reminder_stay_ids")
        return self.browse(ids).exists() if ids else self

    def _guest_is_booker(self):
        """The stay's guest made the booking (sees the whole booking and its bill)."""
        self.ensure_one()
        return self.partner_id == self.folio_id.partner_id

    def _precheckin_url(self):
        """The guest's pre-check-in link: the whole booking for the booker, this
        room only for another room's guest."""
        self.ensure_one()
        if self._guest_is_booker():
            return self.folio_id._precheckin_url()
        return self.folio_id._precheckin_url(self)

    @api.model
    def _self_checkin_job(self, prop, now=None):
        """Self check-in stays of ``prop`` (the reminder job, every 15 minutes):
        - prepaid stays arriving within the arrival reminder's window (and, where
          the property registers every guest, registered online) get their
          door code, sent to the guest (not in the quiet hours);
        - on the arrival day, from the check-in time, a stay whose guest holds
          its code is checked in: the guest lets themself in, so the stay is in
          house (departure reminders, police export), never a no-show.
        Returns the new codes and the stays checked in."""
        now = now or fields.Datetime.now()
        today, hour = prop._local_hour(now)
        Res = self.sudo()
        codes, checked_in = self.env["hotel.door.code"], Res.browse()
        if not prop.door_code_enabled:
            return codes, checked_in
        if not prop._reminder_quiet(hour):
            horizon = today + timedelta(days=max(prop.reminder_days_before, 1))
            stays = Res.search([
                ("property_id", "=", prop.id), ("state", "=", "confirmed"), ("self_checkin", "=", True),
                ("arrival_date", ">=", today), ("arrival_date", "<=", horizon), ("room_id", "!=", False),
            ]).filtered(lambda r: r.folio_id.amount_departure <= 0
                        and (not prop.registration_required or r.registration_complete))
            codes = self.env["hotel.door.code"]._issue(stays, now=now)
            codes.reservation_id._send_door_codes()
        if hour >= prop.checkin_time:
            arrived = Res.search([("property_id", "=", prop.id), ("state", "=", "confirmed"),
                                  ("self_checkin", "=", True), ("arrival_date", "=", today)])
            for res in arrived.filtered(lambda r: r.door_code):
                try:
                    with self.env.cr.savepoint():
                        res.action_check_in()
                        checked_in |= res
                except UserError as exc:
                    res.message_post(body=self.env._("Self check-in not recorded: %(why)s", why=exc.args[0]))
        return codes, checked_in

    # ------------------------------------------------------------ pre-check-in
    def _precheckin_submit(self, values):
        """The pre-check-in page's form for this room: the ID document of a guest
        already listed (``line_id``), or a new guest. Runs as superuser for a
        visitor holding the booking's link; checked like the desk's input."""
        self.ensure_one()
        if self.state != "confirmed":
            raise UserError(self.env._("This stay is not awaiting arrival: ask the front desk."))
        line_id = values.get("line_id")
        if not line_id:
            return self._precheckin_add_guest(values)
        line = self.guest_ids.filtered(lambda g: g.id == line_id)
        if not line:
            raise UserError(self.env._("This guest is not registered in this room."))
        if line.document_state == "valid":
            raise UserError(self.env._("%(guest)s is registered already.", guest=line.partner_id.name))
        # a contact may be shared with other bookings: the page fills what is empty, never overwrites
        partner = line.partner_id.sudo()
        updates = {k: values[k] for k in ("nationality_id", "guest_birthdate") if values.get(k) and not partner[k]}
        if updates:
            partner.write(updates)
        if not values.get("document_number"):
            raise UserError(self.env._("Enter the ID document number of %(guest)s.", guest=line.partner_id.name))
        self._precheckin_document(line.partner_id, values)
        self._precheckin_done()
        return line

    def _precheckin_add_guest(self, values):
        """A guest of the room entered on the pre-check-in page (sudo, checked
        like the desk's input): a new contact, their ID document at the
        property, the guardian for a minor. Refused when the room's party is
        complete."""
        if len(self.guest_ids) >= self.adults + self.children:
            raise UserError(self.env._(
                "Room %(room)s is booked for %(n)s guests, all registered.", room=self.room_id.name or self.name,
                n=self.adults + self.children))
        name = (values.get("name") or "").strip()
        if len(name) < 2:
            raise UserError(self.env._("Enter the guest's full name."))
        Partner = self.env["res.partner"].sudo()
        partner = Partner.create({
            "name": name, "is_hotel_guest": True, "nationality_id": values.get("nationality_id") or False,
            "guest_birthdate": values.get("guest_birthdate") or False, "lang": self.partner_id.lang,
        })
        guardian = self.guest_ids.filtered(lambda g: g.id == values.get("guardian_id"))
        with workflow_write():
            guest = self.env["hotel.reservation.guest"].sudo().create({
                "reservation_id": self.id, "partner_id": partner.id, "source": "online",
                "guardian_id": guardian.id or False,
            })
        if values.get("document_number"):
            self._precheckin_document(partner, values)
        elif not guest.is_minor:
            raise UserError(self.env._("%(guest)s: an adult needs an ID document number.", guest=name))
        elif age_on(guest.birthdate, self.arrival_date) >= ONLINE_ID_AGE:
            # from 16 a resident identity card is held: online, only younger children come without one
            raise UserError(self.env._("%(guest)s: a guest of 16 or more needs an ID document number.", guest=name))
        elif not guardian:
            raise UserError(self.env._("%(guest)s is a minor: choose their guardian.", guest=name))
        self._precheckin_done()
        return guest

    def _precheckin_document(self, partner, values):
        country = self.env["res.country"].sudo().browse(values.get("country_id") or []).exists()
        vals = self.env["hotel.reservation.guest"]._document_values(
            partner, self.property_id, values.get("document_type") or "id_card", values["document_number"],
            country, values.get("expiry_date"))
        self.env["hotel.guest.document"].sudo().create(vals)

    def _precheckin_done(self):
        with workflow_write():
            self.sudo().write({"precheckin_at": fields.Datetime.now()})

    def action_print_registration_card(self):
        """The registration card of the room, every guest listed (to sign at the desk)."""
        self._hotel_check_action_access("read")
        self._ensure_main_guests()
        return self.env.ref("hotel_reservation.action_report_registration_card").report_action(self)
