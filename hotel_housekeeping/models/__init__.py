from . import hotel_property
from . import hotel_room_status_log
from . import hotel_room
from . import hotel_housekeeping_task
from . import hotel_reservation
from . import hotel_service_request_type
from . import hotel_service_request
