"""Generated isolation matrix (issue #11): every hotel model, every role, every
verb, over real HTTP (JSON-RPC as the web client and the API call Odoo).

The generator reads the registry: a model of a hotel addon with a
``property_id`` (and the accounting models hotel roles read, with
``hotel_property_id``) is a *property model*; every one of them must have a
record at each of the two properties of the fixture, so a new model is covered
the day it is added (the fixture tells which model lacks data). For each role
(staff of one property) and each property model it checks, on the other
property's record: read, search, search_count of the property, read_group,
name_search, write, copy and unlink are refused or hidden; and on its own
record: no relational field can be pointed at the other property's records,
by write or by create. Public methods of hotel models, called on the other
property's records, are refused; wizards refuse the other property's records
as defaults and as values, after the same wizard on the role's own records was
shown to work (the control). Every answer is either a result or an Odoo
business error (access, user, validation, missing): never a traceback.
"""
import importlib
import inspect
import logging
import os
from datetime import timedelta

from odoo import Command
from odoo.tests import new_test_user

_logger = logging.getLogger(__name__)

CLEAN_ERRORS = {
    "odoo.exceptions.AccessError", "odoo.exceptions.UserError", "odoo.exceptions.ValidationError",
    "odoo.exceptions.MissingError", "odoo.exceptions.AccessDenied", "odoo.exceptions.RedirectWarning",
}
ACCESS_ERRORS = {"odoo.exceptions.AccessError", "odoo.exceptions.MissingError"}
# Accounting records hotel roles read, and the field carrying their property.
ACCOUNTING_MODELS = {"account.move": "hotel_property_id", "account.move.line": "hotel_property_id",
                     "account.payment": "hotel_property_id"}
# Methods every model has (CRUD, views, framework): the verbs cover them.
FRAMEWORK_METHODS = {"create", "write", "unlink", "copy", "default_get", "onchange", "read", "search",
                     "name_search", "web_read", "web_save", "web_search_read", "web_read_group", "copy_data",
                     "name_create", "fields_get", "get_views", "check_access", "has_access", "browse", "exists", "init",
                     "message_new", "message_update"}  # the mail gateway's (it creates through create)
MAGIC_FIELDS = {"create_uid", "write_uid"}
# Roles as the issue names them: staff of one property, probing the other.
ROLES = {
    "frontdesk": ("a", ("group_hotel_frontdesk_user",)),
    "frontmanager": ("a", ("group_hotel_frontdesk_manager",)),
    "housekeeping": ("a", ("group_hotel_housekeeping",)),
    "homestay_owner": ("b", ("group_hotel_frontdesk_manager", "group_hotel_revenue_manager")),
}


def hotel_models(env, transient=False):
    """Models defined by the hotel addons (stored, or transient for wizards)."""
    names = []
    for name in sorted(env.registry):
        model = env[name]
        if model._abstract or model._transient != transient or not name.startswith("hotel."):
            continue
        names.append(name)
    return names


def property_field(env, name):
    if name in ACCOUNTING_MODELS:
        return ACCOUNTING_MODELS[name]
    if name == "hotel.property":
        return "id"
    return "property_id" if "property_id" in env[name]._fields else None


def property_models(env):
    return [n for n in hotel_models(env) if property_field(env, n)] + sorted(ACCOUNTING_MODELS)


def addon_fixture_builders(env):
    """``build(env, records, today) -> {model: record}`` of every installed hotel
    addon that ships ``tests/isolation_fixture.py``: an addon's new property
    models get their records at each property of the fixture."""
    builders = []
    modules = env["ir.module.module"].sudo().search([("name", "=like", "hotel\\_%"), ("state", "=", "installed")])
    for name in sorted(modules.mapped("name")):
        path = f"odoo.addons.{name}.tests.isolation_fixture"
        try:
            module = importlib.import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name != path:
                raise
            continue
        builders.append(module.build)
    return builders


def public_methods(model):
    """Public methods the hotel addons define on ``model`` (callable over RPC)."""
    cls = type(model)
    found = {}
    for name in dir(cls):
        if name.startswith("_") or name in FRAMEWORK_METHODS:
            continue
        func = getattr(cls, name, None)
        if not callable(func) or not getattr(func, "__module__", "").startswith("odoo.addons.hotel_"):
            continue
        found[name] = func
    return found


