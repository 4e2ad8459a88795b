from . import test_housekeeping
