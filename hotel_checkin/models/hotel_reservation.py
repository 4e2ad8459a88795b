"""Check-in of every guest, door codes and the guest's pre-check-in on the stay."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hotel_base.tools.rules import workflow_write
from odoo.addons.hotel_reservation.models.hotel_reservation import HotelReservation as BaseReservation

from .hotel_guest_reminder import TEMPLATES

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
            res.registration_missing = "; ".join(problems) if problems else False

    def _registration_problems(self):
        """Why the room's guests are not all registered (empty: ready). Every
        guest staying is listed (adults + children), each adult with a valid
        document, each minor with a guardian."""
        self.ensure_one()
        guests = self.guest_ids
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
                     for res in self if res.partner_id and (res.id, res.partner_id.id) not in present]
        if vals_list:
            with workflow_write():
                self.env["hotel.reservation.guest"].sudo().create(vals_list)

    def action_confirm(self):
        result = super().action_confirm()
        self.filtered("property_id.registration_required")._ensure_main_guests()
        return result

    def write(self, vals):
        guest_changed = "partner_id" in vals
        moved = self.filtered(lambda r: "room_id" in vals and r.room_id.id != vals["room_id"]) \
            if "room_id" in vals else self.browse()
        result = super().write(vals)
        if guest_changed:
            for line in self.sudo().guest_ids.filtered("is_main"):
                if line.partner_id != line.reservation_id.partner_id:
                    with workflow_write():
                        line.write({"partner_id": line.reservation_id.partner_id.id})
        if moved:
            self._door_codes_follow_room(moved)
        if {"arrival_date", "departure_date"} & vals.keys():
            self.env["hotel.door.code"].sudo().search(
                [("reservation_id", "in", self.ids), ("state", "=", "active")])._reschedule()
        return result

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

    def _revoke_door_codes(self, reason):
        self.env["hotel.door.code"].sudo().search(
            [("reservation_id", "in", self.ids), ("state", "=", "active")])._revoke(reason)

    def _send_door_codes(self):
        """The guest's door code by e-mail (and SMS where the property texts
        and a number is known), posted on the stay."""
        template = self.env.ref("hotel_checkin.mail_template_door_code", raise_if_not_found=False)
        sms_template = self.env.ref("hotel_checkin.sms_template_door_code", raise_if_not_found=False)
        for res in self.sudo():
            if template and res.partner_id.email:
                res.with_context(lang=res.partner_id.lang, mail_notify_force_send=False).message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment")
            if sms_template and res.property_id.reminder_sms and res.partner_id.phone:
                res.with_context(lang=res.partner_id.lang)._message_sms_with_template(
                    template=sms_template, partner_ids=res.partner_id.ids)

    # ------------------------------------------------------------ reminders
    def _send_reminder(self, kind, stays):
        """Send reminder ``kind`` about ``stays`` (rooms of one booking and
        guest) to the guest: e-mail, and SMS where the property texts and a
        number is known. Returns the channels used, for the log."""
        self.ensure_one()
        mail_xmlid, sms_xmlid = TEMPLATES[kind]
        res = self.sudo().with_context(lang=self.partner_id.lang, reminder_kind=kind, reminder_stay_ids=stays.ids,
                                       mail_notify_force_send=False)
        partner = res.partner_id
        channels = []
        if partner.email:
            res.message_post_with_source(self.env.ref(mail_xmlid), subtype_xmlid="mail.mt_comment")
            channels.append(self.env._("e-mail"))
        if res.property_id.reminder_sms and partner.phone:
            res._message_sms_with_template(template=self.env.ref(sms_xmlid), partner_ids=partner.ids)
            channels.append(self.env._("SMS"))
        if not channels:
            res.message_post(body=self.env._(
                "The %(what)s reminder was not sent: %(guest)s has no e-mail address or mobile number.",
                what=dict(self.env["hotel.guest.reminder"]._fields["kind"]._description_selection(self.env))[kind],
                guest=partner.display_name))
            return self.env._("not reachable")
        return ", ".join(channels)

    def _reminder_stays(self):
        """The rooms a reminder about this stay covers (the guest's rooms of the
        booking sent together; see hotel.guest.reminder._send_due)."""
        ids = self.env.context.get("reminder_stay_ids")
        return self.browse(ids).exists() if ids else self

    @api.model
    def _cron_issue_self_checkin_codes(self, prop):
        """Prepaid self check-in stays arriving within the reminder window get
        their code before arrival (and by mail when the reminder went out)."""
        today = prop._local_today()
        horizon = today.toordinal() + max(prop.reminder_days_before, 1)
        stays = self.sudo().search([
            ("property_id", "=", prop.id), ("state", "=", "confirmed"), ("self_checkin", "=", True),
            ("arrival_date", ">=", today), ("room_id", "!=", False),
        ]).filtered(lambda r: r.arrival_date.toordinal() <= horizon and r.folio_id.amount_departure <= 0)
        codes = self.env["hotel.door.code"]._issue(stays)
        reminded = self.env["hotel.guest.reminder"].sudo().search(
            [("reservation_id", "in", codes.reservation_id.ids), ("kind", "=", "pre_arrival")]).reservation_id
        reminded._send_door_codes()
        return codes

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
        updates = {k: values[k] for k in ("nationality_id", "guest_birthdate") if values.get(k)}
        if updates:
            line.partner_id.sudo().write(updates)
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
