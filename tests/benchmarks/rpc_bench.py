"""Through-the-server benchmarks: JSON-RPC bookings per second and a concurrency proof.

Everything goes through a real Odoo server in prefork mode (``--workers 2``), started by
:func:`serve` on the loopback interface only, so requests run in separate processes and
separate PostgreSQL transactions exactly as in production.

* :func:`bookings_per_second` -- threads create and confirm distinct stays (no contention)
  through ``/jsonrpc``; throughput and per-booking latency.
* :func:`concurrency_proof` -- many threads fight for 10 room-nights at once; afterwards
  SQL proves that no room-night is held twice, that every attempt is accounted for, that
  no request failed with a server error and that no lock or transaction was left behind.
* :func:`run` -- starts a server and runs both; the result is JSON-serialisable.

Everything a run creates is tagged (reservation note ``rpc_bench:<token>``, a dedicated
guest) and deleted with SQL afterwards, so the database is left as it was (sequences aside).

Standalone self-check::

    .venv/bin/python tests/benchmarks/rpc_bench.py --db hotel_h2 --port 8072 [--threads 4 8] [--repeat 3]
"""
import argparse
import contextlib
import itertools
import json
import math
import random
import re
import sys
import threading
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

# Run as a script too: the repository root goes on the path before the sibling import.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.benchmarks.rpc_client import (
    _SERVER_LOGS,
    STAY_NIGHTS,
    FifoGate,
    Json2Client,
    JsonRpcClient,
    RpcError,
    _active_nights,
    _assert_loopback,
    _cleanup,
    _create_guest,
    _idle_and_waiting,
    _latency_ms,
    _pg_connect,
    _pick_property,
    _watermarks,
    cpu_seconds,
    serve,
    table_counts,
)


# --------------------------------------------------------------------------- shared set-up
def _require_free_window(cur, property_id, first, last):
    """Refuse to run where the dataset already holds room-nights (results would mix with real stays)."""
    busy = _active_nights(cur, property_id, first, last)
    if busy:
        raise RuntimeError(f"{busy} room-nights already held between {first} and {last}: "
                           "choose another start_offset_days")


def _start_run(url, db, login, password, tag):
    """Log in and create the run's tagged guest: (uid, guest partner id)."""
    admin = JsonRpcClient(url, db, login, password)
    uid = admin.authenticate()
    return uid, _create_guest(admin, tag)


