"""Who reads what, for field ``groups=`` across the hotel addons (views repeat
the same lists in their ``groups`` attributes)."""

# Money: prices, charges, payments, balances. Not housekeeping, not marketing.
MONEY_GROUPS = ("hotel_base.group_hotel_frontdesk_user,hotel_base.group_hotel_revenue_manager,"
                "account.group_account_invoice")

# A guest's e-mail and phone: the desk, marketing and finance. Not housekeeping.
CONTACT_GROUPS = ("hotel_base.group_hotel_frontdesk_user,hotel_base.group_hotel_marketing,"
                  "account.group_account_invoice")
