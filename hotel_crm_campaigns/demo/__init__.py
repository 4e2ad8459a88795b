from . import hotel_crm_demo
