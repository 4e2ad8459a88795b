#!/usr/bin/env bash
# Create (first run) or upgrade (later runs) the demo database with every hotel
# addon and the demo hotel, then serve Odoo on http://127.0.0.1:8069 (admin/admin).
source "$(dirname "$0")/common.sh"

DB="${HOTEL_DB:-hotel}"
PORT="${HTTP_PORT:-8069}"

check_odoo_src
require_venv
ensure_postgres
ensure_pg_role
write_conf

installed() {
    psql -d "$DB" -tAc "SELECT name FROM ir_module_module WHERE state = 'installed' AND name LIKE 'hotel\\_%'" 2>/dev/null \
        | paste -sd, - || true
}

if psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 && [ -n "$(installed)" ]; then
    have="$(installed)"
    missing="$(comm -23 <(tr , '\n' <<<"$HOTEL_ADDONS" | sort) <(tr , '\n' <<<"$have" | sort) | paste -sd, -)"
    say "upgrading hotel addons in database '$DB'${missing:+ and installing $missing}"
    odoo_bin -d "$DB" -u "$have" ${missing:+-i "$missing"} --stop-after-init --no-http --log-level=warn
else
    say "creating database '$DB' with the demo hotel (first run takes a few minutes)"
    start=$(date +%s)
    odoo_bin -d "$DB" -i "$HOTEL_ADDONS,$DEMO_ADDONS" --with-demo --stop-after-init --no-http --log-level=warn
    # Chinese is offered to staff out of the box.
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" i18n loadlang -c "$CONF" -d "$DB" -l zh_CN >/dev/null 2>&1 \
        || say "warning: could not load the zh_CN language"
    say "database ready in $(( $(date +%s) - start )) s"
fi

say "serving Odoo on http://127.0.0.1:$PORT  (login: admin / password: admin; Ctrl-C to stop)"
say "demo staff: frontdesk/frontdesk, frontmanager/frontmanager, housekeeping/housekeeping, housekeeper2/housekeeper2, hksupervisor/hksupervisor, homestay/homestay"
exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --db-filter="^${DB}\$" \
    --http-interface=127.0.0.1 --http-port="$PORT" "$@"
