"""Cross-addon checks: every hotel addon is installed, documented, translated and secured."""
import ast
import importlib
import inspect
import re
from pathlib import Path

from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, TransactionCase

ROOT = Path(__file__).resolve().parents[1]
HOTEL_ADDONS = sorted(p.parent.name for p in ROOT.glob("hotel_*/__manifest__.py"))


class TestSuiteIntegrity(TransactionCase):
    # Outside odoo.addons.*, Odoo cannot derive these from the module path.
    test_tags = {"standard", "post_install"}
    test_module = "hotel_suite"
    clock_independent = True  # reads no date or time

    def test_every_test_class_runs_at_a_pinned_moment(self):
        """Green at any hour: every test class of the suite runs under
        freeze_time (or pins the clock in setUpClass: ``clock_pinned``, or says
        why no hour can change its outcome: ``clock_independent``), so no outcome depends on when
        CI happens to run."""
        modules = [f"odoo.addons.{addon}.tests.{path.stem}" for addon in HOTEL_ADDONS
                   for path in sorted((ROOT / addon / "tests").glob("test_*.py"))]
        modules += [f"tests.{path.stem}" for path in sorted((ROOT / "tests").glob("test_*.py"))]
        checked, loose = 0, []
        for name in modules:
            module = importlib.import_module(name)
            for cls in vars(module).values():
                if not (inspect.isclass(cls) and issubclass(cls, BaseCase) and cls.__module__ == name):
                    continue
                if not any(attr.startswith("test") for attr in dir(cls)):
                    continue
                checked += 1
                pinned = getattr(cls, "freeze_time", None) is not None or getattr(cls, "clock_pinned", False)
                if not pinned and not getattr(cls, "clock_independent", False):
                    loose.append(f"{name}.{cls.__name__}")
        self.assertGreater(checked, 20)
        self.assertEqual(loose, [], "test classes that read the real clock")

    def test_every_hotel_addon_is_installed(self):
        self.assertIn("hotel_base", HOTEL_ADDONS)
        states = dict(self.env["ir.module.module"].search([("name", "in", HOTEL_ADDONS)]).mapped(
            lambda m: (m.name, m.state)))
        self.assertEqual(states, dict.fromkeys(HOTEL_ADDONS, "installed"))

    def test_manifests_and_translations(self):
        for addon in HOTEL_ADDONS:
            with self.subTest(addon=addon):
                manifest = ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())
                self.assertEqual(manifest.get("license"), "LGPL-3")
                self.assertTrue(manifest.get("author"))
                po = ROOT / addon / "i18n" / "zh_CN.po"
                self.assertTrue(po.is_file(), f"{addon} ships no zh_CN translation")
                text = po.read_text()
                # Every entry translated (the header is the only empty msgid).
                self.assertEqual(len(re.findall(r'^msgstr ""\n\n', text, re.M)), 0,
                                 f"{addon}/i18n/zh_CN.po has untranslated entries")

    def _hotel_models(self):
        data = self.env["ir.model.data"].search([("module", "in", HOTEL_ADDONS), ("model", "=", "ir.model")])
        return self.env["ir.model"].browse(data.mapped("res_id"))

    def test_every_model_has_access_rules(self):
        models = self._hotel_models()
        self.assertTrue(models)
        for model in models:
            if self.env[model.model]._abstract:
                continue  # no table, no records: nothing to grant
            with self.subTest(model=model.model):
                self.assertTrue(model.access_ids.filtered("perm_read") or model.access_ids.filtered("perm_create"),
                                f"{model.model} has no access rule")

    def test_property_records_are_confined(self):
        """Every stored model with a property gets per-property record rules for
        the hotel roles: one for all staff, or one for each role that reads it
        (e.g. attendants: their own tasks of their properties), and no hotel
        role's rule opens another property (administrators excepted)."""
        staff = self.env.ref("hotel_base.group_hotel_staff")
        admin = self.env.ref("hotel_base.group_hotel_admin")
        roles = staff | self.env["res.groups"].search([("all_implied_ids", "in", staff.ids)]) - admin
        for model in self._hotel_models():
            Model = self.env[model.model]
            field = Model._fields.get("property_id")
            if Model._transient or Model._abstract or not field or not field.store:
                continue
            with self.subTest(model=model.model):
                rules = self.env["ir.rule"].search([("model_id", "=", model.id), ("groups", "in", roles.ids)])
                self.assertTrue(rules, f"{model.model} has no per-property record rule")
                for rule in rules:
                    self.assertIn("hotel_property_ids", rule.domain_force,
                                  f"{model.model}: rule {rule.name} does not confine to the user's properties")

    def test_errors_in_the_users_language(self):
        """A Chinese-speaking user gets errors and menus in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "in", HOTEL_ADDONS)])._update_translations(["zh_CN"])
        hotel = self.env["hotel.property"].create({"name": "Lang Test Hotel", "code": "LTH"})
        room_type = self.env["hotel.room.type"].create({"name": "Twin", "code": "TW", "property_id": hotel.id})
        self.env["hotel.room"].create({"name": "808", "room_type_id": room_type.id})
        zh = self.env(context={"lang": "zh_CN"})
        with self.assertRaises(ValidationError) as caught:
            zh["hotel.room"].create({"name": "808", "room_type_id": room_type.id})
        message = str(caught.exception)
        self.assertIn("808", message)
        self.assertRegex(message, r"[\u4e00-\u9fff]", f"not translated: {message}")
        menu = zh.ref("hotel_base.menu_hotel_root")
        self.assertRegex(menu.name, r"[\u4e00-\u9fff]")
