"""Server and JSON-RPC plumbing of the through-the-server benchmarks (rpc_bench.py):
a prefork Odoo server on the loopback interface, a JSON-RPC client that classifies
errors, and the SQL helpers that check and clean up what a run wrote."""
import collections
import configparser
import contextlib
import itertools
import math
import os
import signal
import socket
import statistics
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import psutil
import psycopg2
import requests

REPO = Path(__file__).resolve().parents[2]
PYTHON = REPO / ".venv" / "bin" / "python"
ODOO_BIN = Path(os.environ.get("ODOO_SRC", "/opt/odoo-19.0")) / "odoo-bin"
CONF = REPO / ".odoo" / "odoo.conf"
LOG_DIR = REPO / ".odoo" / "bench-logs"

# Server log file of each URL started by serve(), so the proof can scan it for deadlocks.
_SERVER_LOGS = {}
# Process group of each server started by serve() (its master, workers and gevent process).
_SERVER_GROUPS = {}

# Error types that are a clean refusal of the request, not a failure of the server.
REFUSAL_ERRORS = ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError")
ACCESS_ERRORS = ("odoo.exceptions.AccessError", "odoo.exceptions.AccessDenied")
STAY_NIGHTS = 3


# --------------------------------------------------------------------------- server
def _assert_loopback(url):
    host = urlparse(url).hostname
    assert host in ("127.0.0.1", "localhost"), f"loopback only, not {url}"


