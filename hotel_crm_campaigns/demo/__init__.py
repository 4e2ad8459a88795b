from . import hotel_crm_demo, hotel_feedback_demo
