{
    "name": "Hotel Guest Relations x Housekeeping",
    "summary": "Rooms with repeated cleanliness complaints shown to housekeeping supervisors",
    "version": "19.0.1.0.0",
    "category": "Services/Hotel",
    "author": "Hotel Suite Developers",
    "website": "https://github.com/odoo/odoo",
    "license": "LGPL-3",
    "depends": ["hotel_crm_campaigns", "hotel_housekeeping"],
    "auto_install": True,
    "data": [
        "views/hotel_room_views.xml",
    ],
}
