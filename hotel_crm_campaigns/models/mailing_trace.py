from odoo import api, fields, models

from .mailing_mailing import GATE_REASONS


class MailingTrace(models.Model):
    """Traces know the guest they were for, whatever the mailing's model (the
    guest for campaigns, a journey occurrence's guest for journeys): the cap,
    the attribution and the results read it."""

    _inherit = "mailing.trace"

    failure_type = fields.Selection(selection_add=GATE_REASONS)
    hotel_partner_id = fields.Many2one("res.partner", string="Guest", index="btree_not_null", ondelete="set null",
                                       readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        occurrence_ids = [vals["res_id"] for vals in vals_list
                          if vals.get("model") == "hotel.journey.occurrence" and vals.get("res_id")
                          and not vals.get("hotel_partner_id")]
        partner_of = {}
        if occurrence_ids:
            self.env["hotel.journey.occurrence"].flush_model(["partner_id"])
            self.env.cr.execute("SELECT id, partner_id FROM hotel_journey_occurrence WHERE id = ANY(%s)",
                                [occurrence_ids])
            partner_of = dict(self.env.cr.fetchall())
        for vals in vals_list:
            if vals.get("hotel_partner_id") or vals.get("is_test_trace"):
                continue  # a test send is nobody's message: no cap, no results, no credit
            if vals.get("model") == "res.partner":
                vals["hotel_partner_id"] = vals.get("res_id")
            elif vals.get("model") == "hotel.journey.occurrence":
                vals["hotel_partner_id"] = partner_of.get(vals.get("res_id"))
        return super().create(vals_list)
