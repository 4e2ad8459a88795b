from odoo import api, fields, models, tools

SUMMED = ["targeted", "sent", "delivered", "bounced", "opened", "clicked", "unsubscribed", "control", "excluded",
          "sms_sent", "bookings", "room_nights", "revenue", "cost", "converted", "control_converted",
          "booked_revenue", "control_booked_revenue"]


def campaign_ratios(figures):
    """ROI, conversion rates, lift (percentage points) and incremental
    revenue of summed ``figures``: a dict with the SUMMED keys. Conversion is
    any booking by a recipient (or control guest) within the window after the
    send, so the two groups are measured alike; lift is their difference."""
    sent, control, cost = figures["sent"], figures["control"], figures["cost"]
    rate = figures["converted"] / sent * 100 if sent else 0.0
    control_rate = figures["control_converted"] / control * 100 if control else 0.0
    per_recipient = figures["booked_revenue"] / sent if sent else 0.0
    per_control = figures["control_booked_revenue"] / control if control else 0.0
    return {
        "roi": (figures["revenue"] - cost) / cost * 100 if cost else 0.0,
        "conversion_rate": rate,
        "control_conversion_rate": control_rate,
        "lift": rate - control_rate if control else 0.0,
        "incremental_revenue": (per_recipient - per_control) * sent if control else 0.0,
    }