def _port_in_use(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _tail(path, lines=30):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@contextlib.contextmanager
def serve(db, port=8070, workers=2, gevent_port=None, startup_timeout=180, log_file=None):
    """Run a prefork Odoo server for ``db`` on 127.0.0.1:``port``; yield its base URL.

    The server is stopped (SIGTERM to its process group, then SIGKILL if it lingers)
    when the block exits, also on error. ``gevent_port`` defaults to ``port + 1000``:
    prefork always spawns the websocket process, whose default port 8072 may be taken.
    """
    gevent_port = gevent_port or port + 1000
    url = f"http://127.0.0.1:{port}"
    _assert_loopback(url)
    for busy in (port, gevent_port):
        # Never benchmark somebody else's server by accident.
        if _port_in_use(busy):
            raise RuntimeError(f"port {busy} is already in use on 127.0.0.1")
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_file = Path(log_file) if log_file else LOG_DIR / f"rpc_bench-{db}-{port}-{time.strftime('%Y%m%d-%H%M%S')}.log"
    cmd = [
        str(PYTHON), str(ODOO_BIN), "-c", str(CONF),
        f"--database={db}", f"--db-filter=^{db}$",
        "--http-interface=127.0.0.1", f"--http-port={port}", f"--gevent-port={gevent_port}",
        f"--workers={workers}", "--max-cron-threads=0",
        "--limit-time-real=1200", "--limit-time-cpu=900",
        f"--logfile={log_file}", "--log-level=info",
        # /jsonrpc is deprecated in 19.0 and says so on every call: keep the log readable.
        "--log-handler=odoo.addons.rpc.controllers.jsonrpc:ERROR",
    ]
    # New session: the whole process group (master, workers, gevent) can be signalled at once.
    proc = subprocess.Popen(cmd, cwd=REPO, start_new_session=True,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"Odoo exited with {proc.returncode} while starting:\n{_tail(log_file)}")
            with contextlib.suppress(requests.RequestException):  # not listening yet
                if requests.get(f"{url}/web/health", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"Odoo did not answer /web/health within {startup_timeout}s:\n{_tail(log_file)}")
            time.sleep(0.5)
        _SERVER_LOGS[url] = str(log_file)
        _SERVER_GROUPS[url] = proc.pid
        yield url
    finally:
        _SERVER_LOGS.pop(url, None)
        _SERVER_GROUPS.pop(url, None)
        _stop(proc)


def _stop(proc):
    """SIGTERM the server's process group (graceful), SIGKILL it if still alive after 60 s."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(30)
    # Workers may outlive a master that died on its own: clean the group up too.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def cpu_seconds(url, db):
    """CPU seconds (user + system) used so far by the server of ``url`` (its process group)
    and by the PostgreSQL backends of ``db``: with the clients' own CPU, where a run's 2
    cores went."""
    server = backends = 0.0
    group = _SERVER_GROUPS.get(url)
    conn = _pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (db,))
            pg_pids = {row[0] for row in cur.fetchall()}
    finally:
        conn.close()
    for process in psutil.process_iter(["pid"]):
        try:
            times = process.cpu_times()
            spent = times.user + times.system
            if group and os.getpgid(process.pid) == group:
                server += spent
            elif process.pid in pg_pids:
                backends += spent
        except (psutil.Error, ProcessLookupError):
            continue
    return {"server": server, "postgresql": backends}


# --------------------------------------------------------------------------- JSON-RPC client
class RpcError(Exception):
    """A failed JSON-RPC call, classified by :attr:`kind`.

    ``refused``: UserError/ValidationError (the server said no, cleanly);
    ``access_error``: AccessError/AccessDenied;
    ``server_error``: any other server exception, HTTP status other than 200,
    transport failures and timeouts.
    """

    def __init__(self, kind, name, message, status=200):
        super().__init__(f"{name}: {message}")
        self.kind, self.name, self.message, self.status = kind, name, message, status


def classify(name):
    """Kind of a server exception type name (``error.data.name`` of a JSON-RPC error)."""
    if name in REFUSAL_ERRORS:
        return "refused"
    if name in ACCESS_ERRORS:
        return "access_error"
    return "server_error"


class FifoGate:
    """Semaphore that grants its slots in arrival order. ``threading.Semaphore`` lets a
    thread that just released a slot take it again at once, starving the others."""

    def __init__(self, slots):
        self._lock = threading.Lock()
        self._free = slots
        self._waiters = collections.deque()

    def __enter__(self):
        with self._lock:
            if self._free and not self._waiters:
                self._free -= 1
                return self
            event = threading.Event()
            self._waiters.append(event)
        event.wait()  # the slot is handed over by __exit__
        return self

    def __exit__(self, *exc_info):
        with self._lock:
            if self._waiters:
                self._waiters.popleft().set()
            else:
                self._free += 1


def _post(client, url, body):
    """POST ``body`` as JSON with the client's session, gate and timeout; a transport
    failure or a timeout is an :class:`RpcError` (server_error)."""
    try:
        with client.gate:
            return client.session.post(url, json=body, timeout=client.timeout)
    except requests.Timeout as exc:
        raise RpcError("server_error", "timeout", repr(exc), status=0) from None
    except requests.RequestException as exc:
        raise RpcError("server_error", type(exc).__name__, repr(exc), status=0) from None


class JsonRpcClient:
    """Minimal ``/jsonrpc`` client; one instance (one ``requests.Session``) per thread.

    ``gate``: optional semaphore shared by the clients of a run, held during each HTTP
    request, to bound the connections in flight (see :func:`concurrency_proof`).
    """

    def __init__(self, url, db, login, password, uid=None, timeout=(60, 600), gate=None):
        _assert_loopback(url)
        self.url, self.db, self.login, self.password, self.uid = url, db, login, password, uid
        self.timeout = timeout  # (connect, read)
        self.gate = gate or contextlib.nullcontext()
        self.session = requests.Session()
        self._ids = itertools.count(1)

    def call(self, service, method, *args):
        """Call ``service.method(*args)``; return the result or raise :class:`RpcError`."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(self._ids),
                   "params": {"service": service, "method": method, "args": list(args)}}
        response = _post(self, f"{self.url}/jsonrpc", payload)
        if response.status_code != 200:
            raise RpcError("server_error", f"HTTP {response.status_code}", response.text[:500],
                           status=response.status_code)
        try:
            body = response.json()
        except ValueError:
            raise RpcError("server_error", "invalid JSON", response.text[:500]) from None
        if "error" in body:
            data = body["error"].get("data") or {}
            name = data.get("name") or body["error"].get("message", "unknown")
            message = data.get("message") or body["error"].get("message", "")
            raise RpcError(classify(name), name, message)
        return body.get("result")

    def authenticate(self):
        """Log in through the ``common`` service; remember and return the uid."""
        uid = self.call("common", "authenticate", self.db, self.login, self.password, {})
        if not uid:
            raise RpcError("access_error", "AccessDenied", f"login {self.login!r} refused on {self.db}")
        self.uid = uid
        return uid

    def execute(self, model, method, *args, **kwargs):
        """``object.execute_kw`` on ``model``."""
        if self.uid is None:
            self.authenticate()
        return self.call("object", "execute_kw", self.db, self.uid, self.password, model, method, list(args), kwargs)


