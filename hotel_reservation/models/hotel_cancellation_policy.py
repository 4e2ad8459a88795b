from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PENALTY_TYPES = [
    ("none", "No penalty"),
    ("first_night", "First night"),
    ("percent", "Percentage of the stay"),
    ("full_stay", "Full stay"),
]


class HotelCancellationPolicy(models.Model):
    """When a cancellation or a no-show costs the guest, and how much.

    Free until ``free_hours`` before arrival, arrival being the arrival date at
    the property's check-in time in the property's timezone; after that the
    ``penalty_type`` applies. No-shows follow ``no_show_penalty_type``.
    """

    _name = "hotel.cancellation.policy"
    _inherit = ["hotel.property.mixin"]
    _description = "Cancellation Policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    refundable = fields.Boolean(
        default=True, help="Untick for non-refundable rates: the penalty applies from the moment of booking.",
    )
    free_hours = fields.Integer(
        string="Free Cancellation (hours before arrival)", default=24,
        help="Cancelling earlier than this costs nothing. 0: free until check-in time.",
    )
    penalty_type = fields.Selection(PENALTY_TYPES, string="Late Cancellation Penalty", default="first_night",
                                    required=True)
    penalty_percent = fields.Float(string="Late Cancellation %", default=100.0)
    no_show_penalty_type = fields.Selection(PENALTY_TYPES, string="No-show Penalty", default="first_night",
                                            required=True)
    no_show_penalty_percent = fields.Float(string="No-show %", default=100.0)
    summary = fields.Text(compute="_compute_summary", help="Wording shown to guests in confirmations.")

    _free_hours_check = models.Constraint("CHECK(free_hours >= 0)",
                                          "The free cancellation period cannot be negative.")
    _percent_check = models.Constraint(
        "CHECK(penalty_percent BETWEEN 0 AND 100 AND no_show_penalty_percent BETWEEN 0 AND 100)",
        "Penalty percentages must be between 0 and 100.",
    )

    @api.constrains("free_hours", "penalty_percent", "no_show_penalty_percent")
    def _check_values(self):
        for policy in self:
            if policy.free_hours < 0:
                raise ValidationError(self.env._("The free cancellation period cannot be negative."))
            for pct in (policy.penalty_percent, policy.no_show_penalty_percent):
                if not 0 <= pct <= 100:
                    raise ValidationError(self.env._("Penalty percentages must be between 0 and 100."))

    def _penalty_label(self, penalty_type, percent):
        return {
            "none": self.env._("no charge"),
            "first_night": self.env._("the first night"),
            "percent": self.env._("%(pct)s%% of the stay", pct=round(percent, 2)),
            "full_stay": self.env._("the full stay"),
        }[penalty_type]

    @api.depends("refundable", "free_hours", "penalty_type", "penalty_percent",
                 "no_show_penalty_type", "no_show_penalty_percent")
    def _compute_summary(self):
        for policy in self:
            late = policy._penalty_label(policy.penalty_type, policy.penalty_percent)
            no_show = policy._penalty_label(policy.no_show_penalty_type, policy.no_show_penalty_percent)
            if not policy.refundable:
                text = self.env._("Non-refundable: cancelling costs %(late)s.", late=late)
            elif policy.free_hours:
                text = self.env._(
                    "Free cancellation until %(hours)s hours before the check-in time on the arrival day; "
                    "later cancellations cost %(late)s.", hours=policy.free_hours, late=late)
            else:
                text = self.env._("Cancellations cost %(late)s.", late=late)
            policy.summary = text + " " + self.env._("No-show: %(no_show)s.", no_show=no_show)

    @api.model
    def _arrival_moment(self, prop, arrival_date):
        """Arrival date at the property's check-in time, as a naive UTC datetime."""
        hours = int(prop.checkin_time)
        minutes = round((prop.checkin_time - hours) * 60)
        return prop._to_utc(datetime.combine(arrival_date, time(hours, minutes)))

    def _free_until(self, prop, arrival_date):
        """Last moment (naive UTC) of free cancellation; False when never free."""
        self.ensure_one()
        if not self.refundable:
            return False
        return self._arrival_moment(prop, arrival_date) - timedelta(hours=self.free_hours)

    def _compute_penalty(self, night_prices, penalty_type, percent):
        """Amount due for a stay priced ``night_prices`` (in stay order)."""
        if not night_prices or penalty_type == "none":
            return 0.0
        if penalty_type == "first_night":
            return night_prices[0]
        total = sum(night_prices)
        if penalty_type == "percent":
            return total * percent / 100.0
        return total
