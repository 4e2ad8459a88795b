from psycopg2.extras import execute_values

from odoo import api, fields, models
from odoo.tools import html_escape

DIRECTIONS = [("up", "Upgrade"), ("down", "Downgrade"), ("enroll", "Enrolled")]
REASONS = [("review", "Tier review"), ("override", "Manual override"), ("enroll", "Enrollment")]


class HotelLoyaltyTierChange(models.Model):
    """One change of a member's tier (upgrades and downgrades per month are
    read from here). Written by the review, an override or an enrollment;
    never edited."""

    _name = "hotel.loyalty.tier.change"
    _description = "Membership Tier Change"
    _order = "date desc, id desc"

    card_id = fields.Many2one("loyalty.card", required=True, index=True, ondelete="cascade", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Member", index=True, readonly=True)
    program_id = fields.Many2one("loyalty.program", index=True, readonly=True)
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    date = fields.Date(required=True, index=True, readonly=True)
    old_tier_id = fields.Many2one("hotel.loyalty.tier", string="From", readonly=True)
    new_tier_id = fields.Many2one("hotel.loyalty.tier", string="To", required=True, readonly=True)
    direction = fields.Selection(DIRECTIONS, required=True, readonly=True, index=True)
    reason = fields.Selection(REASONS, required=True, readonly=True)
    note = fields.Char(readonly=True)
    spend = fields.Monetary(string="Qualifying Spend", readonly=True)
    stays = fields.Integer(string="Qualifying Stays", readonly=True)
    nights = fields.Integer(string="Qualifying Nights", readonly=True)
    mail_pending = fields.Boolean(readonly=True, index="btree_not_null",
                                  help="The member is still to be told of the upgrade.")

    @api.model
    def _log(self, changes, date):
        """Record tier changes given as (card, old tier, new tier, reason, note) tuples."""
        vals_list = []
        for card, old, new, reason, note in changes:
            up = not old or new.sequence > old.sequence
            vals_list.append({
                "card_id": card.id, "partner_id": card.partner_id.id, "program_id": card.program_id.id,
                "date": date, "old_tier_id": old.id, "new_tier_id": new.id, "reason": reason, "note": note,
                "direction": "enroll" if not old else ("up" if up else "down"), "mail_pending": bool(old and up),
                "spend": card.hotel_qualifying_spend, "stays": card.hotel_qualifying_stays,
                "nights": card.hotel_qualifying_nights,
            })
        changes = self.create(vals_list)
        if changes.filtered("mail_pending"):
            self.env.ref("hotel_loyalty.ir_cron_hotel_loyalty_tier_mails")._trigger()
        return changes

    @api.model
    def _post_on_partners(self, rows):
        """Chatter notes on the guests, in one INSERT: ``rows`` are (partner id,
        html body). A tier review may move thousands of members at once."""
        if not rows:
            return
        subtype = self.env.ref("mail.mt_note").id
        author = self.env.user.partner_id.id
        now = fields.Datetime.now()
        execute_values(self.env.cr._obj, """
            INSERT INTO mail_message (model, res_id, body, message_type, subtype_id, author_id, date,
                                      is_internal, create_uid, create_date, write_uid, write_date)
            VALUES %s""", [("res.partner", pid, body, "notification", subtype, author, now, True,
                            self.env.uid, now, self.env.uid, now) for pid, body in rows], page_size=5000)

    @api.model
    def _note_body(self, old_name, new_name, spend, stays, nights, currency, reason_text):
        return "<p>%s</p>" % html_escape(self.env._(
            "Membership tier: %(old)s → %(new)s (%(reason)s; %(spend)s, %(stays)s stays, %(nights)s nights "
            "in the qualification window).",
            old=old_name or "-", new=new_name, reason=reason_text, spend=currency.format(spend or 0.0),
            stays=stays or 0, nights=nights or 0))

    @api.model
    def _cron_send_tier_mails(self):
        """Tell upgraded members (the congratulation mail), a batch at a time
        so a review of thousands of members never holds one long transaction."""
        template = self.env.ref("hotel_loyalty.mail_template_tier_upgrade", raise_if_not_found=False)
        while True:
            batch = self.sudo().search([("mail_pending", "=", True)], limit=200)
            if not batch:
                return
            for change in batch:
                card = change.card_id
                if template and card.partner_id.email:
                    template.with_context(lang=card.partner_id.lang).send_mail(change.id)
            batch.write({"mail_pending": False})
            remaining = self.sudo().search_count([("mail_pending", "=", True)])
            if not self.env["ir.cron"]._commit_progress(len(batch), remaining=remaining):
                return
