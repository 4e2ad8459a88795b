from . import hotel_availability_wizard
from . import hotel_folio_charge
from . import hotel_folio_invoice
from . import hotel_folio_payment
from . import hotel_reservation_cancel
from . import hotel_reservation_move
from . import hotel_walk_in
