"""Property isolation and workflow integrity on every path, generated (issue #11).

See ``isolation.py`` for what the generator covers; each role is one test, so a
failure lists every refused-but-accepted call, leak and traceback of that role.
"""
from odoo.tests import HttpCase, freeze_time, tagged

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT, PINNED_TODAY

from .isolation import (
    ACCESS_ERRORS,
    MAGIC_FIELDS,
    ROLES,
    IsolationFixture,
    RpcProbe,
    create_values,
    hotel_models,
    log_matrix,
    method_arguments,
    property_field,
    property_models,
    public_methods,
    relational_probes,
    writable_scalar,
)

# Values a user gives each wizard besides its records (the control must work).
WIZARD_EXTRA = {
    "hotel.folio.charge": lambda fx, role: {"product_id": fx.iso_extra.id, "quantity": 1},
    "hotel.reservation.cancel": lambda fx, role: {"reason": "isolation probe"},
    "hotel.folio.payment": lambda fx, role: {"amount": 10.0},
    "hotel.guest.document.register": lambda fx, role: {"document_type": "passport", "number": f"PW{role.upper()}1"},
    "hotel.reservation.move": lambda fx, role: {"mode": "room"},
}
# Which fixture record a wizard field takes when its comodel has several.
WIZARD_RECORD = {"new_room_id": "free_room"}


def hidden(result):
    """Nothing of the other property came back."""
    if isinstance(result, list):
        return all(isinstance(g, dict) and g.get("__count", 0) == 0 for g in result) if result else True
    if isinstance(result, dict):
        return not result.get("days")
    return not result


