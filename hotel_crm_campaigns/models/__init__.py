from . import (
    hotel_property,
    hotel_guest_metric,
    res_partner,
    hotel_segment,
    hotel_journey,
    hotel_journey_occurrence,
    mailing_mailing,
    mailing_trace,
    hotel_folio,
    hotel_campaign_result,
)
