"""Pricing side of hotel.reservation: nightly rates, restrictions, penalties."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hotel_base.tools.groups import MONEY_GROUPS
from odoo.addons.hotel_base.tools.rules import bypass_rule


class HotelReservation(models.Model):
    _inherit = "hotel.reservation"

    amount_tax = fields.Monetary(
        compute="_compute_amount_taxed", string="Tax",
        groups=MONEY_GROUPS)
    amount_total_incl = fields.Monetary(
        compute="_compute_amount_taxed", string="Total",
        groups=MONEY_GROUPS,
        help="What the guest pays for the room, tax included (taxes of the room type at the property).")

    @api.depends("night_ids.price", "night_ids.date", "departure_date", "room_type_id", "folio_id.property_id")
    def _compute_amount_taxed(self):
        for res in self:
            untaxed, total = res._taxed_amounts(res.night_ids.filtered(lambda n, r=res: n.date < r.departure_date))
            res.amount_tax = total - untaxed
            res.amount_total_incl = total

    @api.model
    def _night_charge_names(self, nights):
        """{night id: description of its room charge}, in each guest's language
        (it is printed on their statement and invoice): "Standard Queen, room
        104, night of 03/03/2026" / "标准大床房，房间 104，2026/03/03 晚".
        Translations and date formats are looked up once per language, as the
        night audit names hundreds of nights at a time."""
        names, per_lang = {}, {}
        for night in nights:
            res = night.reservation_id
            lang = res.folio_id.partner_id.lang or self.env.lang or "en_US"
            if lang not in per_lang:
                env = self.with_context(lang=lang).env
                per_lang[lang] = (env._("%(type)s, room %(room)s, night of %(date)s"),
                                  env["res.lang"]._get_data(code=lang).date_format or "%Y-%m-%d", {})
            template, date_format, type_names = per_lang[lang]
            if res.room_type_id not in type_names:
                type_names[res.room_type_id] = res.room_type_id.with_context(lang=lang).name
            names[night.id] = template % {"type": type_names[res.room_type_id], "room": night.room_id.name,
                                          "date": night.date.strftime(date_format)}
        return names

    def _taxed_prices(self, nights):
        """{price: (untaxed, total with tax)} of the prices of ``nights`` of
        this reservation, taxed as their room charges will be (see
        hotel.property._sale_taxes)."""
        self.ensure_one()
        prop = self.property_id or self.room_type_id.property_id
        if not prop or not nights:
            return {}
        return prop._taxed_prices(prop._sale_taxes(self.room_type_id.product_id), nights.mapped("price"),
                                  partner=self.partner_id)

    def _taxed_amounts(self, nights):
        """(untaxed, total with tax) of ``nights`` of this reservation."""
        taxed = self._taxed_prices(nights)
        currency = self.currency_id or self.env.company.currency_id
        return (currency.round(sum(taxed[n.price][0] for n in nights)),
                currency.round(sum(taxed[n.price][1] for n in nights)))

    def _night_prices(self, dates, room_type=None):
        """Price of each night in ``dates`` for this stay (in ``room_type``,
        default its own): the rate plan's price for the room type's product on
        that date (seasonal rules), then the rate plan's weekday adjustments;
        the room type's rack rate without a rate plan. Addons adjust the
        stay's prices here (hotel_loyalty: member rates)."""
        self.ensure_one()
        return (room_type or self.room_type_id)._night_prices(self.pricelist_id, dates)

    def _check_restrictions(self):
        """Refuse stays that break a restriction (minimum/maximum stay, closed to
        arrival/departure, stop-sell). Managers may override; the override is
        logged on the reservation."""
        Restriction = self.env["hotel.rate.restriction"].sudo()
        for res in self:
            rules = Restriction.search([
                ("property_id", "=", res.property_id.id),
                ("room_type_id", "in", [False, res.room_type_id.id]),
                ("pricelist_id", "in", [False, res.pricelist_id.id]),
                ("date_from", "<=", res.departure_date), ("date_to", ">=", res.arrival_date),
            ])
            problems = rules._violations(res.room_type_id, res.pricelist_id, res.arrival_date, res.departure_date)
            if not problems:
                continue
            if res.sudo().override_restrictions:
                res.message_post(body=self.env._(
                    "Restrictions overridden by %(user)s: %(problems)s.",
                    user=self.env.user.name, problems="; ".join(problems)))
                continue
            raise UserError(self.env._(
                "%(type)s from %(arrival)s to %(departure)s cannot be sold: %(problems)s. "
                "A front-desk or revenue manager can override the restrictions on the reservation.",
                type=res.room_type_id.name, arrival=res.arrival_date, departure=res.departure_date,
                problems="; ".join(problems)))

    def _stay_prices(self):
        return [n.price for n in self.night_ids.sorted("date") if n.date < self.departure_date]

    def _cancellation_penalty(self, when=None):
        """Penalty for cancelling at ``when`` (UTC, default now) under the
        booking's policy: nothing before the free-cancellation deadline,
        computed in the property's timezone."""
        self.ensure_one()
        policy = self.cancellation_policy_id
        if not policy:
            return 0.0
        when = when or fields.Datetime.now()
        free_until = policy._free_until(self.property_id, self.arrival_date)
        if free_until and when < free_until:
            return 0.0
        amount = policy._compute_penalty(self._stay_prices(), policy.penalty_type, policy.penalty_percent)
        return self.currency_id.round(amount)

    def _no_show_penalty(self):
        self.ensure_one()
        policy = self.cancellation_policy_id
        if not policy:
            return 0.0
        amount = policy._compute_penalty(self._stay_prices(), policy.no_show_penalty_type,
                                         policy.no_show_penalty_percent)
        return self.currency_id.round(amount)

    def _free_cancellation_until(self):
        """Deadline of free cancellation, in the property's local time (for display)."""
        self.ensure_one()
        policy = self.cancellation_policy_id
        if not policy or not self.arrival_date:
            return False
        utc = policy._free_until(self.property_id, self.arrival_date)
        if not utc:
            return False
        return self.property_id._from_utc(utc)

    def action_recompute_prices(self):
        """Reprice the nights from the rate plan, keeping manual prices. Only
        for the desk and revenue managers who may change the booking (the
        repricing itself is sudo)."""
        if not (self.env.user.has_group("hotel_base.group_hotel_frontdesk_user")
                or self.env.user.has_group("hotel_base.group_hotel_revenue_manager")):
            raise AccessError(self.env._("Only the front desk and revenue managers can reprice a booking."))
        self.check_access("write")
        for res in self:
            if res.state not in ("draft", "confirmed"):
                raise UserError(self.env._("Only quotations and confirmed bookings can be repriced."))
            nights = res.night_ids.filtered(lambda n: not n.price_manual)
            prices = res._night_prices(nights.mapped("date"))
            with bypass_rule("reprice_nights", reason=res.name):
                for night in nights:
                    night.sudo().price = prices[night.date]
        return True
