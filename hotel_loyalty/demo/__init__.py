from . import hotel_loyalty_demo