class Json2Client:
    """Minimal client of Odoo 19's JSON-2 API (``POST /json/2/<model>/<method>``, bearer API
    key, keyword arguments in the body); one instance (one ``requests.Session``) per thread.
    Errors are :class:`RpcError` classified as for JSON-RPC."""

    def __init__(self, url, db, api_key, timeout=(60, 600), gate=None):
        _assert_loopback(url)
        self.url = url
        self.timeout = timeout
        self.gate = gate or contextlib.nullcontext()
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {api_key}", "X-Odoo-Database": db})

    def call(self, model, method, **kwargs):
        response = _post(self, f"{self.url}/json/2/{model}/{method}", kwargs)
        try:
            body = response.json()
        except ValueError:
            raise RpcError("server_error", f"HTTP {response.status_code}", response.text[:500],
                           status=response.status_code) from None
        if response.status_code != 200:
            name = body.get("name", f"HTTP {response.status_code}") if isinstance(body, dict) else "?"
            message = body.get("message", "") if isinstance(body, dict) else str(body)[:500]
            raise RpcError(classify(name), name, message, status=response.status_code)
        return body


# --------------------------------------------------------------------------- SQL helpers
def _pg_connect(db, conf=CONF):
    """psycopg2 connection to ``db`` with the credentials of the Odoo config file."""
    parser = configparser.ConfigParser()
    parser.read(conf)
    opts = parser["options"] if parser.has_section("options") else {}
    params = {"dbname": db}
    for key in ("host", "port", "user", "password"):
        value = opts.get(f"db_{key}")
        if value and value != "False":
            params[key] = value
    conn = psycopg2.connect(**params)
    conn.autocommit = True
    return conn


def _pick_property(cur, property_id=None):
    """The given property, or the active one with the most active rooms."""
    if property_id:
        return property_id
    cur.execute("""
        SELECT p.id FROM hotel_property p JOIN hotel_room r ON r.property_id = p.id AND r.active
         WHERE p.active GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1
    """)
    row = cur.fetchone()
    if not row:
        raise RuntimeError("no active property with active rooms")
    return row[0]


def _active_nights(cur, property_id, start, stop):
    cur.execute("""
        SELECT count(*) FROM hotel_reservation_night n JOIN hotel_room r ON r.id = n.room_id
         WHERE n.active AND r.property_id = %s AND n.date >= %s AND n.date < %s
    """, (property_id, start, stop))
    return cur.fetchone()[0]


def _idle_and_waiting(cur, db):
    """(transactions idle in transaction, ungranted locks) on ``db``, other than ours."""
    cur.execute("""
        SELECT count(*) FROM pg_stat_activity
         WHERE datname = %s AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%%'
    """, (db,))
    idle = cur.fetchone()[0]
    cur.execute("""
        SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE NOT l.granted AND a.datname = %s AND a.pid <> pg_backend_pid()
    """, (db,))
    return idle, cur.fetchone()[0]


# Side tables that grow while a run talks to the server, with the rows of the run to delete
# (id above the watermark taken at the start): login history of the RPC user, transient
# mail composers of the confirmation mails, bus notifications (garbage after 100 s anyway).
WATERMARK_TABLES = {
    "res_users_log": "create_uid = %(uid)s",
    "mail_compose_message": "create_uid = %(uid)s AND model IN ('hotel.folio', 'hotel.reservation')",
    "bus_bus": "TRUE",
    # wake-ups of the confirmation mail job (the benchmark server runs no cron)
    "ir_cron_trigger": "TRUE",
}


