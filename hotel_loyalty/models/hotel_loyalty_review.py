"""Tier review: the set-based recompute of every member's qualifying figures
and the tier changes it proposes, applied by a loyalty manager (or by the
nightly job when the programme does not ask for a review)."""
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

MANAGER = "hotel_loyalty.group_hotel_loyalty_manager"

# Qualifying figures per staying guest: checked-out stays of the company whose
# departure falls in the window; revenue = untaxed room nights and extras that
# are invoiced and not credited (no taxes, penalties, redemptions, refunds).
FIGURES_SQL = """
    WITH stays AS (
        SELECT r.id, r.partner_id, r.nights
          FROM hotel_reservation r
         WHERE r.state = 'checked_out' AND r.company_id = %(company)s
           AND r.departure_date BETWEEN %(start)s AND %(end)s
    ), revenue AS (
        SELECT l.reservation_id, SUM(l.price_subtotal) AS amount
          FROM hotel_folio_line l JOIN stays s ON s.id = l.reservation_id
         WHERE l.kind IN ('room', 'extra') AND l.is_invoiced
         GROUP BY l.reservation_id
    )
    SELECT s.partner_id, COUNT(*) AS stays, COALESCE(SUM(s.nights), 0) AS nights,
           COALESCE(SUM(rv.amount), 0) AS spend
      FROM stays s LEFT JOIN revenue rv ON rv.reservation_id = s.id
     GROUP BY s.partner_id
"""


