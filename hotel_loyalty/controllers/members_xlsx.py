import io

import xlsxwriter
from werkzeug.exceptions import BadRequest, NotFound

from odoo.exceptions import AccessError
from odoo.http import Controller, content_disposition, request, route

MARKETING = "hotel_base.group_hotel_marketing"
CARD_FIELDS = [
    "code", "partner_id", "program_id", "hotel_tier_id", "points", "hotel_qualifying_spend",
    "hotel_qualifying_stays", "hotel_qualifying_nights", "hotel_enrolled_on", "hotel_last_activity",
    "hotel_enroll_source",
]


class HotelLoyaltyMembersExport(Controller):
    """The members of a membership programme as a spreadsheet, for marketing.
    Read with the user's rights, so that the company rules apply."""

    @route("/hotel/loyalty/members.xlsx", type="http", auth="user", methods=["GET"], readonly=True)
    def members_xlsx(self, program_id=None, **_kw):
        env = request.env
        if not env.user.has_group(MARKETING):
            raise AccessError(env._("Only hotel marketing users and loyalty managers can export the members."))
        Program = env["loyalty.program"]
        if program_id:
            try:
                program = Program.search([("id", "=", int(program_id)), ("hotel_membership", "=", True)])
            except ValueError as exc:
                raise BadRequest() from exc
        else:
            # _hotel_program() reads as superuser: back to the user's env for the rules.
            program = Program._hotel_program().sudo(False)
        if not program:
            raise NotFound(env._("There is no hotel membership programme to export."))
        program.check_access("read")
        cards = env["loyalty.card"].search_fetch(
            [("program_id", "=", program.id), ("hotel_member", "=", True)], CARD_FIELDS,
            order="hotel_tier_id desc, points desc, id")
        # One query per related model for the whole export (prefetch), not one per member.
        cards.partner_id.fetch(["name", "email"])
        cards.hotel_tier_id.fetch(["name"])
        return request.make_response(self._workbook(env, program, cards), headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition("members.xlsx")),
        ])

    def _workbook(self, env, program, cards):
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet(env._("Members"))
        header = book.add_format({"bold": True, "bottom": 1})
        currency = program.currency_id
        decimals = currency.decimal_places if currency else 2
        money = book.add_format({"num_format": "#,##0" + ("." + "0" * decimals if decimals else "")})
        integer = book.add_format({"num_format": "#,##0"})
        date = book.add_format({"num_format": "yyyy-mm-dd"})
        sources = dict(env["loyalty.card"]._fields["hotel_enroll_source"]._description_selection(env))
        money_suffix = f" ({currency.name})" if currency else ""
        # (header, width, format) per column; the rows below follow the same order.
        columns = [
            (env._("Card"), 18, None),
            (env._("Member"), 30, None),
            (env._("E-mail"), 30, None),
            (env._("Tier"), 14, None),
            (env._("Points"), 12, integer),
            (env._("Points worth") + money_suffix, 16, money),
            (env._("Qualifying spend") + money_suffix, 18, money),
            (env._("Stays"), 8, integer),
            (env._("Nights"), 8, integer),
            (env._("Member since"), 14, date),
            (env._("Last activity"), 14, date),
            (env._("Enrolled at"), 18, None),
        ]
        for col, (title, width, _fmt) in enumerate(columns):
            sheet.write(0, col, title, header)
            sheet.set_column(col, col, width)
        for row, card in enumerate(cards, start=1):
            values = [
                card.code, card.partner_id.name, card.partner_id.email, card.hotel_tier_id.name, card.points,
                card.hotel_points_value, card.hotel_qualifying_spend, card.hotel_qualifying_stays,
                card.hotel_qualifying_nights, card.hotel_enrolled_on, card.hotel_last_activity,
                sources.get(card.hotel_enroll_source),
            ]
            for col, value in enumerate(values):
                fmt = columns[col][2]
                if value is False or value is None:
                    continue  # an empty cell, not the text "False"
                if fmt is date:
                    sheet.write_datetime(row, col, value, date)
                elif isinstance(value, str):
                    # write_string: a guest's name starting with "=" must not become a formula
                    sheet.write_string(row, col, value)
                else:
                    sheet.write_number(row, col, value, fmt)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(cards), 1), len(columns) - 1)
        book.close()
        return output.getvalue()
