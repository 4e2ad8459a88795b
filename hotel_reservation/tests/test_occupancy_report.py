from collections import defaultdict
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .test_billing import BillingCase

FIGURES = ["rooms_available", "rooms_sold", "room_revenue", "occupancy", "adr", "revpar"]
MEASURES = ["occupancy:avg", "adr:avg", "revpar:avg", "rooms_available:sum", "rooms_sold:sum", "room_revenue:sum"]


def ratios(available, sold, revenue):
    """The expected figures of a hand count."""
    return {
        "rooms_available": available, "rooms_sold": sold, "room_revenue": revenue,
        "occupancy": 100.0 * sold / available if available else 0.0,
        "adr": revenue / sold if sold else 0.0,
        "revpar": revenue / available if available else 0.0,
    }


class TestOccupancyReport(BillingCase):
    """The hotel has 4 sellable rooms: 3 doubles and 1 suite (an archived
    double does not count). Hand count of the three days d0..d2:

    ======  =====================  ====================  ============
    day     double (3 rooms)       suite (1 room)        hotel
    ======  =====================  ====================  ============
    d0      A 400                  B 1000                2 sold, 1400
    d1      A 600, C 300, E 500    -                     3 sold, 1400
    d2      C 200                  -                     1 sold, 200
    ======  =====================  ====================  ============

    X, a cancelled double on d0, is not counted. Totals: 12 available, 6 sold,
    3000 -> occupancy 50 %, ADR 500, RevPAR 250. An average of the daily ADRs
    would give 455.56, an average of the rows' occupancies 44.44 and of their
    RevPARs 277.78: the report must return the ratios of the sums.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["hotel.occupancy.report"]
        cls.env["hotel.room"].create({"name": "501", "room_type_id": cls.double.id, "active": False})
        cls.other_revenue = new_test_user(
            cls.env, login="r_other_revenue", groups="base.group_user,hotel_base.group_hotel_revenue_manager",
            hotel_property_ids=[Command.set(cls.other_hotel.ids)])
        cls.d0 = cls.day
        cls.days = [cls.d0 + timedelta(days=i) for i in range(3)]
        cls.period = [("property_id", "=", cls.hotel.id),
                      ("date", ">=", cls.days[0]), ("date", "<", cls.days[-1] + timedelta(days=1))]
        # (day index, room type, sold, revenue) of the table above.
        cls.hand_count = [(0, "double", 1, 400), (0, "suite", 1, 1000), (1, "double", 3, 1400),
                          (1, "suite", 0, 0), (2, "double", 1, 200), (2, "suite", 0, 0)]

    def stay(self, arrival, prices, room_type=None, **kw):
        res = self.book(arrival=arrival, nights=len(prices), room_type=room_type, **kw)
        for night, price in zip(self.active_nights(res), prices, strict=True):
            night.price = price
        return res

    def make_stays(self):
        d0, d1 = self.days[:2]
        self.stay(d0, [400, 600])                        # A
        self.stay(d0, [1000], room_type=self.suite)      # B
        self.stay(d0, [999]).action_cancel()             # X
        self.stay(d1, [300, 200])                        # C
        self.stay(d1, [500])                             # E

    def expected(self, key):
        """Hand-count figures grouped by ``key(day, room type)``."""
        sums = defaultdict(lambda: [0, 0, 0])
        for index, rtype, sold, revenue in self.hand_count:
            group = sums[key(self.days[index], rtype)]
            group[0] += 3 if rtype == "double" else 1
            group[1] += sold
            group[2] += revenue
        return {group: ratios(*values) for group, values in sums.items()}

    def assertFigures(self, actual, expected, msg=None):
        for name, value in expected.items():
            self.assertAlmostEqual(actual[name], value, places=2, msg=f"{msg}: {name}")

    def test_daily_figures_and_totals(self):
        self.make_stays()
        perf = self.Report.get_performance(self.hotel, self.days[0], self.days[-1] + timedelta(days=1))
        expected = self.expected(lambda day, rtype: day)
        self.assertEqual([row["date"] for row in perf["days"]], self.days)
        for row in perf["days"]:
            self.assertFigures(row, expected[row["date"]], msg=row["date"])
        self.assertFigures(perf["totals"], ratios(12, 6, 3000), msg="totals")
        self.assertAlmostEqual(perf["totals"]["adr"], 500.0)
        # The rows themselves: one per room type and day, with that row's ratios.
        rows = self.Report.search_read(self.period, ["date", "room_type_id", *FIGURES])
        self.assertEqual(len(rows), 6)
        d0_double = next(r for r in rows if r["date"] == self.days[0] and r["room_type_id"][0] == self.double.id)
        self.assertFigures(d0_double, ratios(3, 1, 400), msg="double on d0")
        # Inclusive-exclusive period; an empty one gives zeros.
        one_day = self.Report.get_performance(self.hotel.id, self.days[1], self.days[2])
        self.assertEqual(len(one_day["days"]), 1)
        self.assertFigures(one_day["totals"], ratios(4, 3, 1400), msg="d1 alone")
        nothing = self.Report.get_performance(self.hotel, self.days[1], self.days[1])
        self.assertEqual(nothing, {"days": [], "totals": dict.fromkeys(FIGURES, 0)})

    def test_groupings_are_ratios_of_sums(self):
        self.make_stays()
        by_type = self.expected(lambda day, rtype: rtype)
        groups = self.Report.formatted_read_group(self.period, ["room_type_id"], MEASURES)
        self.assertEqual(len(groups), 2)
        for group in groups:
            rtype = "double" if group["room_type_id"][0] == self.double.id else "suite"
            self.assertFigures({k.split(":")[0]: v for k, v in group.items()}, by_type[rtype], msg=rtype)

        by_month = self.expected(lambda day, rtype: day.replace(day=1))
        groups = self.Report.formatted_read_group(self.period, ["date:month"], MEASURES)
        self.assertEqual(len(groups), len(by_month))
        for group, month in zip(groups, sorted(by_month), strict=True):
            self.assertEqual(group["date:month"][0], month.isoformat())
            self.assertFigures({k.split(":")[0]: v for k, v in group.items()}, by_month[month], msg=month)

        # Per-row extremes keep their meaning: the double was full on d1.
        [group] = self.Report.formatted_read_group(self.period, [], ["occupancy:max", "adr:min"])
        self.assertAlmostEqual(group["occupancy:max"], 100.0)
        self.assertAlmostEqual(group["adr:min"], 0.0)

    def test_pivot_and_list_read_ratios(self):
        """What the pivot (grouping sets, with the monetary companions it asks
        for) and the grouped list (web_read_group) receive."""
        self.make_stays()
        measures = [*MEASURES, "currency_id:array_agg_distinct", "adr:sum_currency", "revpar:sum_currency",
                    "room_revenue:sum_currency"]
        by_day, by_type_day, total = self.Report.formatted_read_grouping_sets(
            self.period, [["date:day"], ["room_type_id", "date:day"], []], measures)
        self.assertEqual(len(by_day), 3)
        self.assertEqual(len(by_type_day), 6)
        [total] = total
        self.assertFigures({k.split(":")[0]: v for k, v in total.items() if ":sum_currency" not in k},
                           ratios(12, 6, 3000), msg="pivot total")
        self.assertAlmostEqual(total["adr:sum_currency"], 500.0, places=2)
        self.assertAlmostEqual(total["revpar:sum_currency"], 250.0, places=2)
        self.assertEqual(total["currency_id:array_agg_distinct"], [self.env.company.currency_id.id])
        expected = self.expected(lambda day, rtype: day)
        for group, day in zip(by_day, self.days, strict=True):
            self.assertFigures({k.split(":")[0]: v for k, v in group.items() if ":sum_currency" not in k},
                               expected[day], msg=day)

        result = self.Report.web_read_group(self.period, ["room_type_id"], MEASURES)
        self.assertEqual(result["length"], 2)
        double = next(g for g in result["groups"] if g["room_type_id"][0] == self.double.id)
        self.assertAlmostEqual(double["occupancy:avg"], 500 / 9, places=2)
        self.assertAlmostEqual(double["adr:avg"], 400.0, places=2)
        self.assertAlmostEqual(double["revpar:avg"], 2000 / 9, places=2)

    def test_in_house_and_checked_out_nights_count(self):
        """In-house nights count; a guest leaving early keeps the nights used
        and releases the others; no-shows and cancellations hold nothing."""
        days = [self.today + timedelta(days=i) for i in (-2, -1, 0)]
        self.in_house(nights=2)                                   # days[1], days[2]
        early = self.in_house(nights=3)                           # days[0], days[1]; days[2] released
        early.night_ids.price = 500
        early.folio_id._register_payment(1000, self.alipay)
        early.action_check_out()
        self.assertEqual(early.state, "checked_out")
        self.book(arrival=days[1], nights=1, room_type=self.suite).action_no_show()
        perf = self.Report.get_performance(self.hotel, days[0], days[2] + timedelta(days=1))
        self.assertEqual([(r["date"], r["rooms_sold"]) for r in perf["days"]], list(zip(days, [1, 2, 1], strict=True)))
        self.assertFigures(perf["totals"], {"rooms_available": 12, "rooms_sold": 4})

    def test_property_record_rule(self):
        self.make_stays()
        Report = self.Report.with_user(self.other_revenue)
        self.assertFalse(Report.search_count([("property_id", "=", self.hotel.id)]))
        perf = Report.get_performance(self.hotel, self.days[0], self.days[-1] + timedelta(days=1))
        self.assertEqual((perf["days"], perf["totals"]["rooms_sold"]), ([], 0))
        self.assertFalse(Report.formatted_read_group(self.period, ["date:day"], MEASURES))
        self.assertEqual(Report.search([("date", "=", self.days[0])]).property_id, self.other_hotel)
        # Staff of the hotel see it, and only it.
        mine = self.Report.with_user(self.revenue)
        self.assertEqual(mine.search([("date", "=", self.days[0])]).property_id, self.hotel)
        self.assertEqual(mine.get_performance(self.hotel, self.days[0], self.days[1])["totals"]["rooms_sold"], 2)

    def test_access_by_role(self):
        self.make_stays()
        period = (self.hotel, self.days[0], self.days[1])
        for user in (self.frontdesk, self.housekeeping):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Report.with_user(user).get_performance(*period)
        for user in (self.revenue, self.manager):
            with self.subTest(user=user.login):
                self.assertEqual(self.Report.with_user(user).get_performance(*period)["totals"]["rooms_sold"], 2)
        menu = self.env.ref("hotel_reservation.menu_hotel_occupancy_report")
        for user, visible in ((self.revenue, True), (self.manager, True), (self.frontdesk, False)):
            with self.subTest(menu=user.login):
                self.assertEqual(menu.id in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids(), visible)