class HotelLoyaltyReview(models.Model):
    """A tier review of one programme on one date.

    Invariants: figures are those of the window ending on the review date;
    an upgrade is applied at once, a downgrade only once the tier's validity
    is over and by at most the programme's max downgrade (soft landing);
    overridden members are left alone; a review is applied once, and a line
    is skipped when the member's tier changed since the review was prepared.
    """

    _name = "hotel.loyalty.review"
    _description = "Membership Tier Review"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name")
    program_id = fields.Many2one("loyalty.program", required=True, index=True, ondelete="cascade",
                                 readonly=True)
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    date = fields.Date(required=True, readonly=True)
    window_start = fields.Date(readonly=True)
    state = fields.Selection([("draft", "To Review"), ("applied", "Applied"), ("cancelled", "Superseded")],
                             default="draft", required=True, readonly=True, tracking=True)
    line_ids = fields.One2many("hotel.loyalty.review.line", "review_id", string="Changes", readonly=True)
    upgrade_count = fields.Integer(compute="_compute_counts", string="Upgrades")
    downgrade_count = fields.Integer(compute="_compute_counts", string="Downgrades")
    enroll_count = fields.Integer(compute="_compute_counts", string="New Members")
    member_count = fields.Integer(readonly=True, string="Members Reviewed")
    duration = fields.Float(readonly=True, string="Computed in (s)")
    applied_by = fields.Many2one("res.users", readonly=True)
    applied_on = fields.Datetime(readonly=True)

    @api.depends("program_id", "date")
    def _compute_name(self):
        for review in self:
            review.name = self.env._("Tier review %(date)s", date=review.date)

    def _compute_counts(self):
        counts = {(review, direction): count for review, direction, count in
                  self.env["hotel.loyalty.review.line"]._read_group(
                      [("review_id", "in", self.ids)], ["review_id", "direction"], ["__count"])}
        for review in self:
            review.upgrade_count = counts.get((review, "up"), 0)
            review.downgrade_count = counts.get((review, "down"), 0)
            review.enroll_count = counts.get((review, "enroll"), 0)

    # ------------------------------------------------------------ prepare
    @api.model
    def _prepare_for(self, program, today=None):
        """Recompute the figures of every member of ``program`` (written on
        the cards) and record the tier changes they call for in a new review;
        earlier reviews not applied are superseded. Set-based: a handful of
        SQL statements whatever the number of members."""
        started = fields.Datetime.now()
        today = today or fields.Date.context_today(self)
        program = program.sudo()
        tiers = program._hotel_tiers()
        if not tiers:
            raise UserError(self.env._("The membership programme %(program)s has no tier yet.", program=program.name))
        self.sudo().search([("program_id", "=", program.id), ("state", "=", "draft")]).state = "cancelled"
        start, end = program._hotel_window(today)
        review = self.sudo().create({"program_id": program.id, "date": today, "window_start": start})
        self.env.flush_all()
        cr = self.env.cr
        count_col = "min_nights" if program.hotel_count_basis == "nights" else "min_stays"
        tier_rows = ", ".join(cr.mogrify("(%s, %s, %s, %s)", (t.id, rank, t.min_spend, t[count_col])).decode()
                              for rank, t in enumerate(tiers))
        count_expr = "f.nights" if program.hotel_count_basis == "nights" else "f.stays"
        params = {"company": program.company_id.id or self.env.company.id, "start": start, "end": end,
                  "program": program.id, "review": review.id, "today": today, "uid": self.env.uid,
                  "max_down": program.hotel_max_downgrade, "auto": program.hotel_auto_enroll}
        cr.execute(f"""
            CREATE TEMP TABLE hotel_loyalty_figures ON COMMIT DROP AS {FIGURES_SQL}
        """, params)
        cr.execute("CREATE INDEX ON hotel_loyalty_figures (partner_id); ANALYZE hotel_loyalty_figures")
        # 1. the members' figures: only rows that change are written (members with stays, then
        # members whose stays left the window); the date they are as of is the programme's
        cr.execute("""
            UPDATE loyalty_card c
               SET hotel_qualifying_spend = f.spend, hotel_qualifying_stays = f.stays,
                   hotel_qualifying_nights = f.nights
              FROM hotel_loyalty_figures f
             WHERE f.partner_id = c.partner_id AND c.program_id = %(program)s AND c.active
               AND (c.hotel_qualifying_spend, c.hotel_qualifying_stays, c.hotel_qualifying_nights)
                   IS DISTINCT FROM (f.spend, f.stays::int, f.nights::int)
        """, params)
        cr.execute("""
            UPDATE loyalty_card c
               SET hotel_qualifying_spend = 0, hotel_qualifying_stays = 0, hotel_qualifying_nights = 0
             WHERE c.program_id = %(program)s AND c.active
               AND (c.hotel_qualifying_spend <> 0 OR c.hotel_qualifying_stays <> 0 OR c.hotel_qualifying_nights <> 0)
               AND NOT EXISTS (SELECT 1 FROM hotel_loyalty_figures f WHERE f.partner_id = c.partner_id)
        """, params)
        cr.execute("UPDATE loyalty_program SET hotel_figures_date = %(today)s WHERE id = %(program)s", params)
        # 2. the tier each member's figures reach, then the soft landing
        cr.execute(f"""
            WITH tiers(id, rank, min_spend, min_count) AS (VALUES {tier_rows}),
            members AS (
                SELECT c.id AS card_id, c.partner_id, c.hotel_tier_id, c.hotel_tier_valid_until,
                       COALESCE(f.spend, 0) AS spend, COALESCE(f.stays, 0) AS stays,
                       COALESCE(f.nights, 0) AS nights, COALESCE({count_expr}, 0) AS cnt
                  FROM loyalty_card c LEFT JOIN hotel_loyalty_figures f ON f.partner_id = c.partner_id
                 WHERE c.program_id = %(program)s AND c.active AND c.partner_id IS NOT NULL
                   AND (c.hotel_override_until IS NULL OR c.hotel_override_until < %(today)s)
            ), placed AS (
                SELECT m.*, cur.rank AS cur_rank,
                       (SELECT t.rank FROM tiers t
                         WHERE (t.min_spend = 0 AND t.min_count = 0)
                            OR (t.min_spend > 0 AND m.spend >= t.min_spend)
                            OR (t.min_count > 0 AND m.cnt >= t.min_count)
                         ORDER BY t.rank DESC LIMIT 1) AS earned_rank
                  FROM members m JOIN tiers cur ON cur.id = m.hotel_tier_id
            ), decided AS (
                SELECT p.*, CASE
                    WHEN p.earned_rank > p.cur_rank THEN p.earned_rank
                    WHEN p.earned_rank < p.cur_rank
                         AND (p.hotel_tier_valid_until IS NULL OR p.hotel_tier_valid_until < %(today)s)
                        THEN GREATEST(p.earned_rank, p.cur_rank - %(max_down)s)
                    ELSE p.cur_rank END AS new_rank
                  FROM placed p
            )
            INSERT INTO hotel_loyalty_review_line
                   (review_id, card_id, partner_id, old_tier_id, earned_tier_id, new_tier_id, direction,
                    spend, stays, nights, create_uid, create_date, write_uid, write_date)
            SELECT %(review)s, d.card_id, d.partner_id, d.hotel_tier_id, te.id, tn.id,
                   CASE WHEN d.new_rank > d.cur_rank THEN 'up' ELSE 'down' END,
                   d.spend, d.stays, d.nights, %(uid)s, now() at time zone 'UTC', %(uid)s,
                   now() at time zone 'UTC'
              FROM decided d JOIN tiers te ON te.rank = d.earned_rank JOIN tiers tn ON tn.rank = d.new_rank
             WHERE d.new_rank <> d.cur_rank
        """, params)
        # 3. guests who reached a paid tier without being members (when the programme enrolls them)
        if program.hotel_auto_enroll and len(tiers) > 1:
            cr.execute(f"""
                WITH tiers(id, rank, min_spend, min_count) AS (VALUES {tier_rows}),
                guests AS (
                    SELECT f.*, {count_expr} AS cnt FROM hotel_loyalty_figures f
                      JOIN res_partner p ON p.id = f.partner_id
                     WHERE p.active AND NOT p.is_company AND NOT EXISTS (
                           SELECT 1 FROM loyalty_card c WHERE c.program_id = %(program)s
                              AND c.partner_id = f.partner_id)
                ), placed AS (
                    SELECT g.*, (SELECT t.id FROM tiers t
                                  WHERE t.rank > 0 AND ((t.min_spend > 0 AND g.spend >= t.min_spend)
                                                        OR (t.min_count > 0 AND g.cnt >= t.min_count))
                                  ORDER BY t.rank DESC LIMIT 1) AS tier_id
                      FROM guests g
                )
                INSERT INTO hotel_loyalty_review_line
                       (review_id, partner_id, earned_tier_id, new_tier_id, direction, spend, stays, nights,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(review)s, p.partner_id, p.tier_id, p.tier_id, 'enroll', p.spend, p.stays, p.nights,
                       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM placed p WHERE p.tier_id IS NOT NULL
            """, params)
        # the lines were just written in bulk: fresh statistics let the apply join them to the cards by index
        cr.execute("ANALYZE hotel_loyalty_review_line")
        cr.execute("SELECT COUNT(*) FROM loyalty_card WHERE program_id = %s AND active", [program.id])
        member_count = cr.fetchone()[0]
        cr.execute("DROP TABLE hotel_loyalty_figures")
        self.env.invalidate_all()  # the cards and the review's lines were written in SQL
        review.write({"member_count": member_count,
                      "duration": (fields.Datetime.now() - started).total_seconds()})
        return review

    # ------------------------------------------------------------ apply
    def action_apply(self):
        """Apply the review's changes: tiers on the cards (set-based), one
        tier-change row and one chatter note per member, upgrade mails queued
        for the mail job. Lines whose member changed tier meanwhile are
        skipped (a newer review will place them)."""
        if not self.env.user.has_group(MANAGER) and not self.env.su:
            raise AccessError(self.env._("Only loyalty managers apply tier reviews."))
        for review in self:
            if review.state != "draft":
                raise UserError(self.env._("%(review)s was already applied or superseded.", review=review.name))
            review.sudo()._apply()
        return True

    def _apply(self):
        self.ensure_one()
        program = self.program_id
        cr = self.env.cr
        today = self.date
        valid_until = today + relativedelta(months=program.hotel_tier_validity_months)
        # automatic enrollments first: they become members at their base tier, then move like the others
        enroll = self.line_ids.filtered(lambda line: line.direction == "enroll")
        if enroll:
            cards = self.env["loyalty.card"]._hotel_enroll(enroll.partner_id, "auto", program)
            by_partner = {card.partner_id.id: card for card in cards}
            base = program._hotel_base_tier()
            for line in enroll:
                line.write({"card_id": by_partner[line.partner_id.id].id, "old_tier_id": base.id})
            self.env.flush_all()
        # the cards whose tier is still the one the review saw move; their lines are marked applied
        cr.execute("""
            WITH moved AS (
                UPDATE loyalty_card c
                   SET hotel_tier_id = l.new_tier_id, hotel_tier_since = %(today)s,
                       hotel_tier_valid_until = %(valid)s, write_date = now() at time zone 'UTC', write_uid = %(uid)s
                  FROM hotel_loyalty_review_line l
                 WHERE l.review_id = %(review)s AND l.card_id = c.id AND c.hotel_tier_id = l.old_tier_id
                RETURNING c.id
            )
            UPDATE hotel_loyalty_review_line l SET applied = TRUE
              FROM moved WHERE l.review_id = %(review)s AND l.card_id = moved.id
        """, {"today": today, "valid": valid_until, "review": self.id, "uid": self.env.uid})
        moved = cr.rowcount
        cr.execute("""
            INSERT INTO hotel_loyalty_tier_change
                   (card_id, partner_id, program_id, company_id, date, old_tier_id, new_tier_id, direction,
                    reason, spend, stays, nights, mail_pending, create_uid, create_date, write_uid, write_date)
            SELECT l.card_id, l.partner_id, %(program)s, %(company)s, %(today)s, l.old_tier_id, l.new_tier_id,
                   CASE WHEN l.direction = 'enroll' THEN 'up' ELSE l.direction END, 'review',
                   l.spend, l.stays, l.nights, l.direction <> 'down', %(uid)s, now() at time zone 'UTC',
                   %(uid)s, now() at time zone 'UTC'
              FROM hotel_loyalty_review_line l
             WHERE l.review_id = %(review)s AND l.applied
        """, {"program": program.id, "company": program.company_id.id, "today": today, "review": self.id,
              "uid": self.env.uid})
        self._note_on_partners()
        self.env.invalidate_all()
        self.write({"state": "applied", "applied_by": self.env.uid, "applied_on": fields.Datetime.now()})
        self.message_post(body=self.env._("Applied: %(count)s members changed tier.", count=moved))
        if moved:
            self.env.ref("hotel_loyalty.ir_cron_hotel_loyalty_tier_mails")._trigger()

    def _note_on_partners(self):
        """One chatter note per member moved, in the member's language."""
        cr = self.env.cr
        cr.execute("""
            SELECT l.partner_id, COALESCE(p.lang, 'en_US'), o.name, n.name, l.spend, l.stays, l.nights
              FROM hotel_loyalty_review_line l JOIN res_partner p ON p.id = l.partner_id
              LEFT JOIN hotel_loyalty_tier o ON o.id = l.old_tier_id
              JOIN hotel_loyalty_tier n ON n.id = l.new_tier_id
             WHERE l.review_id = %s AND l.applied
        """, [self.id])
        Change = self.env["hotel.loyalty.tier.change"]
        currency = self.program_id.currency_id
        rows, by_lang = [], {}
        for partner_id, lang, old, new, spend, stays, nights in cr.fetchall():
            env = by_lang.setdefault(lang, Change.with_context(lang=lang))
            reason = env.env._("tier review")
            rows.append((partner_id, env._note_body((old or {}).get(lang) or (old or {}).get("en_US"),
                                                    new.get(lang) or new.get("en_US"), spend, stays, nights,
                                                    currency, reason)))
        Change._post_on_partners(rows)

    def action_cancel(self):
        self.filtered(lambda r: r.state == "draft").state = "cancelled"
        return True

    def _open(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "name": self.name}
