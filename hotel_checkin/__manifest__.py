{
    "name": "Hotel Check-in, Door Codes and Guest Reminders",
    "summary": "Every guest registered at check-in, online pre-check-in, one-time door codes sent to smart "
               "locks, arrival and departure reminders, late check-out and early check-in charges",
    "version": "19.0.1.0.0",
    "category": "Services/Hotel",
    "author": "Hotel Suite Developers",
    "website": "https://github.com/odoo/odoo",
    "license": "LGPL-3",
    "depends": ["hotel_reservation", "sms"],
    "data": [
        "security/ir.model.access.csv",
        "security/hotel_checkin_rules.xml",
        "data/product_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "data/ir_cron_data.xml",
        "report/hotel_registration_card.xml",
        "wizard/hotel_stay_charge_waive_views.xml",
        "wizard/hotel_registration_export_views.xml",
        "views/hotel_reservation_views.xml",
        "views/hotel_property_views.xml",
        "views/hotel_door_code_views.xml",
        "views/hotel_lock_provider_views.xml",
        "views/hotel_guest_reminder_views.xml",
        "views/hotel_checkin_menus.xml",
        "views/precheckin_templates.xml",
    ],
    "demo": [
        "demo/hotel_checkin_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hotel_checkin/static/tests/tours/*.js",
        ],
    },
}