@freeze_time(PINNED_MOMENT)
@tagged("post_install", "-at_install")
class TestIsolationMatrix(IsolationFixture, RpcProbe, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.build_isolation_fixture(cls.env, PINNED_TODAY)
        for records in cls.iso.values():
            records["today"] = PINNED_TODAY

    def test_matrix_frontdesk(self):
        self.run_matrix("frontdesk")

    def test_matrix_frontmanager(self):
        self.run_matrix("frontmanager")

    def test_matrix_housekeeping(self):
        self.run_matrix("housekeeping")

    def test_matrix_homestay_owner(self):
        self.run_matrix("homestay_owner")

    def test_matrix_covers_every_model(self):
        """The generator sees every hotel model with a property, and the fixture
        has a record of each at both properties (a new model fails here until it has)."""
        models = property_models(self.env)
        for expected in ("hotel.folio", "hotel.reservation", "hotel.reservation.night", "hotel.folio.line",
                         "hotel.night.audit", "hotel.guest.document", "hotel.room", "hotel.occupancy.report",
                         "account.move", "account.payment"):
            self.assertIn(expected, models)
        for model in models:
            for key in ("a", "b"):
                with self.subTest(model=model, property=key):
                    record = self.iso_record(self.env, key, model)
                    self.assertTrue(record, f"the isolation fixture has no {model} at property {key}: add one")
                    field = property_field(self.env, model)
                    prop = self.iso[key]["hotel.property"]
                    self.assertEqual(record.sudo()[field].id if field != "id" else record.id, prop.id)

    def test_garbage_input_is_refused_never_a_traceback(self):
        """Every stored field a user edits, on every hotel model, given what a
        careless API client sends: refused with a clear error, nothing written."""
        garbage = {"date": ["2026-02-30", "tomorrow"], "datetime": ["2026-13-01 10:00:00"], "integer": ["two", 2.5],
                   "float": ["lots", 1e15], "monetary": ["lots", 1e15], "many2one": [999999999, "abc"],
                   "selection": ["nonsense"]}
        self.authenticate("iso_frontmanager", "iso_frontmanager")
        self.rpc_calls, problems = 0, []
        for model in hotel_models(self.env):
            mine = self.iso_record(self.env, "a", model)
            if not mine or not self.env[model].with_user(self.iso_users["frontmanager"]).has_access("write"):
                continue
            for fname, field in self.env[model]._fields.items():
                if not field.store or field.readonly or fname in MAGIC_FIELDS or field.type not in garbage:
                    continue
                for value in garbage[field.type]:
                    label = f"{model}.{fname} = {value!r}"
                    before = mine.sudo()[fname]
                    self.expect_refused(problems, f"write {label}",
                                        self.rpc(model, "write", [[mine.id], {fname: value}]))
                    mine.invalidate_recordset()
                    if mine.sudo()[fname] != before:
                        problems.append(f"HALF-WRITTEN {label}")
                    self.expect_refused(problems, f"create {label}", self.rpc(
                        model, "create", [[dict(create_values(mine), **{fname: value})]]))
        # public methods given garbage arguments, on the role's own records
        for model in hotel_models(self.env):
            mine = self.iso_record(self.env, "a", model)
            for name, func in public_methods(self.env[model]).items():
                arity = len(method_arguments(func, self.iso["a"], self.iso["b"]))
                for value in ("tomorrow", 10**15, None, [1, "x"], {"id": "x"}):
                    args = [value] * arity
                    ids = [] if getattr(func, "_api_model", False) else [[mine.id] if mine else []]
                    if arity:
                        self.expect_clean(problems, f"{model}.{name}({value!r})", self.rpc(model, name, [*ids, *args]))
        log_matrix("garbage input", self.rpc_calls, len(hotel_models(self.env)), problems)
        self.assertGreater(self.rpc_calls, 100)
        if problems:
            self.fail(f"{len(problems)} problems:\n" + "\n".join(problems))

    # ------------------------------------------------------------------ the matrix
    def run_matrix(self, role):
        key = ROLES[role][0]
        other_key = "b" if key == "a" else "a"
        own, other = self.iso[key], self.iso[other_key]
        self.rpc_calls = 0
        self.authenticate(f"iso_{role}", f"iso_{role}")
        problems = []
        models = property_models(self.env)
        for model in models:
            foreign = self.iso_record(self.env, other_key, model)
            mine = self.iso_record(self.env, key, model)
            self.probe_other_record(problems, model, foreign, other)
            self.probe_relations(problems, model, mine, other_key)
            self.probe_methods(problems, model, foreign, own, other)
        self.probe_wizards(problems, role, key, other_key)
        log_matrix(role, self.rpc_calls, len(models), problems)
        if problems:
            self.fail(f"{len(problems)} problems as {role}:\n" + "\n".join(problems))

    def expect_hidden(self, problems, label, outcome):
        result, error, __ = outcome
        if error is None:
            if not hidden(result):
                problems.append(f"LEAK {label}: {str(result)[:160]}")
        elif error not in ACCESS_ERRORS:
            self.expect_refused(problems, label, outcome, allowed=ACCESS_ERRORS)

    def probe_other_record(self, problems, model, foreign, other):
        fid = foreign.id
        pfield = property_field(self.env, model)
        rpc = self.rpc
        self.expect_hidden(problems, f"read {model}", rpc(model, "read", [[fid], ["display_name"]]))
        self.expect_hidden(problems, f"search {model}", rpc(model, "search", [[("id", "=", fid)]]))
        self.expect_hidden(problems, f"search_count {model} of the other property", rpc(
            model, "search_count", [[(pfield, "=", other["hotel.property"].id)]]))
        self.expect_hidden(problems, f"read_group {model}", rpc(
            model, "formatted_read_group", [[("id", "=", fid)], [], ["__count"]]))
        self.expect_hidden(problems, f"name_search {model}", rpc(
            model, "name_search", [], {"name": "", "domain": [("id", "=", fid)], "limit": 5}))
        fname, value = writable_scalar(self.env[model])
        if fname:
            before = foreign.sudo()[fname]
            self.expect_refused(problems, f"write {model}.{fname}", rpc(model, "write", [[fid], {fname: value}]))
            foreign.invalidate_recordset()
            if foreign.sudo()[fname] != before:
                problems.append(f"HALF-WRITTEN write {model}.{fname}")
        count = self.env[model].sudo().search_count([])
        self.expect_refused(problems, f"copy {model}", rpc(model, "copy", [[fid]]))
        self.expect_refused(problems, f"unlink {model}", rpc(model, "unlink", [[fid]]))
        if self.env[model].sudo().search_count([]) != count or not foreign.sudo().exists():
            problems.append(f"HALF-WRITTEN copy/unlink {model}")

    def probe_relations(self, problems, model, mine, other_key):
        for fname in relational_probes(self.env[model]):
            field = self.env[model]._fields[fname]
            target = self.iso_record(self.env, other_key, field.comodel_name)
            if not target:
                continue
            value = target.id if field.type == "many2one" else [(6, 0, target.ids)]
            before = mine.sudo()[fname]
            self.expect_refused(problems, f"write {model}.{fname} -> other property", self.rpc(
                model, "write", [[mine.id], {fname: value}]))
            mine.invalidate_recordset()
            if mine.sudo()[fname] != before:
                problems.append(f"HALF-WRITTEN {model}.{fname} now points to the other property")
            count = self.env[model].sudo().search_count([])
            vals = dict(create_values(mine), **{fname: value})
            self.expect_refused(problems, f"create {model} with {fname} -> other property", self.rpc(
                model, "create", [[vals]]))
            if self.env[model].sudo().search_count([]) != count:
                problems.append(f"HALF-WRITTEN create {model} with {fname} of the other property")

    def probe_methods(self, problems, model, foreign, own, other):
        for name, func in public_methods(self.env[model]).items():
            args = method_arguments(func, own, other)
            label = f"{model}.{name}() on the other property"
            if getattr(func, "_api_model", False):
                self.expect_hidden(problems, label, self.rpc(model, name, args))
            else:
                self.expect_refused(problems, label, self.rpc(model, name, [[foreign.id], *args]),
                                    allowed=ACCESS_ERRORS)

    def probe_wizards(self, problems, role, key, other_key):
        for wizard in hotel_models(self.env, transient=True):
            Wizard = self.env[wizard]
            declared = getattr(Wizard, "_hotel_property_fields", ())
            for fname, field in Wizard._fields.items():
                if field.type in ("many2one", "many2many") and not (field.compute and field.readonly) \
                        and fname not in MAGIC_FIELDS \
                        and (property_field(self.env, field.comodel_name)) and fname not in declared \
                        and fname != "wizard_id":
                    problems.append(f"UNDECLARED {wizard}.{fname}: wizards check access to the records they act on")
            own_vals, swaps = {}, {}
            for fname in declared:
                field = Wizard._fields[fname]
                source = WIZARD_RECORD.get(fname, field.comodel_name)
                mine = self.iso[key].get(source) or self.iso_record(self.env, key, field.comodel_name)
                theirs = self.iso[other_key].get(source) or self.iso_record(self.env, other_key, field.comodel_name)
                to_value = (lambda r: r.id) if field.type == "many2one" else (lambda r: [(6, 0, r.ids)])
                if mine:
                    own_vals[fname] = to_value(mine)
                if theirs and field.comodel_name != "res.partner":  # guest profiles are shared by the group
                    swaps[fname] = (theirs, to_value(theirs))
            own_vals.update(WIZARD_EXTRA.get(wizard, lambda fx, r: {})(self, role))
            control = self.rpc(wizard, "create", [[own_vals]])
            self.expect_clean(problems, f"{wizard} on own records (control)", control)
            for fname, (theirs, value) in swaps.items():
                default = theirs.id if Wizard._fields[fname].type == "many2one" else theirs.ids
                self.expect_refused(problems, f"{wizard} default {fname} of the other property", self.rpc(
                    wizard, "default_get", [list(Wizard._fields)], context={f"default_{fname}": default}),
                    allowed=ACCESS_ERRORS)
                self.expect_refused(problems, f"{wizard} create with {fname} of the other property", self.rpc(
                    wizard, "create", [[dict(own_vals, **{fname: value})]]))
