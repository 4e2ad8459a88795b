from . import (
    hotel_door_code,
    hotel_folio,
    hotel_guest_reminder,
    hotel_lock_provider,
    hotel_lock_request,
    hotel_property,
    hotel_reservation,
    hotel_reservation_guest,
    hotel_reservation_charges,
)
