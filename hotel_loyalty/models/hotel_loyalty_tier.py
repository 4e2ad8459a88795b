from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HotelLoyaltyTier(models.Model):
    """A membership tier (会员等级) and its benefits.

    Invariants: thresholds and benefits are never negative (CHECKs); within a
    programme a higher tier (by sequence) asks at least as much spend and as
    many stays/nights as the tier below, and the first tier asks nothing (a
    member always has a tier).
    """

    _name = "hotel.loyalty.tier"
    _description = "Membership Tier"
    _order = "program_id, sequence, id"

    program_id = fields.Many2one("loyalty.program", required=True, index=True, ondelete="cascade",
                                 domain="[('hotel_membership', '=', True)]")
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Rank: the higher, the better the tier.")
    color = fields.Integer(help="Colour of the tier's badge.")
    min_spend = fields.Monetary(string="Spend to Reach", help="Eligible revenue in the qualification window.")
    min_stays = fields.Integer(string="Stays to Reach")
    min_nights = fields.Integer(string="Nights to Reach")
    discount = fields.Float(string="Member Rate (% off room nights)", digits=(5, 2))
    points_bonus = fields.Float(string="Points Bonus (%)", digits=(5, 2),
                                help="Extra points on what members of this tier earn: 25 = x1.25.")
    free_breakfast = fields.Boolean()
    free_wifi = fields.Boolean(string="Free Wi-Fi")
    late_checkout = fields.Float(string="Late Check-out until", help="Hour, e.g. 14.0 for 14:00; 0: none.")
    vip = fields.Boolean(string="VIP Service", help="Dedicated service: marked on reservations and arrival lists.")
    member_count = fields.Integer(compute="_compute_member_count", string="Members")

    _numbers_check = models.Constraint(
        "CHECK(COALESCE(min_spend, 0) >= 0 AND COALESCE(min_stays, 0) >= 0 AND COALESCE(min_nights, 0) >= 0"
        " AND COALESCE(discount, 0) BETWEEN 0 AND 100 AND COALESCE(points_bonus, 0) BETWEEN 0 AND 1000"
        " AND COALESCE(late_checkout, 0) BETWEEN 0 AND 24)",
        "Tier thresholds cannot be negative, a member rate is 0-100 % off, a late check-out an hour of the day.")
    _name_uniq = models.UniqueIndex("(program_id, sequence)", "Two tiers of a programme cannot share a rank.")

    def _compute_member_count(self):
        counts = dict(self.env["loyalty.card"]._read_group(
            [("hotel_tier_id", "in", self.ids)], ["hotel_tier_id"], ["__count"]))
        for tier in self:
            tier.member_count = counts.get(tier, 0)

    @api.constrains("min_spend", "min_stays", "min_nights", "sequence", "program_id")
    def _check_ladder(self):
        for program in self.program_id:
            tiers = program._hotel_tiers()
            first = tiers[:1]
            if first and (first.min_spend or first.min_stays or first.min_nights):
                raise ValidationError(self.env._(
                    "The first tier (%(tier)s) is every member's tier: it cannot ask for spend, stays or nights.",
                    tier=first.name))
            for lower, higher in zip(tiers, tiers[1:], strict=False):
                if higher.min_spend < lower.min_spend or higher.min_stays < lower.min_stays \
                        or higher.min_nights < lower.min_nights:
                    raise ValidationError(self.env._(
                        "%(higher)s ranks above %(lower)s: it cannot ask less spend, stays or nights.",
                        higher=higher.name, lower=lower.name))

    def _perks_text(self):
        """The tier's perks in a line, for the desk and the guest's mails
        (VIP has its own badge); empty for no tier."""
        perks = []
        if self.discount:
            perks.append(self.env._("%(discount)s%% member rate", discount=f"{self.discount:g}"))
        if self.free_breakfast:
            perks.append(self.env._("breakfast"))
        if self.free_wifi:
            perks.append(self.env._("Wi-Fi"))
        if self.late_checkout:
            perks.append(self.env._("late check-out %(hour)s", hour=self._late_checkout_label()))
        return ", ".join(perks)

    def _late_checkout_label(self):
        self.ensure_one()
        if not self.late_checkout:
            return ""
        hours = int(self.late_checkout)
        return f"{hours:02d}:{round((self.late_checkout - hours) * 60):02d}"
