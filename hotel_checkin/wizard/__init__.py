from . import hotel_registration_export, hotel_stay_charge_waive
