"""Rooms booked together used to share one reference (e.g. two rooms from the
availability search): before the unique index on (folio, name) is created,
the oldest room of each duplicated reference keeps it (it may have been sent
to the guest) and the others get the folio's next free numbers, in creation
order."""


def migrate(cr, version):
    cr.execute(r"""
        WITH ranked AS (
            SELECT id, folio_id,
                   row_number() OVER (PARTITION BY folio_id, name ORDER BY id) AS rank
              FROM hotel_reservation
        ), extra AS (
            SELECT id, folio_id, row_number() OVER (PARTITION BY folio_id ORDER BY id) AS n
              FROM ranked WHERE rank > 1
        ), top AS (
            SELECT folio_id, max(COALESCE(substring(name FROM '/(\d+)$')::int, 0)) AS number
              FROM hotel_reservation GROUP BY folio_id
        )
        UPDATE hotel_reservation r
           SET name = f.name || '/' || (top.number + extra.n)
          FROM extra
          JOIN top ON top.folio_id = extra.folio_id
          JOIN hotel_folio f ON f.id = extra.folio_id
         WHERE r.id = extra.id
    """)