class IsolationFixture:
    """Two properties with a record of every property model each, staff per role."""

    @classmethod
    def build_isolation_fixture(cls, env, today):
        cls.iso_today = today
        company = env.company
        env["account.journal"]._hotel_create_payment_journals(company)
        cls.iso_journal = env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "in", ("bank", "cash"))], limit=1)
        cls.iso_extra = env.ref("hotel_reservation.product_breakfast")
        cls.iso = {key: cls._build_property(env, key, today) for key in ("a", "b")}
        cls.iso_users = {}
        for role, (key, groups) in ROLES.items():
            cls.iso_users[role] = new_test_user(
                env, login=f"iso_{role}", groups=",".join(["base.group_user"] + [f"hotel_base.{g}" for g in groups]),
                hotel_property_ids=[Command.set(cls.iso[key]["hotel.property"].ids)])

    @classmethod
    def _build_property(cls, env, key, today):
        code = f"IS{key.upper()}"
        prop = env["hotel.property"].create({
            "name": f"Isolation {key.upper()} Hotel", "code": code, "tz": "Asia/Shanghai",
            "checkin_time": 14.0, "checkout_time": 12.0, "no_show_hour": 6.0,
        })
        floor = env["hotel.floor"].create({"name": f"{code} 1F", "level": 1, "property_id": prop.id})
        room_type = env["hotel.room.type"].create({
            "name": f"{code} Double", "code": f"{code}D", "property_id": prop.id, "list_price": 400,
            "max_adults": 2, "max_children": 1, "max_occupancy": 3,
        })
        rooms = env["hotel.room"].create([
            {"name": f"{code}-{n}", "room_type_id": room_type.id, "floor_id": floor.id} for n in (1, 2, 3)])
        guest = env["res.partner"].create({
            "name": f"Isolation Guest {code}", "email": f"{code.lower()}@example.com", "is_hotel_guest": True})
        document = env["hotel.guest.document"].create({
            "partner_id": guest.id, "property_id": prop.id, "document_type": "passport", "number": f"P{code}0001",
        })
        restriction = env["hotel.rate.restriction"].create({
            "property_id": prop.id, "room_type_id": room_type.id, "min_stay": 2,
            "date_from": today + timedelta(days=60), "date_to": today + timedelta(days=61),
        })
        # an in-house stay: nights charged, an extra, a payment, a posted invoice
        folio = env["hotel.folio"].create({"partner_id": guest.id, "property_id": prop.id})
        stay = env["hotel.reservation"].create({
            "folio_id": folio.id, "room_type_id": room_type.id, "room_id": rooms[0].id, "adults": 1,
            "arrival_date": today - timedelta(days=1), "departure_date": today + timedelta(days=2),
        })
        stay.action_confirm()
        stay.action_check_in()
        folio._post_night_charges(stay.night_ids.filtered(lambda n: n.date < today))
        extra = env["hotel.folio.line"].create({
            "folio_id": folio.id, "reservation_id": stay.id, "kind": "extra", "product_id": cls.iso_extra.id,
            "name": "Breakfast", "price_unit": 50.0,
        })
        folio._register_payment(100.0, cls.iso_journal)
        invoice = folio._invoice_lines(extra)
        open_line = env["hotel.folio.line"].create({
            "folio_id": folio.id, "reservation_id": stay.id, "kind": "extra", "product_id": cls.iso_extra.id,
            "name": "Laundry", "price_unit": 30.0,
        })
        # a booking to come
        future = env["hotel.folio"].create({"partner_id": guest.id, "property_id": prop.id})
        booked = env["hotel.reservation"].create({
            "folio_id": future.id, "room_type_id": room_type.id, "room_id": rooms[1].id, "adults": 1,
            "arrival_date": today + timedelta(days=10), "departure_date": today + timedelta(days=12),
        })
        booked.action_confirm()
        audit = env["hotel.night.audit"].create({"property_id": prop.id, "date": today - timedelta(days=5)})
        api_request = env["hotel.booking.request"].create({
            "user_id": env.uid, "client_key": f"isolation-{code}", "folio_id": future.id,
            "property_id": prop.id})
        payment = folio.sudo().payment_ids[:1]
        records = {
            "hotel.property": prop, "hotel.floor": floor, "hotel.room.type": room_type, "hotel.room": rooms[0],
            "free_room": rooms[2], "res.partner": guest, "hotel.guest.document": document,
            "hotel.rate.restriction": restriction, "hotel.folio": folio, "hotel.reservation": stay,
            "booked": booked, "hotel.reservation.night": stay.night_ids[:1], "hotel.folio.line": open_line,
            "hotel.night.audit": audit, "hotel.booking.request": api_request,
            "account.move": invoice, "account.move.line": invoice.invoice_line_ids[:1],
            "account.payment": payment, "product.product": cls.iso_extra,
        }
        for build in addon_fixture_builders(env):
            records.update(build(env, records, today))
        return records

    @classmethod
    def iso_record(cls, env, key, model):
        """The fixture's record of ``model`` at property ``key``, else any."""
        if model in cls.iso[key]:
            return cls.iso[key][model]
        field = property_field(env, model)
        prop = cls.iso[key]["hotel.property"]
        if field and field != "id":
            return env[model].sudo().search([(field, "=", prop.id)], limit=1, order="id desc")
        return env[model]


