from . import hotel_loyalty_adjust, hotel_loyalty_liability, hotel_loyalty_redeem
