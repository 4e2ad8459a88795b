#!/usr/bin/env bash
# The suite must be green at any hour. Runs the whole test command
# (./setup/test.sh: fresh database, lint, every test) with the process clock
# set by libfaketime to the given UTC times of today, one run per time.
# Usage: ./setup/clock_check.sh [HH:MM ...]   (default: 00:30 05:59 15:59 23:30)
# Only the Odoo process (and the linters) see the faked clock: PostgreSQL keeps the
# real one, so now() in SQL and create_date stay real, and so does the tours' browser.
source "$(dirname "$0")/common.sh"

# libfaketime itself, without the faketime wrapper (whose shared semaphores can be left behind).
libfaketime=""
for candidate in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
    [ -f "$candidate" ] && { libfaketime="$candidate"; break; }
done
[ -n "$libfaketime" ] || die "libfaketime is missing: run ./setup/install.sh (Debian package 'faketime')."
# Start PostgreSQL here if needed, outside faketime: a server started under it would keep the fake clock.
ensure_postgres
times=("$@")
[ ${#times[@]} -gt 0 ] || times=(00:30 05:59 15:59 23:30)
day="$(date -u +%F)"
for t in "${times[@]}"; do
    [[ $t =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]] || die "not a time of day (HH:MM): $t"
    say "the whole suite with the clock at $day $t UTC"
    # Odoo runs in UTC anyway; TZ makes libfaketime read the time as UTC ("@": the clock starts there and runs). The monotonic clock
    # stays real and time.sleep is adapted (see setup/faketime/sitecustomize.py): libfaketime
    # would otherwise make Python's timed waits hang or fail. The tours' Chromium runs on the
    # real clock (setup/faketime/bin/chromium): libfaketime breaks its timers.
    PATH="$ROOT/setup/faketime/bin:$PATH" TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1 \
    PYTHONPATH="$ROOT/setup/faketime${PYTHONPATH:+:$PYTHONPATH}" \
    FAKETIME="@$day $t:00" LD_PRELOAD="$libfaketime" \
        timeout 2700 "$ROOT/setup/test.sh" \
        || die "the suite failed with the clock at $day $t UTC"
done
say "green at ${times[*]} UTC"
