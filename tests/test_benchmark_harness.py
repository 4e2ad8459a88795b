"""The benchmark harness runs end to end on a tiny dataset (the measurements
themselves are taken by ./setup/bench.sh, never in the test suite)."""
import random
from datetime import timedelta

from odoo.tests import TransactionCase, freeze_time
from tests.benchmarks import dataset, inprocess

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT


@freeze_time(PINNED_MOMENT, tick=True)  # ticking: the harness measures elapsed time
class TestBenchmarkHarness(TransactionCase):
    test_tags = {"standard", "post_install"}
    test_module = "hotel_suite"

    def test_tiny_dataset_and_every_benchmark(self):
        info = dataset.build(self.env, "tiny")
        cr = self.env.cr
        self.assertEqual((info["rooms"], info["room_types"], info["guests"]), (20, 4, 200))
        self.assertGreater(info["reservations"], 100)
        # The counts reported are the rows written.
        cr.execute("SELECT count(*) FROM hotel_reservation WHERE property_id = ANY(%s)", [info["property_ids"]])
        self.assertEqual(cr.fetchone()[0], info["reservations"])
        cr.execute("SELECT count(*) FROM hotel_reservation_night WHERE property_id = ANY(%s)", [info["property_ids"]])
        self.assertEqual(cr.fetchone()[0], info["ledger_nights"])
        # The written stays are consistent with the ORM's view of them.
        stays = self.env["hotel.reservation"].search([("property_id", "in", info["property_ids"])])
        today = stays.property_id[:1]._local_today()
        for res in stays:
            held = res.night_ids.filtered("active")
            self.assertEqual(res.nights, len(res.night_ids))
            if res.state in ("cancelled", "no_show"):
                self.assertFalse(held, res.name)
            else:
                self.assertEqual(len(held), res.nights, res.name)
                self.assertEqual(held.room_id, res.room_id)
            if res.state == "checked_out":
                self.assertLessEqual(res.departure_date, today)
            if res.state == "confirmed":
                self.assertGreaterEqual(res.arrival_date, today)
        self.assertEqual(set(stays.mapped("state")) - {"no_show"},
                         {"checked_out", "checked_in", "confirmed", "cancelled"})
        # Same seed, same plan.
        generator = self.env["hotel.demo.generator"]
        prop = stays.property_id[:1]
        profile = dataset.StayProfile(los=dataset.LOS)
        plans = [generator._plan_property(prop, profile, today + timedelta(days=400), today + timedelta(days=430),
                                          [1, 2, 3], random.Random(7)) for _i in range(2)]
        self.assertEqual([(s["room_id"], s["arrival"], s["state"]) for s in plans[0]],
                         [(s["room_id"], s["arrival"], s["state"]) for s in plans[1]])
        # Ids are taken from the table's sequence, so an insert made afterwards cannot reuse one.
        ids = generator._allocate_ids("res_partner", 3)
        self.assertEqual(len(set(ids)), 3)
        self.assertGreater(self.env["res.partner"].create({"name": "Inserted afterwards"}).id, max(ids))

        results = inprocess.run_all(self.env, info, scale=0.05)
        self.assertEqual(set(results), set(inprocess.BENCHMARKS))
        for name, figures in results.items():
            self.assertGreaterEqual(figures["runs"], 2, name)
            self.assertTrue(0 < figures["min_ms"] <= figures["median_ms"] <= figures["p95_ms"], name)
        # Every benchmark rolled back what it wrote: no booking or audit left behind.
        self.assertEqual(self.env["hotel.reservation"].search_count([("property_id", "in", info["property_ids"])]),
                         info["reservations"])
        self.assertFalse(self.env["hotel.night.audit"].search([("property_id", "in", info["property_ids"])]))
