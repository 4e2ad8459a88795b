from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


class LoyaltyProgram(models.Model):
    """The hotel's membership programme is an Odoo loyalty programme
    (``program_type = 'loyalty'``) with tiers, a qualification window and the
    rules of points (earn rate, value, limits, expiry).

    Invariants: at most one active membership programme per company (unique
    index); numbers are never negative (CHECKs); the tiers' thresholds grow
    with their rank (see ``hotel.loyalty.tier``).
    """

    _inherit = "loyalty.program"

    hotel_membership = fields.Boolean(
        index=True, copy=False,
        help="The company's hotel membership programme: tiers, points earned on stays and redeemed on folios.")
    hotel_tier_ids = fields.One2many("hotel.loyalty.tier", "program_id", string="Tiers", copy=True)
    hotel_count_basis = fields.Selection(
        [("stays", "Stays"), ("nights", "Nights")], string="Tier Reached by Spend or", default="stays",
        required=True, help="A tier is reached by its spend OR by this count in the qualification window.")
    hotel_window = fields.Selection(
        [("rolling", "Rolling 12 months"), ("calendar", "Calendar year")], string="Qualification Window",
        default="rolling", required=True)
    hotel_max_downgrade = fields.Integer(
        string="Max Downgrade per Review", default=1,
        help="Soft landing: a member drops at most this many tiers in one review (0: members never drop).")
    hotel_tier_validity_months = fields.Integer(
        string="Tier Validity (months)", default=12,
        help="A tier reached is kept at least this long, whatever the figures say meanwhile.")
    hotel_review_required = fields.Boolean(
        string="Review Tier Changes", default=True,
        help="The nightly recompute prepares a review that a loyalty manager applies; otherwise it applies it.")
    hotel_points_per_unit = fields.Float(
        string="Points per Currency Unit", default=1.0, digits=(16, 4),
        help="Points earned per unit of eligible revenue (untaxed room nights and extras), before the tier bonus.")
    hotel_point_value = fields.Float(
        string="Value of a Point", default=0.01, digits=(16, 4),
        help="Amount a point takes off a folio when redeemed.")
    hotel_redeem_min_points = fields.Integer(string="Minimum Points per Redemption", default=100)
    hotel_redeem_max_percent = fields.Float(
        string="Max Share of a Stay Paid with Points (%)", default=50.0,
        help="Points pay at most this share of the stay's total.")
    hotel_expiry_months = fields.Integer(
        string="Points Expire after (months without activity)", default=24,
        help="0: points never expire.")
    hotel_expiry_notice_days = fields.Integer(string="Expiry Notice (days before)", default=30)
    hotel_auto_enroll = fields.Boolean(
        string="Enroll Guests Reaching a Paid Tier",
        help="The recompute enrolls guests whose stays reach the first tier above the base tier.")
    hotel_redemption_product_id = fields.Many2one(
        "product.product", string="Redemption Product",
        default=lambda self: self.env.ref("hotel_loyalty.product_points_redemption", raise_if_not_found=False),
        help="Product of the discount line of a redemption; its income account takes the redeemed points.")
    hotel_birthday_program_id = fields.Many2one(
        "loyalty.program", string="Birthday Coupons", domain="[('program_type', '=', 'coupons')]",
        help="Members get a coupon of this programme valid in their birthday month.")
    hotel_member_day_ids = fields.One2many("hotel.loyalty.member.day", "program_id", string="Member Days")
    hotel_figures_date = fields.Date(string="Member Figures as of", readonly=True, copy=False,
                                     help="Date of the last tier review: the members' qualifying figures.")
    hotel_member_count = fields.Integer(compute="_compute_hotel_member_count", string="Members")

    _hotel_membership_uniq = models.UniqueIndex(
        "(company_id) WHERE hotel_membership AND active",
        "A company has one hotel membership programme.")
    _hotel_numbers_check = models.Constraint(
        "CHECK(COALESCE(hotel_max_downgrade, 0) >= 0 AND COALESCE(hotel_tier_validity_months, 0) >= 0"
        " AND COALESCE(hotel_points_per_unit, 0) >= 0 AND COALESCE(hotel_point_value, 0) >= 0"
        " AND COALESCE(hotel_redeem_min_points, 0) >= 0 AND COALESCE(hotel_expiry_months, 0) >= 0"
        " AND COALESCE(hotel_expiry_notice_days, 0) >= 0"
        " AND COALESCE(hotel_redeem_max_percent, 0) BETWEEN 0 AND 100)",
        "Membership settings cannot be negative, and points pay at most 100 % of a stay.")

    def _compute_hotel_member_count(self):
        counts = dict(self.env["loyalty.card"]._read_group(
            [("program_id", "in", self.ids), ("hotel_tier_id", "!=", False)], ["program_id"], ["__count"]))
        for program in self:
            program.hotel_member_count = counts.get(program, 0)

    @api.constrains("hotel_membership", "program_type")
    def _check_hotel_membership(self):
        for program in self.filtered("hotel_membership"):
            if program.program_type != "loyalty":
                raise ValidationError(self.env._("A hotel membership programme is a loyalty card programme."))

    @api.model
    def _hotel_program(self, company=None):
        """The active membership programme of ``company`` (default: the
        current company), or an empty recordset."""
        company = company or self.env.company
        return self.sudo().search([("hotel_membership", "=", True), ("company_id", "in", [company.id, False])],
                                  order="company_id", limit=1)

    def _hotel_tiers(self):
        """Tiers from the lowest to the highest."""
        self.ensure_one()
        return self.hotel_tier_ids.sorted(lambda t: (t.sequence, t.id))

    def _hotel_base_tier(self):
        tiers = self._hotel_tiers()
        if not tiers:
            raise UserError(self.env._("The membership programme %(program)s has no tier yet.", program=self.name))
        return tiers[0]

    def _hotel_window(self, today):
        """(first day, last day) of the qualification window that ends ``today``:
        rolling = the twelve months up to today, calendar = since 1 January."""
        self.ensure_one()
        if self.hotel_window == "calendar":
            return today.replace(month=1, day=1), today
        return today - relativedelta(years=1) + relativedelta(days=1), today

    def action_hotel_open_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_loyalty.action_hotel_loyalty_members")
        action["domain"] = [("program_id", "=", self.id), ("hotel_tier_id", "!=", False)]
        return action

    def action_hotel_recompute(self):
        """Prepare a review of the tiers now (the nightly job does the same)."""
        self.ensure_one()
        review = self.env["hotel.loyalty.review"]._prepare_for(self)
        return review._open()

    # ------------------------------------------------------------ setup
    @api.model
    def _hotel_default_tiers(self):
        """The seed's tier table: spend OR stays in 12 months, and benefits."""
        return [
            # name, zh_CN, spend, stays, nights, discount, bonus, breakfast, wifi, late, vip, color
            ("Standard", "普通", 0, 0, 0, 0, 0, False, False, 0, False, 0),
            ("Silver", "银卡", 5000, 5, 10, 5, 10, False, True, 13, False, 8),
            ("Gold", "金卡", 10000, 10, 20, 10, 25, True, True, 14, False, 3),
            ("Diamond", "钻石", 20000, 20, 40, 15, 50, True, True, 16, True, 4),
        ]

    @api.model
    def _hotel_install_programs(self):
        """A membership programme with the default tiers, and a birthday coupon
        programme, for every company with a hotel that has none yet."""
        companies = self.env["hotel.property"].sudo().with_context(active_test=False).search(
            [("company_id", "!=", False)]).company_id \
            or self.env.ref("base.main_company")
        zh = self.env["res.lang"].with_context(active_test=False).search([("code", "=", "zh_CN")])
        for company in companies:
            if self._hotel_program(company):
                continue
            birthday = self.sudo().create({
                "name": self.env._("Birthday reward"), "program_type": "coupons", "company_id": company.id,
                "trigger": "with_code", "applies_on": "current", "portal_visible": True,
                "rule_ids": [Command.clear()],
                "reward_ids": [Command.clear(), Command.create({
                    "reward_type": "discount", "discount_mode": "per_order", "discount": 100.0,
                    "discount_applicability": "order", "required_points": 1,
                    "discount_line_product_id": self.env.ref("hotel_loyalty.product_birthday_reward").id,
                    "description": self.env._("Birthday reward: 100 off the stay"),
                })],
            })
            program = self.sudo().create({
                "name": self.env._("Hotel Membership"), "program_type": "loyalty", "company_id": company.id,
                "hotel_membership": True, "trigger": "auto", "applies_on": "both", "portal_visible": True,
                "portal_point_name": self.env._("Points"), "hotel_birthday_program_id": birthday.id,
                "rule_ids": [Command.clear()],
                "reward_ids": [Command.clear(), Command.create({
                    "reward_type": "discount", "discount_mode": "per_point", "discount": 0.01,
                    "discount_applicability": "order", "required_points": 100,
                    "discount_line_product_id": self.env.ref("hotel_loyalty.product_points_redemption").id,
                    "description": self.env._("Points off the folio"),
                })],
                "communication_plan_ids": [Command.clear()],
                "hotel_tier_ids": [Command.create({
                    "name": name, "sequence": (rank + 1) * 10, "min_spend": spend, "min_stays": stays,
                    "min_nights": nights, "discount": discount, "points_bonus": bonus, "free_breakfast": breakfast,
                    "free_wifi": wifi, "late_checkout": late, "vip": vip, "color": color,
                }) for rank, (name, _zh, spend, stays, nights, discount, bonus, breakfast, wifi, late, vip, color)
                    in enumerate(self._hotel_default_tiers())],
            })
            program._hotel_ensure_redemption_account()
            if zh and zh.active:
                for tier, row in zip(program._hotel_tiers(), self._hotel_default_tiers(), strict=True):
                    tier.update_field_translations("name", {"zh_CN": row[1]})
                program.update_field_translations("name", {"zh_CN": "酒店会员"})
                birthday.update_field_translations("name", {"zh_CN": "生日礼遇"})

    def _hotel_ensure_redemption_account(self):
        """Redeemed points reduce revenue on their own income account: give the
        redemption product of the programme's company one ("Loyalty Points
        Redeemed", next free code after the company's revenue account) unless it
        has one. Without a chart of accounts the product keeps the default."""
        self.ensure_one()
        company = self.company_id
        product = self.hotel_redemption_product_id.with_company(company)
        income = company.income_account_id.with_company(company)  # account codes are per company
        if not product or not income.code or product.property_account_income_id:
            return product.property_account_income_id
        Account = self.env["account.account"].sudo().with_company(company)
        account = Account.create({
            "name": self.env._("Loyalty Points Redeemed"), "account_type": "income",
            "code": Account._search_new_account_code(income.code), "company_ids": [Command.set(company.ids)],
        })
        product.sudo().property_account_income_id = account
        return account
