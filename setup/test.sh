#!/usr/bin/env bash
# Fresh test database, every hotel addon installed (with demo data), linters,
# then every test through pytest-odoo with a real HTTP server and Chromium.
# Exits non-zero on lint errors, install errors, failed tests and on any
# skipped test (a skipped browser test means Chromium or websocket-client is missing).
source "$(dirname "$0")/common.sh"

TEST_DB="${TEST_DB:-hotel_test}"
# The test database is dropped on every run: refuse names that could be a real database.
[[ $TEST_DB =~ ^[A-Za-z0-9][A-Za-z0-9_-]*$ && $TEST_DB == *test* ]] \
    || die "TEST_DB='$TEST_DB' refused: test.sh drops it on every run, so the name must contain 'test'
       and consist of letters, digits, _ and - (e.g. hotel_test)."
[ "$TEST_DB" != "${HOTEL_DB:-hotel}" ] \
    || die "TEST_DB='$TEST_DB' refused: it is HOTEL_DB, the demo database of ./setup/run.sh. Use another TEST_DB."
LOG_DIR="$ROOT/.odoo/test-logs"
mkdir -p "$LOG_DIR"

check_odoo_src
require_venv
ensure_postgres
ensure_pg_role
write_conf

# --- browser prerequisites: without them Odoo would silently skip HttpCase tests.
browser=""
for b in chromium chromium-browser google-chrome; do command -v "$b" >/dev/null && { browser="$b"; break; }; done
[ -n "$browser" ] || die "No Chromium found: browser tests cannot run. Run ./setup/install.sh (Debian package 'chromium')."
"$VENV/bin/python" -c "import websocket" 2>/dev/null \
    || die "Python package websocket-client is missing: browser tests cannot run. Run ./setup/install.sh."

# --- linters -----------------------------------------------------------------------
say "ruff"
"$VENV/bin/ruff" check "$ROOT"
say "pylint-odoo"
# Models are split by concern across files on purpose (see the style guide): allow it.
# shellcheck disable=SC2046
"$VENV/bin/pylint" --rcfile="$ROOT/.pylintrc" --disable=consider-merging-classes-inherited \
    $(cd "$ROOT" && ls -d hotel_*/) tests

# --- fresh database with every hotel addon ------------------------------------------
say "creating test database $TEST_DB with: $HOTEL_ADDONS,$DEMO_ADDONS"
dropdb --if-exists "$TEST_DB"
# Odoo keeps attachments outside PostgreSQL: drop them with the database.
rm -rf -- "${DATA_DIR:?}/filestore/$TEST_DB"
start=$(date +%s)
if ! odoo_bin -d "$TEST_DB" -i "$HOTEL_ADDONS,$DEMO_ADDONS" --with-demo --stop-after-init --no-http \
        --log-level=warn > "$LOG_DIR/install.log" 2>&1; then
    tail -50 "$LOG_DIR/install.log"; die "installing the hotel addons failed (log: $LOG_DIR/install.log)"
fi
if grep -E " (ERROR|CRITICAL) |demo data failed to install|Failed to load registry" "$LOG_DIR/install.log"; then
    die "errors while installing the hotel addons (log: $LOG_DIR/install.log)"
fi
say "installed in $(( $(date +%s) - start )) s"

# --- tests ----------------------------------------------------------------------------
paths=()
for d in "$ROOT"/hotel_*/tests "$ROOT"/tests; do [ -d "$d" ] && paths+=("$d"); done
junit="$LOG_DIR/junit.xml"
say "pytest ${paths[*]#"$ROOT"/}"
set +e
# A hung run is stopped (SIGABRT: pytest's faulthandler prints every thread's stack first).
(cd "$ROOT" && timeout --signal=ABRT --kill-after=30 "${PYTEST_TIME_LIMIT:-1800}" \
    "$VENV/bin/pytest" --odoo-config="$CONF" --odoo-database="$TEST_DB" --odoo-http \
    -p no:warnings -p no:cacheprovider -rfEs --junitxml="$junit" "$@" "${paths[@]}")
rc=$?
set -e
skipped=$("$VENV/bin/python" - "$junit" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
print(sum(int(s.get("skipped", 0)) for s in root.iter("testsuite")))
PY
) || skipped="?"
if [ "$rc" -ne 0 ]; then die "tests failed (pytest exit code $rc)"; fi
if [ "$skipped" != "0" ]; then die "$skipped test(s) were skipped; every test is required (see the skip reasons above)"; fi
say "all tests passed"
