from . import (
    test_door_codes,
    test_late_early,
    test_lock_webhook,
    test_precheckin,
    test_registration,
    test_reminders,
    test_checkin_ui,
)
