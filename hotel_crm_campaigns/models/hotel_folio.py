from datetime import timedelta

from odoo import api, fields, models

CREDITS = [("coupon", "Offer coupon"), ("click", "Tracked click"), ("campaign", "Campaign code")]

# Credit of the bookings not yet credited: a journey's coupon used on the folio
# first, then the latest tracked click of the booker on a hotel message within
# the property's window before booking, then the folio's campaign (UTM, set at
# the desk or from the link's cookie). Opens never earn credit.
ATTRIBUTION_SQL = """
    WITH folios AS (
        -- not credited yet, or credited otherwise than by a coupon (a coupon used later wins)
        SELECT f.id, f.partner_id, f.create_date, f.campaign_id, f.hotel_mailing_id IS NOT NULL AS credited,
               p.crm_attribution_days AS days, p.id AS property_id
          FROM hotel_folio f JOIN hotel_property p ON p.id = f.property_id
         WHERE f.hotel_credit IS DISTINCT FROM 'coupon' AND f.create_date >= %(since)s
    ), coupon AS (
        SELECT DISTINCT ON (fo.id) fo.id AS folio_id, t.mass_mailing_id
          FROM folios fo
          JOIN hotel_folio_line l ON l.folio_id = fo.id AND l.loyalty_card_id IS NOT NULL
          JOIN hotel_journey_occurrence o ON o.coupon_id = l.loyalty_card_id
          JOIN mailing_trace t ON t.model = 'hotel.journey.occurrence' AND t.res_id = o.id
                              AND t.trace_status NOT IN ('cancel', 'error')
         ORDER BY fo.id, t.id DESC
    ), click AS (
        SELECT DISTINCT ON (fo.id) fo.id AS folio_id, t.mass_mailing_id
          FROM folios fo
          JOIN mailing_trace t ON t.hotel_partner_id = fo.partner_id
          JOIN mailing_mailing m ON m.id = t.mass_mailing_id AND m.hotel_property_id = fo.property_id
                                AND m.hotel_marketing
          JOIN link_tracker_click c ON c.mailing_trace_id = t.id
         WHERE c.create_date <= fo.create_date
           AND c.create_date >= fo.create_date - make_interval(days => fo.days)
         ORDER BY fo.id, c.create_date DESC, c.id DESC
    ), campaign AS (
        SELECT DISTINCT ON (fo.id) fo.id AS folio_id, m.id AS mass_mailing_id
          FROM folios fo
          JOIN mailing_mailing m ON m.campaign_id = fo.campaign_id AND m.hotel_property_id = fo.property_id
         WHERE m.sent_date <= fo.create_date
           AND m.sent_date >= fo.create_date - make_interval(days => fo.days)
         ORDER BY fo.id, m.sent_date DESC, m.id DESC
    )
    UPDATE hotel_folio f
       SET hotel_mailing_id = COALESCE(cp.mass_mailing_id, ck.mass_mailing_id, cg.mass_mailing_id),
           hotel_credit = CASE WHEN cp.folio_id IS NOT NULL THEN 'coupon'
                               WHEN ck.folio_id IS NOT NULL THEN 'click' ELSE 'campaign' END
      FROM folios fo
      LEFT JOIN coupon cp ON cp.folio_id = fo.id
      LEFT JOIN click ck ON ck.folio_id = fo.id
      LEFT JOIN campaign cg ON cg.folio_id = fo.id
     WHERE f.id = fo.id AND COALESCE(cp.mass_mailing_id, ck.mass_mailing_id, cg.mass_mailing_id) IS NOT NULL
       AND (NOT fo.credited OR cp.folio_id IS NOT NULL)
"""


class HotelFolio(models.Model):
    """A booking is credited to at most one hotel campaign or journey run.

    Invariant: the credit is set by ``_crm_attribute`` (set-based, hourly and
    before the results are read), from a journey's coupon used on the folio, a
    tracked click on a marketing message within the property's window, or the
    folio's campaign; never from an open. Once set it only changes to the
    coupon's journey (a coupon applied at the desk after booking).
    """

    _inherit = "hotel.folio"

    hotel_mailing_id = fields.Many2one("mailing.mailing", string="Credited Campaign", readonly=True, copy=False,
                                       index="btree_not_null", ondelete="set null")
    hotel_credit = fields.Selection(CREDITS, string="Credited by", readonly=True, copy=False)

    @api.model
    def _crm_attribute(self, since=None):
        """Credit the uncredited bookings made since ``since`` (default: the
        last 60 days); returns how many were credited."""
        self.env.flush_all()
        since = since or fields.Datetime.now() - timedelta(days=60)
        self.env.cr.execute(ATTRIBUTION_SQL, {"since": since})
        credited = self.env.cr.rowcount
        self.invalidate_model(["hotel_mailing_id", "hotel_credit"])
        return credited
