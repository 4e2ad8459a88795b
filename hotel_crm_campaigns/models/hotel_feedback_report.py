from odoo import fields, models, tools


class HotelFeedbackReport(models.Model):
    """Post-stay survey figures, one row per guest invited after a stay:
    response, likelihood to recommend and category scores, by property, room
    type, booking channel and month. A database view over Odoo's survey
    answers.

    NPS is the average of ``nps_points`` (promoter 9-10: +100, passive 7-8:
    0, detractor 0-6: -100; no answer: not counted), i.e. % promoters minus %
    detractors; the response rate is the average of ``response_rate`` (100
    when answered, else 0). Both stay right under any grouping, in the pivot
    and in the graph. Scores of 0 mean "not answered" and are not counted."""

    _name = "hotel.feedback.report"
    _description = "Guest Feedback Scores"
    _auto = False
    _order = "date desc"
    _rec_name = "date"

    property_id = fields.Many2one("hotel.property", readonly=True)
    room_type_id = fields.Many2one("hotel.room.type", readonly=True)
    source_id = fields.Many2one("utm.source", string="Channel", readonly=True)
    survey_id = fields.Many2one("survey.survey", readonly=True)
    date = fields.Date(string="Invited on", readonly=True)
    departure_date = fields.Date(string="Stay Ended", readonly=True)
    invited = fields.Integer(readonly=True)
    responded = fields.Integer(readonly=True)
    response_rate = fields.Float(string="Response Rate (%)", readonly=True, aggregator="avg", digits=(12, 1))
    nps_points = fields.Float(string="NPS", readonly=True, aggregator="avg", digits=(12, 1),
                              help="% promoters (9-10) minus % detractors (0-6), -100 to +100.")
    recommend = fields.Float(string="Likelihood to Recommend", readonly=True, aggregator="avg", digits=(12, 2))
    promoters = fields.Integer(readonly=True)
    passives = fields.Integer(readonly=True)
    detractors = fields.Integer(readonly=True)
    score_service = fields.Float(string="Service", readonly=True, aggregator="avg", digits=(12, 2))
    score_cleanliness = fields.Float(string="Cleanliness", readonly=True, aggregator="avg", digits=(12, 2))
    score_room = fields.Float(string="Room", readonly=True, aggregator="avg", digits=(12, 2))
    score_facilities = fields.Float(string="Facilities", readonly=True, aggregator="avg", digits=(12, 2))
    score_fnb = fields.Float(string="Food & Beverage", readonly=True, aggregator="avg", digits=(12, 2))
    score_value = fields.Float(string="Value for Money", readonly=True, aggregator="avg", digits=(12, 2))
    cases = fields.Integer(string="Recovery Cases", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE VIEW {self._table} AS (
                SELECT u.id, u.hotel_property_id AS property_id, r.room_type_id, r.source_id, u.survey_id,
                       (u.create_date AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(hp.tz, 'UTC'))::date AS date,
                       r.departure_date,
                       1 AS invited,
                       (u.state = 'done')::int AS responded,
                       CASE WHEN u.state = 'done' THEN 100.0 ELSE 0.0 END AS response_rate,
                       CASE WHEN NOT (u.state = 'done' AND u.hotel_nps_answered) THEN NULL
                            WHEN u.hotel_nps >= 9 THEN 100.0 WHEN u.hotel_nps >= 7 THEN 0.0
                            ELSE -100.0 END AS nps_points,
                       CASE WHEN u.state = 'done' AND u.hotel_nps_answered THEN u.hotel_nps END AS recommend,
                       (u.state = 'done' AND u.hotel_nps_answered AND u.hotel_nps >= 9)::int AS promoters,
                       (u.state = 'done' AND u.hotel_nps_answered AND u.hotel_nps BETWEEN 7 AND 8)::int
                           AS passives,
                       (u.state = 'done' AND u.hotel_nps_answered AND u.hotel_nps <= 6)::int AS detractors,
                       NULLIF(u.hotel_score_service, 0) AS score_service,
                       NULLIF(u.hotel_score_cleanliness, 0) AS score_cleanliness,
                       NULLIF(u.hotel_score_room, 0) AS score_room,
                       NULLIF(u.hotel_score_facilities, 0) AS score_facilities,
                       NULLIF(u.hotel_score_fnb, 0) AS score_fnb,
                       NULLIF(u.hotel_score_value, 0) AS score_value,
                       (SELECT count(*) FROM hotel_complaint c WHERE c.survey_input_id = u.id)::int AS cases
                  FROM survey_user_input u
                  JOIN hotel_reservation r ON r.id = u.hotel_reservation_id
                  JOIN hotel_property hp ON hp.id = u.hotel_property_id
                 WHERE u.hotel_property_id IS NOT NULL AND u.test_entry IS NOT TRUE
            )""")
