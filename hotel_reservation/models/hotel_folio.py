from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hotel_base.tools.groups import CONTACT_GROUPS, MONEY_GROUPS
from odoo.addons.hotel_base.tools.rules import workflow_write

FOLIO_STATES = [
    ("draft", "Quotation"),
    ("confirmed", "Confirmed"),
    ("in_house", "In House"),
    ("done", "Checked Out"),
    ("cancelled", "Cancelled"),
]


class HotelFolio(models.Model):
    """A booking (预订) and the guest account (客账) of one or more rooms.

    Holds the booking reference, the booker, the channel (utm source/medium),
    the rate plan and the reservations; its state follows them.
    """

    _name = "hotel.folio"
    _description = "Hotel Folio"
    _inherit = ["hotel.property.mixin", "mail.thread", "mail.activity.mixin", "utm.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _hotel_protected_fields = ("name", "balance_to_receivable")

    name = fields.Char(string="Booking Reference", readonly=True, copy=False, default="/", index="trigram")
    partner_id = fields.Many2one("res.partner", string="Booker", required=True, index=True, tracking=True)
    property_id = fields.Many2one(
        "hotel.property", required=True, index=True, tracking=True,
        default=lambda self: self.env.user.hotel_property_ids[:1],
    )
    company_id = fields.Many2one(related="property_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    pricelist_id = fields.Many2one(
        "product.pricelist", string="Rate Plan", tracking=True,
        compute="_compute_pricelist_id", store=True, readonly=False, precompute=True,
    )
    reservation_ids = fields.One2many("hotel.reservation", "folio_id", string="Rooms")
    reservation_count = fields.Integer(compute="_compute_reservation_count", string="Room Count")
    state = fields.Selection(FOLIO_STATES, compute="_compute_state", store=True, index=True, tracking=True)
    arrival_date = fields.Date(compute="_compute_dates", store=True)
    departure_date = fields.Date(compute="_compute_dates", store=True)
    amount_room = fields.Monetary(
        compute="_compute_amounts", string="Room Total", store=True,
        groups=MONEY_GROUPS)
    note = fields.Html(string="Internal Notes")
    property_lang = fields.Selection(related="property_id.lang")
    mail_extra_html = fields.Html(
        compute="_compute_mail_extra_html", sanitize=False,
        help="Sections other addons add to the guest's mails (hotel_loyalty: the member's tier and points).")
    # contact data: the desk, marketing and finance, not housekeeping
    email = fields.Char(related="partner_id.email", groups=CONTACT_GROUPS)
    phone = fields.Char(related="partner_id.phone", groups=CONTACT_GROUPS)

    @api.depends("property_id")
    def _compute_pricelist_id(self):
        for folio in self:
            if not folio.pricelist_id:
                folio.pricelist_id = folio.property_id.pricelist_id

    @api.depends("reservation_ids.state")
    def _compute_state(self):
        """Quotation until a room is confirmed; in house while a guest stays;
        checked out when every room is over; cancelled when none was used."""
        for folio in self:
            states = set(folio.reservation_ids.mapped("state"))
            if not states or states == {"draft"}:
                folio.state = "draft"
            elif "checked_in" in states:
                folio.state = "in_house"
            elif "confirmed" in states or "draft" in states:
                folio.state = "confirmed"
            elif "checked_out" in states:
                folio.state = "done"
            else:
                folio.state = "cancelled"

    @api.depends("reservation_ids.arrival_date", "reservation_ids.departure_date", "reservation_ids.state")
    def _compute_dates(self):
        for folio in self:
            stays = folio.reservation_ids.filtered(lambda r: r.state not in ("cancelled", "no_show")) \
                or folio.reservation_ids
            folio.arrival_date = min(stays.mapped("arrival_date"), default=False)
            folio.departure_date = max(stays.mapped("departure_date"), default=False)

    @api.depends("reservation_ids.amount_total", "reservation_ids.state")
    def _compute_amounts(self):
        for folio in self:
            live = folio.reservation_ids.filtered(lambda r: r.state not in ("cancelled", "no_show"))
            folio.amount_room = sum(live.mapped("amount_total"))

    def _compute_mail_extra_html(self):
        self.mail_extra_html = False

    def _compute_reservation_count(self):
        for folio in self:
            folio.reservation_count = len(folio.reservation_ids)

    @api.model_create_multi
    def create(self, vals_list):
        self._hotel_check_new_vals(vals_list)  # the reference comes from the sequence, not the client
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                prop = self.env["hotel.property"].browse(
                    vals.get("property_id") or self.env.user.hotel_property_ids[:1].id)
                number = self.env["ir.sequence"].sudo().next_by_code("hotel.folio") or "/"
                vals["name"] = f"{prop.code}-{number}" if prop else number
        with workflow_write():
            return super().create(vals_list)

    def write(self, vals):
        self._hotel_check_client_input([vals])
        if "property_id" in vals and self.reservation_ids:
            raise UserError(self.env._("A folio with rooms cannot move to another property."))
        return super().write(vals)

    @api.model
    def _wizard_action(self, res_model, name, context):
        """Window action opening a wizard in a dialog."""
        return {"type": "ir.actions.act_window", "name": name, "res_model": res_model,
                "view_mode": "form", "target": "new", "context": context}

    def action_confirm(self):
        self.reservation_ids.filtered(lambda r: r.state == "draft").action_confirm()
        return True

    def action_open_cancel_wizard(self):
        return self.reservation_ids.filtered(lambda r: r.state in ("draft", "confirmed")).action_open_cancel_wizard()

    def _note_unreachable(self, partner, template, record=None):
        """When ``partner`` has no e-mail address, say so in the chatter of
        ``record`` (default: the folio) instead of "sending" ``template``
        into the void. Returns True when the mail cannot be sent."""
        if partner.email:
            return False
        (record or self).message_post(body=self.env._(
            "%(mail)s was not sent: %(guest)s has no e-mail address. Add one on the guest and send it again, "
            "or give the guest the details in person.", mail=template.name, guest=partner.display_name))
        return True

    def _send_confirmation(self):
        """Confirmation e-mail to the booker, in their language, posted in the
        chatter and queued for the mail cron (a booking never waits on SMTP)."""
        template = self.env.ref("hotel_reservation.mail_template_folio_confirmed", raise_if_not_found=False)
        for folio in self.filtered("partner_id"):
            if template and not folio._note_unreachable(folio.partner_id, template):
                folio.with_context(lang=folio.partner_id.lang, mail_notify_force_send=False).message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment")