# --------------------------------------------------------------------------- bookings/s
def bookings_per_second(url, db, login, password, property_id=None, threads=4, bookings=200,
                        start_offset_days=600, warmup=True, log_file=None, cleanup=True, api="jsonrpc"):
    """Throughput of complete bookings, without contention.

    ``api="jsonrpc"``: each booking is two ``/jsonrpc`` calls, ``create`` of a draft
    ``hotel.reservation`` (its folio is created with it) for ``STAY_NIGHTS`` nights, then
    ``action_confirm`` (room assignment, ledger, confirmation mail queued), as the other
    hotel modules are measured. ``api="json2"``: one JSON-2 call,
    ``hotel.booking.request/book`` (guest, room, prices, ledger, confirmation queued),
    with ``password`` as the bearer API key and a client key per booking. Every booking gets its own dates, starting
    ``start_offset_days`` ahead (beyond any dataset horizon), so no two stays share a
    room-night; room types rotate. With ``warmup`` each thread books one untimed stay first
    (worker caches, templates).

    Returns ``{"threads", "bookings", "seconds", "bookings_per_s", "errors", "error_kinds",
    "error_samples", "warmup_errors", "latency_ms": {"min", "median", "p95"}, "calls_per_booking",
    "property_id", "dates": [first, last], "cleaned": n, "server_side": {method: {"calls",
    "queries", "sql_ms", "python_ms"}}}`` (``server_side`` from the server log: mean per call).
    """
    _assert_loopback(url)
    log_file = log_file or _SERVER_LOGS.get(url)
    tag = f"rpc_bench:{uuid.uuid4().hex}"
    conn = _pg_connect(db)
    try:
        with conn.cursor() as cur:
            property_id = _pick_property(cur, property_id)
            cur.execute("""
                SELECT t.id FROM hotel_room_type t
                 WHERE t.property_id = %s
                   AND EXISTS (SELECT 1 FROM hotel_room r WHERE r.room_type_id = t.id AND r.active)
              ORDER BY t.id
            """, (property_id,))
            room_types = [r[0] for r in cur.fetchall()]
            per_thread = math.ceil(bookings / threads)
            first = date.today() + timedelta(days=start_offset_days)
            last = first + timedelta(days=(threads * per_thread + threads) * STAY_NIGHTS)
            _require_free_window(cur, property_id, first, last)
            marks = _watermarks(cur)
    finally:
        conn.close()

    uid, partner_id = _start_run(url, db, login, password, tag)
    quotas = [bookings // threads + (1 if t < bookings % threads else 0) for t in range(threads)]
    latencies, errors, warmup_errors = [], [], []
    lock = threading.Lock()
    barrier = threading.Barrier(threads + 1)

    def book(client, slot):
        # Own dates per slot: stays never overlap, so there is no contention at all.
        arrival = first + timedelta(days=slot * STAY_NIGHTS)
        if api == "json2":
            client.call("hotel.booking.request", "book", client_key=f"{tag}:{slot}", property_id=property_id,
                        guest={"partner_id": partner_id}, rooms=[{
                            "room_type": room_types[slot % len(room_types)], "arrival": arrival.isoformat(),
                            "departure": (arrival + timedelta(days=STAY_NIGHTS)).isoformat(), "adults": 1,
                            "note": tag}])
            return
        res_id = client.execute("hotel.reservation", "create", {
            "partner_id": partner_id, "room_type_id": room_types[slot % len(room_types)],
            "arrival_date": arrival.isoformat(),
            "departure_date": (arrival + timedelta(days=STAY_NIGHTS)).isoformat(),
            "adults": 1, "note": tag,
        })
        client.execute("hotel.reservation", "action_confirm", [res_id])

    def worker(index):
        client = Json2Client(url, db, password) if api == "json2" else JsonRpcClient(url, db, login, password, uid=uid)
        try:
            if warmup:
                book(client, threads * per_thread + index)
        except RpcError as exc:
            with lock:
                warmup_errors.append(exc)
        finally:
            barrier.wait()
        for i in range(quotas[index]):
            started = time.perf_counter()
            try:
                book(client, index * per_thread + i)
            except RpcError as exc:
                with lock:
                    errors.append(exc)
                continue
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)

    workers = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    try:
        for thread in workers:
            thread.start()
        barrier.wait()  # everybody warmed up: start the clock
        log_offset = Path(log_file).stat().st_size if log_file and Path(log_file).exists() else 0
        cpu_before, client_before = cpu_seconds(url, db), time.process_time()
        started = time.perf_counter()
        for thread in workers:
            thread.join()
        seconds = time.perf_counter() - started
        cpu_after, client_cpu = cpu_seconds(url, db), time.process_time() - client_before
    finally:
        cleaned = _cleanup(db, tag, partner_id, uid, marks) if cleanup else 0
    kinds = {}
    for exc in errors:
        kinds[exc.kind] = kinds.get(exc.kind, 0) + 1
    return {
        "threads": threads,
        "bookings": len(latencies),
        "seconds": round(seconds, 3),
        "bookings_per_s": round(len(latencies) / seconds, 2) if seconds else None,
        "errors": len(errors),
        "error_kinds": kinds,
        "error_samples": [str(exc)[:300] for exc in (errors + warmup_errors)[:3]],
        "warmup_errors": len(warmup_errors),
        "latency_ms": _latency_ms(latencies),
        "api": api,
        "calls_per_booking": 1 if api == "json2" else 2,
        "property_id": property_id,
        "dates": [first.isoformat(), last.isoformat()],
        "cleaned": cleaned,
        # Where the 2 cores went, per booking: the Odoo server's processes, PostgreSQL, the clients.
        "cpu_ms_per_booking": {
            "server": round((cpu_after["server"] - cpu_before["server"]) * 1000 / max(len(latencies), 1), 1),
            "postgresql": round((cpu_after["postgresql"] - cpu_before["postgresql"]) * 1000 / max(len(latencies), 1),
                                1),
            "clients": round(client_cpu * 1000 / max(len(latencies), 1), 1),
        },
        # Mean server time per call of the timed part (log of servers started by serve()).
        "server_side": _server_timings(_log_segment(log_file, log_offset)) if log_file else None,
    }


