from . import test_housekeeping
from . import test_ui
from . import test_concurrency
from . import test_room_block
