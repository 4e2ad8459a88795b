from odoo import fields, models

from .hotel_loyalty_tier_change import DIRECTIONS


class HotelLoyaltyReviewLine(models.Model):
    """A tier change proposed by a review (upgrade, downgrade or automatic
    enrollment), with the figures that explain it. Written by SQL in bulk."""

    _name = "hotel.loyalty.review.line"
    _description = "Tier Review Line"
    _order = "review_id, direction, new_tier_id desc, id"

    review_id = fields.Many2one("hotel.loyalty.review", required=True, index=True, ondelete="cascade")
    card_id = fields.Many2one("loyalty.card", index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Guest", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="review_id.currency_id")
    old_tier_id = fields.Many2one("hotel.loyalty.tier", string="Current Tier")
    earned_tier_id = fields.Many2one("hotel.loyalty.tier", string="Tier Earned",
                                     help="The tier the figures reach, before the soft landing.")
    new_tier_id = fields.Many2one("hotel.loyalty.tier", required=True)
    direction = fields.Selection(DIRECTIONS, required=True)
    spend = fields.Monetary(string="Qualifying Spend")
    stays = fields.Integer()
    nights = fields.Integer()
    applied = fields.Boolean(readonly=True, help="The member's tier was changed when the review was applied.")
