from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval


class HotelSegment(models.Model):
    """A named, saved audience: a domain over guest metrics (and, through the
    guest, over the profile: preferences, consent, birthday).

    Invariants: the domain is valid on ``hotel.guest.metric`` (checked when
    saved); the audience is read at use time, so a segment always holds the
    guests who match today; a segment of a property only holds that
    property's guests.
    """

    _name = "hotel.segment"
    _description = "Guest Segment"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    property_id = fields.Many2one("hotel.property", index=True, tracking=True,
                                  default=lambda self: self.env.user.hotel_property_ids[:1],
                                  help="Empty (administrators): a segment shared by every property; a campaign "
                                       "or journey reads it at its own property.")
    domain = fields.Char(string="Guests matching", default="[]", required=True, tracking=True)
    guest_count = fields.Integer(compute="_compute_counts", string="Guests")
    email_count = fields.Integer(compute="_compute_counts", string="Reachable by E-mail",
                                 help="Guests with an e-mail address and e-mail marketing consent.")
    sms_count = fields.Integer(compute="_compute_counts", string="Reachable by SMS",
                               help="Guests with a phone number and SMS marketing consent.")
    mailing_ids = fields.One2many("mailing.mailing", "hotel_segment_id", string="Campaigns")
    mailing_count = fields.Integer(compute="_compute_mailing_count", string="Campaign Count")

    @api.constrains("domain")
    def _check_domain(self):
        for segment in self:
            try:
                self.env["hotel.guest.metric"].search_count(segment._metric_domain(), limit=1)
            except Exception as exc:  # any parse or field error means a bad filter
                raise ValidationError(self.env._("The filter of segment “%(name)s” is not valid: %(error)s",
                                        name=segment.name, error=exc)) from exc

    def _metric_domain(self):
        """The segment's domain over ``hotel.guest.metric``, property included."""
        self.ensure_one()
        domain = Domain(safe_eval(self.domain or "[]"))
        if self.property_id:
            domain &= Domain("property_id", "=", self.property_id.id)
        return domain

    def _partner_domain(self):
        """The segment's audience as a domain over guests (``res.partner``),
        what an Odoo mailing targets."""
        self.ensure_one()
        return Domain("hotel_metric_ids", "any", self._metric_domain())

    @api.depends("domain", "property_id")
    def _compute_counts(self):
        Partner = self.env["res.partner"]
        blacklisted_numbers = self.env["phone.blacklist"].sudo().search([("active", "=", True)]).mapped("number")
        for segment in self:
            if not segment.id:
                segment.guest_count = segment.email_count = segment.sms_count = 0
                continue
            audience = segment._partner_domain()
            segment.guest_count = Partner.search_count(audience)
            segment.email_count = Partner.search_count(
                audience & Domain("consent_email", "=", True) & Domain("email", "!=", False)
                & Domain("is_blacklisted", "=", False))
            segment.sms_count = Partner.search_count(
                audience & Domain("consent_sms", "=", True) & Domain("phone_sanitized", "!=", False)
                & Domain("phone_sanitized", "not in", blacklisted_numbers))

    def _compute_mailing_count(self):
        counts = dict(self.env["mailing.mailing"]._read_group(
            [("hotel_segment_id", "in", self.ids)], ["hotel_segment_id"], ["__count"]))
        for segment in self:
            segment.mailing_count = counts.get(segment, 0)

    def action_view_guests(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "hotel.guest.metric",
            "view_mode": "list,pivot,graph,form",
            "domain": list(self._metric_domain()),
        }

    def _default_mail_body(self):
        """A plain starting point for a campaign to guests (the mailing
        editor's layout classes, so it opens in the editor, not the theme
        picker), with the booking link that carries the credit."""
        return Markup(
            '<div class="o_layout oe_unremovable oe_unmovable bg-200 o_empty_theme" data-name="Mailing">'
            '<div class="container o_mail_wrapper o_mail_regular oe_unremovable"><div class="row">'
            '<div class="col o_mail_no_options o_mail_wrapper_td bg-white oe_structure o_editable w-100">'
            '<p>%(dear)s <t t-out="object.name"/>,</p><p>%(body)s</p>'
            '<p><a href="/my/membership" class="btn btn-primary">%(book)s</a></p>'
            '</div></div></div></div>') % {
            "dear": self.env._("Dear"), "body": self.env._("We have something for you."),
            "book": self.env._("Book your stay"),
        }

    def _action_new_mailing(self, mailing_type):
        self.ensure_one()
        prop = self.property_id or self.env["hotel.property"].search([], limit=1)
        body = self._default_mail_body() if mailing_type == "mail" else False
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Campaign"),
            "res_model": "mailing.mailing",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_mailing_type": mailing_type,
                "default_mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "default_hotel_segment_id": self.id,
                "default_hotel_property_id": prop.id,
                "default_subject": self.name if mailing_type == "mail" else False,
                "default_body_arch": body,
                "default_body_html": body,
            },
        }

    def action_new_email(self):
        return self._action_new_mailing("mail")

    def action_new_sms(self):
        return self._action_new_mailing("sms")

    def action_view_mailings(self):
        self.ensure_one()
        self.check_access("read")  # the action names the record: only for those who may read it
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_crm_campaigns.action_hotel_campaign")
        action["domain"] = [("hotel_segment_id", "=", self.id)]
        action["context"] = {"default_hotel_segment_id": self.id}
        return action
