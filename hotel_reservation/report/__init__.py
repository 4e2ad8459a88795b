from . import hotel_occupancy_report
