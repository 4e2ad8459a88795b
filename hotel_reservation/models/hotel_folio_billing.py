"""Money side of hotel.folio: charges, payments, invoices (all in Odoo Accounting)."""
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hotel_base.tools.groups import MONEY_GROUPS
from odoo.addons.hotel_base.tools.rules import bypass_rule, workflow_method, workflow_write


class HotelFolio(models.Model):
    """Invariant: amount_due = invoiced + uninvoiced - paid, where the folio's
    charges (invoiced or not) make amount_total and its posted payments and
    refunds make amount_paid. No money is stored outside account.move/payment."""

    _inherit = "hotel.folio"

    line_ids = fields.One2many("hotel.folio.line", "folio_id", string="Charges", groups=MONEY_GROUPS)
    payment_ids = fields.One2many("account.payment", "hotel_folio_id", string="Payments", groups=MONEY_GROUPS)
    invoice_ids = fields.Many2many("account.move", compute="_compute_invoice_ids", string="Invoices",
                                   groups=MONEY_GROUPS)
    invoice_count = fields.Integer(compute="_compute_invoice_ids", groups=MONEY_GROUPS)
    amount_untaxed = fields.Monetary(compute="_compute_billing_amounts", store=True, groups=MONEY_GROUPS)
    amount_tax = fields.Monetary(compute="_compute_billing_amounts", store=True, groups=MONEY_GROUPS)
    amount_total = fields.Monetary(compute="_compute_billing_amounts", store=True, groups=MONEY_GROUPS)
    amount_invoiced = fields.Monetary(compute="_compute_billing_amounts", store=True, groups=MONEY_GROUPS)
    amount_paid = fields.Monetary(compute="_compute_amount_paid", store=True, groups=MONEY_GROUPS)
    amount_due = fields.Monetary(compute="_compute_amount_due", store=True, groups=MONEY_GROUPS)
    # The stay as the guest sees it, before the audits have charged every night.
    amount_stay = fields.Monetary(
        compute="_compute_stay_amounts", string="Stay Total", groups=MONEY_GROUPS,
        help="Every booked night still to come and every charge posted, tax included.")
    amount_departure = fields.Monetary(
        compute="_compute_stay_amounts", string="To Pay at Departure", groups=MONEY_GROUPS,
        help="Stay total minus what was paid (negative: money to give back).")
    amount_deposit_suggested = fields.Monetary(
        compute="_compute_stay_amounts", string="Suggested Deposit", groups=MONEY_GROUPS,
        help="Deposit the property asks for (first night or whole stay) minus what was paid.")
    payment_count = fields.Integer(compute="_compute_payment_count", groups=MONEY_GROUPS)
    balance_to_receivable = fields.Boolean(
        readonly=True, copy=False, groups=MONEY_GROUPS,
        help="A manager sent the open balance to the payer's receivable account: check-out is allowed.",
    )

    @api.depends("line_ids.invoice_line_ids")
    def _compute_invoice_ids(self):
        for folio in self:
            moves = folio.line_ids.invoice_line_ids.move_id
            moves |= moves.reversal_move_ids
            folio.invoice_ids = moves
            folio.invoice_count = len(moves)

    @api.depends("line_ids.price_subtotal", "line_ids.price_total", "line_ids.is_invoiced")
    def _compute_billing_amounts(self):
        for folio in self:
            lines = folio.line_ids
            folio.amount_untaxed = sum(lines.mapped("price_subtotal"))
            folio.amount_total = sum(lines.mapped("price_total"))
            folio.amount_tax = folio.amount_total - folio.amount_untaxed
            folio.amount_invoiced = sum(lines.filtered("is_invoiced").mapped("price_total"))

    @api.depends("payment_ids.state", "payment_ids.amount", "payment_ids.payment_type")
    def _compute_amount_paid(self):
        for folio in self:
            paid = 0.0
            for payment in folio.payment_ids.filtered(lambda p: p.state in ("in_process", "paid")):
                sign = 1 if payment.payment_type == "inbound" else -1
                paid += sign * payment.currency_id._convert(
                    payment.amount, folio.currency_id, folio.company_id, payment.date)
            folio.amount_paid = paid

    @api.depends("line_ids.price_total", "line_ids.night_id", "amount_paid", "reservation_ids.state",
                 "reservation_ids.night_ids.price", "reservation_ids.night_ids.active",
                 "property_id.deposit_policy")
    def _compute_stay_amounts(self):
        """Stay total = posted charges + booked nights not charged yet (live
        stays), all with tax; to pay at departure = stay total - paid. The
        charges make the balance (amount_due); the stay total is what the
        guest owes when every booked night has been charged."""
        for folio in self:
            sudo = folio.sudo()  # the fields are restricted to money roles; their sums need the charges
            charged = sudo.line_ids.night_id
            stay = sum(sudo.line_ids.mapped("price_total"))
            first_nights = 0.0
            for res in sudo.reservation_ids.filtered(lambda r: r.state in ("draft", "confirmed", "checked_in")):
                nights = res.night_ids.filtered(lambda n, r=res: n.active and n.date < r.departure_date)
                taxed = res._taxed_prices(nights)  # one tax computation per distinct price of the stay
                stay += sum(taxed[night.price][1] for night in nights - charged)
                first_nights += sum(taxed[night.price][1] for night in nights.sorted("date")[:1])
            folio.amount_stay = folio.currency_id.round(stay)
            folio.amount_departure = folio.currency_id.round(stay - sudo.amount_paid)
            asked = {"first_night": first_nights, "full_stay": stay}.get(folio.property_id.deposit_policy, 0.0)
            folio.amount_deposit_suggested = max(folio.currency_id.round(asked - sudo.amount_paid), 0.0)

    def _amount_to_collect(self):
        """What the desk is proposed to take now: the suggested deposit before
        arrival (or the rest of the stay once it is paid), the rest of the stay
        while in house, the open balance afterwards."""
        self.ensure_one()
        folio = self.sudo()
        if folio.state in ("draft", "confirmed"):
            return folio.amount_deposit_suggested or max(folio.amount_departure, 0.0)
        if folio.state == "in_house":
            return max(folio.amount_departure, 0.0)
        return max(folio.amount_due, 0.0)

    def _refundable_amount(self):
        """The folio's credit: what was paid beyond every charge posted."""
        self.ensure_one()
        folio = self.sudo()
        return max(folio.currency_id.round(folio.amount_paid - folio.amount_total), 0.0)

    def _compute_payment_count(self):
        for folio in self:
            folio.payment_count = len(folio.sudo().payment_ids)

    def action_view_payments(self):
        self._hotel_check_action_access("read")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_account_payments")
        action["domain"] = [("id", "in", self.sudo().payment_ids.ids)]
        action["context"] = {"create": False}
        return action

    @api.depends("amount_total", "amount_paid")
    def _compute_amount_due(self):
        for folio in self:
            folio.amount_due = folio.currency_id.round(folio.amount_total - folio.amount_paid)

    # ------------------------------------------------------------ charges
    def action_post_charge(self):
        """Open the quick charge wizard (extras, minibar, laundry...)."""
        self._hotel_check_action_access("write")
        self.ensure_one()
        return self._wizard_action("hotel.folio.charge", self.env._("Post a Charge"), {"default_folio_id": self.id})

    @workflow_method
    def _post_night_charges(self, nights):
        """Charge ledger nights not charged yet, in one batch. Idempotent: the
        unique index on night_id refuses a second charge of the same night."""
        Line = self.env["hotel.folio.line"].sudo()
        if not nights:
            return Line
        charged = set(Line.search([("night_id", "in", nights.ids)]).night_id.ids)
        names = self.env["hotel.reservation"]._night_charge_names(nights.filtered(lambda n: n.id not in charged))
        vals_list = []
        for night in nights:
            if night.id in charged:
                continue
            res = night.reservation_id
            product = res.room_type_id.product_id
            vals_list.append({
                "folio_id": res.folio_id.id, "reservation_id": res.id, "night_id": night.id, "kind": "room",
                "product_id": product.id, "date": night.date, "quantity": 1.0, "price_unit": night.price,
                "name": names[night.id],
                "tax_ids": [Command.set(Line._prepare_taxes(product, res.folio_id).ids)],
            })
        return Line.create(vals_list)

    @workflow_method
    def _post_penalty(self, reservation):
        """A cancellation or no-show penalty becomes a charge invoiced like any other."""
        if not reservation.penalty_amount:
            return
        product = self.env.ref("hotel_reservation.product_cancellation_penalty")
        # The folio may be closed already (every room cancelled or a no-show): the penalty still belongs on it.
        state = dict(reservation._fields["state"]._description_selection(self.env))[reservation.state]
        with bypass_rule("closed_folio_charge", reason=reservation.name):
            self.env["hotel.folio.line"].sudo().create({
                "folio_id": reservation.folio_id.id, "reservation_id": reservation.id, "kind": "penalty",
                "product_id": product.id, "quantity": 1.0, "price_unit": reservation.penalty_amount,
                "name": self.env._("Penalty for %(res)s (%(state)s)", res=reservation.name, state=state),
                "date": reservation.property_id._local_today(),
            })

    # ------------------------------------------------------------ payments
    def action_register_deposit(self):
        """Open the payment wizard (deposit, payment or refund) for this folio."""
        self._hotel_check_action_access("write")
        self.ensure_one()
        return self._wizard_action("hotel.folio.payment", self.env._("Register Payment"),
                                   {"default_folio_id": self.id})

    def _register_payment(self, amount, journal, refund=False, memo=None, partner=None, date=None):
        """Create and post an account.payment linked to the folio (sudo: front
        desk takes payments without accounting rights; the hotel rules apply).
        ``date`` defaults to today (history imports give the day it was paid)."""
        return self._post_payments([self._prepare_payment_vals(amount, journal, refund, memo, partner, date)])

    def _prepare_payment_vals(self, amount, journal, refund=False, memo=None, partner=None, date=None):
        """Values of a payment, deposit or refund of this folio; refuses a
        non-positive amount and a refund larger than the folio's credit (paid
        minus charged: money the hotel holds for the guest)."""
        self.ensure_one()
        if amount <= 0:
            raise UserError(self.env._("The amount must be positive."))
        if refund and self.currency_id.compare_amounts(amount, self._refundable_amount()) > 0:
            raise UserError(self.env._(
                "%(folio)s is in credit by %(credit)s only (paid %(paid)s, charged %(charged)s): "
                "a larger refund is not possible.",
                folio=self.name, credit=self.currency_id.format(self._refundable_amount()),
                paid=self.currency_id.format(self.amount_paid), charged=self.currency_id.format(self.amount_total)))
        return {
            "payment_type": "outbound" if refund else "inbound",
            "partner_type": "customer",
            "partner_id": (partner or self.partner_id).commercial_partner_id.id,
            "amount": amount,
            "journal_id": journal.id,
            "memo": memo or self.name,
            "hotel_folio_id": self.id,
            **({"date": date} if date else {}),
        }

    @api.model
    def _post_payments(self, vals_list):
        """Create and post payments in one batch, then reconcile each folio's
        open invoices with them."""
        payments = self.env["account.payment"].sudo().create(vals_list)
        payments.action_post()
        payments.hotel_folio_id._reconcile_payments()
        return payments

    # ------------------------------------------------------------ invoices
    def action_create_invoice(self):
        """Invoice every uninvoiced charge, one invoice per payer."""
        self.ensure_one()
        return self._invoice_lines(self.line_ids.filtered(lambda line: not line.is_invoiced))

    def action_open_invoice_wizard(self):
        """Choose the charges and the payer of an invoice (split billing)."""
        self._hotel_check_action_access("write")
        self.ensure_one()
        return self._wizard_action("hotel.folio.invoice", self.env._("Invoice Charges"),
                                   {"default_folio_id": self.id})

    def _invoice_lines(self, lines, partner=None, date=None):
        """Post customer invoices for ``lines`` (grouped by payer unless ``partner``
        is given) and reconcile the folio's payments with them. ``date`` is the
        invoice date (default: today, when posted)."""
        return self._post_invoices(self._prepare_invoice_vals(lines, partner, date))

    def _prepare_invoice_vals(self, lines, partner=None, date=None):
        """Values of the invoices of ``lines`` not invoiced yet: one per payer."""
        self.ensure_one()
        lines = lines.filtered(lambda line: not line.is_invoiced)
        if not lines:
            raise UserError(self.env._("There is nothing left to invoice on %(folio)s.", folio=self.name))
        groups = {}
        for line in lines:
            payer = partner or line.payer_id or self.partner_id
            groups.setdefault(payer, self.env["hotel.folio.line"])
            groups[payer] |= line
        return [{
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "partner_id": payer.id,
            "invoice_origin": self.name,
            "ref": self.name,
            "fiscal_position_id": self.property_id.fiscal_position_id.id or False,
            "invoice_date": date or False,
            "invoice_line_ids": [Command.create(line._prepare_invoice_line()) for line in payer_lines],
        } for payer, payer_lines in groups.items()]

    @api.model
    def _post_invoices(self, vals_list):
        """Create and post invoices in one batch (sudo: the front desk invoices
        without accounting rights), then reconcile their folios' payments."""
        moves = self.env["account.move"].sudo().create(vals_list)
        moves.action_post()
        moves.line_ids.hotel_folio_line_ids.folio_id._reconcile_payments()
        return moves

    def _reconcile_payments(self):
        """Match each folio's open payment amounts with its open invoices of the
        same commercial partner, as finance would do by hand; one reconciliation
        batch for all the folios."""
        plan = []
        for folio in self.sudo():
            invoices = folio.invoice_ids.filtered(
                lambda m: m.state == "posted" and m.move_type == "out_invoice" and m.amount_residual)
            pay_lines = folio.payment_ids.move_id.line_ids.filtered(lambda aml: not aml.reconciled and aml.credit)
            for payer in invoices.commercial_partner_id:
                receivable = invoices.filtered(lambda m, p=payer: m.commercial_partner_id == p).line_ids.filtered(
                    lambda aml: aml.account_id.account_type == "asset_receivable" and not aml.reconciled)
                matching = pay_lines.filtered(lambda aml, p=payer, rec=receivable: aml.account_id in rec.account_id
                                              and aml.partner_id.commercial_partner_id == p)
                if receivable and matching:
                    plan.append(receivable | matching)
        if plan:
            self.env["account.move.line"].sudo()._reconcile_plan(plan)

    def action_credit_note(self):
        """Reverse the folio's posted invoices (finance or hotel administrators):
        their charges become uninvoiced again, to be corrected and re-invoiced."""
        if not (self.env.user.has_group("account.group_account_invoice")
                or self.env.user.has_group("hotel_base.group_hotel_admin")):
            raise AccessError(self.env._("Only finance or hotel administrators can issue credit notes."))
        for folio in self:
            invoices = folio.sudo().invoice_ids.filtered(
                lambda m: m.move_type == "out_invoice" and m.state == "posted"
                and not m.reversal_move_ids.filtered(lambda r: r.state == "posted"))
            if not invoices:
                raise UserError(self.env._("%(folio)s has no posted invoice to credit.", folio=folio.name))
            credit_notes = invoices._reverse_moves(
                [{"ref": self.env._("Credit note of %(inv)s", inv=inv.name)} for inv in invoices])
            credit_notes.action_post()
            folio.line_ids.invalidate_recordset(["is_invoiced"])
            folio.message_post(body=self.env._("Credit notes issued: %(names)s.",
                                               names=", ".join(credit_notes.mapped("name"))))
        return True

    def action_balance_to_receivable(self):
        """Managers: invoice what is left and let the guest leave with the balance
        on the payer's receivable account (company accounts, city ledger)."""
        if not self.env.user.has_group("hotel_base.group_hotel_frontdesk_manager"):
            raise AccessError(self.env._("Only front-desk managers can send a balance to receivable."))
        for folio in self:
            open_lines = folio.line_ids.filtered(lambda line: not line.is_invoiced)
            if open_lines:
                folio._invoice_lines(open_lines)
            with workflow_write():
                folio.balance_to_receivable = True
            folio.message_post(body=self.env._(
                "Open balance of %(amount)s sent to the receivable account by %(user)s.",
                amount=folio.currency_id.format(folio.amount_due), user=self.env.user.name))
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [("id", "in", self.invoice_ids.ids)]
        action["context"] = {"create": False, "default_move_type": "out_invoice"}
        return action

    # ------------------------------------------------------------ check-out
    def _settle_checkout(self, reservations):
        """Before guests leave: charge their remaining nights, require a zero
        balance (or a manager's send-to-receivable), post the final invoice and
        e-mail it with Odoo's invoice mail."""
        self.ensure_one()
        nights = reservations.night_ids.filtered(lambda n: n.active)
        self._post_night_charges(nights.filtered(lambda n: n.date < n.reservation_id.departure_date))
        if not self.balance_to_receivable and self.currency_id.compare_amounts(self.amount_due, 0) < 0:
            raise UserError(self.env._(
                "%(folio)s is in credit by %(amount)s: refund the guest before checking out.",
                folio=self.name, amount=self.currency_id.format(-self.amount_due)))
        if not self.balance_to_receivable and not self.currency_id.is_zero(self.amount_due):
            raise UserError(self.env._(
                "%(folio)s has a balance of %(amount)s: take the payment first, or ask a manager to send the "
                "balance to the receivable account.",
                folio=self.name, amount=self.currency_id.format(self.amount_due)))
        open_lines = self.line_ids.filtered(lambda line: not line.is_invoiced)
        invoices = self._invoice_lines(open_lines) if open_lines else self.env["account.move"]
        template = self.env.ref("account.email_template_edi_invoice", raise_if_not_found=False)
        for invoice in invoices:
            if template and not self._note_unreachable(invoice.partner_id, template):
                # Queued for the mail cron: check-out never waits on the mail server.
                invoice.with_context(lang=invoice.partner_id.lang, mail_notify_force_send=False) \
                    .message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        return invoices
