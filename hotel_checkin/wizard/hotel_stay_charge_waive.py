from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hotel_base.tools.rules import workflow_write

MANAGERS = "hotel_base.group_hotel_frontdesk_manager"


class HotelStayChargeWaive(models.TransientModel):
    """A front-desk manager waives a stay's late check-out or early check-in
    charge before it is posted; the reason is kept on the stay and its chatter."""

    _name = "hotel.stay.charge.waive"
    _description = "Waive Late Check-out / Early Check-in"
    _inherit = ["hotel.property.mixin"]
    _hotel_property_fields = ("reservation_id",)
    _hotel_write_targets = ("reservation_id",)

    reservation_id = fields.Many2one("hotel.reservation", required=True)
    kind = fields.Selection([("late", "Late check-out"), ("early", "Early check-in")], required=True)
    reason = fields.Char(required=True)

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group(MANAGERS):
            raise AccessError(self.env._("Only front-desk managers can waive a late check-out or early check-in."))
        res = self.reservation_id
        reason = (self.reason or "").strip()
        if len(reason) < 3:
            raise UserError(self.env._("Give the reason for the waiver."))
        if self.kind == "late" and res.state != "checked_in" or self.kind == "early" and res.state != "confirmed":
            raise UserError(self.env._(
                "%(res)s: this charge can only be waived before it is posted (late check-out while the guest is "
                "in house, early check-in before check-in).", res=res.display_name))
        field = "late_checkout" if self.kind == "late" else "early_checkin"
        with workflow_write():
            res.write({f"{field}_waived": True, f"{field}_waive_reason": reason})
        label = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        res.message_post(body=self.env._("%(what)s charge waived by %(user)s: %(reason)s", what=label,
                                         user=self.env.user.name, reason=reason))
        return {"type": "ir.actions.act_window_close"}
