from . import hotel_guest_document_register
