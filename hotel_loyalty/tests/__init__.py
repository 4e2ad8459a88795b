from . import test_loyalty_points, test_loyalty_race, test_loyalty_tiers, test_loyalty_ui
