# Shared settings and helpers for the setup scripts (sourced, not executed).
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_SRC="${ODOO_SRC:-/opt/odoo-19.0}"
VENV="${VENV:-$ROOT/.venv}"
CONF="${ODOO_CONF:-$ROOT/.odoo/odoo.conf}"
DATA_DIR="${ODOO_DATA_DIR:-$ROOT/.odoo/data}"
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-$(id -un)}"
# Every hotel addon, in dependency order; installing the last pulls in the rest.
HOTEL_ADDONS="$(cd "$ROOT" && for m in */__manifest__.py; do dirname "$m"; done | paste -sd, -)"
# Odoo addons the demo hotel uses beside ours: Odoo's Chinese chart of accounts (the demo company
# is Chinese; without it the demo falls back to the generic chart). Installed by run.sh and test.sh.
DEMO_ADDONS="l10n_cn"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root privileges for: $*"; fi
}

# Why ODOO_SRC is not a usable Odoo 19.0 Community source tree; prints nothing when it is.
odoo_src_problem() {
    local release="$ODOO_SRC/odoo/release.py"
    if [ ! -f "$release" ]; then
        echo "no Odoo source tree at ODOO_SRC=$ODOO_SRC ($release is missing)"
    elif [ ! -f "$ODOO_SRC/odoo-bin" ]; then
        echo "ODOO_SRC=$ODOO_SRC has no odoo-bin: not an Odoo source tree"
    elif ! grep -qE '^version_info = \(19, 0,' "$release"; then
        echo "ODOO_SRC=$ODOO_SRC is not Odoo 19.0 (see version_info in $release)"
    elif [ -d "$ODOO_SRC/addons/web_enterprise" ] || [ -d "$ODOO_SRC/odoo/addons/web_enterprise" ]; then
        # Enterprise addons on the addons path would silently change behaviour.
        echo "ODOO_SRC=$ODOO_SRC contains Enterprise addons; this suite needs Odoo 19.0 Community"
    fi
}

check_odoo_src() {
    local problem
    problem="$(odoo_src_problem)"
    if [ -n "$problem" ]; then
        die "$problem.
       Run ./setup/install.sh: it fetches Odoo 19.0 Community into ODOO_SRC when that is missing or empty.
       Or point ODOO_SRC at an existing Odoo 19.0 Community tree, e.g. ODOO_SRC=/path/to/odoo-19.0 $0"
    fi
    if [ -d "$ODOO_SRC/../enterprise" ]; then
        say "warning: Enterprise addons found next to ODOO_SRC; they are not on this suite's addons path"
    fi
}

pg_ready() { pg_isready -q -h "$PGHOST" -p "$PGPORT" >/dev/null 2>&1; }

# Make a PostgreSQL server reachable: use a running one, else start an existing
# cluster, else create one. Fails with a clear message where none can be had.
ensure_postgres() {
    command -v pg_isready >/dev/null || die "PostgreSQL client tools are missing; run ./setup/install.sh"
    pg_ready && return 0
    if command -v pg_lsclusters >/dev/null; then
        local ver name
        if [ -z "$(pg_lsclusters -h 2>/dev/null)" ] && command -v pg_createcluster >/dev/null; then
            ver="$(ls /usr/lib/postgresql | sort -V | tail -1)"
            say "creating PostgreSQL $ver cluster 'main'"
            as_root pg_createcluster "$ver" main >/dev/null
        fi
        while read -r ver name _; do
            say "starting PostgreSQL cluster $ver/$name"
            as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start || true
        done < <(pg_lsclusters -h 2>/dev/null)
        for _ in $(seq 1 20); do pg_ready && return 0; sleep 0.5; done
    fi
    die "No PostgreSQL server answers on $PGHOST:$PGPORT and none could be started.
       Install PostgreSQL (apt-get install postgresql) or set PGHOST/PGPORT to a running server."
}

# Run a command as the postgres system user, who may administer a local cluster
# through peer authentication on the Unix socket.
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
    elif command -v sudo >/dev/null; then sudo -u postgres "$@"
    else return 1; fi
}

pg_can_createdb() {
    [ "$(psql -d postgres -tAc "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user" 2>/dev/null)" = t ]
}

# Ensure the connecting role exists and may create databases. CREATEDB is all
# Odoo needs (it owns the databases it creates; pg_trgm is a trusted extension),
# so no superuser is made.
ensure_pg_role() {
    pg_can_createdb && return 0
    say "creating PostgreSQL role $PGUSER (LOGIN CREATEDB)"
    # Over the local socket as postgres, not over PGHOST as PGUSER: that role may not exist yet.
    as_postgres env -u PGHOST -u PGUSER psql -X -q -p "$PGPORT" -d postgres -v ON_ERROR_STOP=1 -v role="$PGUSER" <<'SQL' || true
SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') AS role_exists \gset
\if :role_exists
ALTER ROLE :"role" LOGIN CREATEDB;
\else
CREATE ROLE :"role" LOGIN CREATEDB;
\endif
SQL
    pg_can_createdb \
        || die "Cannot connect to PostgreSQL on $PGHOST:$PGPORT as role $PGUSER without a password, or the role may not create databases.
       As the postgres user, run: createuser --createdb $PGUSER (or ALTER ROLE \"$PGUSER\" CREATEDB),
       and allow trust/peer auth for it, or set PGPASSWORD."
}

# The master password (database manager) is generated once per machine and kept
# outside git, in .odoo/master_password (mode 600); ODOO_MASTER_PASSWORD overrides it.
master_password() {
    local file
    file="$(dirname "$CONF")/master_password"
    if [ -n "${ODOO_MASTER_PASSWORD:-}" ]; then
        printf '%s' "$ODOO_MASTER_PASSWORD"
    else
        if [ ! -s "$file" ]; then
            (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(24))' > "$file")
        fi
        cat "$file"
    fi
}

write_conf() {
    mkdir -p "$(dirname "$CONF")" "$DATA_DIR"
    local master
    master="$(master_password)"
    # ODOO_SRC/addons is listed only where it exists: the nightly source tarball keeps
    # every addon in odoo/addons, which Odoo always loads, and a missing path is an error.
    cat > "$CONF" <<CONF
; Generated by setup/install.sh; edit setup/common.sh instead.
[options]
addons_path = $( [ -d "$ODOO_SRC/addons" ] && printf '%s,' "$ODOO_SRC/addons" )$ROOT
data_dir = $DATA_DIR
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
$( [ -n "${PGPASSWORD:-}" ] && echo "db_password = $PGPASSWORD" )
admin_passwd = $master
; no database list nor database manager for visitors (see the README's production notes)
list_db = False
http_interface = 127.0.0.1
http_port = 8069
log_level = info
CONF
    chmod 600 "$CONF"
}

require_venv() {
    [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import odoo.release" 2>/dev/null \
        || die "The virtualenv $VENV is missing or has no Odoo; run ./setup/install.sh first."
    [ -f "$CONF" ] || write_conf
}

odoo_bin() { "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" "$@"; }
