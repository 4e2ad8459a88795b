"""Demo members whose tiers come from the demo hotel's stay history."""
import math

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    @api.model
    def _demo_hotel_loyalty(self):
        """Enroll the demo hotel's returning guests, give them the points of
        their past stays (dated on departure), replay a monthly tier review
        over the last year (so upgrades and downgrades have a history), then:
        one status match override, one guest (Ouyang Na) carrying imported points about
        to expire, a member day and the birthday coupons of this month."""
        company = self.env.ref("hotel_base.demo_company")
        program = self.env["loyalty.program"].with_company(company)._hotel_program(company)
        if not program or self.search_count([("program_id", "=", program.id)]):
            return
        env = self.with_company(company).env
        today = fields.Date.context_today(self)
        self.env.flush_all()
        # returning guests of every level: up to 8 guests per tier their last year of stays reaches
        tiers = program._hotel_tiers()
        level = " ".join(self.env.cr.mogrify("WHEN spend >= %s OR n >= %s THEN %s", (t.min_spend, t.min_stays, rank))
                         .decode() for rank, t in reversed(list(enumerate(tiers))) if rank)
        self.env.cr.execute(f"""
            WITH stays AS (
                SELECT r.partner_id, COUNT(*) AS n,
                       SUM((SELECT COALESCE(SUM(l.price_subtotal), 0) FROM hotel_folio_line l
                             WHERE l.reservation_id = r.id AND l.kind IN ('room', 'extra'))) AS spend
                  FROM hotel_reservation r JOIN res_partner p ON p.id = r.partner_id
                 WHERE r.state = 'checked_out' AND r.company_id = %s AND NOT p.is_company
                   AND r.departure_date > %s
                 GROUP BY r.partner_id
            ), banded AS (
                SELECT partner_id, ROW_NUMBER() OVER (PARTITION BY CASE {level} ELSE 0 END
                                                      ORDER BY spend DESC, partner_id) AS pos
                  FROM stays
            )
            SELECT partner_id FROM banded WHERE pos <= 8 ORDER BY partner_id
        """, [company.id, today - relativedelta(years=1)])
        partners = env["res.partner"].browse([row[0] for row in self.env.cr.fetchall()])
        sources = ["desk", "check_in", "portal"]
        cards = self.browse()
        for index, partner in enumerate(partners):
            cards |= env["loyalty.card"]._hotel_enroll(partner, sources[index % 3], program)
        # members since their first stay; points of every stay at the programme's rate (Standard: no bonus)
        self.env.cr.execute("""
            SELECT r.partner_id, r.folio_id, r.name, r.departure_date, MIN(r.arrival_date) OVER w,
                   COALESCE((SELECT SUM(l.price_subtotal) FROM hotel_folio_line l
                              WHERE l.reservation_id = r.id AND l.kind IN ('room', 'extra')), 0)
              FROM hotel_reservation r
             WHERE r.state = 'checked_out' AND r.partner_id = ANY(%s)
            WINDOW w AS (PARTITION BY r.partner_id)
             ORDER BY r.departure_date
        """, [partners.ids])
        by_partner = {card.partner_id.id: card for card in cards}
        history, balance, first_day, last_day = [], {}, {}, {}
        for partner_id, folio_id, name, departure, first_arrival, revenue in self.env.cr.fetchall():
            points = math.floor(revenue * program.hotel_points_per_unit)
            card = by_partner[partner_id]
            first_day[card] = first_arrival
            last_day[card] = departure
            if points <= 0:
                continue
            balance[card] = balance.get(card, 0) + points
            history.append({"card_id": card.id, "hotel_kind": "earn", "hotel_date": departure, "issued": points,
                            "description": f"Stay {name}", "order_model": "hotel.folio", "order_id": folio_id})
        self.env["loyalty.history"].create(history)
        for card in cards:
            first = first_day.get(card, today)
            card.write({"points": balance.get(card, 0), "hotel_last_activity": last_day.get(card, today),
                        "hotel_enrolled_on": first, "hotel_tier_since": first})
        # a monthly review over the last year, as the nightly job would have applied it
        Review = env["hotel.loyalty.review"]
        for months_ago in range(12, 0, -1):
            review = Review._prepare_for(program, today - relativedelta(months=months_ago))
            review.sudo()._apply()
        env["hotel.loyalty.tier.change"].search([("program_id", "=", program.id)]).mail_pending = False
        # status match: a Silver member treated as Gold for three months
        silver = cards.filtered(lambda c: c.hotel_tier_id == tiers[1])[:1]
        if silver and len(tiers) > 2:
            silver.write({"hotel_override_tier_id": tiers[2].id, "hotel_tier_id": tiers[2].id,
                          "hotel_override_reason": "Status match: Gold member of another chain",
                          "hotel_override_until": today + relativedelta(months=3)})
            env["hotel.loyalty.tier.change"]._log([(silver, tiers[1], tiers[2], "override",
                                                    "Status match: Gold member of another chain")], today)
        # points carried over from the previous membership system, never used: about to expire
        guest = env["res.partner"].create({
            "name": "欧阳娜 Ouyang Na", "email": "ouyang.na@example.com", "is_hotel_guest": True, "lang": "zh_CN",
            "guest_birthdate": today.replace(year=1988, day=min(today.day, 28)),
        })
        card = env["loyalty.card"]._hotel_enroll(guest, "import", program)
        imported = today - relativedelta(months=program.hotel_expiry_months or 24) + relativedelta(days=12)
        card._hotel_move_points(8600, "adjust", "Points carried over from the previous membership system",
                                date=imported)
        card.write({"hotel_enrolled_on": imported, "hotel_tier_since": imported, "hotel_last_activity": imported})
        env["hotel.loyalty.member.day"].create({
            "program_id": program.id, "name": "会员日 Member Day", "discount": 10.0, "points_factor": 2.0,
            "date_from": today + relativedelta(days=18), "date_to": today + relativedelta(days=18),
        })
        self._hotel_expire_points(today)  # sends Liu Yang's notice
        self._hotel_issue_birthday_coupons(today)
        # tonight's review, left for the loyalty manager to look at
        Review._prepare_for(program, today)
