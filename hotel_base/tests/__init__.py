from . import test_room_setup
from . import test_guest_profile
from . import test_security
from . import test_ui
