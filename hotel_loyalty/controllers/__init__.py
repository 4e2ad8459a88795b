from . import members_xlsx, portal
