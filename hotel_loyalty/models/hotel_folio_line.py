from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HotelFolioLine(models.Model):
    """Loyalty lines on the folio: a redemption (points or a member coupon)
    is a ``reward`` line with a negative price, tied to its card and the
    points it cost; deleting it before it is invoiced gives the points back.

    Invariant: only reward lines have a negative price, and they cost points
    or a coupon (CHECK).
    """

    _inherit = "hotel.folio.line"

    kind = fields.Selection(selection_add=[("reward", "Loyalty reward")], ondelete={"reward": "cascade"})
    loyalty_card_id = fields.Many2one("loyalty.card", string="Paid with Card", index="btree_not_null",
                                      readonly=True, ondelete="restrict")
    loyalty_points = fields.Float(string="Points Used", readonly=True)

    _price_check = models.Constraint(
        "CHECK(price_unit >= 0 OR (kind = 'reward' AND loyalty_card_id IS NOT NULL))",
        "The price of a charge cannot be negative: correct with a credit note.")
    _reward_check = models.Constraint(
        "CHECK(kind <> 'reward' OR (loyalty_card_id IS NOT NULL AND price_unit <= 0 AND loyalty_points >= 0))",
        "A loyalty reward line takes an amount off the folio and is paid with a card.")

    @api.constrains("quantity", "discount", "price_unit")
    def _check_values(self):
        super(HotelFolioLine, self.filtered(lambda line: line.kind != "reward"))._check_values()
        for line in self.filtered(lambda line: line.kind == "reward"):
            if line.price_unit > 0:
                raise ValidationError(self.env._("A loyalty reward takes an amount off the folio."))
        return True

    def unlink(self):
        """A redemption removed before it is invoiced gives its points (or its
        coupon) back to the member."""
        returns = [(line.loyalty_card_id, line.loyalty_points, line.folio_id, line.name)
                   for line in self.filtered(lambda line: line.kind == "reward" and line.loyalty_card_id)]
        result = super().unlink()
        for card, points, folio, name in returns:
            card.sudo()._hotel_return_reward(points, folio, name)
        return result
