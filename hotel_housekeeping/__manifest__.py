{
    "name": "Hotel Housekeeping",
    "summary": "Live room status (occupancy x cleanliness), cleaning tasks generated from the stays, "
               "attendants on their phones, inspections, guest requests with service levels",
    "version": "19.0.1.0.0",
    "category": "Services/Hotel",
    "author": "Hotel Suite Developers",
    "website": "https://github.com/odoo/odoo",
    "license": "LGPL-3",
    "depends": ["hotel_reservation", "maintenance"],
    "data": [
        "security/hotel_housekeeping_security.xml",
        "security/ir.model.access.csv",
        "security/hotel_housekeeping_rules.xml",
        "data/hotel_service_request_type_data.xml",
        "data/ir_sequence_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/hotel_housekeeping_task_views.xml",
        "views/hotel_service_request_views.xml",
        "views/hotel_room_block_views.xml",
        "views/hotel_lost_item_views.xml",
        "views/hotel_room_views.xml",
        "views/hotel_room_type_views.xml",
        "views/hotel_property_views.xml",
        "views/hotel_housekeeping_menus.xml",
    ],
    "demo": [
        "demo/hotel_housekeeping_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hotel_housekeeping/static/tests/tours/*.js",
        ],
    },
}
