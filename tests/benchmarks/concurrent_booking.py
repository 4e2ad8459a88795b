"""N clients confirm bookings of the same room-night at the same moment, through
a running Odoo server (XML-RPC). Exactly one must win; every other client must
get a clean UserError, never a server error; the ledger must hold the room-night
once. Loopback only; everything created is cancelled and removed afterwards.

    .venv/bin/python tests/benchmarks/concurrent_booking.py --clients 20 [--url http://127.0.0.1:8069]
"""
import argparse
import json
import threading
import time
import xmlrpc.client
from datetime import date, timedelta


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="hotel")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--days-ahead", type=int, default=200)
    args = parser.parse_args()
    assert args.url.startswith(("http://127.0.0.1", "http://localhost")), "loopback only"

    common = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/common")
    uid = common.authenticate(args.db, args.login, args.password, {})

    def call(model, method, *params, **kw):
        proxy = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/object", allow_none=True)
        return proxy.execute_kw(args.db, uid, args.password, model, method, list(params), kw)

    room_type_id = call("hotel.room.type", "search", [], limit=1)[0]
    rtype = call("hotel.room.type", "read", [room_type_id], ["property_id", "name"])[0]
    room_id = call("hotel.room", "search", [["room_type_id", "=", room_type_id]], limit=1)[0]
    partner_id = call("res.partner", "create", {"name": "Concurrency Test Guest"})
    day = date.today() + timedelta(days=args.days_ahead)
    reservation_ids = []
    for _i in range(args.clients):
        folio = call("hotel.folio", "create", {"partner_id": partner_id, "property_id": rtype["property_id"][0]})
        reservation_ids.append(call("hotel.reservation", "create", {
            "folio_id": folio, "room_type_id": room_type_id, "room_id": room_id,
            "arrival_date": day.isoformat(), "departure_date": (day + timedelta(days=1)).isoformat(),
        }))

    barrier = threading.Barrier(args.clients)
    results = [None] * args.clients

    def client(index):
        barrier.wait()
        start = time.perf_counter()
        try:
            call("hotel.reservation", "action_confirm", [reservation_ids[index]])
            results[index] = ("confirmed", time.perf_counter() - start, "")
        except xmlrpc.client.Fault as fault:
            # Odoo returns user errors as a bare message; anything else carries a traceback.
            kind = "server_error" if "Traceback" in fault.faultString else "user_error"
            results[index] = (kind, time.perf_counter() - start, fault.faultString.strip().splitlines()[-1])
        except Exception as exc:  # transport failure counts as a server error
            results[index] = ("server_error", time.perf_counter() - start, repr(exc))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    wall = time.perf_counter() - wall

    held = call("hotel.reservation.night", "search_count",
                [["room_id", "=", room_id], ["date", "=", day.isoformat()], ["active", "=", True]])
    summary = {
        "clients": args.clients,
        "room_night": [rtype["name"], room_id, day.isoformat()],
        "confirmed": sum(r[0] == "confirmed" for r in results if r),
        "refused_with_user_error": sum(r[0] == "user_error" for r in results if r),
        "server_errors": sum(r[0] == "server_error" for r in results if r),
        "no_answer": sum(r is None for r in results),
        "ledger_rows_for_room_night": held,
        "wall_seconds": round(wall, 3),
        "sample_refusal": next((r[2] for r in results if r and r[0] == "user_error"), ""),
        "server_error_samples": [r[2] for r in results if r and r[0] == "server_error"][:3],
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))

    # Clean up: release the room-night and remove the test bookings.
    confirmed = [rid for rid, r in zip(reservation_ids, results, strict=True) if r and r[0] == "confirmed"]
    if confirmed:
        call("hotel.reservation", "action_cancel", confirmed)
    folios = [r["folio_id"][0] for r in call("hotel.reservation", "read", reservation_ids, ["folio_id"])]
    call("hotel.folio", "unlink", folios)
    call("res.partner", "unlink", [partner_id])
    ok = summary["confirmed"] == 1 and held == 1 and not summary["server_errors"] and not summary["no_answer"]
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
