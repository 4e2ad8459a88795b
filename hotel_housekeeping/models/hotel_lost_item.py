from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hotel_base.tools.rules import workflow_method

ITEM_STATES = [("unclaimed", "Unclaimed"), ("claimed", "Returned to Owner"), ("disposed", "Disposed")]
CATEGORIES = [
    ("valuables", "Valuables"),
    ("documents", "Documents"),
    ("electronics", "Electronics"),
    ("clothing", "Clothing"),
    ("other", "Other"),
]
SUPERVISOR = "hotel_housekeeping.group_hotel_housekeeping_supervisor"


class HotelLostItem(models.Model):
    """Lost and found (失物招领): an item found at the property, where it is
    kept, and what became of it.

    Invariants: an item is kept at least its retention period (per property,
    longer for valuables and documents) before it may be disposed of; it
    leaves storage once (returned to its owner, who is named, or disposed of),
    through the actions only; the staying guest of the room is proposed as
    the owner."""

    _name = "hotel.lost.item"
    _description = "Lost and Found Item"
    _inherit = ["hotel.property.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "state_rank, found_at desc, id desc"
    _rec_name = "reference"
    _hotel_property_fields = ("room_id", "reservation_id", "task_id")
    _hotel_protected_fields = ("reference", "state", "claimed_at", "disposed_at", "reminded")
    _check_company_auto = True

    reference = fields.Char(readonly=True, copy=False, default="/", help="Write it on the item's tag.")
    name = fields.Char(string="Description", required=True, tracking=True)
    category = fields.Selection(CATEGORIES, required=True, default="other", tracking=True)
    property_id = fields.Many2one("hotel.property", required=True, index=True, tracking=True,
                                  compute="_compute_property_id", store=True, readonly=False, precompute=True)
    company_id = fields.Many2one(related="property_id.company_id", store=True)
    room_id = fields.Many2one("hotel.room", string="Found in Room", index="btree_not_null", tracking=True)
    location = fields.Char(string="Found at", help="Where it was found, when not in a room (lobby, restaurant...).")
    found_at = fields.Datetime(default=fields.Datetime.now, required=True)
    found_by_id = fields.Many2one("res.users", string="Found by", default=lambda self: self.env.user, required=True)
    task_id = fields.Many2one("hotel.housekeeping.task", string="During Task", index="btree_not_null",
                              ondelete="set null")
    reservation_id = fields.Many2one("hotel.reservation", string="Stay", index="btree_not_null",
                                     compute="_compute_reservation_id", store=True, readonly=False, precompute=True)
    partner_id = fields.Many2one("res.partner", string="Owner", compute="_compute_partner_id", store=True,
                                 readonly=False, precompute=True, tracking=True)
    storage_location = fields.Char(string="Stored at", required=True, tracking=True,
                                   help="e.g. Front desk safe, shelf B3.")
    state = fields.Selection(ITEM_STATES, string="Status", default="unclaimed", required=True, index=True,
                             tracking=True)
    state_rank = fields.Integer(compute="_compute_state_rank", store=True)
    keep_until = fields.Date(compute="_compute_keep_until", store=True,
                             help="End of the retention period: it may be disposed of from the next day.")
    claimed_by = fields.Char(string="Collected by", tracking=True, help="Name of the person who took it back.")
    claimed_at = fields.Datetime(readonly=True)
    disposed_at = fields.Datetime(readonly=True)
    disposal_note = fields.Char(string="Disposal", help="How it was disposed of (donated, destroyed...).")
    reminded = fields.Boolean(readonly=True, copy=False)
    note = fields.Text()

    @api.depends("room_id")
    def _compute_property_id(self):
        for item in self:
            if item.room_id:
                item.property_id = item.room_id.property_id
            elif not item.property_id:
                item.property_id = self.env.user.hotel_property_ids[:1]

    @api.depends("room_id", "found_at", "task_id")
    def _compute_reservation_id(self):
        """The stay of the task during which the item was found; else the
        stay that had the room on the day it was found (local date), the
        one that left that day first; else the last guest to leave it."""
        Reservation = self.env["hotel.reservation"].sudo()
        for item in self:
            if item.reservation_id or not item.room_id:
                continue
            if item.task_id.sudo().reservation_id:
                item.reservation_id = item.task_id.sudo().reservation_id
                continue
            prop = item.room_id.property_id
            day = prop._from_utc(item.found_at).date() if item.found_at else prop._local_today()
            stays = [("room_id", "=", item.room_id.id), ("state", "in", ("checked_in", "checked_out")),
                     ("arrival_date", "<=", day)]
            item.reservation_id = Reservation.search(stays + [("departure_date", ">=", day)],
                                                     order="departure_date, id", limit=1) \
                or Reservation.search(stays, order="departure_date desc, id desc", limit=1)

    @api.depends("reservation_id")
    def _compute_partner_id(self):
        for item in self:
            if item.reservation_id and not item.partner_id:
                item.partner_id = item.reservation_id.partner_id

    @api.depends("state")
    def _compute_state_rank(self):
        for item in self:
            item.state_rank = 0 if item.state == "unclaimed" else 1

    @api.depends("found_at", "category", "property_id.hk_lost_found_days", "property_id.hk_lost_valuables_days")
    def _compute_keep_until(self):
        for item in self:
            prop = item.property_id
            days = prop.hk_lost_valuables_days if item.category in ("valuables", "documents") \
                else prop.hk_lost_found_days
            found = prop._from_utc(item.found_at).date() if prop and item.found_at \
                else fields.Date.context_today(item)
            item.keep_until = found + timedelta(days=days)

    @api.model_create_multi
    def create(self, vals_list):
        self._hotel_check_client_input(vals_list)
        items = super().create(vals_list)
        items._set_reference()
        return items

    @workflow_method
    def _set_reference(self):
        Sequence = self.env["ir.sequence"].sudo()
        for item in self:
            item.reference = Sequence.next_by_code("hotel.lost.item") or "/"

    def _check_in_storage(self):
        """Items leave storage once, by a user who may change them."""
        self._hotel_check_action_access("write")
        for item in self:
            if item.state != "unclaimed":
                raise UserError(self.env._("%(item)s has already left storage.", item=item.display_name))

    @workflow_method
    def action_return(self):
        """Handed back to its owner (or whoever they sent): who took it is written down."""
        self._check_in_storage()
        for item in self:
            if not item.claimed_by:
                raise UserError(self.env._("Write who collects %(item)s before handing it over.",
                                           item=item.display_name))
        self.write({"state": "claimed", "claimed_at": fields.Datetime.now()})
        return True

    @workflow_method
    def action_dispose(self):
        """Disposed of after the retention period (donated, destroyed...)."""
        self._check_in_storage()
        for item in self:
            today = item.property_id._local_today()
            if today <= item.keep_until:
                raise UserError(self.env._(
                    "%(item)s must be kept until %(date)s: the owner may still claim it.",
                    item=item.display_name, date=item.keep_until))
        self.write({"state": "disposed", "disposed_at": fields.Datetime.now()})
        return True

    def action_notify_owner(self):
        """Write to the owner that their item was found (mail composer with
        the template, the owner as recipient)."""
        self.ensure_one()
        self._hotel_check_action_access("read")
        if not self.partner_id:
            raise UserError(self.env._("Set the owner of %(item)s first.", item=self.display_name))
        template = self.env.ref("hotel_housekeeping.mail_template_lost_item_found", raise_if_not_found=False)
        return {
            "type": "ir.actions.act_window", "res_model": "mail.compose.message", "view_mode": "form",
            "target": "new",
            "context": {"default_model": self._name, "default_res_ids": self.ids,
                        "default_template_id": template.id if template else False,
                        "default_composition_mode": "comment", "default_partner_ids": self.partner_id.ids},
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unclaimed(self):
        if any(item.state != "unclaimed" for item in self):
            raise UserError(self.env._("Items returned or disposed of are kept as a record."))

    @api.model
    def _remind_due(self, prop):
        """Unclaimed items of ``prop`` past their retention: a to-do for the
        property's housekeeping supervisors to dispose of them, once."""
        due = self.sudo().search([("property_id", "=", prop.id), ("state", "=", "unclaimed"),
                                  ("keep_until", "<", prop._local_today()), ("reminded", "=", False)])
        supervisors = self.env["hotel.housekeeping.task"]._housekeepers(prop).filtered(
            lambda u: u.has_group(SUPERVISOR))
        for item in due:
            for user in supervisors:
                item.activity_schedule("mail.mail_activity_data_todo", user_id=user.id, summary=self.env._(
                    "Unclaimed since %(date)s: dispose of %(item)s", date=item.keep_until, item=item.name))
        due.with_context(tracking_disable=True)._mark_reminded()
        return due

    @workflow_method
    def _mark_reminded(self):
        self.write({"reminded": True})
