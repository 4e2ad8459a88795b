import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

_logger = logging.getLogger(__name__)

LIFECYCLE = [
    ("potential", "Potential"),
    ("new", "New"),
    ("returning", "Returning"),
    ("high_value", "High Value"),
    ("dormant", "Dormant"),
    ("lost", "Lost"),
]
TRAVEL_KINDS = [("family", "Family"), ("business", "Business"), ("leisure", "Leisure")]
SCORE = [("0", "-"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]

# Figures of every guest (the reservation's guest, not the booker) of one
# property, in one pass over its reservations; revenue is the untaxed room and
# extra charges of checked-out stays.
FIGURES_SQL = """
    CREATE TEMP TABLE hotel_crm_figures ON COMMIT DROP AS
    WITH res AS (
        SELECT r.id, r.partner_id, r.state, r.nights, r.arrival_date, r.departure_date, r.children,
               r.room_type_id, r.source_id, r.create_date, r.amount_total, bp.is_company AS company_payer
          FROM hotel_reservation r
          JOIN hotel_folio f ON f.id = r.folio_id
          JOIN res_partner bp ON bp.id = f.partner_id
         WHERE r.property_id = %(property)s AND r.partner_id IS NOT NULL
    ), charges AS (
        SELECT l.reservation_id,
               SUM(l.price_subtotal) FILTER (WHERE l.kind = 'room') AS room,
               SUM(l.price_subtotal) FILTER (WHERE l.kind = 'extra') AS extra
          FROM hotel_folio_line l
          JOIN res ON res.id = l.reservation_id AND res.state = 'checked_out'
         WHERE l.kind IN ('room', 'extra')
         GROUP BY l.reservation_id
    ), agg AS (
        SELECT res.partner_id,
               COUNT(*) FILTER (WHERE res.state = 'checked_out') AS stays,
               COALESCE(SUM(res.nights) FILTER (WHERE res.state = 'checked_out'), 0) AS nights,
               -- stays carried over from a previous system have no charges: their booked price counts
               COALESCE(SUM(COALESCE(c.room, res.amount_total)) FILTER (WHERE res.state = 'checked_out'), 0)
                   AS room_rev,
               COALESCE(SUM(c.extra), 0) AS extra_rev,
               COALESCE(SUM(COALESCE(c.room, res.amount_total))
                   FILTER (WHERE res.state = 'checked_out' AND res.departure_date > %(year_ago)s), 0) AS room_12,
               COALESCE(SUM(c.extra) FILTER (WHERE res.departure_date > %(year_ago)s), 0) AS extra_12,
               MIN(res.arrival_date) FILTER (WHERE res.state = 'checked_out') AS first_stay,
               MAX(res.departure_date) FILTER (WHERE res.state = 'checked_out') AS last_stay,
               AVG(res.arrival_date - res.create_date::date)
                   FILTER (WHERE res.state IN ('confirmed', 'checked_in', 'checked_out')) AS lead_time,
               AVG(res.nights) FILTER (WHERE res.state = 'checked_out') AS los,
               COUNT(*) FILTER (WHERE res.state = 'cancelled') AS cancels,
               COUNT(*) FILTER (WHERE res.state = 'no_show') AS no_shows,
               COUNT(*) FILTER (WHERE res.state = 'draft') AS enquiries,
               COUNT(*) FILTER (WHERE res.children > 0 AND res.state IN ('confirmed', 'checked_in', 'checked_out'))
                   AS family_stays,
               COUNT(*) FILTER (WHERE res.state IN ('confirmed', 'checked_in', 'checked_out')) AS held,
               COUNT(*) FILTER (WHERE res.state = 'checked_out' AND res.company_payer) AS company_stays,
               MODE() WITHIN GROUP (ORDER BY res.source_id)
                   FILTER (WHERE res.state IN ('confirmed', 'checked_in', 'checked_out')) AS channel,
               MODE() WITHIN GROUP (ORDER BY res.room_type_id) FILTER (WHERE res.state = 'checked_out') AS room_type
          FROM res LEFT JOIN charges c ON c.reservation_id = res.id
         GROUP BY res.partner_id
    ), scored AS (
        -- quintiles over the property's guests who stayed; ties share the lowest score of their rank
        SELECT agg.*,
               CASE WHEN stays > 0 THEN LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (
                   PARTITION BY stays > 0 ORDER BY last_stay)))::int ELSE 0 END AS r_score,
               CASE WHEN stays > 0 THEN LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (
                   PARTITION BY stays > 0 ORDER BY stays, nights)))::int ELSE 0 END AS f_score,
               CASE WHEN stays > 0 THEN LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (
                   PARTITION BY stays > 0 ORDER BY room_rev + extra_rev)))::int ELSE 0 END AS m_score
          FROM agg
    )
    SELECT s.*, card.hotel_tier_id AS tier_id,
           CASE WHEN s.stays = 0 THEN 'potential'
                WHEN s.last_stay < %(lost_before)s THEN 'lost'
                WHEN s.last_stay < %(dormant_before)s THEN 'dormant'
                WHEN s.m_score = 5 AND s.stays >= 2 THEN 'high_value'
                WHEN s.stays = 1 THEN 'new'
                ELSE 'returning' END AS lifecycle,
           CASE WHEN s.family_stays > 0 AND s.family_stays * 2 >= s.held THEN 'family'
                WHEN s.company_stays * 2 > s.stays THEN 'business'
                ELSE 'leisure' END AS travel_kind
      FROM scored s
      LEFT JOIN (
          -- the card of the active programme of the property's company (or a shared one), one per guest
          SELECT DISTINCT ON (c.partner_id) c.partner_id, c.hotel_tier_id
            FROM loyalty_card c JOIN loyalty_program p ON p.id = c.program_id
           WHERE p.hotel_membership AND p.active AND (p.company_id = %(company)s OR p.company_id IS NULL)
             AND c.hotel_member AND c.active
           ORDER BY c.partner_id, p.company_id NULLS LAST, c.id DESC
      ) card ON card.partner_id = s.partner_id
"""
COLUMNS = [
    ("stay_count", "stays"), ("night_count", "nights"), ("room_revenue", "room_rev"),
    ("extras_revenue", "extra_rev"), ("room_revenue_12m", "room_12"), ("extras_revenue_12m", "extra_12"),
    ("revenue_12m", "room_12 + extra_12"), ("revenue_total", "room_rev + extra_rev"),
    ("adr", "CASE WHEN nights > 0 THEN ROUND(room_rev / nights, 2) ELSE 0 END"),
    ("first_stay_date", "first_stay"), ("last_stay_date", "last_stay"),
    ("lead_time_avg", "ROUND(COALESCE(lead_time, 0), 1)"), ("stay_length_avg", "ROUND(COALESCE(los, 0), 1)"),
    ("channel_id", "channel"), ("room_type_id", "room_type"), ("cancel_count", "cancels"),
    ("no_show_count", "no_shows"), ("enquiry_count", "enquiries"), ("travel_kind", "travel_kind"),
    ("rfm_recency", "r_score::varchar"), ("rfm_frequency", "f_score::varchar"),
    ("rfm_monetary", "m_score::varchar"), ("rfm_total", "r_score + f_score + m_score"),
    ("lifecycle", "lifecycle"), ("tier_id", "tier_id"),
]


class HotelGuestMetric(models.Model):
    """What one guest did at one property: stays, nights, revenue, habits, RFM
    scores and lifecycle stage.

    Invariants: one row per guest and property (unique); rows are written only
    by ``_recompute`` (nightly, set-based: one pass over the property's
    reservations, then one upsert of the rows that changed); scores are
    quintiles over the property's guests who stayed (0 for guests who never
    stayed); the stage is read on the property's local date.
    """

    _name = "hotel.guest.metric"
    _description = "Guest Metrics"
    _order = "property_id, revenue_12m desc, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Guest", required=True, index=True, ondelete="cascade",
                                 readonly=True)
    property_id = fields.Many2one("hotel.property", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="property_id.company_id", store=True)
    currency_id = fields.Many2one(related="property_id.currency_id")
    stay_count = fields.Integer(string="Stays", readonly=True)
    night_count = fields.Integer(string="Nights", readonly=True)
    room_revenue = fields.Monetary(string="Room Revenue (lifetime)", readonly=True)
    extras_revenue = fields.Monetary(string="Extras Revenue (lifetime)", readonly=True)
    room_revenue_12m = fields.Monetary(string="Room Revenue (12 months)", readonly=True)
    extras_revenue_12m = fields.Monetary(string="Extras Revenue (12 months)", readonly=True)
    revenue_12m = fields.Monetary(string="Revenue (12 months)", readonly=True)
    revenue_total = fields.Monetary(string="Revenue (lifetime)", readonly=True)
    adr = fields.Monetary(string="Average Daily Rate", readonly=True)
    first_stay_date = fields.Date(string="First Stay", readonly=True)
    last_stay_date = fields.Date(string="Last Stay", readonly=True, index=True)
    lead_time_avg = fields.Float(string="Average Lead Time (days)", readonly=True, digits=(6, 1))
    stay_length_avg = fields.Float(string="Average Length of Stay", readonly=True, digits=(6, 1))
    channel_id = fields.Many2one("utm.source", string="Preferred Channel", readonly=True)
    room_type_id = fields.Many2one("hotel.room.type", string="Preferred Room Type", readonly=True)
    cancel_count = fields.Integer(string="Cancellations", readonly=True)
    no_show_count = fields.Integer(string="No-shows", readonly=True)
    enquiry_count = fields.Integer(string="Open Quotations", readonly=True)
    travel_kind = fields.Selection(TRAVEL_KINDS, string="Traveller", readonly=True, index=True,
                                   help="Family: children on a stay; business: most stays paid by a company.")
    rfm_recency = fields.Selection(SCORE, string="Recency", readonly=True)
    rfm_frequency = fields.Selection(SCORE, string="Frequency", readonly=True)
    rfm_monetary = fields.Selection(SCORE, string="Monetary", readonly=True)
    rfm_total = fields.Integer(string="RFM Score", readonly=True, help="Recency + frequency + monetary, 3 to 15.")
    lifecycle = fields.Selection(LIFECYCLE, string="Stage", readonly=True, index=True)
    tier_id = fields.Many2one("hotel.loyalty.tier", string="Membership Tier", readonly=True)
    tier_vip = fields.Boolean(related="tier_id.vip", string="VIP Tier")
    tier_rank = fields.Integer(related="tier_id.sequence", string="Tier Rank")
    birthday_this_month = fields.Boolean(compute="_compute_birthday_this_month",
                                         search="_search_birthday_this_month")

    _partner_property_uniq = models.Constraint("UNIQUE(partner_id, property_id)",
                                               "A guest has one row of metrics per property.")

    def _compute_birthday_this_month(self):
        for metric in self:
            birthday = metric.partner_id.guest_birthdate
            metric.birthday_this_month = bool(birthday) and birthday.month == metric.property_id._local_today().month

    def _search_birthday_this_month(self, operator, value):
        if operator != "in":
            return NotImplemented
        # one month per property: their local dates can differ on the 1st
        domains = []
        for prop in self.env["hotel.property"].sudo().search([("active", "=", True)]):
            month = prop._local_today().month
            self.env.cr.execute("SELECT id FROM res_partner WHERE EXTRACT(MONTH FROM guest_birthdate) = %s", [month])
            domains.append(Domain("property_id", "=", prop.id)
                           & Domain("partner_id", "in", [row[0] for row in self.env.cr.fetchall()]))
        return Domain.OR(domains) if domains else Domain.FALSE

    @api.model
    def _recompute(self, properties=None):
        """Recompute every guest's metrics of ``properties`` (default: all)
        set-based; returns the number of rows written."""
        cr = self.env.cr
        self.env.flush_all()
        written = 0
        for prop in properties or self.env["hotel.property"].sudo().search([("active", "=", True)]):
            today = prop._local_today()
            params = {
                "property": prop.id, "company": prop.company_id.id,
                "year_ago": today - timedelta(days=365),
                "dormant_before": today - timedelta(days=prop.crm_dormant_days),
                "lost_before": today - timedelta(days=prop.crm_lost_days),
            }
            cr.execute(FIGURES_SQL, params)
            cr.execute("CREATE UNIQUE INDEX ON hotel_crm_figures (partner_id); ANALYZE hotel_crm_figures")
            targets = ", ".join(name for name, _expr in COLUMNS)
            values = ", ".join(expr for _name, expr in COLUMNS)
            excluded = ", ".join(f"EXCLUDED.{name}" for name, _expr in COLUMNS)
            current = ", ".join(f"hotel_guest_metric.{name}" for name, _expr in COLUMNS)
            cr.execute(f"""
                INSERT INTO hotel_guest_metric (partner_id, property_id, company_id, {targets},
                                                create_uid, write_uid, create_date, write_date)
                SELECT partner_id, %(property)s, %(company)s, {values},
                       %(uid)s, %(uid)s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
                  FROM hotel_crm_figures
                    ON CONFLICT (partner_id, property_id) DO UPDATE
                   SET ({targets}, write_date) = ({excluded}, EXCLUDED.write_date)
                 WHERE ({current}) IS DISTINCT FROM ({excluded})
            """, dict(params, uid=self.env.uid))
            written += cr.rowcount
            cr.execute("""
                DELETE FROM hotel_guest_metric m
                 WHERE m.property_id = %(property)s
                   AND NOT EXISTS (SELECT 1 FROM hotel_crm_figures f WHERE f.partner_id = m.partner_id)
            """, params)
            cr.execute("DROP TABLE hotel_crm_figures")
            _logger.info("Guest metrics of %s: %s rows written", prop.name, written)
        self.invalidate_model()
        return written

    @api.model
    def _cron_recompute(self):
        """Nightly: metrics of every property, one commit per property."""
        self.env["hotel.property"]._cron_for_each_property(self._recompute, "Guest metrics")
