"""In-process benchmarks: the suite's hot paths through the ORM, as the
front-desk or revenue user of the benchmark dataset (record rules applied).
Each measurement is repeated; writes are rolled back to a savepoint after every
run so that each run sees the same data."""
import statistics
import time
from contextlib import contextmanager
from datetime import timedelta

from odoo.addons.hotel_base.tools.rules import bypass_rule

# name: (what, target in ms for the large size, repetitions)
BENCHMARKS = {
    "availability_30_nights": ("get_availability, every room type of a property, 30 nights", 30, 50),
    "find_free_rooms_7_nights": ("find_free_rooms, one room type, 7 nights", 10, 50),
    "book_3_nights": ("create + confirm a 3-night stay, automatic room, confirmation mail queued", 100, 30),
    "book_api_3_nights": ("booking API: one call books and confirms a 3-night stay (hotel.booking.request.book: "
                          "client key, guest by e-mail, automatic room, prices, ledger, confirmation queued)", 100, 30),
    "confirmation_mails": ("the confirmation job: render and send the queued confirmations of 20 bookings "
                           "(one transaction each, as the job runs them)", 10_000, 3),
    "check_in": ("check-in of a one-room stay arriving today (a property without registration or door codes)", 300,
                 20),
    "check_in_registered": ("check-in at a property registering every guest and issuing door codes: two guests "
                            "checked, door code issued, lock message queued, door code mail (hotel_checkin)",
                            300, 20),
    "check_out": ("check-out of a one-room stay leaving today: pay, charge its nights, final invoice, e-mail", 500, 10),
    "night_audit": ("night audit of yesterday, both properties (all rooms of the dataset)", 30_000, 5),
    "occupancy_365_days": ("occupancy / ADR / RevPAR per day and total, 365 days, one property", 2_000, 10),
    "room_rack_31_days": ("room rack data call: every room of a property x 31 nights, stays, free counts", 500, 10),
    "housekeeping_tasks_of_the_day": ("housekeeping: today's tasks of every property (departures, stay-overs, "
                                      "arrivals), from none", 5_000, 5),
    "loyalty_tier_review": ("membership: every guest of the dataset a member; tier review (figures of the "
                            "rolling year from checked-out stays, soft landing) and apply (tiers, change log, "
                            "chatter notes), from Standard", 30_000, 3),
    "guest_metrics_recompute": ("guest marketing: every guest's metrics of every property (stays, revenue, "
                                "habits, RFM quintiles, stage), set-based, from none", 60_000, 3),
    "segment_count": ("guest marketing: a segment's live counts (guests, reachable by e-mail, by SMS) over "
                      "the metrics of every guest", 1_000, 10),
    "guest_reminders": ("guest reminders: the arrival reminder of every stay arriving in two days at every "
                        "property (one e-mail per guest and booking, logged), as the job runs it (hotel_checkin)",
                        10_000, 3),
    "feedback_scores": ("guest feedback: NPS, response rate and six category averages per month and room type "
                        "over every post-stay survey of the dataset (a third of the stays invited)", 2_000, 10),
}


def survey_every_third_stay(env):
    """A post-stay survey answer for every third checked-out stay, about
    half of them answered with scores spread over 0-10 and 1-5 (one INSERT;
    idempotent). Returns the number of invitations."""
    survey = env.ref("hotel_crm_campaigns.survey_post_stay")
    env.cr.execute("""
        INSERT INTO survey_user_input (survey_id, partner_id, state, access_token, hotel_property_id,
                                       hotel_reservation_id, hotel_room_type_id, hotel_nps, hotel_nps_answered,
                                       hotel_score_service, hotel_score_cleanliness, hotel_score_room,
                                       hotel_score_facilities, hotel_score_fnb, hotel_score_value,
                                       create_date, write_date, create_uid, write_uid)
        SELECT %s, r.partner_id, CASE WHEN r.id %% 2 = 0 THEN 'done' ELSE 'new' END, md5(r.id::text || 'bench'),
               r.property_id, r.id, r.room_type_id, (r.id * 7) %% 11, r.id %% 2 = 0,
               1 + (r.id * 3) %% 5, 1 + (r.id * 5) %% 5, 1 + r.id %% 5, 1 + (r.id * 11) %% 5, 1 + (r.id * 13) %% 5,
               1 + (r.id * 17) %% 5, r.checkout_at + interval '1 day', r.checkout_at + interval '1 day', 1, 1
          FROM hotel_reservation r
         WHERE r.state = 'checked_out' AND r.id %% 3 = 0 AND r.checkout_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM survey_user_input u WHERE u.hotel_reservation_id = r.id)
    """, [survey.id])
    env.cr.execute("SELECT count(*) FROM survey_user_input WHERE hotel_reservation_id IS NOT NULL")
    return env.cr.fetchone()[0]


