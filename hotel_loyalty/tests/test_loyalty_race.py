"""Two desks redeem on one card at the same moment, in two real
transactions: the first commits, the second sees what is left and is refused
with the balance; the points never go below zero."""
from odoo import api
from odoo.service.model import retrying
from odoo.tests import freeze_time, tagged

from odoo.addons.hotel_base.tests.common import PINNED_MOMENT, CommittedDataCase


@freeze_time(PINNED_MOMENT, tick=True)
@tagged("post_install", "-at_install")
class TestRedemptionRace(CommittedDataCase):

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            program = env["loyalty.program"]._hotel_program(env.ref("hotel_base.demo_company"))
            partner = env["res.partner"].create({"name": "Race Member", "is_hotel_guest": True})
            card = env["loyalty.card"]._hotel_enroll(partner, "desk", program)
            card._hotel_move_points(1000, "adjust", "Opening balance")
            self.ids = {"card": card.id, "partner": partner.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["loyalty.card"].browse(self.ids["card"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def test_second_desk_sees_what_the_first_left(self):
        def redeem(env):
            env["loyalty.card"].browse(self.ids["card"])._hotel_move_points(-600, "redeem", "Desk redemption")

        def redeem_as_a_request(env):
            # the second desk's row lock waits for the first transaction, whose update then makes
            # PostgreSQL refuse it (serialization failure); Odoo's server retries such a request,
            # and the retry reads the balance the first desk left
            retrying(lambda: redeem(env), env)

        outcome = self.run_race(redeem, redeem_as_a_request)
        self.assertEqual(outcome["first"], "committed")
        self.assertEqual(outcome["second"], "refused: Race Member has 400 points: 600 cannot be taken.")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            card = env["loyalty.card"].browse(self.ids["card"])
            self.assertEqual(card.points, 400)
            self.assertEqual(sorted(card.history_ids.mapped("used")), [0.0, 600.0], "one redemption written")