class RpcProbe:
    """JSON-RPC calls as the web client makes them, each answer classified."""

    def rpc(self, model, method, args=(), kwargs=None, context=None):
        kwargs = dict(kwargs or {})
        if context:
            kwargs["context"] = context
        response = self.opener.post(f"{self.base_url()}/web/dataset/call_kw/{model}/{method}", json={
            "jsonrpc": "2.0", "method": "call", "id": 1,
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        }, timeout=60)
        self.rpc_calls += 1
        payload = response.json()
        if "error" in payload:
            data = payload["error"].get("data", {})
            return None, data.get("name", "?"), data.get("message", "")
        return payload.get("result"), None, None

    def expect_refused(self, problems, label, outcome, allowed=None):
        """Refused with an Odoo business error (of ``allowed``); anything else is recorded."""
        allowed = allowed or CLEAN_ERRORS
        result, error, message = outcome
        if error is None:
            problems.append(f"ACCEPTED {label}: {str(result)[:120]}")
        elif error not in CLEAN_ERRORS:
            problems.append(f"TRACEBACK {label}: {error}: {message[:160]}")
        elif error not in allowed:
            problems.append(f"WRONG ERROR {label}: {error}: {message[:160]}")

    def expect_clean(self, problems, label, outcome):
        """A result or a business error, never a traceback."""
        __, error, message = outcome
        if error and error not in CLEAN_ERRORS:
            problems.append(f"TRACEBACK {label}: {error}: {message[:160]}")


def protected_names(model):
    """Fields a client may not write (see hotel.property.mixin)."""
    return model._hotel_protected_names() if hasattr(model, "_hotel_protected_names") else set()


def writable_scalar(model):
    """A field a user edits by hand (to probe write), with a new value."""
    protected = protected_names(model)
    for fname in ("note", "ref", "memo", "name", "sequence", "color", "min_stay", "level"):
        field = model._fields.get(fname)
        if field and field.store and not field.readonly and not field.compute and fname not in protected \
                and field.type in ("char", "text", "html", "integer"):
            return fname, (7 if field.type == "integer" else "isolation probe")
    return None, None


def relational_probes(model):
    """Many2one/many2many fields a user sets, pointing to property models."""
    env = model.env
    protected = protected_names(model)
    probes = []
    for fname, field in model._fields.items():
        if field.type not in ("many2one", "many2many") or not field.store or field.readonly \
                or fname in MAGIC_FIELDS or fname in protected or field.related:
            continue
        if field.comodel_name in ACCOUNTING_MODELS or property_field(env, field.comodel_name):
            probes.append(fname)
    return probes


def create_values(record, drop=()):
    """Values to create a record like ``record`` as a user would (editable fields only)."""
    model = record.env[record._name]
    protected = protected_names(model)
    vals = {}
    for fname, value in record.sudo().copy_data()[0].items():
        field = model._fields.get(fname)
        if not field or fname in protected or fname in drop or field.type == "one2many" \
                or field.readonly or not field.store:
            continue
        if field.type in ("date", "datetime") and value:
            value = field.to_string(value)  # as JSON carries it
        vals[fname] = value
    return vals


def method_arguments(func, own, other):
    """Positional arguments of a public method: the other property's records
    where a record is expected, real dates otherwise."""
    params = [p for p in inspect.signature(func).parameters.values()
              if p.name != "self" and p.default is inspect.Parameter.empty
              and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    values = []
    for param in params:
        if param.name in ("date_from", "arrival"):
            values.append(own["today"].isoformat())
        elif param.name in ("date_to", "departure"):
            values.append((own["today"] + timedelta(days=3)).isoformat())
        elif param.name == "hotel_property":
            values.append(other["hotel.property"].id)
        elif param.name == "new_room":
            values.append(other["free_room"].id)
        elif param.name == "client_key":
            values.append("isolation-probe-0001")
        elif param.name == "property_id":
            values.append(other["hotel.property"].id)
        elif param.name == "guest":
            values.append({"partner_id": other["res.partner"].id})
        elif param.name == "rooms":
            values.append([{"room_type": other["hotel.room.type"].id, "arrival": own["today"].isoformat(),
                            "departure": (own["today"] + timedelta(days=3)).isoformat()}])
        else:
            raise AssertionError(f"{func.__qualname__}: no probe value for argument {param.name!r}")
    return values


def log_matrix(role, calls, models, problems):
    line = f"isolation matrix {role}: {calls} HTTP calls over {models} models, {len(problems)} problems"
    _logger.info(line)
    if os.environ.get("HOTEL_MATRIX_REPORT"):  # the figures of the issue note
        with open(os.environ["HOTEL_MATRIX_REPORT"], "a", encoding="utf-8") as report:
            report.write(line + "\n" + "".join(f"  {p}\n" for p in problems))
