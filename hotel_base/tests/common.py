import logging
import threading
from concurrent.futures import CancelledError
from contextlib import contextmanager
from datetime import date

import psycopg2
from lxml import etree

from odoo import api
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, TransactionCase, freeze_time, new_test_user
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

_logger = logging.getLogger(__name__)

# Every test that reads the clock runs at a pinned moment, so the suite gives the
# same result at any hour: Wednesday 11 March 2026, 02:00 UTC = 10:00 in Shanghai
# (after the 06:00 no-show cut-off, before the 14:00 check-in time; same date in UTC).
PINNED_MOMENT = "2026-03-11 02:00:00"
PINNED_TODAY = date(2026, 3, 11)  # its date in UTC, in Shanghai and for users in Europe alike


@contextmanager
def refused(case, exception, pattern):
    """Odoo's assertRaises (savepoint + cache reset) plus a check of the message.

    A ``ValidationError`` may also come from a database constraint (CHECK,
    unique index): the ORM raises it as an ``IntegrityError``, which the RPC
    layer turns into a ValidationError carrying the constraint's message. The
    message checked is then that one, the one the user reads."""
    expected = (exception, psycopg2.IntegrityError) if exception is ValidationError else exception
    # Odoo's assertRaises takes one class: catch broadly, then check the type.
    with mute_logger("odoo.sql_db"), case.assertRaises(Exception) as caught:
        yield caught
    exc = caught.exception
    case.assertIsInstance(exc, expected)
    if isinstance(exc, psycopg2.IntegrityError):
        model = next((case.env[name] for name, cls in case.env.registry.items()
                      if cls._table == exc.diag.table_name), case.env["base"])
        message = model._sql_error_to_message(exc)
    else:
        message = str(exc)
    case.assertRegex(message, pattern)


