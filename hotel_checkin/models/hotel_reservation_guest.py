from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.hotel_base.models.hotel_guest_document import DOCUMENT_TYPES, is_valid_resident_id, mask_number

ADULT_AGE = 18
DOCUMENT_STATES = [
    ("valid", "Valid"),
    ("missing", "Missing"),
    ("expired", "Expired"),
    ("guardian", "With Guardian"),
]


def age_on(birthdate, day):
    if not birthdate or not day:
        return None
    return day.year - birthdate.year - ((day.month, day.day) < (birthdate.month, birthdate.day))


class HotelReservationGuest(models.Model):
    """One guest staying in one room: the registration the authority asks for
    (公安旅业登记), the booker and every companion.

    Invariants: a guest is registered once per stay (unique index); a guardian
    is an adult of the same stay. Whether the guest is *registered* (a valid ID
    document recorded at the stay's property, or a minor with a guardian) is
    computed from the documents as superuser and shown as a status: the desk
    records documents but never reads them back (see hotel.guest.document).
    """

    _name = "hotel.reservation.guest"
    _description = "Registered Guest"
    _inherit = ["hotel.property.mixin"]
    _order = "reservation_id, is_main desc, sequence, id"
    _hotel_property_fields = ("reservation_id", "guardian_id")

    reservation_id = fields.Many2one("hotel.reservation", required=True, index=True, ondelete="cascade")
    property_id = fields.Many2one(related="reservation_id.property_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Guest", required=True, index=True, ondelete="restrict")
    is_main = fields.Boolean(string="Booked Guest", readonly=True)
    birthdate = fields.Date(related="partner_id.guest_birthdate", readonly=False, string="Birth Date")
    nationality_id = fields.Many2one(related="partner_id.nationality_id", readonly=False)
    guardian_id = fields.Many2one(
        "hotel.reservation.guest", domain="[('reservation_id', '=', reservation_id)]",
        ondelete="set null", help="Required for a minor: an adult of the same room.")
    is_minor = fields.Boolean(compute="_compute_is_minor", string="Minor")
    document_state = fields.Selection(DOCUMENT_STATES, compute="_compute_document_state", string="ID Document")
    document_label = fields.Char(compute="_compute_document_state", string="Document")
    registered = fields.Boolean(compute="_compute_document_state")
    source = fields.Selection([("desk", "Front Desk"), ("online", "Pre-check-in")], default="desk",
                              readonly=True)

    _guest_uniq = models.UniqueIndex("(reservation_id, partner_id)", "This guest is already registered in this room.")

    @api.depends("partner_id")
    def _compute_display_name(self):
        for guest in self:
            guest.display_name = guest.partner_id.display_name

    @api.depends("birthdate", "reservation_id.arrival_date")
    def _compute_is_minor(self):
        for guest in self:
            age = age_on(guest.birthdate, guest.reservation_id.arrival_date)
            guest.is_minor = age is not None and age < ADULT_AGE

    @api.depends("partner_id", "guardian_id", "birthdate", "reservation_id.property_id")
    @api.depends_context("uid")
    def _compute_document_state(self):
        documents = self._valid_documents()
        for guest in self:
            doc = documents.get((guest.partner_id.id, guest.property_id.id))
            if doc and not doc.is_expired:
                guest.document_state = "valid"
                guest.document_label = doc.display_name
            elif guest.is_minor and guest.guardian_id:
                guest.document_state = "guardian"
                guest.document_label = self.env._("with %(guardian)s", guardian=guest.guardian_id.partner_id.name)
            else:
                guest.document_state = "expired" if doc else "missing"
                guest.document_label = doc.display_name if doc else False
            # adults: a valid document; minors: their guardian (a document of their own is optional)
            guest.registered = bool(guest.guardian_id) if guest.is_minor else guest.document_state == "valid"

    def _valid_documents(self):
        """{(partner id, property id): its latest active document there} in one
        query (sudo: the status, never the number, reaches the desk)."""
        partners = self.partner_id.ids
        if not partners:
            return {}
        docs = self.env["hotel.guest.document"].sudo().search(
            [("partner_id", "in", partners), ("property_id", "in", self.property_id.ids)],
            order="expiry_date desc nulls first, id desc")
        found = {}
        for doc in docs:
            key = (doc.partner_id.id, doc.property_id.id)
            if key not in found or (found[key].is_expired and not doc.is_expired):
                found[key] = doc
        return found

    @api.constrains("guardian_id", "reservation_id", "partner_id")
    def _check_guardian(self):
        """A guardian is another guest of the same room, and an adult."""
        for guest in self.filtered("guardian_id"):
            guardian = guest.guardian_id
            if guardian.reservation_id != guest.reservation_id or guardian == guest:
                raise ValidationError(self.env._(
                    "The guardian of %(guest)s must be another guest of the same room.", guest=guest.partner_id.name))
            if guardian.is_minor:
                raise ValidationError(self.env._(
                    "%(guardian)s is a minor and cannot be the guardian of %(guest)s.",
                    guardian=guardian.partner_id.name, guest=guest.partner_id.name))

    @api.constrains("birthdate")
    def _check_birthdate(self):
        today = fields.Date.context_today(self)
        for guest in self.filtered("birthdate"):
            if guest.birthdate > today or guest.birthdate < date(1900, 1, 1):
                raise ValidationError(self.env._(
                    "%(guest)s: the birth date %(date)s is not possible.", guest=guest.partner_id.name,
                    date=guest.birthdate))

    def _registration_problem(self):
        """What keeps this guest from being registered, as the desk reads it
        (False when registered)."""
        self.ensure_one()
        name = self.partner_id.name
        if self.is_minor:
            if self.guardian_id:
                return False
            return self.env._("%(guest)s is a minor: name their guardian (an adult of the room).", guest=name)
        if self.document_state == "expired":
            return self.env._("%(guest)s's ID document has expired: record a valid one.", guest=name)
        if self.document_state == "missing":
            return self.env._("%(guest)s has no ID document recorded at this property.", guest=name)
        return False

    def action_register_document(self):
        """Open the ID document form for this guest (the desk records, never reads)."""
        self.ensure_one()
        self.reservation_id._hotel_check_action_access("write")
        action = self.partner_id.action_register_hotel_document()
        action["context"]["default_property_id"] = self.property_id.id
        return action

    @api.model
    def _document_values(self, partner, prop, document_type, number, country, expiry=None):
        """Values of a document recorded for ``partner`` at ``prop`` from a
        pre-check-in form, checked like the desk's (the model's constraints)."""
        number = self.env["hotel.guest.document"]._normalize_number(number)
        if document_type not in dict(DOCUMENT_TYPES):
            raise ValidationError(self.env._("Choose the type of ID document."))
        if document_type == "id_card" and (not country or country.code == "CN") \
                and not is_valid_resident_id(number):
            raise ValidationError(self.env._(
                "%(number)s is not a valid Chinese resident identity card number.", number=mask_number(number)))
        return {
            "partner_id": partner.id, "property_id": prop.id, "document_type": document_type, "number": number,
            "issuing_country_id": country.id if country else False, "expiry_date": expiry or False,
        }
