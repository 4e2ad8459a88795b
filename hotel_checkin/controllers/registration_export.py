import csv
import io
from datetime import datetime, time, timedelta

import xlsxwriter
from werkzeug.exceptions import NotFound

from odoo import fields
from odoo.exceptions import AccessError
from odoo.http import Controller, content_disposition, request, route

MANAGERS = "hotel_base.group_hotel_frontdesk_manager"


def registration_rows(env, prop, day):
    """One row per guest of the stays checked in at ``prop`` on its local
    ``day``: what the police registration asks (documents in full, read as
    superuser after the caller's group and property were checked)."""
    start = prop._to_utc(datetime.combine(day, time.min))
    end = prop._to_utc(datetime.combine(day + timedelta(days=1), time.min))
    stays = env["hotel.reservation"].sudo().search([
        ("property_id", "=", prop.id), ("checkin_at", ">=", start), ("checkin_at", "<", end),
        ("state", "in", ("checked_in", "checked_out")),
    ], order="checkin_at, id")
    docs = env["hotel.reservation.guest"].sudo().search([("reservation_id", "in", stays.ids)])._valid_documents()
    types = dict(env["hotel.guest.document"]._fields["document_type"]._description_selection(env))
    genders = dict(env["res.partner"]._fields["guest_gender"]._description_selection(env))
    rows = []
    for res in stays:
        for guest in res.sudo().guest_ids:
            partner = guest.partner_id
            doc = docs.get((partner.id, prop.id))
            rows.append([
                res.name, res.room_id.name, prop._from_utc(res.checkin_at).strftime("%Y-%m-%d %H:%M"),
                str(res.departure_date), partner.name, genders.get(partner.guest_gender, ""),
                str(guest.birthdate or ""), partner.nationality_id.name or "",
                types.get(doc.document_type, "") if doc else "", doc.number if doc else "",
                doc.issuing_country_id.name or "" if doc else "", str(doc.expiry_date or "") if doc else "",
                guest.guardian_id.partner_id.name or "", partner.contact_address.replace("\n", ", ").strip(", "),
                partner.phone or "",
            ])
    rows = [[safe_cell(value) for value in row] for row in rows]
    return rows


def safe_cell(value):
    """Text a spreadsheet shows as typed: names come from a public page, and a
    leading = + - @ would make Excel read a formula."""
    value = str(value or "")
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def registration_header(env):
    return [env._("Booking"), env._("Room"), env._("Checked In"), env._("Departure"), env._("Guest"),
            env._("Gender"), env._("Birth Date"), env._("Nationality"), env._("Document Type"),
            env._("Document Number"), env._("Issuing Country"), env._("Document Expiry"), env._("Guardian"),
            env._("Address"), env._("Phone")]


class HotelRegistrationExport(Controller):

    @route("/hotel/registrations/<int:property_id>/<string:day>.<string:fmt>", type="http", auth="user",
           methods=["GET"], readonly=True)
    def registrations(self, property_id, day, fmt, **_kw):
        env = request.env
        if not env.user.has_group(MANAGERS):
            raise AccessError(env._("Only front-desk managers can export the guest registrations."))
        prop = env["hotel.property"].search([("id", "=", property_id)])  # the user's property rules
        try:
            day = fields.Date.to_date(day)
        except ValueError:
            day = None
        if not prop or not day or fmt not in ("xlsx", "csv"):
            raise NotFound()
        header, rows = registration_header(env), registration_rows(env, prop, day)
        name = f"registrations-{prop.code or prop.id}-{day}.{fmt}"
        if fmt == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
            # BOM: Excel opens UTF-8 CSV with Chinese names correctly
            return request.make_response("\ufeff" + out.getvalue(), headers=[
                ("Content-Type", "text/csv; charset=utf-8"), ("Content-Disposition", content_disposition(name))])
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet(env._("Registrations"))
        bold = book.add_format({"bold": True, "bottom": 1})
        text = book.add_format({"num_format": "@"})  # document numbers stay text (no 1.1E+17)
        sheet.write_row(0, 0, header, bold)
        for i, row in enumerate(rows, start=1):
            for j, value in enumerate(row):
                sheet.write_string(i, j, value, text)
        sheet.set_column(0, len(header) - 1, 16)
        sheet.freeze_panes(1, 0)
        book.close()
        return request.make_response(buffer.getvalue(), headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition(name))])