def enroll_every_guest(env, program):
    """Every guest of the dataset a member at the first tier (one INSERT;
    idempotent). Returns the number of members."""
    base = program._hotel_base_tier()
    env.flush_all()
    env.cr.execute("""
        INSERT INTO loyalty_card (program_id, company_id, partner_id, code, points, active, hotel_member,
                                  hotel_tier_id, hotel_tier_since, hotel_enrolled_on, hotel_enroll_source,
                                  create_uid, create_date, write_uid, write_date)
        SELECT %(program)s, %(company)s, p.id, 'BENCH-' || p.id, 0, TRUE, TRUE, %(tier)s, CURRENT_DATE,
               CURRENT_DATE, 'import', 1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM res_partner p
         WHERE p.is_hotel_guest AND NOT p.is_company AND NOT EXISTS (
               SELECT 1 FROM loyalty_card c WHERE c.program_id = %(program)s AND c.partner_id = p.id)
    """, {"program": program.id, "company": program.company_id.id, "tier": base.id})
    # as autovacuum would after a real enrollment, so the planner knows the table is not empty
    env.cr.execute("ANALYZE loyalty_card")
    env.cr.execute("SELECT COUNT(*) FROM loyalty_card WHERE program_id = %s", [program.id])
    return env.cr.fetchone()[0]


def prepare_registered_check_in(env, fd_env, prop, stays):
    """hotel_checkin at ``prop``: every guest registered (the booker and a
    companion, documents at the property) on today's arrivals, door codes and a
    lock system (not called: its messages are only queued). Idempotent."""
    prop.sudo().write({"registration_required": True, "door_code_enabled": True})
    if not env["hotel.lock.provider"].search([("property_id", "=", prop.id)]):
        env["hotel.lock.provider"].create({"name": "Bench locks", "property_id": prop.id,
                                           "endpoint_url": "https://locks.invalid/hook"})
    stays = stays.filtered(lambda r: r.adults >= 1)[:30]
    stays.write({"adults": 2, "children": 0})
    stays._ensure_main_guests()
    Partner, Document = env["res.partner"], env["hotel.guest.document"].sudo()
    for res in stays:
        if len(res.guest_ids) < 2:
            companion = Partner.create({"name": f"Bench companion {res.id}", "is_hotel_guest": True})
            env["hotel.reservation.guest"].create({"reservation_id": res.id, "partner_id": companion.id})
        for guest in res.guest_ids.filtered(lambda g: g.document_state != "valid"):
            Document.create({"partner_id": guest.partner_id.id, "property_id": prop.id, "document_type": "passport",
                             "number": f"BENCH{guest.partner_id.id:08d}"})
    assert stays and all(stays.mapped("registration_complete")), "bench arrivals are not registered"
    return {"stays": stays.with_env(fd_env), "guests": sum(len(r.guest_ids) for r in stays)}


def stats(samples_ms):
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"runs": len(ordered), "min_ms": round(ordered[0], 2), "median_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(p95, 2)}


@contextmanager
def rolled_back(env):
    """Run a block and undo its writes (and the ORM's view of them)."""
    env.cr.execute("SAVEPOINT bench")
    try:
        yield
        env.flush_all()
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench")
        env.invalidate_all()


