from . import test_housekeeping
from . import test_ui
from . import test_concurrency
from . import test_room_block
from . import test_inspection_lost_found
