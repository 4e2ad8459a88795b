from odoo import api, fields, models


class MaintenanceRequest(models.Model):
    """A repair of a hotel room can take the room out of order and, once
    repaired (a done stage), put it back in service."""

    _inherit = "maintenance.request"

    hotel_room_id = fields.Many2one("hotel.room", index="btree_not_null",
                                    check_company=True)
    hotel_block_ids = fields.One2many("hotel.room.block", "maintenance_request_id", string="Room Blocks")
    hotel_block_count = fields.Integer(compute="_compute_hotel_block_count", compute_sudo=True)

    @api.depends("hotel_block_ids")
    def _compute_hotel_block_count(self):
        for request in self:
            request.hotel_block_count = len(request.hotel_block_ids)

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals:
            # sudo: the technician closing the request need not be a housekeeping supervisor
            repaired = self.filtered(lambda r: r.stage_id.done)
            blocks = repaired.sudo().hotel_block_ids.filtered(lambda b: b.state == "open")
            for request in repaired:
                mine = blocks.filtered(lambda b, r=request: b.maintenance_request_id == r)
                mine._return_to_service(reason=self.env._("Repaired: %(request)s", request=request.name))
        return result

    def action_hotel_room_block(self):
        """Open a new out-of-order block of the request's room, tied to it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "hotel.room.block", "view_mode": "form",
            "target": "new", "name": self.env._("Take the Room Out of Order"),
            "context": {"default_room_id": self.hotel_room_id.id, "default_maintenance_request_id": self.id,
                        "default_reason": self.name},
        }

    def action_view_hotel_blocks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "hotel.room.block", "view_mode": "list,form",
            "name": self.env._("Room Blocks"), "domain": [("maintenance_request_id", "=", self.id)],
            "context": {"default_room_id": self.hotel_room_id.id, "default_maintenance_request_id": self.id},
        }
