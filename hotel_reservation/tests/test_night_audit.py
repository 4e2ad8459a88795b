from datetime import timedelta

from .test_billing import BillingCase


class TestNightAudit(BillingCase):

    def _audit(self, day):
        audit = self.env["hotel.night.audit"].search([("property_id", "=", self.hotel.id), ("date", "=", day)]) \
            or self.env["hotel.night.audit"].create({"property_id": self.hotel.id, "date": day})
        audit.action_run()
        return audit

    def test_audit_posts_each_night_once_and_counts(self):
        yesterday = self.today - timedelta(days=1)
        # In house since yesterday (2 nights), a no-show due yesterday, a cancellation, a future booking.
        stay = self.in_house(nights=2)
        late = self.book(arrival=yesterday, nights=2, room_type=self.suite)
        future = self.book(arrival=self.today + timedelta(days=5))
        future.action_cancel()
        folio = stay.folio_id
        self.charge(folio, self.breakfast, price=100, date=yesterday)

        audit = self._audit(yesterday)
        self.assertEqual(audit.state, "done")
        self.assertEqual(audit.charges_posted, 1)
        self.assertEqual(late.state, "no_show")
        room_lines = folio.line_ids.filtered(lambda line: line.kind == "room")
        self.assertEqual(room_lines.mapped("date"), [yesterday])
        # Hand count: 4 rooms, 1 sold at 500 -> occupancy 25 %, ADR 500, RevPAR 125.
        self.assertEqual((audit.rooms_available, audit.rooms_sold), (4, 1))
        self.assertAlmostEqual(audit.occupancy, 25.0)
        self.assertAlmostEqual(audit.adr, 500.0)
        self.assertAlmostEqual(audit.revpar, 125.0)
        self.assertAlmostEqual(audit.room_revenue, 500.0)
        self.assertAlmostEqual(audit.other_revenue, 100.0)
        self.assertEqual((audit.arrivals, audit.no_shows), (1, 1))

        again = self._audit(yesterday)
        self.assertEqual(again, audit)
        self.assertEqual(again.charges_posted, 0)
        self.assertEqual(len(folio.line_ids.filtered(lambda line: line.kind == "room")), 1, "posted once")

    def test_moved_stay_is_charged_once_per_night(self):
        stay = self.in_house(nights=3)  # arrived two days ago
        day1, day2 = self.today - timedelta(days=2), self.today - timedelta(days=1)
        self._audit(day1)
        new_room = ((self.r101 | self.r201 | self.r301) - stay.room_id)[0]
        stay.action_move_room(new_room)
        self._audit(day2)
        self._audit(day2)
        folio = stay.folio_id
        nights = folio.line_ids.filtered(lambda line: line.kind == "room")
        self.assertEqual(nights.mapped("date"), [day1, day2])
        # Leaving today (a night early): the two nights spent are charged, once each.
        folio._register_payment(1000, self.alipay)
        stay.action_check_out()
        self.assertEqual(len(folio.line_ids.filtered(lambda line: line.kind == "room")), 2)
        self.assertEqual(folio.amount_due, 0)

    def test_audit_of_an_open_night_is_refused(self):
        audit = self.env["hotel.night.audit"].create({"property_id": self.hotel.id, "date": self.today})
        stay = self.in_house(nights=1)
        result = audit.action_run()
        self.assertEqual(result["params"]["type"], "danger", "the user is told")
        self.assertIn("not over yet", result["params"]["message"])
        self.assertFalse(stay.folio_id.line_ids, "a failed audit posts nothing")
        # ... and the failure stays on record (nothing raised, nothing rolled back).
        self.assertEqual(audit.state, "failed")
        self.assertIn("not over yet", audit.error)
        self.assertIn("not over yet", audit.message_ids[0].body)
