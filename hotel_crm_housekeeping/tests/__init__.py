from . import test_room_complaints
