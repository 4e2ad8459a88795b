from odoo import api, fields, models

from odoo.addons.hotel_base.tools.groups import MONEY_GROUPS


class ResPartner(models.Model):
    _inherit = "res.partner"

    # indexed: the booking API finds the guest by e-mail among every contact (100,000 guests: a scan otherwise)
    email_normalized = fields.Char(index="btree_not_null")
    hotel_stay_count = fields.Integer(compute="_compute_hotel_stays", string="Stays")
    hotel_spend = fields.Monetary(compute="_compute_hotel_stays", groups=MONEY_GROUPS,
                                  currency_field="hotel_currency_id",
                                  help="Charges of the guest's checked-out stays, tax included.")
    hotel_currency_id = fields.Many2one("res.currency", compute="_compute_hotel_stays")

    @api.depends_context("uid")
    def _compute_hotel_stays(self):
        """Stays (confirmed, in house or checked out: not quotations,
        cancellations or no-shows) and spend (charges of the folios
        they booked) in two grouped queries for all the partners shown."""
        stays = dict(self.env["hotel.reservation"]._read_group(
            [("partner_id", "in", self.ids), ("state", "in", ("confirmed", "checked_in", "checked_out"))],
            ["partner_id"], ["__count"]))
        spend = {}
        if self.env["hotel.folio.line"].has_access("read"):  # money roles only (the field is theirs)
            for folio, total in self.env["hotel.folio.line"]._read_group(
                    [("folio_id.partner_id", "in", self.ids), ("folio_id.state", "=", "done")],
                    ["folio_id"], ["price_total:sum"]):
                spend[folio.partner_id] = spend.get(folio.partner_id, 0.0) + total
        for partner in self:
            partner.hotel_stay_count = stays.get(partner, 0)
            partner.hotel_currency_id = self.env.company.currency_id
            partner.hotel_spend = spend.get(partner, 0.0)

    def action_view_hotel_stays(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hotel_reservation.action_hotel_reservation")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
