"""Late check-out and early check-in: charged by the property's policy, waived by a manager."""
from datetime import timedelta

from odoo import Command, api, fields, models

from odoo.addons.hotel_base.tools.groups import MONEY_GROUPS
from odoo.addons.hotel_base.tools.rules import workflow_write


class HotelReservation(models.Model):
    _inherit = "hotel.reservation"

    late_checkout_waived = fields.Boolean(readonly=True, copy=False, tracking=True)
    late_checkout_waive_reason = fields.Char(readonly=True, copy=False)
    early_checkin_waived = fields.Boolean(readonly=True, copy=False, tracking=True)
    early_checkin_waive_reason = fields.Char(readonly=True, copy=False)
    late_checkout_charge = fields.Monetary(
        compute="_compute_stay_extension_charges", groups=MONEY_GROUPS, string="Late Check-out Charge",
        help="What leaving now adds to the bill (the property's policy).")
    early_checkin_charge = fields.Monetary(
        compute="_compute_stay_extension_charges", groups=MONEY_GROUPS, string="Early Check-in Charge",
        help="What checking in now adds to the bill (the property's policy).")

    @api.depends_context("uid")
    def _compute_stay_extension_charges(self):
        for res in self:
            late = res._late_checkout_amount()[0] if res.state == "checked_in" else 0.0
            early = res._early_checkin_amount()[0] if res.state == "confirmed" else 0.0
            res.late_checkout_charge = res._with_taxes(late)
            res.early_checkin_charge = res._with_taxes(early)

    def _with_taxes(self, amount):
        """What the guest pays for a charge of ``amount``: a late check-out or
        early check-in is part of the room's price (a share of a night's
        rate), so it carries the room's taxes, as the folio line will."""
        self.ensure_one()
        if not amount:
            return 0.0
        prop = self.property_id
        return prop._price_with_taxes(self._room_taxes(), [amount], self.partner_id)[1]

    def _room_taxes(self):
        return self.property_id._sale_taxes(self.room_type_id.product_id)

    def _booked_on_arrival_day(self):
        """A walk-in (booked on its arrival day) pays no early check-in: the
        price quoted is the stay's."""
        self.ensure_one()
        created = self.create_date or fields.Datetime.now()
        return self.property_id._from_utc(created).date() >= self.arrival_date

    def _late_checkout_half_day_total(self):
        """The half-day late check-out price, tax included (departure reminder)."""
        rate = self._night_rate(self.departure_date - timedelta(days=1))
        return self._with_taxes(self.currency_id.round(rate * self.property_id.half_day_percent / 100.0))

    # ------------------------------------------------------------ policy
    def _late_checkout_free_until(self):
        """Local hour until which leaving on the departure day costs nothing:
        the property's free late check-out (its check-out time where it does
        not charge), or the guest's member perk when later (hotel_loyalty)."""
        self.ensure_one()
        prop = self.property_id
        hour = prop.late_checkout_free_until if prop.charge_late_early else prop.checkout_time
        if "loyalty_tier_id" in self._fields and self.loyalty_tier_id.late_checkout:
            hour = max(hour, self.loyalty_tier_id.late_checkout)
        return hour

    def _door_code_window(self):
        """(from, until) UTC of the stay's door code: the check-in time of the
        arrival day to the end of the free check-out of the departure day."""
        self.ensure_one()
        return self.property_id._stay_window(self.arrival_date, self.departure_date, self._late_checkout_free_until())

    def _night_rate(self, day):
        """Price of the stay's night ``day`` (tax as the night's), else its last night."""
        nights = self.night_ids.filtered("active").sorted("date")
        night = nights.filtered(lambda n: n.date == day)[:1] or nights[-1:]
        return night.price

    def _late_checkout_amount(self, now=None):
        """(amount, label) owed for leaving at ``now`` (UTC; default now): nothing
        before the departure day or until the free hour (or at a property
        that does not charge), the half-day rate until
        the full-night hour, a full night after; nothing when waived."""
        self.ensure_one()
        prop = self.property_id
        if not prop.charge_late_early or self.late_checkout_waived:
            return 0.0, False
        day, hour = prop._local_hour(now)
        if day < self.departure_date or (day == self.departure_date and hour < self._late_checkout_free_until()):
            return 0.0, False
        rate = self._night_rate(self.departure_date - timedelta(days=1))
        if day > self.departure_date or hour >= prop.late_checkout_full_after:
            return rate, self.env._("Late check-out (full night)")
        return self.currency_id.round(rate * prop.half_day_percent / 100.0), self.env._("Late check-out (half day)")

    def _early_checkin_amount(self, now=None):
        """(amount, label) owed for checking in at ``now`` on the arrival day:
        nothing from the free hour on, the half-day rate from the full-night
        hour, a full night before it; nothing when waived."""
        self.ensure_one()
        prop = self.property_id
        if not prop.charge_late_early or self.early_checkin_waived:
            return 0.0, False
        day, hour = prop._local_hour(now)
        if day != self.arrival_date \
                or hour >= prop.early_checkin_free_from or self._booked_on_arrival_day():
            return 0.0, False
        rate = self._night_rate(self.arrival_date)
        if hour < prop.early_checkin_full_before:
            return rate, self.env._("Early check-in (full night)")
        return self.currency_id.round(rate * prop.half_day_percent / 100.0), self.env._("Early check-in (half day)")

    # ------------------------------------------------------------ posting
    def _post_late_checkout_charges(self):
        self._post_extension_charges("hotel_checkin.product_late_checkout", "_late_checkout_amount")

    def _post_early_checkin_charges(self):
        self._post_extension_charges("hotel_checkin.product_early_checkin", "_early_checkin_amount")

    def _post_extension_charges(self, product_xmlid, amount_method):
        """A folio charge per stay owing one (the product's taxes, as any extra)."""
        product = self.env.ref(product_xmlid)
        Line = self.env["hotel.folio.line"].sudo()
        vals_list = []
        for res in self:
            amount, label = getattr(res, amount_method)()
            if not amount:
                continue
            # described in the guest's language: it is printed on their invoice
            lang = res.folio_id.partner_id.lang or self.env.lang
            guest_label = getattr(res.with_context(lang=lang), amount_method)()[1]
            vals_list.append({
                "folio_id": res.folio_id.id, "reservation_id": res.id, "kind": "extra", "product_id": product.id,
                "name": f"{guest_label} - {res.name}",
                "quantity": 1.0, "price_unit": amount, "date": res.property_id._local_today(),
                "tax_ids": [Command.set(res._room_taxes().ids)],
            })
            res.message_post(body=self.env._("%(what)s charged: %(amount)s.", what=label,
                                             amount=res.currency_id.format(amount)))
        if vals_list:
            with workflow_write():
                Line.create(vals_list)

    def action_open_waive_wizard(self):
        """A manager waives the late check-out or early check-in charge, with a reason."""
        self._hotel_check_action_access("write")
        self.ensure_one()
        kind = "early" if self.state == "confirmed" else "late"
        return self.env["hotel.folio"]._wizard_action(
            "hotel.stay.charge.waive", self.env._("Waive Charge"),
            {"default_reservation_id": self.id, "default_kind": kind})
