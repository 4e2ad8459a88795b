"""Benchmark runner behind ./setup/bench.sh: builds (or reuses) the scale
dataset in its own database, runs the in-process benchmarks and, through a
real server with 2 workers, JSON-RPC bookings per second and the concurrency
proof; merges the results into tests/benchmarks/results/latest.json and prints
a table.

    .venv/bin/python tests/benchmarks/run.py --conf .odoo/odoo.conf --db hotel_bench_small --size small
"""
# A command-line tool: it prints its table, and commits the dataset it generates in its own database.
# pylint: disable=print-used,invalid-commit
import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "tests" / "benchmarks" / "results" / "latest.json"
PARAM = "hotel_bench.dataset"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--size", choices=["small", "large", "tiny"], default="small")
    parser.add_argument("--skip-rpc", action="store_true", help="in-process benchmarks only")
    parser.add_argument("--port", type=int, default=8070)
    args = parser.parse_args()

    from odoo.tools import config  # Odoo is configured from the command line first
    config.parse_config(["-c", args.conf, "--log-level=warn"], setup_logging=True)
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from tests.benchmarks import dataset, inprocess

    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        info = env["ir.config_parameter"].get_param(PARAM)
        if info and json.loads(info).get("size") == args.size:
            info = json.loads(info)
            print(f"==> reusing the {args.size} dataset of {args.db} (generated in {info['generation_s']} s)")
        else:
            print(f"==> generating the {args.size} dataset in {args.db} ...", flush=True)
            info = dataset.build(env, args.size)
            env["ir.config_parameter"].set_param(PARAM, json.dumps(info))
            cr.commit()
            print(f"    {info['reservations']:,} reservations, {info['ledger_nights']:,} ledger nights, "
                  f"{info['guests']:,} guests, {info['rooms']:,} rooms in {info['generation_s']} s")
        cr.execute("ANALYZE")
    results = {"dataset": info}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        print("==> in-process benchmarks", flush=True)
        results["benchmarks"] = inprocess.run_all(env, info)
        cr.rollback()
    from tests.benchmarks import rack_render
    with registry.cursor() as cr:  # the property with the most rooms
        cr.execute("SELECT property_id FROM hotel_room WHERE active GROUP BY property_id "
                   "ORDER BY count(*) DESC LIMIT 1")
        biggest = cr.fetchone()[0]
    print("==> room rack in headless Chromium (data call + drawing)", flush=True)
    results["benchmarks"]["room_rack_render_chromium"] = rack_render.measure(args.conf, args.db, biggest,
                                                                              port=args.port + 3)
    if not args.skip_rpc:
        from tests.benchmarks import rpc_bench
        print("==> JSON-RPC through a server with --workers 2", flush=True)
        # The front-desk user with an API key, as an integration would log in: a password is
        # checked with 600,000 PBKDF2 rounds on every call, an API key with 6,000.
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = env["res.users"].search([("login", "=", "bench_frontdesk")])
            key = env["res.users.apikeys"].with_user(user).sudo()._generate(None, "benchmark runner", None)
        try:
            results.update(rpc_bench.run(args.db, property_id=info["property_ids"][0], port=args.port,
                                         login="bench_frontdesk", password=key))
        finally:
            with registry.cursor() as cr:
                cr.execute("DELETE FROM res_users_apikeys WHERE name = 'benchmark runner'")
    with registry.cursor() as cr:
        cr.execute("SHOW server_version")
        pg_version = cr.fetchone()[0]
    results["machine"] = machine(pg_version)
    results["ran_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    save(args.size, results)
    print_table()
    failed = [name for name, r in results["benchmarks"].items() if not r["met"]]
    for key in ("concurrency", "concurrency_api"):
        if results.get(key) and not results[key].get("ok"):
            print(f"!! the concurrency proof FAILED ({key})", file=sys.stderr)
            return 2
    if failed and args.size == "large":
        print(f"note: targets missed at the large size: {', '.join(failed)}")
    return 0


def machine(pg_version):
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
        mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                          if line.startswith("MemTotal")))
    except (OSError, StopIteration):
        mem_kb = 0
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "postgresql": pg_version, "python": platform.python_version(), "os": platform.platform()}


def save(size, results):
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data.setdefault("sizes", {})[size] = results
    data["machine"] = results["machine"]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def print_table():
    data = json.loads(RESULTS.read_text())
    sizes = [s for s in ("small", "large") if s in data["sizes"]]
    head = "| benchmark | target (large) | " + " | ".join(f"{s} min / median / p95" for s in sizes) + " |"
    print(head)
    print("|" + "---|" * (2 + len(sizes)))
    names = next(iter(data["sizes"].values()))["benchmarks"]
    for name in names:
        cells = []
        for size in sizes:
            r = data["sizes"][size]["benchmarks"].get(name)
            queries = f", {r['queries']} queries" if r and "queries" in r else ""
            cells.append(f"{r['min_ms']:.1f} / {r['median_ms']:.1f} / {r['p95_ms']:.1f} ms{queries}" if r else "-")
        print(f"| {name} | < {names[name]['target_ms']:,} ms | " + " | ".join(cells) + " |")
    for size in sizes:
        for key, label in (("api_bookings", "booking API, 10 clients"), ("api_sequential", "booking API, 1 client")):
            api = data["sizes"][size].get(key)
            if api:
                print(f"| {label} ({size}) | >= 50 /s, median <= 50 ms | {api.get('bookings_per_s')} /s, median "
                      f"{api.get('latency_ms', {}).get('median')} ms, {api.get('errors')} errors |")
        rpc = data["sizes"][size].get("jsonrpc_bookings")
        if rpc:
            print(f"| jsonrpc create + confirm, {rpc.get('threads')} clients ({size}) | - | "
                  f"{rpc.get('bookings_per_s')} /s, median "
                  f"{rpc.get('latency_ms', {}).get('median')} ms |")
        for key in ("concurrency", "concurrency_api"):
            conc = data["sizes"][size].get(key)
            if not conc:
                continue
            label = "booking API" if key == "concurrency_api" else "JSON-RPC"
            print(f"| concurrency proof, {label} ({size}) | 0 double bookings, 0 server errors | ok={conc.get('ok')}, "
                  f"{conc.get('attempts')} attempts, {conc.get('confirmed')} confirmed, {conc.get('refused')} refused,"
                  f" {conc.get('server_errors')} server errors |")
        ds = data["sizes"][size]["dataset"]
        print(f"dataset {size}: {ds['rooms']:,} rooms, {ds['room_types']} room types, {ds['guests']:,} guests, "
              f"{ds['reservations']:,} reservations, {ds['ledger_nights']:,} ledger nights; generated in "
              f"{ds['generation_s']} s")
    started = time.strftime("%Y-%m-%d")
    print(f"machine: {data['machine']} ({started})")


if __name__ == "__main__":
    sys.exit(main())
