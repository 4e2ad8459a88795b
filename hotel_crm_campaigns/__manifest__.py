{
    "name": "Hotel Guest Marketing",
    "summary": "Guest metrics (RFM, lifecycle), segments, automated journeys by e-mail and SMS with consent, "
               "frequency caps, quiet hours and holdout groups, campaign attribution, ROI and lift; post-stay "
               "surveys, NPS, complaints with working-day deadlines, escalation and compensation",
    "version": "19.0.1.0.0",
    "category": "Services/Hotel",
    "author": "Hotel Suite Developers",
    "website": "https://github.com/odoo/odoo",
    "license": "LGPL-3",
    "depends": ["hotel_loyalty", "mass_mailing", "mass_mailing_sms", "survey", "resource"],
    "data": [
        "security/hotel_crm_security.xml",
        "security/ir.model.access.csv",
        "security/hotel_crm_rules.xml",
        "data/ir_cron_data.xml",
        "data/hotel_segment_data.xml",
        "data/hotel_complaint_data.xml",
        "data/survey_data.xml",
        "views/hotel_guest_metric_views.xml",
        "views/hotel_segment_views.xml",
        "views/hotel_journey_views.xml",
        "views/mailing_mailing_views.xml",
        "views/hotel_campaign_result_views.xml",
        "views/hotel_property_views.xml",
        "views/hotel_folio_views.xml",
        "views/res_partner_views.xml",
        "views/hotel_complaint_views.xml",
        "views/hotel_feedback_report_views.xml",
        "views/survey_views.xml",
        "views/survey_templates.xml",
        "views/hotel_crm_menus.xml",
        "data/hotel_feedback_demo_upgrade.xml",
    ],
    "demo": [
        "demo/hotel_crm_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hotel_crm_campaigns/static/tests/tours/*.js",
        ],
    },
}
