from . import hotel_checkin_demo