class HotelCampaignResult(models.Model):
    """Results of each hotel campaign and journey run (one row per mailing),
    read from Odoo's traces and clicks, the credited bookings and the control
    group. A database view: nothing to keep in sync."""

    _name = "hotel.campaign.result"
    _description = "Campaign Results"
    _auto = False
    _order = "date desc, mailing_id desc"
    _rec_name = "mailing_id"

    mailing_id = fields.Many2one("mailing.mailing", string="Campaign", readonly=True)
    journey_id = fields.Many2one("hotel.journey", readonly=True)
    segment_id = fields.Many2one("hotel.segment", readonly=True)
    property_id = fields.Many2one("hotel.property", readonly=True)
    currency_id = fields.Many2one(related="property_id.currency_id")
    campaign_id = fields.Many2one("utm.campaign", string="UTM Campaign", readonly=True)
    mailing_type = fields.Selection([("mail", "E-mail"), ("sms", "SMS")], string="Channel", readonly=True)
    marketing = fields.Boolean(readonly=True)
    date = fields.Date(string="Sent on", readonly=True)
    targeted = fields.Integer(readonly=True, help="Guests of the audience allowed to receive it.")
    sent = fields.Integer(readonly=True)
    delivered = fields.Integer(readonly=True)
    bounced = fields.Integer(readonly=True)
    opened = fields.Integer(readonly=True, help="Unreliable: mail apps that load images for privacy (Apple Mail) "
                                               "'open' every message. Shown, never used for credit.")
    clicked = fields.Integer(readonly=True)
    unsubscribed = fields.Integer(readonly=True)
    control = fields.Integer(string="Control Group", readonly=True)
    excluded = fields.Integer(readonly=True, help="Left out: no consent for the channel or frequency cap reached.")
    sms_sent = fields.Integer(string="SMS Sent", readonly=True)
    bookings = fields.Integer(string="Credited Bookings", readonly=True)
    room_nights = fields.Integer(readonly=True)
    revenue = fields.Monetary(string="Credited Revenue", readonly=True)
    cost = fields.Monetary(readonly=True, help="Entered cost plus the SMS sent at the property's cost per SMS.")
    roi = fields.Float(string="ROI (%)", readonly=True, aggregator=None, digits=(12, 1))
    converted = fields.Integer(string="Recipients Who Booked", readonly=True)
    control_converted = fields.Integer(string="Control Who Booked", readonly=True)
    booked_revenue = fields.Monetary(string="Recipients' Bookings", readonly=True)
    control_booked_revenue = fields.Monetary(string="Control's Bookings", readonly=True)
    conversion_rate = fields.Float(string="Conversion (%)", readonly=True, aggregator=None, digits=(12, 2))
    control_conversion_rate = fields.Float(string="Control Conversion (%)", readonly=True, aggregator=None,
                                           digits=(12, 2))
    lift = fields.Float(string="Lift (points)", readonly=True, aggregator=None, digits=(12, 2),
                        help="Recipients' conversion minus the control group's, in percentage points.")
    incremental_revenue = fields.Monetary(readonly=True, aggregator=None,
                                          help="Revenue per recipient minus per control guest, times recipients.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE VIEW {self._table} AS
            WITH hm AS (
                SELECT m.id, m.hotel_journey_id, m.hotel_segment_id, m.hotel_property_id, m.campaign_id,
                       m.mailing_type, m.hotel_marketing, m.hotel_cost,
                       -- the month of a send is the property's, not UTC's
                       (COALESCE(m.sent_date, m.schedule_date, m.create_date) AT TIME ZONE 'UTC'
                           AT TIME ZONE COALESCE(p.tz, 'UTC'))::date AS date,
                       p.crm_sms_cost, p.crm_attribution_days
                  FROM mailing_mailing m JOIN hotel_property p ON p.id = m.hotel_property_id
            ), t AS (
                SELECT t.* FROM mailing_trace t JOIN hm ON hm.id = t.mass_mailing_id
                 WHERE NOT COALESCE(t.is_test_trace, FALSE)
            ), tr AS (
                SELECT t.mass_mailing_id AS mailing_id,
                       COUNT(*) FILTER (WHERE t.failure_type IS NULL
                                           OR t.failure_type NOT IN ('hotel_holdout', 'hotel_consent', 'hotel_cap'))
                           AS targeted,
                       COUNT(*) FILTER (WHERE t.trace_status NOT IN ('cancel', 'error')) AS sent,
                       COUNT(*) FILTER (WHERE t.trace_status IN ('sent', 'open', 'reply')) AS delivered,
                       COUNT(*) FILTER (WHERE t.trace_status = 'bounce') AS bounced,
                       COUNT(*) FILTER (WHERE t.trace_status IN ('open', 'reply') OR t.open_datetime IS NOT NULL)
                           AS opened,
                       COUNT(*) FILTER (WHERE t.links_click_datetime IS NOT NULL) AS clicked,
                       -- blocked after this message and before any later one to the same address
                       COUNT(*) FILTER (WHERE t.trace_status NOT IN ('cancel', 'error') AND (
                           (t.trace_type = 'mail' AND EXISTS (
                               SELECT 1 FROM mail_blacklist b
                                WHERE b.email = t.email AND b.active AND b.write_date >= t.create_date
                                  AND NOT EXISTS (SELECT 1 FROM mailing_trace later
                                                   WHERE later.email = t.email AND later.trace_type = 'mail'
                                                     AND later.create_date > t.create_date
                                                     AND later.create_date <= b.write_date)))
                           OR (t.trace_type = 'sms' AND EXISTS (
                               SELECT 1 FROM phone_blacklist b
                                WHERE b.number = t.sms_number AND b.active AND b.write_date >= t.create_date
                                  AND NOT EXISTS (SELECT 1 FROM mailing_trace later
                                                   WHERE later.sms_number = t.sms_number
                                                     AND later.trace_type = 'sms'
                                                     AND later.create_date > t.create_date
                                                     AND later.create_date <= b.write_date)))))
                           AS unsubscribed,
                       COUNT(*) FILTER (WHERE t.failure_type = 'hotel_holdout') AS control,
                       COUNT(*) FILTER (WHERE t.failure_type IN ('hotel_consent', 'hotel_cap')) AS excluded,
                       COUNT(*) FILTER (WHERE t.trace_type = 'sms' AND t.trace_status NOT IN ('cancel', 'error'))
                           AS sms_sent
                  FROM t
                 GROUP BY t.mass_mailing_id
            ), credited AS (
                SELECT f.hotel_mailing_id AS mailing_id, COUNT(DISTINCT f.id) AS bookings,
                       SUM(r.nights) AS room_nights, SUM(r.amount_total) AS revenue
                  FROM hotel_folio f
                  JOIN hotel_reservation r ON r.folio_id = f.id
                                          AND r.state IN ('confirmed', 'checked_in', 'checked_out')
                 WHERE f.hotel_mailing_id IS NOT NULL
                 GROUP BY f.hotel_mailing_id
            ), audience AS (
                -- each guest once per mailing (a journey run may hold two occurrences of one guest)
                SELECT t.mass_mailing_id, t.hotel_partner_id,
                       BOOL_OR(COALESCE(t.failure_type = 'hotel_holdout', FALSE)) AS is_control,
                       MIN(t.create_date) AS create_date
                  FROM t
                 WHERE t.hotel_partner_id IS NOT NULL
                   AND (t.trace_status NOT IN ('cancel', 'error') OR t.failure_type = 'hotel_holdout')
                 GROUP BY t.mass_mailing_id, t.hotel_partner_id
            ), booked AS (
                -- any booking of a recipient or a control guest within the window after the send
                SELECT t.mass_mailing_id AS mailing_id, t.is_control,
                       COUNT(DISTINCT t.hotel_partner_id) FILTER (WHERE b.folio_id IS NOT NULL) AS guests,
                       COALESCE(SUM(b.amount), 0) AS amount
                  FROM audience t
                  JOIN hm ON hm.id = t.mass_mailing_id
                  LEFT JOIN LATERAL (
                      SELECT f.id AS folio_id, SUM(r.amount_total) AS amount
                        FROM hotel_folio f
                        JOIN hotel_reservation r ON r.folio_id = f.id
                                                AND r.state IN ('confirmed', 'checked_in', 'checked_out')
                       WHERE f.partner_id = t.hotel_partner_id AND f.property_id = hm.hotel_property_id
                         AND f.create_date > t.create_date
                         AND f.create_date <= t.create_date + make_interval(days => hm.crm_attribution_days)
                       GROUP BY f.id
                  ) b ON TRUE
                 GROUP BY t.mass_mailing_id, t.is_control
            ), figures AS (
                SELECT hm.id, hm.hotel_journey_id, hm.hotel_segment_id, hm.hotel_property_id, hm.campaign_id,
                       hm.mailing_type, hm.hotel_marketing, hm.date,
                       COALESCE(tr.targeted, 0) AS targeted, COALESCE(tr.sent, 0) AS sent,
                       COALESCE(tr.delivered, 0) AS delivered, COALESCE(tr.bounced, 0) AS bounced,
                       COALESCE(tr.opened, 0) AS opened, COALESCE(tr.clicked, 0) AS clicked,
                       COALESCE(tr.unsubscribed, 0) AS unsubscribed, COALESCE(tr.control, 0) AS control,
                       COALESCE(tr.excluded, 0) AS excluded, COALESCE(tr.sms_sent, 0) AS sms_sent,
                       COALESCE(cr.bookings, 0) AS bookings, COALESCE(cr.room_nights, 0) AS room_nights,
                       COALESCE(cr.revenue, 0) AS revenue,
                       COALESCE(hm.hotel_cost, 0) + COALESCE(tr.sms_sent, 0) * COALESCE(hm.crm_sms_cost, 0) AS cost,
                       COALESCE(br.guests, 0) AS converted, COALESCE(bc.guests, 0) AS control_converted,
                       COALESCE(br.amount, 0) AS booked_revenue, COALESCE(bc.amount, 0) AS control_booked_revenue
                  FROM hm
                  LEFT JOIN tr ON tr.mailing_id = hm.id
                  LEFT JOIN credited cr ON cr.mailing_id = hm.id
                  LEFT JOIN booked br ON br.mailing_id = hm.id AND NOT br.is_control
                  LEFT JOIN booked bc ON bc.mailing_id = hm.id AND bc.is_control
            )
            SELECT id, id AS mailing_id, hotel_journey_id AS journey_id, hotel_segment_id AS segment_id,
                   hotel_property_id AS property_id, campaign_id, mailing_type, hotel_marketing AS marketing, date,
                   targeted, sent, delivered, bounced, opened, clicked, unsubscribed, control, excluded, sms_sent,
                   bookings, room_nights, revenue, cost, converted, control_converted, booked_revenue,
                   control_booked_revenue,
                   CASE WHEN cost > 0 THEN (revenue - cost) / cost * 100 ELSE 0 END AS roi,
                   CASE WHEN sent > 0 THEN converted * 100.0 / sent ELSE 0 END AS conversion_rate,
                   CASE WHEN control > 0 THEN control_converted * 100.0 / control ELSE 0 END
                       AS control_conversion_rate,
                   CASE WHEN control > 0 AND sent > 0
                        THEN converted * 100.0 / sent - control_converted * 100.0 / control ELSE 0 END AS lift,
                   CASE WHEN control > 0 AND sent > 0
                        THEN (booked_revenue / sent - control_booked_revenue / control) * sent ELSE 0 END
                       AS incremental_revenue
              FROM figures
        """)

    @api.model
    def _action_open(self):
        """The results, after crediting the bookings made since the last job."""
        self.env["hotel.folio"].sudo()._crm_attribute()
        return self.env["ir.actions.act_window"]._for_xml_id("hotel_crm_campaigns.action_hotel_campaign_result")

    @api.model
    def _totals(self, domain):
        """Summed figures and their ratios over the rows of ``domain``."""
        [row] = self._read_group(domain, [], [f"{name}:sum" for name in SUMMED])
        figures = {name: value or 0 for name, value in zip(SUMMED, row, strict=True)}
        figures.update(campaign_ratios(figures))
        return figures

    @api.model
    def _totals_by_journey(self, journey_ids):
        """{journey id: summed figures and ratios} in one query."""
        result = {}
        for journey, *values in self._read_group([("journey_id", "in", journey_ids)], ["journey_id"],
                                                 [f"{name}:sum" for name in SUMMED]):
            figures = {name: value or 0 for name, value in zip(SUMMED, values, strict=True)}
            figures.update(campaign_ratios(figures))
            result[journey.id] = figures
        return result
