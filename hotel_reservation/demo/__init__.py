from . import hotel_demo_generator
from . import hotel_stay_history_demo
