from . import (
    test_crm_attribution,
    test_crm_complaints,
    test_crm_feedback,
    test_crm_guard_rails,
    test_crm_journeys,
    test_crm_metrics,
    test_crm_ui,
)
