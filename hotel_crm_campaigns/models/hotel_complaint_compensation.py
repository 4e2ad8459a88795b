import math

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hotel_base.tools.rules import in_workflow_write, workflow_method

from .hotel_complaint import ACTIVITY_APPROVAL
from .hotel_complaint import HotelComplaint as HotelComplaintBase

COMPENSATION_INPUT = ("compensation_type", "compensation_points", "compensation_program_id", "compensation_amount")


class HotelComplaint(models.Model):
    """Compensation of a complaint, recorded on the case and executed by the
    system: loyalty points on the guest's member card, a coupon of a coupon
    programme, or a credit note on the stay's folio.

    Invariants: the value (the credit note's amount; the points at the
    programme's point value; the coupon's fixed reward, or the amount entered
    when higher) must be within the user's limit (desk, then manager, per
    property; hotel administrators have none), else it waits for approval by
    someone whose limit covers it; a value that cannot be known (points worth
    0, a coupon whose reward is not a fixed amount) needs an administrator. A
    compensation is executed once (state ``done``), its terms frozen once
    asked for, and its points, coupon or credit note linked to the case."""

    _inherit = "hotel.complaint"
    _hotel_protected_fields = (*HotelComplaintBase._hotel_protected_fields, "compensation_state",
                               "compensation_requested_uid", "compensation_approved_uid", "compensation_done_at",
                               "compensation_card_id", "compensation_move_id")

    compensation_type = fields.Selection(
        [("none", "None"), ("points", "Loyalty Points"), ("coupon", "Coupon"), ("credit", "Credit Note")],
        default="none", required=True, tracking=True)
    compensation_points = fields.Integer(string="Points", tracking=True)
    compensation_program_id = fields.Many2one(
        "loyalty.program", string="Coupon Programme", tracking=True,
        domain="[('program_type', '=', 'coupons'), ('company_id', 'in', [company_id, False])]")
    compensation_amount = fields.Monetary(string="Amount", tracking=True,
                                          help="The credit note's amount, or the coupon's face value.")
    compensation_value = fields.Monetary(compute="_compute_compensation_value", string="Value",
                                         help="What the compensation is worth: the amount, or the points at "
                                              "the loyalty programme's point value.")
    compensation_reason = fields.Char(string="Compensation Note")
    compensation_state = fields.Selection(
        [("draft", "To Grant"), ("to_approve", "Waiting Approval"), ("done", "Granted")],
        default="draft", required=True, readonly=True, copy=False, tracking=True)
    compensation_requested_uid = fields.Many2one("res.users", string="Requested by", readonly=True, copy=False)
    compensation_approved_uid = fields.Many2one("res.users", string="Granted by", readonly=True, copy=False)
    compensation_done_at = fields.Datetime(string="Granted on", readonly=True, copy=False)
    compensation_card_id = fields.Many2one("loyalty.card", string="Card or Coupon", readonly=True, copy=False)
    compensation_move_id = fields.Many2one("account.move", string="Credit Note", readonly=True, copy=False)

    _compensation_positive = models.Constraint(
        "CHECK(COALESCE(compensation_points, 0) >= 0 AND COALESCE(compensation_amount, 0) >= 0)",
        "Compensation cannot be negative.")

    @api.depends("compensation_type", "compensation_points", "compensation_amount", "compensation_program_id",
                 "partner_id", "company_id")
    def _compute_compensation_value(self):
        for complaint in self:
            value = complaint._compensation_worth()
            complaint.compensation_value = 0.0 if value == math.inf else value

    def _compensation_worth(self):
        """What the compensation is worth, ``inf`` when it cannot be known."""
        self.ensure_one()
        kind = self.compensation_type
        if kind == "points":
            card = self.partner_id.sudo()._hotel_card(self.company_id) if self.partner_id else None
            point_value = card.program_id.hotel_point_value if card else 0.0
            return self.compensation_points * point_value if point_value else math.inf
        if kind == "coupon":
            rewards = self.compensation_program_id.sudo().reward_ids
            fixed = [r.discount for r in rewards if r.reward_type == "discount" and r.discount_mode == "per_order"]
            if not rewards or len(fixed) != len(rewards):
                return math.inf
            return max([self.compensation_amount, *fixed])
        if kind == "credit":
            return self.compensation_amount
        return 0.0

    def write(self, vals):
        if not in_workflow_write() and set(COMPENSATION_INPUT) & vals.keys() \
                and any(c.compensation_state != "draft" for c in self):
            raise UserError(self.env._("A compensation asked for or granted cannot be changed."))
        return super().write(vals)

    def _compensation_limit(self, user):
        """The value ``user`` may grant at this case's property."""
        self.ensure_one()
        if user.has_group("hotel_base.group_hotel_admin"):
            return math.inf
        if user.has_group("hotel_base.group_hotel_frontdesk_manager"):
            return self.property_id.compensation_limit_manager
        if user.has_group("hotel_base.group_hotel_frontdesk_user"):
            return self.property_id.compensation_limit_desk
        return 0.0

    def _check_compensation(self, approving=False):
        self.ensure_one()
        kind = self.compensation_type
        if self.compensation_state == "done":
            raise UserError(self.env._("The compensation of %(ref)s was already granted.", ref=self.name))
        if self.compensation_state == "to_approve" and not approving:
            raise UserError(self.env._("The compensation of %(ref)s waits for approval.", ref=self.name))
        if kind == "none":
            raise UserError(self.env._("Choose the compensation of %(ref)s first.", ref=self.name))
        if not self.partner_id:
            raise UserError(self.env._("Complaint %(ref)s has no guest to compensate.", ref=self.name))
        if kind == "points":
            if self.compensation_points <= 0:
                raise UserError(self.env._("Give the number of points (more than 0)."))
            if not self.partner_id.sudo()._hotel_card(self.company_id):
                raise UserError(self.env._(
                    "%(guest)s is not a member: enrol the guest first, or choose another compensation.",
                    guest=self.partner_id.name))
        elif kind == "coupon":
            program = self.compensation_program_id.sudo()
            if not program:
                raise UserError(self.env._("Choose the coupon programme."))
            if program.program_type != "coupons" or program.company_id not in (self.company_id, program.browse()):
                raise UserError(self.env._("%(program)s is not a coupon programme of %(company)s.",
                                           program=program.name, company=self.company_id.name))
            if self.compensation_amount <= 0:
                raise UserError(self.env._("Give the coupon's value (more than 0)."))
        elif kind == "credit":
            if self.compensation_amount <= 0:
                raise UserError(self.env._("Give the amount of the credit note (more than 0)."))
            if not self.folio_id:
                raise UserError(self.env._("A credit note needs the stay (and its folio) on the case."))

    @workflow_method
    def action_compensate(self):
        """Grant the compensation when it is within the user's limit, else ask
        for approval (an activity for those who may approve)."""
        self._check_open()
        for complaint in self:
            complaint._check_compensation()
            worth = complaint._compensation_worth()
            if worth <= complaint._compensation_limit(self.env.user):
                complaint._execute_compensation()
                continue
            complaint.write({"compensation_state": "to_approve", "compensation_requested_uid": self.env.uid})
            approvers = complaint.property_id._complaint_managers().filtered(
                lambda user, c=complaint, w=worth: c._compensation_limit(user) >= w)
            if not approvers:
                approvers = self.env.ref("hotel_base.group_hotel_admin").sudo().all_user_ids.filtered(
                    lambda user: user.active and not user.share and not user._is_superuser())[:1]
            value = complaint.currency_id.format(worth) if worth != math.inf else self.env._("an unknown value")
            for approver in approvers:
                complaint.activity_schedule(
                    ACTIVITY_APPROVAL, user_id=approver.id, summary=self.env._("Approve compensation"),
                    note=self.env._("%(value)s for %(ref)s, above the limit of %(user)s.",
                                    value=value, ref=complaint.name, user=self.env.user.name))
        return True

    @workflow_method
    def action_approve_compensation(self):
        self._check_open()
        for complaint in self:
            if complaint.compensation_state != "to_approve":
                raise UserError(self.env._("No compensation of %(ref)s waits for approval.", ref=complaint.name))
            worth = complaint._compensation_worth()
            if worth > complaint._compensation_limit(self.env.user):
                raise AccessError(self.env._(
                    "%(value)s is above what you may grant at %(property)s.",
                    value=complaint.currency_id.format(worth) if worth != math.inf else self.env._("This compensation"),
                    property=complaint.property_id.name))
            complaint._check_compensation(approving=True)
            complaint._execute_compensation()
        return True

    def _execute_compensation(self):
        """Grant it (sudo: the limit, checked before, is the permission)."""
        self.ensure_one()
        note = self.env._("Service recovery %(ref)s", ref=self.name)
        values = {"compensation_state": "done", "compensation_approved_uid": self.env.uid,
                  "compensation_done_at": fields.Datetime.now()}
        if self.compensation_type == "points":
            card = self.partner_id.sudo()._hotel_card(self.company_id)
            card._hotel_move_points(self.compensation_points, "adjust", note, folio=self.folio_id.sudo() or None)
            values["compensation_card_id"] = card.id
            done = self.env._("%(points)s points added to card %(card)s.", points=self.compensation_points,
                              card=card.code)
        elif self.compensation_type == "coupon":
            coupon = self.env["loyalty.card"].sudo().with_context(loyalty_no_mail=True).create({
                "program_id": self.compensation_program_id.id, "partner_id": self.partner_id.id, "points": 1.0})
            values["compensation_card_id"] = coupon.id
            done = self.env._("Coupon %(code)s issued.", code=coupon.code)
        else:
            move = self._create_credit_note()
            values["compensation_move_id"] = move.id
            done = self.env._("Credit note %(move)s posted.", move=move.name)
        self.sudo().write(values)
        self.activity_unlink([ACTIVITY_APPROVAL])
        self.message_post(body=self.env._("Compensation granted by %(user)s: %(what)s", user=self.env.user.name,
                                          what=done))

    def _create_credit_note(self):
        folio = self.folio_id.sudo()
        product = self.env.ref("hotel_crm_campaigns.product_service_recovery").sudo()
        move = self.env["account.move"].sudo().with_company(self.company_id).create({
            "move_type": "out_refund",
            "company_id": self.company_id.id,
            "partner_id": folio.partner_id.id or self.partner_id.id,
            "invoice_origin": folio.name,
            "ref": self.env._("Service recovery %(ref)s (%(folio)s)", ref=self.name, folio=folio.name),
            "hotel_complaint_id": self.id,
            "invoice_line_ids": [Command.create({
                "product_id": product.id,
                "name": self.compensation_reason or self.env._("Service recovery: %(subject)s", subject=self.subject),
                "quantity": 1.0,
                "price_unit": self.compensation_amount,
                "tax_ids": [Command.clear()],
            })],
        })
        move.action_post()
        return move