# --------------------------------------------------------------------------- concurrency proof
def _target_room_nights(cur, property_id, room_nights, first):
    """``room_nights`` (room, night) pairs on 3 rooms (fewer if the property is tiny),
    each room on consecutive nights from ``first``: runs like 4+3+3, so that 2-night
    stays overlap two pairs and stays on the same room overlap each other."""
    cur.execute("""
        SELECT r.id, r.name, r.room_type_id FROM hotel_room r
         WHERE r.property_id = %s AND r.active ORDER BY r.sequence, r.name, r.id LIMIT 3
    """, (property_id,))
    rooms = cur.fetchall()
    if not rooms:
        raise RuntimeError(f"property {property_id} has no active room")
    runs = [room_nights // len(rooms) + (1 if i < room_nights % len(rooms) else 0) for i in range(len(rooms))]
    pairs, stays = [], []
    for (room_id, name, type_id), run in zip(rooms, runs, strict=True):
        for day in range(run):
            pairs.append({"room_id": room_id, "room": name, "room_type_id": type_id,
                          "date": (first + timedelta(days=day)).isoformat()})
            for nights in (1, 2):
                if day + nights <= run:
                    stays.append((room_id, type_id, first + timedelta(days=day), nights))
    return pairs, stays


def _listen_overflows():
    """Kernel counter of connections dropped because a listen queue was full (whole
    machine: a rise during a run points at the server's small accept backlog)."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return None
    for header, values in zip(lines[::2], lines[1::2], strict=False):
        if header.startswith("TcpExt:"):
            fields = dict(zip(header.split()[1:], values.split()[1:], strict=True))
            return int(fields.get("ListenOverflows", 0))
    return None


def _server_timings(segment):
    """Per RPC method, from the werkzeug lines of the server log (``"POST /jsonrpc#model.method
    HTTP/1.1" 200 - <queries> <sql s> <other s>``): calls and mean queries, SQL and Python ms."""
    stats = {}
    for match in re.finditer(r'"POST /(?:jsonrpc#|json/2/)(\S+) [^"]*" \d+ - (\d+) ([\d.]+) ([\d.]+)',
                             segment or ""):
        entry = stats.setdefault(match.group(1), [0, 0, 0.0, 0.0])
        entry[0] += 1
        entry[1] += int(match.group(2))
        entry[2] += float(match.group(3))
        entry[3] += float(match.group(4))
    return {method: {"calls": n, "queries": round(q / n, 1), "sql_ms": round(sql * 1000 / n, 1),
                     "python_ms": round(py * 1000 / n, 1)} for method, (n, q, sql, py) in stats.items()}


def _log_segment(log_file, offset):
    if not log_file or not Path(log_file).exists():
        return None
    with open(log_file, "rb") as handle:
        handle.seek(offset)
        return handle.read().decode("utf-8", errors="replace")


def concurrency_proof(url, db, login, password, property_id=None, threads=50, room_nights=10,
                      attempts_per_thread=5, max_seconds=60, start_offset_days=520, seed=0,
                      max_in_flight=16, log_file=None, cleanup=True, api="jsonrpc"):
    """Many clients fight for ``room_nights`` room-nights at the same moment.

    ``api="json2"``: each attempt is one booking API call (``hotel.booking.request/book``
    with the room given), released at the barrier, instead of a draft then a confirmation.

    Each thread creates a draft reservation with an explicit room for a 1- or 2-night stay
    inside the target room-nights, waits at a barrier with all the others, confirms it, and
    goes on with new attempts (``attempts_per_thread`` at most, none started after
    ``max_seconds``). Every attempt ends confirmed, refused (UserError/ValidationError) or
    as a server error. Afterwards SQL checks each room-night is held at most once and by
    exactly the reservations the clients saw confirmed, that all attempts are accounted
    for, that no transaction is idle in transaction or waiting for a lock, and that the
    server log (``log_file``, known automatically for servers started by :func:`serve`)
    has no deadlock.

    ``max_in_flight`` bounds the HTTP requests in flight, like the reverse proxy in front
    of every prefork deployment: Odoo listens with a backlog of 8 x workers (16 for 2
    workers, not configurable), and beyond that the kernel drops connections, which
    clients see as "connection reset by peer" after seconds of SYN/data retransmits.
    Only 2 requests run at once anyway (2 workers), so the contention in the database is
    the same. ``None`` lets all the threads connect at once (reproduces the resets).

    Returns ``{"ok", "checks": {...}, "attempts", "attempts_planned", "skipped_for_time", "confirmed", "refused",
    "refused_precheck", "refused_lost_race", "access_errors", "server_errors",
    "server_error_samples", "connection_resets", "sample_refusals",
    "room_nights": [{room, date, holders}], "deadlocks", "retried_transactions",
    "listen_overflows", "wall_seconds", "latency_ms", ...}``.
    """
    _assert_loopback(url)
    log_file = log_file or _SERVER_LOGS.get(url)
    log_offset = Path(log_file).stat().st_size if log_file and Path(log_file).exists() else 0
    tag = f"rpc_bench:{uuid.uuid4().hex}"
    first = date.today() + timedelta(days=start_offset_days)
    conn = _pg_connect(db)
    try:
        with conn.cursor() as cur:
            property_id = _pick_property(cur, property_id)
            pairs, stays = _target_room_nights(cur, property_id, room_nights, first)
            _require_free_window(cur, property_id, first, first + timedelta(days=room_nights))
            marks = _watermarks(cur)
    finally:
        conn.close()

    uid, partner_id = _start_run(url, db, login, password, tag)
    attempts = []  # one dict per attempt, appended under the lock
    skipped = [0]  # attempts not started because max_seconds had passed
    lock = threading.Lock()
    barrier = threading.Barrier(threads)
    deadline = [None]  # set by the first thread through the barrier
    gate = FifoGate(max_in_flight) if max_in_flight else None

    def create_draft(client, stay):
        room_id, type_id, arrival, nights = stay
        return client.execute("hotel.reservation", "create", {
            "partner_id": partner_id, "room_type_id": type_id, "room_id": room_id,
            "arrival_date": arrival.isoformat(), "departure_date": (arrival + timedelta(days=nights)).isoformat(),
            "adults": 1, "note": tag,
        })

    keys = itertools.count()

    def book_api(client, stay):
        room_id, type_id, arrival, nights = stay
        result = client.call("hotel.booking.request", "book", client_key=f"{tag}:{next(keys)}",
                             property_id=property_id, guest={"partner_id": partner_id}, rooms=[{
                                 "room_type": type_id, "room_id": room_id, "arrival": arrival.isoformat(),
                                 "departure": (arrival + timedelta(days=nights)).isoformat(), "note": tag}])
        return result["rooms"][0]["reservation_id"]

    def attempt(client, stay, res_id=None):
        record = {"room_id": stay[0], "arrival": stay[2].isoformat(), "nights": stay[3], "reservation_id": res_id}
        started = time.perf_counter()
        try:
            if api == "json2":
                record["reservation_id"] = book_api(client, stay)
            else:
                if res_id is None:
                    record["reservation_id"] = create_draft(client, stay)
                client.execute("hotel.reservation", "action_confirm", [record["reservation_id"]])
            record["outcome"] = "confirmed"
        except RpcError as exc:
            record.update(outcome=exc.kind, error=exc.name, message=exc.message[:500])
        record["seconds"] = time.perf_counter() - started
        with lock:
            attempts.append(record)

    def worker(index):
        rng = random.Random(seed * 100003 + index)
        client = Json2Client(url, db, password, gate=gate) if api == "json2" else \
            JsonRpcClient(url, db, login, password, uid=uid, gate=gate)
        stay = rng.choice(stays)
        res_id, early = None, None
        try:
            # Draft created before the barrier: the first confirmations really start together.
            if api != "json2":
                res_id = create_draft(client, stay)
        except RpcError as exc:
            early = exc
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=max_seconds * 5)  # if broken, go on anyway: the attempt still counts
        with lock:
            if deadline[0] is None:
                deadline[0] = time.monotonic() + max_seconds
        if early is not None:
            with lock:
                attempts.append({"room_id": stay[0], "arrival": stay[2].isoformat(), "nights": stay[3],
                                 "reservation_id": None, "outcome": early.kind, "error": early.name,
                                 "message": early.message[:500], "seconds": 0.0})
        else:
            attempt(client, stay, res_id)
        for i in range(attempts_per_thread - 1):
            if time.monotonic() > deadline[0]:
                with lock:
                    skipped[0] += attempts_per_thread - 1 - i
                break
            attempt(client, rng.choice(stays))

    workers = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    overflows = _listen_overflows()
    wall = time.perf_counter()
    try:
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        wall = time.perf_counter() - wall
        result = _verify_proof(db, tag, pairs, attempts, threads * attempts_per_thread - skipped[0],
                               log_file, log_offset)
        result.update(attempts_planned=threads * attempts_per_thread, skipped_for_time=skipped[0])
    finally:
        cleaned = _cleanup(db, tag, partner_id, uid, marks) if cleanup else 0
    if overflows is not None:
        overflows = _listen_overflows() - overflows
    result.update(property_id=property_id, threads=threads, max_in_flight=max_in_flight,
                  listen_overflows=overflows, wall_seconds=round(wall, 3), cleaned=cleaned,
                  latency_ms=_latency_ms([a["seconds"] for a in attempts if a["seconds"]]))
    return result


def _verify_proof(db, tag, pairs, attempts, started, log_file, log_offset):
    """SQL and log checks of a concurrency run (``started``: attempts the threads began);
    see :func:`concurrency_proof`."""
    by_outcome = {}
    for a in attempts:
        by_outcome.setdefault(a["outcome"], []).append(a)
    confirmed_ids = {a["reservation_id"] for a in by_outcome.get("confirmed", [])}
    refused = by_outcome.get("refused", [])
    server_errors = by_outcome.get("server_error", [])
    conn = _pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT id, state FROM hotel_reservation WHERE note = %s", (tag,))
            db_states = dict(cur.fetchall())
            holders = []
            nights_ok = True
            for pair in pairs:
                cur.execute("""
                    SELECT n.reservation_id FROM hotel_reservation_night n
                     WHERE n.active AND n.room_id = %s AND n.date = %s ORDER BY n.reservation_id
                """, (pair["room_id"], pair["date"]))
                active = [r[0] for r in cur.fetchall()]
                cur.execute("""
                    SELECT id FROM hotel_reservation
                     WHERE note = %s AND state = 'confirmed' AND room_id = %s
                       AND arrival_date <= %s AND departure_date > %s ORDER BY id
                """, (tag, pair["room_id"], pair["date"], pair["date"]))
                confirmed_here = [r[0] for r in cur.fetchall()]
                nights_ok &= len(active) <= 1 and active == confirmed_here
                holders.append({"room": pair["room"], "date": pair["date"], "holders": active,
                                "confirmed_reservations": confirmed_here})
            # No night of the run may be held outside the target pairs.
            cur.execute("""
                SELECT count(*) FROM hotel_reservation_night n JOIN hotel_reservation r ON r.id = n.reservation_id
                 WHERE r.note = %s AND n.active
            """, (tag,))
            held_rows = cur.fetchone()[0]
            # Requests are answered after their commit; give pooled cursors a moment to settle.
            for _i in range(10):
                idle, waiting = _idle_and_waiting(cur, db)
                if not idle and not waiting:
                    break
                time.sleep(0.5)
    finally:
        conn.close()
    db_confirmed = {rid for rid, state in db_states.items() if state == "confirmed"}
    created_ids = {a["reservation_id"] for a in attempts if a.get("reservation_id")}
    accounted = (
        len(attempts) == started == sum(len(v) for v in by_outcome.values())
        and db_confirmed == confirmed_ids
        and created_ids == set(db_states)  # no reservation whose creation the client missed
        and all(db_states.get(a["reservation_id"]) == "draft" for a in refused if a.get("reservation_id"))
        and held_rows == sum(len(h["holders"]) for h in holders)
    )
    segment = _log_segment(log_file, log_offset)
    deadlocks = segment.lower().count("deadlock") if segment is not None else None
    retries = segment.count("tries left") if segment is not None else None
    log_errors = sum(" ERROR " in line for line in segment.splitlines()) if segment is not None else None
    checks = {
        "each_room_night_held_at_most_once_by_the_confirmed": nights_ok,
        "every_attempt_accounted_for": accounted,
        "no_server_errors": not server_errors,
        "no_access_errors": not by_outcome.get("access_error"),
        "no_idle_in_transaction": idle == 0,
        "no_waiting_locks": waiting == 0,
        "no_deadlock_in_log": deadlocks == 0,
        "someone_won": bool(confirmed_ids),
    }
    precheck = [a for a in refused if "already booked" in a["message"]]
    lost_race = [a for a in refused if "a moment ago" in a["message"]]
    samples = []
    # Show each kind of refusal when there is one.
    for group in (lost_race, precheck, refused):
        for a in group:
            if len(samples) < 3 and a["message"] not in samples:
                samples.append(a["message"])
                break
    for a in refused:
        if len(samples) < 3 and a["message"] not in samples:
            samples.append(a["message"])
    return {
        "ok": all(checks.values()),
        "checks": checks,
        "attempts": len(attempts),
        "confirmed": len(confirmed_ids),
        "refused": len(refused),
        "refused_precheck": len(precheck),
        "refused_lost_race": len(lost_race),
        "access_errors": len(by_outcome.get("access_error", [])),
        "server_errors": len(server_errors),
        "server_error_samples": [f"{a['error']}: {a['message'][:300]}" for a in server_errors[:3]],
        "connection_resets": sum("reset by peer" in a["message"].lower() for a in server_errors),
        "sample_refusals": samples,
        "room_nights": holders,
        "room_nights_held": sum(1 for h in holders if h["holders"]),
        "idle_in_transaction": idle,
        "waiting_locks": waiting,
        "deadlocks": deadlocks,
        "retried_transactions": retries,
        "log_error_lines": log_errors,
        "log_file": log_file,
    }


# --------------------------------------------------------------------------- runner entry point
def run(db, property_id=None, port=8070, login="admin", password="admin", threads=4, bookings=200,
        proof_threads=50, start_offset_days=600):
    """Start a 2-worker server on ``port`` for ``db`` and run :func:`bookings_per_second`
    then :func:`concurrency_proof` against it.

    Returns ``{"jsonrpc_bookings": {...}, "concurrency": {...}}`` (JSON-serialisable)."""
    with serve(db, port=port) as url:
        # The booking API: 10 clients at once, then one client alone (the sequential latency).
        api = bookings_per_second(url, db, login, password, property_id, threads=10, bookings=bookings * 2,
                                  start_offset_days=start_offset_days, api="json2")
        sequential = bookings_per_second(url, db, login, password, property_id, threads=1, bookings=bookings // 2,
                                         start_offset_days=start_offset_days, api="json2")
        # JSON-RPC create + confirm (two calls), as the other hotel modules are measured.
        booked = bookings_per_second(url, db, login, password, property_id, threads=10, bookings=bookings,
                                     start_offset_days=start_offset_days)
        proof = concurrency_proof(url, db, login, password, property_id, threads=proof_threads,
                                  start_offset_days=start_offset_days - 20)
        proof_api = concurrency_proof(url, db, login, password, property_id, threads=proof_threads,
                                      start_offset_days=start_offset_days - 20, api="json2")
    return {"api_bookings": api, "api_sequential": sequential, "jsonrpc_bookings": booked, "concurrency": proof,
            "concurrency_api": proof_api}


def main(argv=None):
    """Self-check: bookings/s for each ``--threads``, the proof ``--repeat`` times, and a
    row count of every table before and after (the run must leave no trace)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, default=8070)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--property-id", type=int)
    parser.add_argument("--threads", type=int, nargs="+", default=[4, 8])
    parser.add_argument("--bookings", type=int, default=200)
    parser.add_argument("--proof-threads", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3, help="concurrency proof runs")
    parser.add_argument("--start-offset-days", type=int, default=600)
    parser.add_argument("--max-in-flight", type=int, default=16, help="proof: HTTP requests in flight, 0 = no bound")
    parser.add_argument("--no-trace-check", action="store_true", help="skip the row counts of every table")
    parser.add_argument("--output", help="also write the JSON results to this file")
    args = parser.parse_args(argv)

    before = None if args.no_trace_check else table_counts(args.db)
    results = {"jsonrpc_bookings": [], "concurrency": []}
    problems = []
    with serve(args.db, port=args.port) as url:
        for count in args.threads:
            booked = bookings_per_second(url, args.db, args.login, args.password, args.property_id,
                                         threads=count, bookings=args.bookings,
                                         start_offset_days=args.start_offset_days)
            results["jsonrpc_bookings"].append(booked)
            if booked["errors"] or booked["bookings"] != args.bookings:
                problems.append(f"bookings with {count} threads: {booked['errors']} errors")
        for i in range(args.repeat):
            proof = concurrency_proof(url, args.db, args.login, args.password, args.property_id,
                                      threads=args.proof_threads, seed=i, max_in_flight=args.max_in_flight or None,
                                      start_offset_days=args.start_offset_days - 20)
            results["concurrency"].append(proof)
            if not proof["ok"]:
                failed = [name for name, passed in proof["checks"].items() if not passed]
                problems.append(f"concurrency proof #{i + 1} failed: {', '.join(failed)}")
    if before is not None:
        after = table_counts(args.db)
        diff = {t: after.get(t, 0) - before.get(t, 0) for t in set(before) | set(after)
                if after.get(t, 0) != before.get(t, 0)}
        results["row_count_changes"] = diff
        if diff:
            problems.append(f"rows left behind: {diff}")
    results["problems"] = problems
    text = json.dumps(results, indent=2, ensure_ascii=False)
    sys.stdout.write(text + "\n")
    if args.output:
        Path(args.output).write_text(text + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
