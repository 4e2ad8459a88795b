"""ID documents get the property where they were recorded (record rule), and
their uniqueness becomes per guest: fill ``property_id`` before the ORM makes
it NOT NULL, from the guest's latest stay where bookings exist, else the first
property of the database."""


def migrate(cr, version):
    cr.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'hotel_guest_document'")
    if not cr.fetchone():
        return
    cr.execute("ALTER TABLE hotel_guest_document ADD COLUMN IF NOT EXISTS property_id integer")
    cr.execute("SELECT to_regclass('hotel_reservation') IS NOT NULL")
    if cr.fetchone()[0]:
        cr.execute("""
            UPDATE hotel_guest_document d
               SET property_id = (SELECT r.property_id FROM hotel_reservation r
                                   WHERE r.partner_id = d.partner_id AND r.property_id IS NOT NULL
                                ORDER BY r.arrival_date DESC, r.id DESC LIMIT 1)
             WHERE d.property_id IS NULL
        """)
    cr.execute("""
        UPDATE hotel_guest_document
           SET property_id = (SELECT id FROM hotel_property ORDER BY id LIMIT 1)
         WHERE property_id IS NULL
    """)
