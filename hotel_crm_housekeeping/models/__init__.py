from . import hotel_room