def measure(env, func, repeat, warmup=1, rollback=False):
    """Time ``func(i)`` ``repeat`` times (after ``warmup`` untimed runs), with
    the ORM cache emptied before each run: every run reads from PostgreSQL.
    Also counts the SQL queries of a run (median): unlike time, a count does
    not depend on what else the machine is doing."""
    samples, queries = [], []
    for i in range(warmup + repeat):
        env.invalidate_all()
        count = env.cr.sql_log_count
        start = time.perf_counter()
        if rollback:
            with rolled_back(env):
                func(i)
        else:
            func(i)
            env.flush_all()
        elapsed = (time.perf_counter() - start) * 1000
        if i >= warmup:
            samples.append(elapsed)
            queries.append(env.cr.sql_log_count - count)
    return dict(stats(samples), queries=round(statistics.median(queries)))


def run_all(env, dataset, scale=1.0):
    """Every in-process benchmark on ``dataset`` (see dataset.build); ``scale``
    shrinks the repetitions (the harness test uses a small fraction).

    :return: {name: {what, target_ms, runs, min_ms, median_ms, p95_ms, met}}
    """
    frontdesk = env["res.users"].search([("login", "=", "bench_frontdesk")])
    revenue = env["res.users"].search([("login", "=", "bench_revenue")])
    fd_env = env(user=frontdesk, context={})
    props = fd_env["hotel.property"].browse(dataset["property_ids"])
    prop = props[0]
    today = prop._local_today()
    room_types = fd_env["hotel.room.type"].search([("property_id", "=", prop.id)])
    guests = fd_env["res.partner"].search([("is_hotel_guest", "=", True)], limit=50, order="id desc")
    reps = {name: max(2, round(spec[2] * scale)) for name, spec in BENCHMARKS.items()}
    results = {}

    def availability(i):
        start = today + timedelta(days=7 + i % 30)
        room_types._get_availability(start, start + timedelta(days=30))

    def free_rooms(i):
        start = today + timedelta(days=3 + i % 60)
        fd_env["hotel.reservation"]._find_free_rooms(room_types[i % len(room_types)], start, start + timedelta(days=7))

    # Arrivals spread over the coming months (some dates nearly full, others open), chosen
    # outside the timed runs among dates where one room of the type is free for the whole stay.
    bookings = []
    for i in range(reps["book_3_nights"] + 1):
        rtype = room_types[i % len(room_types)]
        arrival = today + timedelta(days=20 + (i * 7) % 120)
        while not fd_env["hotel.reservation"]._find_free_rooms(rtype, arrival, arrival + timedelta(days=3)):
            arrival += timedelta(days=1)
        bookings.append((rtype, arrival))

    guest_emails = [g.email for g in guests if g.email] or ["bench.guest@example.com"]

    def book_api(i):
        rtype, arrival = bookings[i]
        result = fd_env["hotel.booking.request"].book(
            client_key=f"bench-{arrival}-{rtype.id}-{i}", property_id=prop.code,
            guest={"name": "Bench Guest", "email": guest_emails[i % len(guest_emails)]},
            rooms=[{"room_type": rtype.code or rtype.id, "arrival": str(arrival),
                    "departure": str(arrival + timedelta(days=3)), "adults": 1}])
        assert result["state"] == "confirmed" and result["rooms"][0]["room"], "API booking did not confirm"

    def book(i):
        rtype, arrival = bookings[i]
        res = fd_env["hotel.reservation"].create({
            "partner_id": guests[i % len(guests)].id, "room_type_id": rtype.id,
            "arrival_date": arrival, "departure_date": arrival + timedelta(days=3), "adults": 1,
        })
        res.action_confirm()
        assert res.state == "confirmed" and res.room_id, "booking did not confirm"

    # One-room stays in house leaving today, paid at the desk and checked out.
    leaving = fd_env["hotel.reservation"].search([
        ("property_id", "=", prop.id), ("state", "=", "checked_in"), ("departure_date", "=", today),
    ]).filtered(lambda r: len(r.folio_id.reservation_ids) == 1)
    assert leaving, "the dataset has no one-room stay leaving today"
    journal = env["account.journal"].search([("company_id", "=", prop.company_id.id),
                                             ("type", "in", ("bank", "cash"))], limit=1)

    def check_out(i):
        res = leaving[i % len(leaving)]
        folio = res.folio_id
        due = folio._amount_to_collect()
        if due > 0:
            folio._register_payment(due, journal)
        res.action_check_out()
        assert res.state == "checked_out", "check-out did not complete"

    # Stays arriving today, checked in at the desk (rolled back after each run).
    def arriving_today(p):
        return fd_env["hotel.reservation"].search([
            ("property_id", "=", p.id), ("state", "=", "confirmed"), ("arrival_date", "=", p._local_today()),
            ("room_id", "!=", False)]).filtered(lambda r: r.room_id not in r.search(
                [("state", "=", "checked_in"), ("room_id", "=", r.room_id.id)]).room_id)

    arrivals = arriving_today(prop)
    assert arrivals, "the dataset has no stay arriving today"

    def check_in(i):
        res = arrivals[i % len(arrivals)]
        res.action_check_in()
        assert res.state == "checked_in", "check-in did not complete"

    # The last night each property can audit now (yesterday, once the no-show cut-off has passed).
    audit_days = {p: min(p._local_today() - timedelta(days=1), p._no_show_arrival_limit()) for p in props}

    def night_audit(_i):
        audits = fd_env["hotel.night.audit"].create([{"property_id": p.id, "date": day}
                                                     for p, day in audit_days.items()])
        # Generated stays carry no charges, even checked-out ones: let the audit charge them.
        with bypass_rule("closed_folio_charge", reason="benchmark of generated history"):
            for audit in audits:
                audit._run()

    rev_env = env(user=revenue)
    report = rev_env["hotel.occupancy.report"]
    rev_prop = rev_env["hotel.property"].browse(prop.id)

    def occupancy(_i):
        report.get_performance(rev_prop, today - timedelta(days=365), today)

    def room_rack(i):
        prop.get_room_rack(str(today - timedelta(days=1 + i % 7)), 31)

    def housekeeping_tasks(_i):
        # as the hourly job does, for every property at its local date (rolled back after each run)
        Task = env["hotel.housekeeping.task"]
        for p in props:
            Task._generate_for_day(p, p._local_today())

    # The night audit refuses a night already audited: remove any earlier audit of that night first.
    for p, day in audit_days.items():
        env["hotel.night.audit"].search([("property_id", "=", p.id), ("date", "=", day)]).unlink()
    plan = {
        "availability_30_nights": (availability, False),
        "find_free_rooms_7_nights": (free_rooms, False),
        "book_3_nights": (book, True),
        "book_api_3_nights": (book_api, True),
        "check_in": (check_in, True),
        "check_out": (check_out, True),
        "night_audit": (night_audit, True),
        "occupancy_365_days": (occupancy, False),
        "room_rack_31_days": (room_rack, False),
    }
    if "hotel.housekeeping.task" in env:
        env["hotel.housekeeping.task"].search([("date", "in", [p._local_today() for p in props])]).unlink()
        plan["housekeeping_tasks_of_the_day"] = (housekeeping_tasks, True)
    program = None
    if "hotel.loyalty.review" in env:
        # the dataset's company gets the default programme if it was created after hotel_loyalty
        env["loyalty.program"]._hotel_install_programs()
        program = env["loyalty.program"]._hotel_program(prop.company_id)
    if program:
        members = enroll_every_guest(env, program)
        review_size = {}

        def tier_review(_i):
            review = env["hotel.loyalty.review"]._prepare_for(program, today)
            review._apply()
            review_size.update(members=members, changes=len(review.line_ids))

        plan["loyalty_tier_review"] = (tier_review, True)
    segment = None
    if "hotel.guest.metric" in env:
        Metric = env["hotel.guest.metric"]
        metric_size = {}

        def metrics_recompute(_i):
            env.cr.execute("DELETE FROM hotel_guest_metric")
            metric_size["rows"] = Metric._recompute()

        plan["guest_metrics_recompute"] = (metrics_recompute, True)
        Metric._recompute()  # kept for the segment count
        segment = env["hotel.segment"].create({"name": "Bench families", "domain": "[('travel_kind', '=', 'family')]"})

        def segment_count(_i):
            segment.invalidate_recordset(["guest_count", "email_count", "sms_count"])
            metric_size["segment"] = segment.guest_count + 0 * (segment.email_count + segment.sms_count)

        plan["segment_count"] = (segment_count, False)
    feedback = {}
    if "hotel.feedback.report" in env:
        feedback["invited"] = survey_every_third_stay(env)
        Report = env(user=revenue, context={})["hotel.feedback.report"]  # as a revenue manager reads it

        def feedback_scores(_i):
            rows = Report._read_group(
                [], ["date:month", "room_type_id"],
                ["invited:sum", "response_rate:avg", "nps_points:avg", "score_service:avg", "score_cleanliness:avg",
                 "score_room:avg", "score_facilities:avg", "score_fnb:avg", "score_value:avg"])
            feedback["rows"] = len(rows)

        plan["feedback_scores"] = (feedback_scores, False)
    checkin = {}
    if "hotel.door.code" in env:
        checkin.update(prepare_registered_check_in(env, fd_env, props[-1], arriving_today(props[-1])))

        def check_in_registered(i):
            res = checkin["stays"][i % len(checkin["stays"])]
            res.action_check_in()
            assert res.state == "checked_in" and res.sudo().door_code_ids, "registered check-in did not complete"

        def guest_reminders(_i):
            Reminder = env["hotel.guest.reminder"]
            sent = Reminder.browse()
            for p in props:
                # the job's run at the reminder hour of today (arrivals in two days)
                sent |= Reminder._send_due(p, now=p._local_moment(p._local_today(), p.reminder_arrival_hour))
            checkin["reminders"] = len(sent)

        plan["check_in_registered"] = (check_in_registered, True)
        plan["guest_reminders"] = (guest_reminders, True)
    for name, (func, rollback) in plan.items():
        what, target, _reps = BENCHMARKS[name]
        figures = measure(env, func, reps[name], rollback=rollback)
        results[name] = {"what": what, "target_ms": target, **figures, "met": figures["median_ms"] < target}
    # The confirmation job: 20 bookings made first, each run sends their confirmations; all undone after.
    env.cr.execute("SAVEPOINT bench_confirmations")
    far = today + timedelta(days=900)
    for i in range(20):
        fd_env["hotel.booking.request"].book(
            client_key=f"bench-mail-{i}", property_id=prop.code, guest={"partner_id": guests[i % len(guests)].id},
            rooms=[{"room_type": room_types[i % len(room_types)].id, "arrival": str(far + timedelta(days=3 * i)),
                    "departure": str(far + timedelta(days=3 * i + 2))}])
    env.flush_all()
    pending = env["hotel.folio"].search([("confirmation_pending", "=", True)], order="id desc", limit=20)

    def confirmation_mails(_i):
        for folio in pending:
            folio._send_queued_confirmation()
        assert not pending.filtered("confirmation_pending"), "confirmations left in the queue"

    what, target, _reps = BENCHMARKS["confirmation_mails"]
    figures = measure(env, confirmation_mails, reps["confirmation_mails"], rollback=True)
    results["confirmation_mails"] = {"what": what, "target_ms": target, **figures,
                                     "met": figures["median_ms"] < target, "mails": len(pending)}
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_confirmations")
    env.invalidate_all()
    if program:
        results["loyalty_tier_review"].update(review_size)
    if checkin:
        results["check_in_registered"]["guests"] = checkin["guests"]
        results["guest_reminders"]["reminders"] = checkin.get("reminders")
    if feedback:
        results["feedback_scores"].update(invited=feedback["invited"], groups=feedback.get("rows"))
    if segment:
        results["guest_metrics_recompute"]["guests"] = metric_size.get("rows")
        results["segment_count"]["guests"] = metric_size.get("segment")
    return results
