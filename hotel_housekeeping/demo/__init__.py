from . import hotel_housekeeping_demo
