"""The living demo hotel: 18 months of history and 3 months of bookings for the
demo properties, generated once at installation (hotel_stay_history_demo.xml)."""
import logging
import random
import time as timer
from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models
from odoo.tools import SQL

from odoo.addons.hotel_base.tools.rules import bypass_rule, workflow_write

from .hotel_demo_generator import StayProfile

SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
            ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
            ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin"),
            ("罗", "Luo"), ("高", "Gao"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"),
            ("唐", "Tang"), ("许", "Xu"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao")]
GIVEN = [("伟", "Wei"), ("芳", "Fang"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"), ("丽", "Li"),
         ("强", "Qiang"), ("磊", "Lei"), ("洋", "Yang"), ("艳", "Yan"), ("勇", "Yong"), ("军", "Jun"),
         ("杰", "Jie"), ("娟", "Juan"), ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"), ("秀英", "Xiuying"),
         ("霞", "Xia"), ("平", "Ping"), ("刚", "Gang"), ("桂英", "Guiying"), ("晨", "Chen"), ("欣怡", "Xinyi"),
         ("子涵", "Zihan"), ("浩然", "Haoran"), ("雨桐", "Yutong"), ("宇轩", "Yuxuan"), ("思远", "Siyuan"),
         ("佳怡", "Jiayi")]
FOREIGN = [("de", ["Anna", "Lukas", "Mia", "Felix"], ["Müller", "Schneider", "Fischer"]),
           ("fr", ["Camille", "Louis", "Chloé", "Hugo"], ["Martin", "Bernard", "Dubois"]),
           ("us", ["Emily", "James", "Olivia", "Michael"], ["Smith", "Johnson", "Brown"]),
           ("uk", ["Oliver", "Amelia", "Harry", "Isla"], ["Taylor", "Davies", "Evans"]),
           ("jp", ["Yuki", "Haruto", "Sakura", "Ren"], ["Sato", "Suzuki", "Takahashi"]),
           ("kr", ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun"], ["Kim", "Lee", "Park"]),
           ("sg", ["Wei Ling", "Jun Jie", "Hui Min"], ["Tan", "Lim", "Ng"]),
           ("au", ["Charlotte", "Jack", "Ruby", "Noah"], ["Wilson", "Thompson", "White"])]
PREFERENCES = [("floor", "High floor", "high_floor"), ("floor", "Low floor, knee trouble", "low_floor"),
               ("location", "Quiet room away from the lift", "quiet"), ("smoking", "Non-smoking", "non_smoking"),
               ("bed", "Extra pillows", False), ("pillow", "Buckwheat pillow", False),
               ("diet", "Vegetarian breakfast", False), ("allergy", "Peanut allergy", False),
               ("room_setup", "Baby cot", False), ("location", "Accessible bathroom", "accessible")]
# Extras posted during stays: (product xml id, price or None for the list price, max quantity).
EXTRAS = [("product_breakfast", None, 0), ("product_minibar", None, 4), ("product_laundry", None, 2),
          ("product_restaurant", 0, 1)]
_logger = logging.getLogger(__name__)
PREPAID_CHANNELS = ("utm_source_ctrip", "utm_source_booking", "utm_source_airbnb")
GO_LIVE_DAYS = 7
# The business date the demo was generated for (ISO date, the city hotel's local today at installation):
# its "today", to which tests pin the clock.
DEMO_DATE_PARAM = "hotel_reservation.demo_date"


class HotelDemoGenerator(models.AbstractModel):
    _inherit = "hotel.demo.generator"

    @api.model
    def _generate_demo(self, seed=2026):
        """Fill the demo properties: ~18 months of past stays, in-house guests,
        3 months of bookings, a few hundred guests (repeat guests included),
        cancellations and no-shows, and night audits for every past date.

        The suite "went live" GO_LIVE_DAYS ago: stays leaving since then went
        through Odoo Accounting in full (room and extra charges, deposits,
        payments, posted invoices, reconciled); older stays are history carried
        over from the previous system (stays, nights, audits) without money
        records, which keeps the load under two minutes.

        Everything is relative to one business date, the city hotel's local
        today when the generation starts, recorded in the DEMO_DATE_PARAM
        system parameter (tests pin their clock to it)."""
        city = self.env.ref("hotel_base.property_city_hotel", raise_if_not_found=False)
        homestay = self.env.ref("hotel_base.property_homestay", raise_if_not_found=False)
        if not city or not homestay or self.env["hotel.night.audit"].search_count([("property_id", "=", city.id)]):
            return False
        self = self.with_context(tracking_disable=True, mail_create_nolog=True, mail_notrack=True)
        started = timer.monotonic()

        def step(what):
            _logger.info("demo hotel: %s (%.1f s)", what, timer.monotonic() - started)
        # One "today" for the whole demo: the date the hand-made bookings of hotel_reservation_demo.xml
        # were given (Li Wei arrives today), even if the local date turned over since that file loaded.
        anchor = self.env.ref("hotel_reservation.reservation_li_wei_1", raise_if_not_found=False)
        today = anchor.arrival_date if anchor else city._local_today()
        date_from, date_to = today - timedelta(days=548), today + timedelta(days=92)
        known = self.env["res.partner"].search([("is_hotel_guest", "=", True)], order="id")
        new_guests = self._demo_guests(360, seed, today)
        step(f"{len(new_guests)} guests")
        profiles = self._demo_profiles(city, homestay)
        stays = self._generate_stays(profiles, date_from, date_to, known.ids + new_guests.ids, seed, today=today)
        step(f"{len(stays['reservation_ids'])} stays, {stays['nights']} room-nights")
        go_live = today - timedelta(days=GO_LIVE_DAYS)
        with workflow_write():  # history: penalties, charges of nights and audit figures as they were
            self._demo_accounting(stays["reservation_ids"], today, seed)
        step("charges, payments and invoices since go-live")
        self.env.cr.execute(SQL(
            "UPDATE hotel_folio SET note = %s WHERE id = ANY(%s) AND departure_date < %s",
            "<p>Stay carried over from the previous property-management system; its accounting was kept there.</p>",
            stays["folio_ids"], go_live))
        with workflow_write():
            audits = self._demo_night_audits(city | homestay, date_from, today)
        step(f"{len(audits)} night audits")
        self.env["ir.config_parameter"].sudo().set_param(DEMO_DATE_PARAM, today.isoformat())
        return True

    def _demo_profiles(self, city, homestay):
        def ref(xmlid):
            return self.env.ref(f"hotel_reservation.{xmlid}")
        standard, saver = ref("pricelist_standard"), ref("pricelist_non_refundable")
        return {
            city: StayProfile(
                occupancy=0.69, weekday=(1.06, 1.1, 1.1, 1.04, 0.95, 0.9, 0.8), lead_days=12.0,
                los=((1, 44), (2, 30), (3, 14), (4, 7), (5, 5)),
                channels=[(ref("utm_source_direct").id, 13, False), (ref("utm_source_phone").id, 8, False),
                          (ref("utm_source_walk_in").id, 6, True), (ref("utm_source_ctrip").id, 30, False),
                          (ref("utm_source_meituan").id, 15, False), (ref("utm_source_booking").id, 12, False),
                          (ref("utm_source_website").id, 8, False)],
                cancel_rate=0.08, no_show_rate=0.02, pricelists=[(standard, 85), (saver, 15)]),
            homestay: StayProfile(
                occupancy=0.62, weekday=(0.8, 0.78, 0.82, 0.92, 1.25, 1.35, 0.9), lead_days=24.0,
                los=((1, 18), (2, 34), (3, 24), (4, 12), (5, 7), (7, 5)),
                channels=[(ref("utm_source_airbnb").id, 28, False), (ref("utm_source_meituan").id, 16, False),
                          (ref("utm_source_ctrip").id, 14, False), (ref("utm_source_tujia").id, 10, False),
                          (ref("utm_source_booking").id, 10, False), (ref("utm_source_direct").id, 12, False),
                          (ref("utm_source_muniao").id, 4, False), (ref("utm_source_walk_in").id, 4, True)],
                cancel_rate=0.1, no_show_rate=0.015, pricelists=[(standard, 75), (saver, 25)]),
        }

    def _demo_guests(self, count, seed, today):
        """``count`` guest contacts with their preferences (a quarter of them
        have some), created through the ORM in one batch.

        :return: the new res.partner records, in creation order (the stay
            planner makes the first ones the most frequent repeat guests)
        """
        rng, preference_rng = random.Random(seed), random.Random(seed + 7)
        countries = {code: self.env.ref(f"base.{code}") for code in ["cn"] + [f[0] for f in FOREIGN]}
        tag = self.env.ref("hotel_base.partner_category_guest", raise_if_not_found=False)
        now = fields.Datetime.now()
        vals_list = []
        for index in range(count):
            person = self._demo_person(rng, index, countries)
            vals = {
                "name": person["name"], "email": person["email"], "phone": person["phone"],
                "country_id": person["country"].id, "nationality_id": person["country"].id,
                "is_hotel_guest": True, "guest_gender": person["gender"], "guest_type": person["type"],
                "guest_birthdate": today - timedelta(days=rng.randint(20 * 365, 70 * 365)),
                "category_id": [Command.link(tag.id)] if tag else [],
            }
            if rng.random() < 0.45:
                vals.update(consent_email=True, consent_email_source="registration_card",
                            consent_email_date=now - timedelta(days=rng.randint(1, 500)))
            if preference_rng.random() < 0.25:
                vals["hotel_preference_ids"] = [
                    Command.create({"category": category, "value": value, "room_feature": feature})
                    for category, value, feature in preference_rng.sample(PREFERENCES, preference_rng.randint(1, 2))]
            vals_list.append(vals)
        return self.env["res.partner"].create(vals_list)

    @api.model
    def _demo_person(self, rng, index, countries):
        """A plausible guest: mostly Chinese (汉字 + pinyin, as on registration cards), some foreign."""
        if rng.random() < 0.82:
            (s_cn, s_py), (g_cn, g_py) = rng.choice(SURNAMES), rng.choice(GIVEN)
            name, ascii_name, country = f"{s_cn}{g_cn} {s_py} {g_py}", f"{g_py}.{s_py}", countries["cn"]
            phone = f"+86 1{rng.choice('3589')}{rng.randint(0, 9)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        else:
            code, firsts, lasts = rng.choice(FOREIGN)
            first, last = rng.choice(firsts), rng.choice(lasts)
            name, ascii_name, country = f"{first} {last}", f"{first}.{last}", countries[code]
            phone = f"+{rng.randint(1, 89)} {rng.randint(100, 999)} {rng.randint(100000, 999999)}"
        email = "".join(c for c in ascii_name.lower() if c.isascii() and (c.isalnum() or c == ".")) + \
            f".{index}@example.com"
        return {"name": name, "email": email, "phone": phone, "country": country,
                "gender": rng.choice(["female", "male"]),
                "type": rng.choices(["business", "leisure", "family", "group"], [40, 35, 20, 5])[0]}

    # ------------------------------------------------------------------ money since go-live
    @api.model
    def _demo_company_accounting(self, company_id):
        """Accounting of the demo company, before its first booking: Odoo's
        Chinese chart (l10n_cn) when installed, else the generic one; VAT of
        6 % on rooms and services (13 % on minibar goods), tax included in
        the prices as the company sells; the desk's payment methods, cash
        included. Penalties carry no VAT (compensation, not a sale)."""
        company = self.env["res.company"].browse(company_id)
        if company.chart_template:
            return
        chinese = self.env["ir.module.module"].search([("name", "=", "l10n_cn"), ("state", "=", "installed")])
        Chart = self.env["account.chart.template"]
        Chart.try_loading("cn" if chinese else "generic_coa", company, install_demo=False)
        Chart = Chart.with_company(company)
        services = Chart.ref("l10n_cn_sales_excluded_6", raise_if_not_found=False) if chinese else None
        goods = Chart.ref("l10n_cn_sales_excluded_13", raise_if_not_found=False) if chinese else None
        services = services or company.account_sale_tax_id
        goods = goods or company.account_sale_tax_id
        company.account_sale_tax_id = services
        rooms = self.env["hotel.room.type"].search([("company_id", "=", company.id)]).product_id
        rooms.taxes_id = [Command.set(services.ids)]
        for xmlid, tax in (("product_breakfast", services), ("product_laundry", services),
                           ("product_restaurant", services), ("product_late_checkout", services),
                           ("product_minibar", goods)):
            product = self.env.ref(f"hotel_reservation.{xmlid}")
            product.taxes_id = [Command.set((product.taxes_id.filtered(lambda t: t.company_id != company) | tax).ids)]
        self.env["account.journal"]._hotel_create_payment_journals(company)

    def _demo_accounting(self, reservation_ids, today, seed):
        """Charges, extras, deposits, penalties, invoices and payments of the
        stays since go-live, through the folio's own billing methods."""
        go_live = today - timedelta(days=GO_LIVE_DAYS)
        rng = random.Random(seed + 11)
        Res = self.env["hotel.reservation"]
        Folio = self.env["hotel.folio"]
        stays = Res.search([("id", "in", reservation_ids), ("departure_date", ">=", go_live),
                            ("state", "in", ("checked_in", "checked_out"))], order="arrival_date, id")
        # History recorded after the fact: these stays are over, their folios closed.
        with bypass_rule("closed_folio_charge", reason="demo stay history"):
            Folio._post_night_charges(stays.night_ids.filtered(lambda n: n.active and n.date < today))
            self._demo_extras(stays, today, rng)
        late = Res.search([("id", "in", reservation_ids), ("state", "=", "no_show"), ("arrival_date", ">=", go_live)])
        for res in late:
            res.penalty_amount = res._no_show_penalty()
            Folio._post_penalty(res)
        journals = self._demo_journals(stays.company_id[:1] or self.env.company)
        prepaid = {self.env.ref(f"hotel_reservation.{x}").id for x in PREPAID_CHANNELS}
        settled = (stays.filtered(lambda r: r.state == "checked_out").folio_id
                   | late.filtered("penalty_amount").folio_id).sorted(lambda f: (f.departure_date, f.id))
        payments, invoices = [], []
        for folio in settled:
            day = folio.departure_date if folio.state == "done" else folio.arrival_date
            journal = journals["HBANK"] if folio.source_id.id in prepaid else journals[rng.choice(list(journals))]
            if folio.amount_due > 0:
                payments.append(folio._prepare_payment_vals(folio.amount_due, journal, date=day))
            invoices.extend(folio._prepare_invoice_vals(folio.line_ids, date=day))
        in_house = stays.filtered(lambda r: r.state == "checked_in").folio_id
        upcoming = Folio.search([("id", "in", Res.browse(reservation_ids).folio_id.ids), ("state", "=", "confirmed"),
                                 ("arrival_date", "<=", today + timedelta(days=7))])
        for folio in in_house | upcoming:
            policy = folio.pricelist_id.hotel_cancellation_policy_id
            saver = bool(policy) and not policy.refundable
            if folio in in_house or saver or rng.random() < 0.35:
                amount = folio.amount_room if (saver or folio in in_house) else \
                    folio.amount_room / max(folio.reservation_ids[:1].nights, 1)
                paid_on = folio.arrival_date if folio in in_house else folio.create_date.date()
                payments.append(folio._prepare_payment_vals(
                    folio.currency_id.round(amount), journals[rng.choice(list(journals))],
                    date=min(paid_on, today), memo=self.env._("Deposit %s", folio.name)))
        # Batched: one create and one post for all payments, then for all invoices (reconciled as they post).
        Folio._post_payments(payments)
        Folio._post_invoices(invoices)

    def _demo_extras(self, stays, today, rng):
        vals_list = []
        late_checkout = self.env.ref("hotel_reservation.product_late_checkout")
        for res in stays:
            if rng.random() > 0.55:
                continue
            last = min(res.departure_date, today) - timedelta(days=1)
            for xmlid, price, max_qty in rng.sample(EXTRAS, rng.randint(1, 2)):
                product = self.env.ref(f"hotel_reservation.{xmlid}")
                qty = res.adults * res.nights if not max_qty else rng.randint(1, max_qty)
                vals_list.append({
                    "folio_id": res.folio_id.id, "reservation_id": res.id, "kind": "extra",
                    "product_id": product.id, "name": product.name, "quantity": qty,
                    "price_unit": product.list_price if price is None else rng.randrange(80, 420, 2),
                    "date": res.arrival_date + timedelta(days=rng.randint(0, max((last - res.arrival_date).days, 0))),
                })
            if res.state == "checked_out" and rng.random() < 0.08:
                vals_list.append({"folio_id": res.folio_id.id, "reservation_id": res.id, "kind": "extra",
                                  "product_id": late_checkout.id, "name": late_checkout.name, "quantity": 1,
                                  "price_unit": late_checkout.list_price, "date": res.departure_date})
        self.env["hotel.folio.line"].create(vals_list)

    def _demo_journals(self, company):
        journals = self.env["account.journal"].search([("hotel_payment_method", "=", True),
                                                       ("company_id", "=", company.id)])
        return {j.code if j.type == "bank" else "CASH": j for j in journals}

    # ------------------------------------------------------------------ night audits
    def _demo_night_audits(self, properties, date_from, today):
        """One done audit per property and past date, figures computed set-based."""
        Audit = self.env["hotel.night.audit"]
        days = [date_from + timedelta(days=i) for i in range((today - date_from).days)]
        done = {(a.property_id.id, a.date) for a in Audit.search([("property_id", "in", properties.ids)])}
        audits = Audit.create([{"property_id": prop.id, "date": day} for prop in properties for day in days
                               if (prop.id, day) not in done])
        charged = defaultdict(int)
        for prop, day, count in self.env["hotel.folio.line"]._read_group(
                [("property_id", "in", properties.ids), ("kind", "=", "room"), ("date", ">=", date_from)],
                ["property_id", "date:day"], ["__count"]):
            charged[(prop.id, day)] = count
        figures = audits._compute_figures_batch()
        for audit in audits:
            run_at = audit.property_id._to_utc(datetime.combine(audit.date + timedelta(days=1), time(3, 0)))
            audit.write(dict(figures[audit.id], state="done", run_at=run_at,
                             charges_posted=charged[(audit.property_id.id, audit.date)]))
        return audits

