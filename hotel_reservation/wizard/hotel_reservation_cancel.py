from odoo import api, fields, models


class HotelReservationCancel(models.TransientModel):
    """Shows the penalty each reservation would cost before cancelling it."""

    _name = "hotel.reservation.cancel"
    _description = "Cancel Reservations"
    _inherit = ["hotel.property.mixin"]
    _hotel_property_fields = ("reservation_ids",)
    _hotel_write_targets = ("reservation_ids",)

    reservation_ids = fields.Many2many("hotel.reservation", required=True)
    reason = fields.Char(required=True)
    currency_id = fields.Many2one(related="reservation_ids.currency_id")
    penalty_total = fields.Monetary(compute="_compute_penalty", string="Penalty")
    penalty_detail = fields.Text(compute="_compute_penalty", string="Details")

    @api.depends("reservation_ids")
    def _compute_penalty(self):
        now = fields.Datetime.now()
        for wizard in self:
            lines, total = [], 0.0
            for res in wizard.reservation_ids:
                amount = res._cancellation_penalty(now) if res.state == "confirmed" else 0.0
                total += amount
                deadline = res._free_cancellation_until()
                line = self.env._("%(res)s: penalty %(amount)s", res=res.display_name,
                                  amount=res.currency_id.format(amount))
                if deadline:
                    line += self.env._(" (free until %(deadline)s, local time)",
                                       deadline=deadline.strftime("%Y-%m-%d %H:%M"))
                lines.append(line)
            wizard.penalty_total = total
            wizard.penalty_detail = "\n".join(lines)

    def action_cancel(self):
        self.reservation_ids.action_cancel(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
