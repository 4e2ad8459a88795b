"""Rooms booked together used to share one reference (e.g. two rooms from the
availability search): renumber them before the unique index on (folio, name)
is created. Each folio's rooms are numbered 1..n in creation order."""


def migrate(cr, version):
    cr.execute("""
        WITH numbered AS (
            SELECT r.id, f.name || '/' || row_number() OVER (PARTITION BY r.folio_id ORDER BY r.id) AS ref
              FROM hotel_reservation r JOIN hotel_folio f ON f.id = r.folio_id
             WHERE r.folio_id IN (SELECT folio_id FROM hotel_reservation
                                   GROUP BY folio_id, name HAVING count(*) > 1)
        )
        UPDATE hotel_reservation r SET name = numbered.ref FROM numbered WHERE numbered.id = r.id
    """)
