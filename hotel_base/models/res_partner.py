from odoo import api, fields, models
from odoo.exceptions import ValidationError

CONSENT_SOURCES = [
    ("front_desk", "Front desk"),
    ("booking", "Booking form"),
    ("portal", "Guest portal"),
    ("registration_card", "Registration card"),
    ("import", "Import"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    """Guest profile (客户档案) on contacts.

    Invariants: a birthdate is never in the future; marketing consent per
    channel carries the date and source it was given (kept when withdrawn, to
    prove when it was); ID documents are visible only to front-desk managers.
    """

    _inherit = "res.partner"

    is_hotel_guest = fields.Boolean(string="Hotel Guest", index=True, help="Shown in the Hotel app's guest list.")
    guest_birthdate = fields.Date(string="Birthday")
    guest_gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")], string="Gender",
    )
    nationality_id = fields.Many2one("res.country")
    guest_type = fields.Selection(
        [("business", "Business"), ("leisure", "Leisure"), ("family", "Family"), ("group", "Group")],
        index=True,
    )
    guest_note = fields.Text(string="Notes for Staff", help="Visible to hotel staff; never shown to the guest.")
    consent_email = fields.Boolean(string="E-mail Marketing", tracking=True)
    consent_email_date = fields.Datetime(string="E-mail Consent Changed", readonly=True)
    consent_email_source = fields.Selection(CONSENT_SOURCES, string="E-mail Consent Source")
    consent_sms = fields.Boolean(string="SMS Marketing", tracking=True)
    consent_sms_date = fields.Datetime(string="SMS Consent Changed", readonly=True)
    consent_sms_source = fields.Selection(CONSENT_SOURCES, string="SMS Consent Source")
    hotel_preference_ids = fields.One2many("hotel.guest.preference", "partner_id", string="Preferences")
    hotel_document_ids = fields.One2many(
        "hotel.guest.document", "partner_id", string="ID Documents",
        groups="hotel_base.group_hotel_frontdesk_manager",
    )
    hotel_document_count = fields.Integer(
        compute="_compute_hotel_document_count", string="Documents on File",
        help="Number of valid ID documents recorded (numbers visible to front-desk managers only).",
    )

    def _compute_hotel_document_count(self):
        # sudo: staff may know a document is on file without reading it.
        today = fields.Date.context_today(self)
        counts = dict(self.env["hotel.guest.document"].sudo()._read_group(
            [("partner_id", "in", self.ids), "|", ("expiry_date", "=", False), ("expiry_date", ">=", today)],
            ["partner_id"], ["__count"]))
        for partner in self:
            partner.hotel_document_count = counts.get(partner.sudo(), 0)

    @api.constrains("guest_birthdate")
    def _check_guest_birthdate(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.guest_birthdate and partner.guest_birthdate > today:
                raise ValidationError(self.env._(
                    "The birthday of %(name)s (%(date)s) is in the future.",
                    name=partner.name, date=partner.guest_birthdate))
            if partner.guest_birthdate and partner.guest_birthdate.year < 1900:
                raise ValidationError(self.env._(
                    "The birthday of %(name)s (%(date)s) is before 1900.",
                    name=partner.name, date=partner.guest_birthdate))

    @api.model
    def _hotel_lang_of_country(self, country):
        """Installed language of ``country`` (xx_CC for country code CC:
        zh_CN for China, de_DE for Germany...); English for a country whose
        language is not installed (an international guest); False without
        a country."""
        if not country:
            return False
        installed = [code for code, _name in self.env["res.lang"].get_installed()]
        suffix = f"_{country.code}"
        return next((code for code in installed if code.endswith(suffix)),
                    "en_US" if "en_US" in installed else False)

    @api.model_create_multi
    def create(self, vals_list):
        """A guest created without a language speaks the language of their
        nationality (or country): its own when installed, else English.
        Without either, the default of the context applies (at the desk: the
        property's guest language)."""
        Country = self.env["res.country"]
        for vals in vals_list:
            if "lang" not in vals and vals.get("is_hotel_guest", self.env.context.get("default_is_hotel_guest")):
                lang = self._hotel_lang_of_country(Country.browse(vals.get("nationality_id") or vals.get("country_id")))
                if lang:
                    vals["lang"] = lang
            for channel in ("email", "sms"):
                if vals.get(f"consent_{channel}"):
                    vals.setdefault(f"consent_{channel}_date", fields.Datetime.now())
        return super().create(vals_list)

    def write(self, vals):
        changed = {
            channel for channel in ("email", "sms")
            if f"consent_{channel}" in vals
            and any(p[f"consent_{channel}"] != bool(vals[f"consent_{channel}"]) for p in self)
        }
        if changed:
            vals = dict(vals)
            for channel in changed:
                vals.setdefault(f"consent_{channel}_date", fields.Datetime.now())
        return super().write(vals)

    def action_register_hotel_document(self):
        """Open the registration wizard: front-desk users record documents they cannot read back."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register ID Document"),
            "res_model": "hotel.guest.document.register",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    def action_view_hotel_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_base.action_hotel_guest_document")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
