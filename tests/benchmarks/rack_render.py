"""Room rack in headless Chromium: the data call and the drawing of a 31-night
page of the property with the most rooms, timed by the page itself
(``window.__hotelRackTimings``, set by the rack after each page is drawn).

Starts its own Odoo server on the benchmark database (one process, no workers)
and a headless Chromium; the user is the dataset's front-desk user.

    .venv/bin/python tests/benchmarks/rack_render.py --conf .odoo/odoo.conf --db hotel_bench_small --property 1
"""
# A command-line tool: it prints its figures.
# pylint: disable=print-used
import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parents[2]
TARGET_MS = 1000  # data call + drawing, 300 rooms x 31 nights (issue #13)


def _screenshot_module():
    spec = importlib.util.spec_from_file_location("hotel_screenshot", ROOT / "setup" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _wait_http(url, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the Odoo server at {url} did not start")


class Page:
    """The one tab of a headless Chromium, driven over the DevTools protocol."""

    def __init__(self, port):
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as resp:
                    tabs = [t for t in json.load(resp) if t.get("type") == "page"]
                if tabs:
                    break
            except OSError:
                time.sleep(0.1)  # not listening yet
                continue
            time.sleep(0.1)
        self.ws = websocket.create_connection(tabs[0]["webSocketDebuggerUrl"], timeout=120)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                return msg.get("result", {})

    def eval(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.eval(expression)
            if value:
                return value
            time.sleep(0.05)
        raise SystemExit(f"timed out waiting for {expression}")


def measure(conf, db, property_id, port=8073, repeat=5):
    """{data_ms, render_ms, total_ms (min/median/p95 of each), rooms, stays, days, met}."""
    python = ROOT / ".venv" / "bin" / "python"
    odoo_bin = _odoo_bin(conf)
    server = subprocess.Popen(
        [str(python), odoo_bin, "-c", conf, "-d", db, f"--http-port={port}", "--http-interface=127.0.0.1",
         "--log-level=warn", "--max-cron-threads=0", f"--db-filter=^{db}$"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    profile = tempfile.mkdtemp(prefix="hotel-rack-")
    chrome = None
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_http(url)
        session = _screenshot_module().login(url, db, "bench_frontdesk", "bench_frontdesk")
        chrome = subprocess.Popen([
            browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--remote-debugging-port=9334", "--window-size=1440,900", "about:blank",
        ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        page = Page(9334)
        page.call("Network.enable")
        page.call("Network.setCookie", name="session_id", value=session, domain="127.0.0.1", path="/")
        page.call("Emulation.setDeviceMetricsOverride", width=1440, height=900, deviceScaleFactor=1, mobile=False)
        page.call("Page.navigate", url=f"{url}/odoo/action-hotel_reservation.action_hotel_room_rack")
        page.wait_for("window.__hotelRackTimings && window.__hotelRackTimings.days")
        prop = property_id
        samples = []
        for i in range(repeat + 1):  # the first page warms the assets and the server's caches
            page.eval("window.__hotelRackTimings = null")
            page.eval(_SHOW_PAGE % {"property": prop, "shift": i})
            timings = page.wait_for("window.__hotelRackTimings && window.__hotelRackTimings.days === 31 "
                                    "&& window.__hotelRackTimings")
            if i:
                samples.append(timings)
    finally:
        if chrome:
            chrome.terminate()
        server.terminate()
        server.wait(30)
        shutil.rmtree(profile, ignore_errors=True)

    def figures(key):
        values = sorted(s[key] for s in samples)
        return {"min_ms": values[0], "median_ms": statistics.median(values), "p95_ms": values[-1]}
    for sample in samples:
        sample["total_ms"] = sample["data_ms"] + sample["render_ms"]
    total = figures("total_ms")
    return {
        "what": "room rack in Chromium: data call + drawing of 31 nights x every room of the largest property",
        "target_ms": TARGET_MS, "runs": len(samples), "data": figures("data_ms"), "render": figures("render_ms"),
        **total, "rooms": samples[-1]["rooms"], "stays": samples[-1]["stays"], "days": 31,
        "met": total["median_ms"] < TARGET_MS,
    }


def _odoo_bin(conf):
    """odoo-bin of the tree the configuration's addons path names."""
    for line in Path(conf).read_text().splitlines():
        if line.startswith("addons_path"):
            for path in line.split("=", 1)[1].split(","):
                candidate = Path(path.strip()).parent / "odoo-bin"
                if candidate.exists():
                    return str(candidate)
    raise SystemExit(f"no odoo-bin next to the addons path of {conf}")


# Show 31 nights of the property from a day ``shift`` days later each time (a new page each run).
_SHOW_PAGE = """
(async () => {
    const select = document.querySelector('.o_hotel_rack_property');
    if (select && select.value !== '%(property)s') {
        select.value = '%(property)s';
        select.dispatchEvent(new Event('change'));
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const thirtyOne = [...document.querySelectorAll('.o_hotel_rack_days button')]
        .find((b) => b.textContent.includes('31'));
    if (!thirtyOne.classList.contains('btn-primary')) {
        thirtyOne.click();
    } else {
        [...document.querySelectorAll('.o_hotel_rack_toolbar button[title="Next day"]')][0].click();
    }
    return true;
})()
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conf", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--property", type=int, required=True, help="id of the property to show")
    parser.add_argument("--port", type=int, default=8073)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    json.dump(measure(args.conf, args.db, args.property, args.port, args.repeat), sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
