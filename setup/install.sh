#!/usr/bin/env bash
# Prepare this machine to run and test the hotel suite. Idempotent: re-running
# installs only what is missing.
source "$(dirname "$0")/common.sh"

check_odoo_src

# --- system packages (Debian/Ubuntu) -------------------------------------------
APT_PACKAGES=(
    build-essential libpq-dev libldap2-dev libsasl2-dev libmagic1 libjpeg-dev zlib1g-dev
    libxml2-dev libxslt1-dev libffi-dev postgresql-client
    chromium wkhtmltopdf fonts-noto-cjk
)
if command -v apt-get >/dev/null; then
    missing=()
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    # A PostgreSQL server is installed only if none is reachable already.
    if ! pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null \
        && ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q "install ok installed"; then
        missing+=(postgresql)
    fi
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing system packages: ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
        say "system packages already installed"
    fi
else
    say "warning: not a Debian/Ubuntu system; install libpq, chromium, wkhtmltopdf and PostgreSQL yourself"
fi

# --- PostgreSQL -----------------------------------------------------------------
ensure_postgres
ensure_pg_role

# --- Python virtualenv ------------------------------------------------------------
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || die "Python 3.10+ is required (found $("$PYTHON" --version 2>&1))."
[ -x "$VENV/bin/python" ] || { say "creating virtualenv $VENV"; "$PYTHON" -m venv "$VENV"; }
PIP=("$VENV/bin/python" -m pip install -q --disable-pip-version-check)

# Odoo pins cbor2==5.4.2, whose build needs pkg_resources (gone in setuptools>=70).
constraint="$(mktemp)"; trap 'rm -f "$constraint"' EXIT
echo "setuptools<70" > "$constraint"
stamp="$VENV/.odoo-requirements.sha"
want="$(cat "$ODOO_SRC/requirements.txt" "$ROOT/setup/requirements-dev.txt" | sha1sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || ! "$VENV/bin/python" -c "import odoo.release" 2>/dev/null; then
    say "installing Odoo 19.0 requirements and test tools into $VENV"
    PIP_CONSTRAINT="$constraint" "${PIP[@]}" "setuptools<70" wheel
    PIP_CONSTRAINT="$constraint" "${PIP[@]}" -r "$ODOO_SRC/requirements.txt"
    PIP_CONSTRAINT="$constraint" "${PIP[@]}" --no-build-isolation -e "$ODOO_SRC"
    PIP_CONSTRAINT="$constraint" "${PIP[@]}" -r "$ROOT/setup/requirements-dev.txt"
    echo "$want" > "$stamp"
else
    say "Python requirements already installed"
fi

write_conf
say "Odoo config written to $CONF"
say "done. Next: ./setup/run.sh (demo hotel) or ./setup/test.sh (tests)"
