from . import precheckin, registration_export
