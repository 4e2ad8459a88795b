#!/usr/bin/env bash
# Prepare this machine to run and test the hotel suite: system packages, the Odoo 19.0
# Community source (fetched only when ODOO_SRC holds none), PostgreSQL and a role, the
# virtualenv, .odoo/odoo.conf. Idempotent: re-running installs only what is missing.
source "$(dirname "$0")/common.sh"

# Odoo 19.0 Community comes from the official sources; nothing is downloaded when
# ODOO_SRC already holds a tree, and a tree that is not 19.0 Community is never touched.
ODOO_GIT="https://github.com/odoo/odoo.git"
ODOO_TARBALL="https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz"
ODOO_FETCH_TIMEOUT="${ODOO_FETCH_TIMEOUT:-600}"  # seconds for the download itself

odoo_src_empty() { [ ! -e "$ODOO_SRC" ] || [ -z "$(ls -A "$ODOO_SRC" 2>/dev/null)" ]; }

if [ -n "$(odoo_src_problem)" ] && ! odoo_src_empty; then
    die "$(odoo_src_problem).
       install.sh fetches Odoo only into a missing or empty ODOO_SRC and leaves this one alone:
       point ODOO_SRC at an existing Odoo 19.0 Community tree (ODOO_SRC=/path/to/odoo-19.0 $0),
       or move $ODOO_SRC away to have Odoo 19.0 fetched there."
fi

# --- system packages (Debian/Ubuntu) -------------------------------------------
# "a|b": the first of these names that apt knows (Debian and Ubuntu name some differently;
# on Ubuntu, chromium-browser installs the Chromium snap).
APT_PACKAGES=(
    python3 python3-venv python3-dev build-essential git ca-certificates curl
    libpq-dev libldap2-dev libsasl2-dev "libmagic1|libmagic1t64" libjpeg-dev zlib1g-dev
    libxml2-dev libxslt1-dev libffi-dev postgresql-client
    "chromium|chromium-browser" wkhtmltopdf fonts-noto-cjk faketime
)
deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# The first alternative with an install candidate (needs fresh apt lists), else the first.
apt_pick() {
    local p policy
    for p in ${1//|/ }; do
        policy="$(apt-cache policy "$p" 2>/dev/null)"  # not piped into grep -q: SIGPIPE + pipefail
        [[ $policy == *"Candidate: "[!\(]* ]] && { echo "$p"; return; }
    done
    echo "${1%%|*}"
}
if command -v apt-get >/dev/null; then
    missing=()
    for alts in "${APT_PACKAGES[@]}"; do
        have=""
        for p in ${alts//|/ }; do deb_installed "$p" && have=1; done
        [ -n "$have" ] || missing+=("$alts")
    done
    # A PostgreSQL server is installed only if none is reachable already.
    if ! pg_ready && ! deb_installed postgresql; then
        missing+=(postgresql)
    fi
    if [ ${#missing[@]} -gt 0 ]; then
        as_root apt-get update -qq
        pkgs=()
        for alts in "${missing[@]}"; do pkgs+=("$(apt_pick "$alts")"); done
        say "installing system packages: ${pkgs[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
    else
        say "system packages already installed"
    fi
else
    say "warning: not a Debian/Ubuntu system; install git, python3-venv, libpq, chromium, wkhtmltopdf,"
    say "         faketime and PostgreSQL yourself"
fi

# --- Odoo 19.0 Community source -----------------------------------------------------
fetch_failed() {
    die "Could not fetch Odoo 19.0 Community into ODOO_SRC=$ODOO_SRC: $1.
       Without internet access, point ODOO_SRC at an existing Odoo 19.0 Community source tree:
         ODOO_SRC=/path/to/odoo-19.0 ./setup/install.sh"
}

# Only ever called on a missing or empty ODOO_SRC (checked above), so emptying it is safe.
clear_odoo_src() { if [ -d "$ODOO_SRC" ]; then find "$ODOO_SRC/" -mindepth 1 -delete; fi; }

# Does GitHub answer with Odoo's 19.0 branch within seconds? (Output captured, not piped
# into grep -q, which could kill git with SIGPIPE and so fail under pipefail.)
github_reachable() {
    local heads
    heads="$(GIT_TERMINAL_PROMPT=0 timeout 20 git ls-remote --heads "$ODOO_GIT" 19.0 2>/dev/null)" || return 1
    [[ $heads == *refs/heads/19.0* ]]
}

fetch_odoo_src() {
    say "no Odoo source tree at $ODOO_SRC: fetching Odoo 19.0 Community"
    # Creating /opt/odoo-19.0 needs root; the tree then belongs to the user who runs Odoo.
    mkdir -p "$ODOO_SRC" 2>/dev/null || as_root mkdir -p "$ODOO_SRC"
    [ -w "$ODOO_SRC" ] || as_root chown "$(id -u):$(id -g)" "$ODOO_SRC"
    # Short probes first, so that a machine without internet fails in seconds.
    if command -v git >/dev/null && github_reachable; then
        say "cloning $ODOO_GIT (branch 19.0, shallow)"
        if GIT_TERMINAL_PROMPT=0 timeout "$ODOO_FETCH_TIMEOUT" git clone -q --depth 1 --branch 19.0 "$ODOO_GIT" "$ODOO_SRC"; then
            return 0
        fi
        clear_odoo_src  # a half clone would block the next try
        say "git clone failed; trying the source tarball"
    fi
    command -v curl >/dev/null || fetch_failed "git clone did not work and curl is missing"
    timeout 20 curl -fsSIL -o /dev/null "$ODOO_TARBALL" \
        || fetch_failed "neither github.com nor nightly.odoo.com answered (offline?)"
    say "downloading $ODOO_TARBALL"
    if ! timeout "$ODOO_FETCH_TIMEOUT" curl -fsSL "$ODOO_TARBALL" | tar -xz --strip-components=1 -C "$ODOO_SRC"; then
        clear_odoo_src
        fetch_failed "downloading or unpacking the source tarball failed"
    fi
    # The tarball (a Python sdist) ships the launcher as setup/odoo, not odoo-bin.
    if [ ! -f "$ODOO_SRC/odoo-bin" ] && [ -f "$ODOO_SRC/setup/odoo" ]; then
        cp "$ODOO_SRC/setup/odoo" "$ODOO_SRC/odoo-bin"
    fi
}

if [ -n "$(odoo_src_problem)" ]; then
    fetch_odoo_src
    problem="$(odoo_src_problem)"
    [ -z "$problem" ] || die "The Odoo tree just fetched into $ODOO_SRC is not usable: $problem.
       Remove it, or point ODOO_SRC at an existing Odoo 19.0 Community tree."
    say "Odoo 19.0 Community fetched into $ODOO_SRC"
fi
check_odoo_src

# --- PostgreSQL -----------------------------------------------------------------
ensure_postgres
ensure_pg_role

# --- Python virtualenv ------------------------------------------------------------
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || die "Python 3.10+ is required (found $("$PYTHON" --version 2>&1))."
# A venv made without python3-venv has a python but no pip: (re)running venv repairs it.
"$VENV/bin/python" -m pip --version >/dev/null 2>&1 || { say "creating virtualenv $VENV"; "$PYTHON" -m venv "$VENV"; }
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