@freeze_time(PINNED_MOMENT)
class HotelBaseCase(TransactionCase):
    """Two properties of one company, and one user per hotel role on the first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.hotel_a = cls.env["hotel.property"].create({"name": "Test Harbour Hotel", "code": "THA"})
        cls.hotel_b = cls.env["hotel.property"].create({
            "name": "Test Hill Homestay", "code": "THB", "is_homestay": True,
        })
        cls.floor_a1 = cls.env["hotel.floor"].create({"name": "1F", "level": 1, "property_id": cls.hotel_a.id})
        cls.type_a = cls.env["hotel.room.type"].create({
            "name": "Test Double", "code": "TDB", "property_id": cls.hotel_a.id,
            "max_adults": 2, "max_children": 1, "max_occupancy": 3, "list_price": 400,
        })
        cls.type_b = cls.env["hotel.room.type"].create({
            "name": "Test Courtyard", "code": "TCY", "property_id": cls.hotel_b.id,
            "max_adults": 2, "max_children": 0, "max_occupancy": 2, "list_price": 300,
        })
        cls.room_a1 = cls.env["hotel.room"].create({
            "name": "101", "room_type_id": cls.type_a.id, "floor_id": cls.floor_a1.id,
        })
        cls.room_b1 = cls.env["hotel.room"].create({"name": "A1", "room_type_id": cls.type_b.id})
        cls.guest = cls.env["res.partner"].create({"name": "Test Guest Zhang San", "is_hotel_guest": True})

        def user(login, group):
            return new_test_user(
                cls.env, login=login, groups=f"base.group_user,hotel_base.{group}",
                hotel_property_ids=[(6, 0, cls.hotel_a.ids)],
            )
        cls.user_frontdesk = user("t_frontdesk", "group_hotel_frontdesk_user")
        cls.user_manager = user("t_frontmanager", "group_hotel_frontdesk_manager")
        cls.user_housekeeping = user("t_housekeeping", "group_hotel_housekeeping")
        cls.user_revenue = user("t_revenue", "group_hotel_revenue_manager")
        cls.user_marketing = user("t_marketing", "group_hotel_marketing")
        cls.user_admin = new_test_user(
            cls.env, login="t_hoteladmin", groups="base.group_user,hotel_base.group_hotel_admin",
        )
        cls.user_plain = new_test_user(cls.env, login="t_plain", groups="base.group_user")

    # A valid 身份证 number (checksum X) and its variants used across tests.
    VALID_ID = "11010519491231002X"

    def assertRefused(self, exception, pattern):
        """Like assertRaisesRegex, but through Odoo's assertRaises: the failed
        operation is rolled back to a savepoint and the cache reset, so that
        assertions afterwards read what the database really kept."""
        return refused(self, exception, pattern)


class ViewSmokeMixin:
    """For HttpCase: open every window action of an addon in each of its view
    modes and fail on any client error (shared by the hotel addons' UI tests)."""

    def browser_js(self, *args, **kwargs):
        """Odoo's browser_js, once more in a fresh Chromium when the first one
        went away before the page was ready (its DevTools connection closed:
        Odoo raises CancelledError only then, before any test code ran; a
        failing tour or a timeout is never retried)."""
        try:
            return super().browser_js(*args, **kwargs)
        except CancelledError:
            _logger.warning("Chromium closed before the page was ready; starting the test code in a new one")
            return super().browser_js(*args, **kwargs)

    def assert_views_render(self, urls, login):
        for url in urls:
            with self.subTest(url=url, login=login):
                self.start_tour(url, "hotel_base_view_smoke_tour", login=login)

    def assert_module_views_render(self, module, minimum=1):
        data = self.env["ir.model.data"].search([("module", "=", module), ("model", "=", "ir.actions.act_window")])
        actions = self.env["ir.actions.act_window"].browse(data.mapped("res_id"))
        self.assertGreaterEqual(len(actions), minimum)
        for action in actions:
            xmlid = action.get_external_id()[action.id]
            for view_type in action.view_mode.split(","):
                with self.subTest(action=xmlid, view_type=view_type):
                    self.start_tour(f"/odoo/action-{xmlid}?view_type={view_type}",
                                    "hotel_base_view_smoke_tour", login="admin")


def view_specification(model, view_type="form"):
    """What the web client reads to show ``model`` in its default ``view_type``
    view, as the model's user: the fields of the arch get_views returns for them
    (fields of groups they lack are already gone), x2many sub-lists included."""

    view = model.get_views([(False, view_type)])
    arch = etree.fromstring(view["views"][view_type]["arch"])
    fields_info = view["models"]

    def spec(node, model_name):
        result = {}
        for field in node.iter("field"):
            # only the fields of this level: a field inside a sub-view belongs to that view
            parent = field.getparent()
            while parent is not None and parent is not node and parent.tag != "field":
                parent = parent.getparent()
            if parent is not None and parent is not node:
                continue
            name = field.get("name")
            info = fields_info[model_name]["fields"].get(name, {})
            if info.get("type") == "many2one":
                result[name] = {"fields": {"display_name": {}}}
            elif info.get("type") in ("one2many", "many2many"):
                sub = next(iter(field.iterchildren("list", "kanban")), None)
                result[name] = {"fields": spec(sub, info["relation"]) if sub is not None else {"display_name": {}}}
            else:
                result[name] = {}
        return result

    return spec(arch, model._name)


class CommittedDataCase(BaseCase):
    """Tests of real concurrent transactions: committed data and separate
    cursors (not the test transaction), so that PostgreSQL itself arbitrates;
    subclasses remove what they created. Decorate the subclass with
    ``freeze_time(..., tick=True)``: the transactions wait on each other."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # BaseCase does not start the class's freeze_time itself (TransactionCase does).
        cls.startClassPatcher(cls.freeze_time)
        cls.registry = Registry(get_db_name())

    def run_race(self, first, second, hold=1.5):
        """``first(env)`` runs in transaction A, which waits ``hold`` seconds
        before committing; ``second(env)`` runs meanwhile in transaction B (as
        superuser, each with its own cursor). Returns {"first": outcome,
        "second": outcome}: "committed", "refused: <message>" for a UserError,
        "error: ..." for anything else."""
        a_done = threading.Event()
        outcome = {}

        def run(name, job, wait_for=None, signal=None):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
                    if wait_for:
                        wait_for.wait(10)
                    job(env)
                    if signal:
                        signal.set()
                        threading.Event().wait(hold)  # B meets A's uncommitted rows
                outcome[name] = "committed"
            except UserError as exc:
                outcome[name] = f"refused: {exc}"
            except Exception as exc:
                outcome[name] = f"error: {exc!r}"

        threads = [threading.Thread(target=run, args=("first", first, None, a_done)),
                   threading.Thread(target=run, args=("second", second, a_done, None))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        return outcome
