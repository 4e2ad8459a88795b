import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.hotel_base.tools.groups import CONTACT_GROUPS, MONEY_GROUPS
from odoo.addons.hotel_base.tools.rules import workflow_write

_logger = logging.getLogger(__name__)

# A confirmation that failed to render this many times is given up (and said in the chatter).
CONFIRMATION_ATTEMPTS = 3

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
    _hotel_protected_fields = ("name", "balance_to_receivable", "confirmation_pending", "confirmation_attempts")

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
    confirmation_pending = fields.Boolean(
        readonly=True, copy=False,
        help="The booking's confirmation e-mail is queued: the mail job renders and sends it within moments.")
    confirmation_attempts = fields.Integer(readonly=True, copy=False)
    # contact data: the desk, marketing and finance, not housekeeping
    email = fields.Char(related="partner_id.email", groups=CONTACT_GROUPS)
    phone = fields.Char(related="partner_id.phone", groups=CONTACT_GROUPS)

    # the mail job reads the queue through this index: a handful of rows among every booking
    _confirmation_pending_idx = models.Index("(id) WHERE confirmation_pending")

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
        """Queue the confirmation e-mail to the booker: a flag written in the
        booking's own transaction, so it commits (or rolls back) with the
        booking, and the mail job is woken up for after the commit. The mail is
        rendered there, never on the booking's request: a crash between the
        commit and the rendering leaves the flag set, and the job (every few
        minutes anyway) sends it then."""
        folios = self.filtered("partner_id")
        if not folios:
            return
        with workflow_write():
            folios.write({"confirmation_pending": True, "confirmation_attempts": 0})
        self.env.ref("hotel_reservation.ir_cron_send_confirmations").sudo()._trigger()

    def _send_confirmation_now(self):
        """Confirmation e-mail to the booker, in their language, posted in the
        chatter and queued for the mail cron (never waiting on SMTP). A booking
        whose rooms were all cancelled meanwhile is not confirmed any more:
        nothing is sent."""
        template = self.env.ref("hotel_reservation.mail_template_folio_confirmed", raise_if_not_found=False)
        for folio in self.filtered("partner_id"):
            if not template or not folio.reservation_ids.filtered(
                    lambda r: r.state in ("confirmed", "checked_in")):
                continue
            if folio._note_unreachable(folio.partner_id, template):
                continue
            # the mail is from the person (or integration) who booked, not from the mail job
            author = folio.create_uid.partner_id or self.env.user.partner_id
            folio.with_context(lang=folio.partner_id.lang, mail_notify_force_send=False).message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", author_id=author.id)

    @api.model
    def _cron_send_confirmations(self, batch=500):
        """Send the queued confirmations, oldest first, each in its own
        transaction. Rows are taken with SKIP LOCKED (two runs never send one
        twice); a folio whose mail fails to render is retried by the next runs
        and given up after ``CONFIRMATION_ATTEMPTS``, with a note in its chatter."""
        Cron = self.env["ir.cron"]
        self.env.flush_all()
        ids = [row[0] for row in self.env.execute_query(SQL(
            "SELECT id FROM hotel_folio WHERE confirmation_pending ORDER BY id LIMIT %s", batch))]
        Cron._commit_progress(remaining=len(ids))
        for folio_id in ids:
            locked = self.env.execute_query(SQL(
                "SELECT id FROM hotel_folio WHERE id = %s AND confirmation_pending FOR UPDATE SKIP LOCKED", folio_id))
            if locked:
                self.sudo().browse(folio_id)._send_queued_confirmation()
            if not Cron._commit_progress(1):
                return

    def _send_queued_confirmation(self):
        """Send this folio's queued confirmation; an error counts as a failed
        attempt instead of stopping the queue."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._send_confirmation_now()
                with workflow_write():
                    self.confirmation_pending = False
            return True
        except Exception as exc:  # one bad mail must not block every booking's confirmation
            _logger.exception("confirmation of folio %s could not be sent", self.id)
            attempts = self.confirmation_attempts + 1
            with workflow_write():
                self.write({"confirmation_attempts": attempts,
                            "confirmation_pending": attempts < CONFIRMATION_ATTEMPTS})
            if attempts >= CONFIRMATION_ATTEMPTS:
                self.message_post(body=self.env._(
                    "The confirmation e-mail could not be sent (%(error)s): send it from the chatter.",
                    error=f"{type(exc).__name__}: {exc}"[:200]))
            return False
