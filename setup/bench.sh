#!/usr/bin/env bash
# Benchmarks on a scale dataset: ./setup/bench.sh [--size small|large] [--rebuild] [--skip-rpc]
# Builds (or reuses) the database hotel_bench_<size> with the hotel addons and a
# generated hotel group, measures the hot paths (min/median/p95), JSON-RPC
# bookings per second and the concurrency proof through a server with 2 workers,
# and writes tests/benchmarks/results/latest.json. Not part of ./setup/test.sh.
source "$(dirname "$0")/common.sh"

SIZE=small
REBUILD=0
EXTRA=()
while [ $# -gt 0 ]; do
    case "$1" in
        --size) SIZE="${2:?--size needs small or large}"; shift 2 ;;
        --size=*) SIZE="${1#--size=}"; shift ;;
        --rebuild) REBUILD=1; shift ;;
        --skip-rpc) EXTRA+=(--skip-rpc); shift ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (usage: ./setup/bench.sh [--size small|large] [--rebuild] [--skip-rpc])" ;;
    esac
done
case "$SIZE" in small|large) ;; *) die "--size must be small or large, not '$SIZE'" ;; esac
DB="${BENCH_DB:-hotel_bench_$SIZE}"

check_odoo_src
require_venv
ensure_postgres
ensure_pg_role
write_conf

exists=$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")
if [ "$REBUILD" = 1 ] || [ "$exists" != 1 ]; then
    dropdb --if-exists "$DB"
    say "creating $DB with the hotel addons (no demo data)"
    start=$(date +%s)
    odoo_bin -d "$DB" -i "$HOTEL_ADDONS" --stop-after-init --no-http --log-level=warn \
        || die "installing the hotel addons in $DB failed"
    say "installed in $(( $(date +%s) - start )) s"
else
    say "upgrading the hotel addons in $DB"
    odoo_bin -d "$DB" -u "$HOTEL_ADDONS" --stop-after-init --no-http --log-level=warn \
        || die "upgrading the hotel addons in $DB failed"
fi
"$VENV/bin/python" "$ROOT/tests/benchmarks/run.py" --conf "$CONF" --db "$DB" --size "$SIZE" "${EXTRA[@]}"
