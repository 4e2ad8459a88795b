import re
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

DOCUMENT_TYPES = [
    ("id_card", "Resident identity card (身份证)"),
    ("passport", "Passport"),
    ("home_return_permit", "Home-return permit (回乡证)"),
    ("taiwan_permit", "Taiwan compatriot permit (台胞证)"),
    ("driving_licence", "Driving licence"),
    ("other", "Other"),
]

_RIC_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def is_valid_resident_id(number):
    """Check a PRC resident identity card number (GB 11643): 17 digits, a valid
    birth date in positions 7-14 and an ISO 7064 MOD 11-2 check character."""
    if not re.fullmatch(r"\d{17}[\dX]", number or ""):
        return False
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if birth.year < 1880 or birth > date.today():
        return False
    check = (12 - sum(int(d) * w for d, w in zip(number[:17], _RIC_WEIGHTS, strict=True)) % 11) % 11
    return number[17] == ("X" if check == 10 else str(check))


def mask_number(number):
    """Show only the last four characters, as on receipts."""
    number = number or ""
    return ("*" * max(len(number) - 4, 0)) + number[-4:]


class HotelGuestDocument(models.Model):
    """An identity document of a guest, needed to register the stay.

    Sensitive data: only front-desk managers can read documents, those recorded
    at their own properties (record rule on ``property_id``: the guest profile is
    shared by the group, the documents are not); front-desk users may only
    create them (see ``hotel.guest.document.register``).
    Invariants: a document is not expired when recorded, and a guest has the
    same document (type, issuing country, number) once. Whether another guest
    holds that number is never answered to the desk: it would be an oracle on
    any document number.
    """

    _name = "hotel.guest.document"
    _description = "Guest ID Document"
    _inherit = ["hotel.property.mixin", "mail.thread"]
    _order = "partner_id, expiry_date desc, id desc"
    _rec_name = "number"

    partner_id = fields.Many2one(
        "res.partner", string="Guest", required=True, index=True, ondelete="cascade", tracking=True,
    )
    property_id = fields.Many2one(
        "hotel.property", required=True, index=True, default=lambda self: self.env.user.hotel_property_ids[:1],
        help="Where the document was recorded: its managers read it.")
    document_type = fields.Selection(DOCUMENT_TYPES, string="Type", required=True, default="id_card", tracking=True)
    number = fields.Char(required=True, tracking=True)
    issuing_country_id = fields.Many2one(
        "res.country", tracking=True,
        default=lambda self: self.env.ref("base.cn", raise_if_not_found=False),
    )
    issue_date = fields.Date()
    expiry_date = fields.Date(tracking=True, help="Leave empty for documents that never expire.")
    scan = fields.Binary(attachment=True, help="Scan or photo of the document.")
    scan_filename = fields.Char()
    note = fields.Char()
    active = fields.Boolean(default=True)
    is_expired = fields.Boolean(compute="_compute_is_expired", string="Expired")

    _number_uniq = models.UniqueIndex(
        "(partner_id, document_type, COALESCE(issuing_country_id, 0), number) WHERE active",
        "This guest already has this ID document on file.",
    )

    @api.depends("expiry_date")
    def _compute_is_expired(self):
        today = fields.Date.context_today(self)
        for doc in self:
            doc.is_expired = bool(doc.expiry_date and doc.expiry_date < today)

    @api.depends("document_type", "number")
    def _compute_display_name(self):
        labels = dict(self._fields["document_type"]._description_selection(self.env))
        for doc in self:
            doc.display_name = f"{labels.get(doc.document_type, '')} {doc._masked_number()}".strip()

    def _masked_number(self):
        return mask_number(self.number)

    @api.model
    def _normalize_number(self, number):
        return "".join((number or "").split()).upper()

    @api.constrains("expiry_date", "issue_date")
    def _check_dates(self):
        """A document must be valid when it is recorded or its dates changed."""
        today = fields.Date.context_today(self)
        for doc in self:
            if doc.expiry_date and doc.expiry_date < today:
                raise ValidationError(self.env._(
                    "The %(type)s of %(guest)s expired on %(date)s: ask the guest for a valid document.",
                    type=dict(self._fields["document_type"]._description_selection(self.env))[doc.document_type],
                    guest=doc.partner_id.name, date=doc.expiry_date))
            if doc.issue_date and doc.issue_date > today:
                raise ValidationError(self.env._("A document cannot be issued in the future."))

    @api.constrains("document_type", "number", "issuing_country_id")
    def _check_number(self):
        """A 身份证 number has a valid birth date and check character."""
        for doc in self:
            if not doc.number:
                raise ValidationError(self.env._("The document number is required."))
            if doc.document_type == "id_card" and doc.issuing_country_id.code in (False, "CN") \
                    and not is_valid_resident_id(doc.number):
                raise ValidationError(self.env._(
                    "%(number)s is not a valid Chinese resident identity card number (18 characters, "
                    "last one a check digit).", number=doc.number))

    def _check_not_recorded(self, vals_list):
        """One active record per guest and document (type, issuing country,
        number). Only the guest's own documents are looked at (no oracle on other
        guests' numbers). Runs before writing so the desk gets a clear message;
        the unique index is the guard. sudo: front-desk users create documents
        they may not read."""
        Document = self.sudo()
        seen = set()
        for doc, vals in vals_list:
            if not vals.get("active", doc.active if doc else True):
                continue
            key = (
                vals.get("partner_id", doc.partner_id.id),
                vals.get("document_type", doc.document_type),
                vals.get("issuing_country_id", doc.issuing_country_id.id) or False,
                vals.get("number", doc.number),
            )
            if key in seen or Document.search_count([
                ("id", "not in", doc.ids), ("partner_id", "=", key[0]), ("document_type", "=", key[1]),
                ("issuing_country_id", "=", key[2]), ("number", "=", key[3]),
            ], limit=1):
                raise ValidationError(self.env._(
                    "This guest already has this document (%(number)s) on file.", number=mask_number(key[3])))
            seen.add(key)

    @api.model_create_multi
    def create(self, vals_list):
        self._hotel_check_client_input(vals_list)
        for vals in vals_list:
            if "number" in vals:
                vals["number"] = self._normalize_number(vals["number"])
            for key, value in self.default_get(["document_type", "issuing_country_id"]).items():
                vals.setdefault(key, value)
        self._check_not_recorded([(self.browse(), vals) for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        self._hotel_check_client_input([vals])
        if "number" in vals:
            vals["number"] = self._normalize_number(vals["number"])
        if {"number", "document_type", "issuing_country_id", "active"} & vals.keys():
            self._check_not_recorded([(doc, vals) for doc in self])
        return super().write(vals)
