import re

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.http import Controller, request, route
from odoo.tools import consteq

from odoo.addons.hotel_base.models.hotel_guest_document import DOCUMENT_TYPES

TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class HotelPrecheckin(Controller):
    """The guest's pre-check-in page, reached by the link in the booking's
    mails (booking id + HMAC token, no account needed): expected arrival time,
    the party of each room with their ID documents, the door code once issued.
    What was stored before is never shown back (no document numbers), only
    whether each guest is registered."""

    def _access(self, folio_id, stay_id, token):
        """(folio, the stays the link opens) or None: the booker's link opens
        every room, a room guest's link their room only."""
        folio = request.env["hotel.folio"].sudo().browse(folio_id).exists()
        stay = folio.reservation_ids.filtered(lambda r: r.id == stay_id) if stay_id else None
        if not folio or (stay_id and not stay):
            return None, None
        if not token.isascii() or not consteq(folio._precheckin_token(stay), token):
            return None, None
        return folio, stay or folio.reservation_ids

    def _render(self, folio, stays, message=None, error=None, status=200):
        lang = (stays[:1].partner_id.lang if len(stays) == 1 else folio.partner_id.lang) or folio.property_id.lang
        if lang:
            request.update_context(lang=lang)
        folio = folio.with_context(lang=lang)
        stays = stays.with_context(lang=lang).filtered(lambda r: r.state in ("confirmed", "checked_in")).sorted("id")
        stays._ensure_main_guests()
        env = request.env
        return request.render("hotel_checkin.precheckin_page", {
            "folio": folio, "stays": stays, "message": message, "error": error,
            "document_types": [(k, dict(env["hotel.guest.document"]._fields["document_type"]
                                        ._description_selection(env))[k]) for k, _l in DOCUMENT_TYPES],
            "countries": env["res.country"].sudo().search([]),
            "cn": env.ref("base.cn", raise_if_not_found=False),
            "no_header": True, "no_footer": True,
        }, status=status)

    @route(["/hotel/precheckin/<int:folio_id>/<string:token>",
            "/hotel/precheckin/<int:folio_id>/<int:stay_id>/<string:token>"],
           type="http", auth="public", methods=["GET"], sitemap=False)
    def precheckin(self, folio_id, token, stay_id=None, **_kw):
        folio, stays = self._access(folio_id, stay_id, token)
        if not folio:
            return request.not_found()
        return self._render(folio, stays)

    @route(["/hotel/precheckin/<int:folio_id>/<string:token>",
            "/hotel/precheckin/<int:folio_id>/<int:stay_id>/<string:token>"],
           type="http", auth="public", methods=["POST"], sitemap=False)
    def precheckin_submit(self, folio_id, token, stay_id=None, **post):
        folio, stays = self._access(folio_id, stay_id, token)
        if not folio:
            return request.not_found()
        env = request.env
        stay = stays.filtered(lambda r: str(r.id) == post.get("reservation_id"))
        if not stay:
            return self._render(folio, stays, error=env._("Choose a room of this booking."), status=400)
        try:
            with env.cr.savepoint():  # a refused entry leaves nothing behind
                if post.get("action") == "arrival":
                    message = self._save_arrival(stay, post.get("arrival_time"))
                else:
                    stay._precheckin_submit(self._guest_values(post))
                    message = env._("Thank you: the guest is registered.")
        except (UserError, ValidationError) as exc:
            return self._render(folio, stays, error=exc.args[0], status=400)
        env.invalidate_all()  # the statuses read before the new documents
        return self._render(folio, stays, message=message)

    def _save_arrival(self, stay, value):
        env = request.env
        match = TIME_RE.match((value or "").strip())
        if not match:
            raise UserError(env._("Enter the arrival time as HH:MM, e.g. 15:30."))
        if stay.state != "confirmed":
            raise UserError(env._("This stay is not awaiting arrival: ask the front desk."))
        stay.sudo().write({"expected_arrival_time": int(match[1]) + int(match[2]) / 60.0})
        stay._precheckin_done()
        return env._("Thank you: we expect you at %(time)s.", time=match[0])

    def _guest_values(self, post):
        env = request.env

        def as_int(key):
            try:
                return int(post.get(key) or 0) or False
            except ValueError:
                return False

        def as_date(key, label):
            raw = (post.get(key) or "").strip()
            if not raw:
                return False
            try:
                return fields.Date.to_date(raw)
            except ValueError as exc:
                raise UserError(env._("%(field)s: %(value)s is not a date.", field=label, value=raw)) from exc

        country = env["res.country"].sudo().browse(as_int("country_id")).exists()
        nationality = env["res.country"].sudo().browse(as_int("nationality_id")).exists()
        return {
            "line_id": as_int("line_id"), "name": post.get("name"), "guardian_id": as_int("guardian_id"),
            "nationality_id": nationality.id or False, "guest_birthdate": as_date("birthdate", env._("Birth date")),
            "document_type": post.get("document_type") or "id_card",
            "document_number": (post.get("document_number") or "").strip(), "country_id": country.id or False,
            "expiry_date": as_date("expiry_date", env._("Expiry date")),
        }