def _watermarks(cur):
    marks = {}
    for table in WATERMARK_TABLES:
        cur.execute(f"SELECT COALESCE(max(id), 0) FROM {table}")  # constant table names
        marks[table] = cur.fetchone()[0]
    return marks


def _cleanup(db, tag, partner_id=None, uid=None, marks=None):
    """Delete the reservations tagged ``tag`` with their folios, ledger rows, charges,
    messages, queued mails and followers, the run's guest, and the run's rows of the
    side tables above ``marks`` (see ``WATERMARK_TABLES``); one transaction.

    Returns the number of reservations deleted."""
    conn = _pg_connect(db)
    try:
        conn.autocommit = False
        with conn.cursor() as cur:
            cur.execute("SELECT id, folio_id FROM hotel_reservation WHERE note = %s", (tag,))
            rows = cur.fetchall()
            res_ids = [r[0] for r in rows]
            folio_ids = sorted({r[1] for r in rows})
            # Folios were created for the run's reservations only; never touch a shared one.
            cur.execute("SELECT DISTINCT folio_id FROM hotel_reservation WHERE folio_id = ANY(%s) AND "
                        "(note IS DISTINCT FROM %s)", (folio_ids, tag))
            shared = {r[0] for r in cur.fetchall()}
            folio_ids = [f for f in folio_ids if f not in shared]
            targets = [("hotel.reservation", res_ids), ("hotel.folio", folio_ids)]
            if partner_id:
                targets.append(("res.partner", [partner_id]))
            for model, ids in targets:
                # mail.mail, notifications, tracking values and recipients cascade with the message.
                cur.execute("DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)", (model, ids))
                cur.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id = ANY(%s)", (model, ids))
                cur.execute("DELETE FROM mail_activity WHERE res_model = %s AND res_id = ANY(%s)", (model, ids))
            cur.execute("DELETE FROM hotel_booking_request WHERE folio_id = ANY(%s)", (folio_ids,))
            cur.execute("DELETE FROM hotel_folio_line WHERE folio_id = ANY(%s) OR reservation_id = ANY(%s)",
                        (folio_ids, res_ids))
            # Nights cascade with their reservation.
            cur.execute("DELETE FROM hotel_reservation WHERE id = ANY(%s)", (res_ids,))
            cur.execute("DELETE FROM hotel_folio WHERE id = ANY(%s)", (folio_ids,))
            if partner_id:
                cur.execute("DELETE FROM mail_followers WHERE partner_id = %s", (partner_id,))
                cur.execute("DELETE FROM res_partner WHERE id = %s", (partner_id,))
            for table, where in WATERMARK_TABLES.items():
                if marks and uid:
                    cur.execute(f"DELETE FROM {table} WHERE id > %(mark)s AND {where}",  # constant SQL parts
                                {"mark": marks[table], "uid": uid})
        conn.commit()
        return len(res_ids)
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()


def table_counts(db):
    """Row count of every table of the public schema (to prove a run leaves no trace)."""
    conn = _pg_connect(db)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            counts = {}
            for (table,) in cur.fetchall():
                cur.execute(f'SELECT count(*) FROM "{table}"')  # names come from pg_tables
                counts[table] = cur.fetchone()[0]
            return counts
    finally:
        conn.close()


def _create_guest(client, tag):
    return client.execute("res.partner", "create", {
        "name": f"RPC Bench Guest {tag[-8:]}", "email": "rpc-bench@example.com",
    })


def _latency_ms(samples):
    if not samples:
        return {"min": None, "median": None, "p95": None}
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return {"min": round(ordered[0] * 1000, 1), "median": round(statistics.median(ordered) * 1000, 1),
            "p95": round(p95 * 1000, 1)}
