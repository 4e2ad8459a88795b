import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class HotelProperty(models.Model):
    _inherit = "hotel.property"

    pricelist_id = fields.Many2one(
        "product.pricelist", string="Default Rate Plan",
        help="Rate plan of new bookings when none is chosen.",
    )
    fiscal_position_id = fields.Many2one(
        "account.fiscal.position", check_company=True,
        help="Maps the taxes of charges posted at this property.",
    )
    deposit_policy = fields.Selection(
        [("none", "No deposit"), ("first_night", "First night"), ("full_stay", "Whole stay")],
        string="Suggested Deposit", default="first_night", required=True,
        help="Amount proposed when the desk takes a payment before arrival (tax included).",
    )
    no_show_hour = fields.Float(
        string="No-show Cut-off", default=6.0,
        help="Local time, the morning after the arrival day, after which a confirmed booking whose guest "
             "has not checked in is marked as a no-show.",
    )

    _no_show_hour_check = models.Constraint(
        "CHECK(no_show_hour >= 0 AND no_show_hour < 24)",
        "The no-show cut-off must be a time between 00:00 and 23:59.",
    )

    @api.model
    def _hotel_home_action(self):
        """Hotel administrators and revenue managers land on the occupancy
        report, the desk on today's figures (Front Desk Today); others as in hotel_base."""
        user = self.env.user
        if user.has_group("hotel_base.group_hotel_admin") or (
                user.has_group("hotel_base.group_hotel_revenue_manager")
                and not user.has_group("hotel_base.group_hotel_frontdesk_user")):
            return self.env["ir.actions.act_window"]._for_xml_id("hotel_reservation.action_hotel_occupancy_report")
        if user.has_group("hotel_base.group_hotel_frontdesk_user"):
            return self.env["ir.actions.act_window"]._for_xml_id("hotel_reservation.action_hotel_front_desk_today")
        return super()._hotel_home_action()

    @api.model
    def _api_dates(self, *values):
        """Dates given to a public method ('YYYY-MM-DD' strings or dates),
        parsed; anything else is a clear UserError, never a traceback."""
        dates = []
        for value in values:
            try:
                day = fields.Date.to_date(value)
            except (TypeError, ValueError):
                day = None
            if not day:
                raise UserError(self.env._("Give the dates as YYYY-MM-DD, e.g. 2026-05-01."))
            dates.append(day)
        return dates

    def _sale_taxes(self, product):
        """Sale taxes of ``product`` at this property: the product's taxes of the
        property's company, mapped by the property's fiscal position. One rule
        for quotes (availability, bookings, confirmations) and charges alike, so
        what the guest is told is what the guest is billed."""
        self.ensure_one()
        taxes = product.taxes_id.filtered(lambda t: t.company_id == self.company_id)
        return self.fiscal_position_id.map_tax(taxes) if self.fiscal_position_id else taxes

    def _taxed_prices(self, taxes, prices, partner=None):
        """{price: (untaxed, total with tax)} for each distinct price in
        ``prices``, each taxed on its own as each night or charge is an invoice
        line of its own: Odoo's tax engine as sale orders use it (amounts
        only, no accounting data to load)."""
        self.ensure_one()
        Tax = self.env["account.tax"]
        taxed = {}
        for price in set(prices):
            line = Tax._prepare_base_line_for_taxes_computation(
                None, tax_ids=taxes, price_unit=price, quantity=1.0, currency_id=self.currency_id,
                partner_id=partner or self.env["res.partner"])
            Tax._add_tax_details_in_base_line(line, self.company_id)
            Tax._round_base_lines_tax_details([line], self.company_id)
            details = line["tax_details"]
            taxed[price] = (details["total_excluded_currency"], details["total_included_currency"])
        return taxed

    def _price_with_taxes(self, taxes, prices, partner=None):
        """(untaxed, total with tax) of ``prices`` (see _taxed_prices)."""
        prices = list(prices)
        taxed = self._taxed_prices(taxes, prices, partner)
        return (self.currency_id.round(sum(taxed[price][0] for price in prices)),
                self.currency_id.round(sum(taxed[price][1] for price in prices)))

    def _no_show_arrival_limit(self, now=None):
        """Latest arrival date whose confirmed, not checked-in bookings are
        no-shows at ``now`` (default: the property's local time). Rule: a guest
        may arrive until ``no_show_hour`` on the morning after the arrival day.
        Used by the no-show job and by the night audit alike."""
        self.ensure_one()
        now = now or self._local_now()
        past_cutoff = now.hour + now.minute / 60 >= self.no_show_hour
        return now.date() - timedelta(days=1 if past_cutoff else 2)

    @api.model
    def _cron_for_each_property(self, job, what):
        """Scheduled work over every active property: ``job(property)`` runs in
        a savepoint per property and is committed per property
        (``ir.cron._commit_progress``), so a failure at one property is logged
        and skipped without undoing the others (the next run tries it again).
        Stops when the run's time budget is used up: the scheduler runs the
        rest again soon."""
        properties = self.search([("active", "=", True)])
        Cron = self.env["ir.cron"]
        Cron._commit_progress(remaining=len(properties))
        for prop in properties:
            try:
                with self.env.cr.savepoint():
                    job(prop)
            except Exception:
                _logger.exception("%s failed at property %s", what, prop.code)
            if not Cron._commit_progress(1):
                break
