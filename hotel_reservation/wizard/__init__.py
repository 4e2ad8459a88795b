from . import hotel_availability_wizard
from . import hotel_reservation_cancel
from . import hotel_reservation_move
