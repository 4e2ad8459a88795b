"""Take screenshots of Odoo pages as a logged-in user, with headless Chromium.

Usage: .venv/bin/python setup/screenshot.py URL_PATH OUT.png [--login admin --password admin]
       [--base http://127.0.0.1:8069] [--width 1440 --height 900] [--wait 4] [--lang zh_CN]
Used to look at views while developing and to refresh the README's screenshot.
"""
import argparse
import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket


def login(base, db, user, password):
    req = urllib.request.Request(
        f"{base}/web/session/authenticate",
        data=json.dumps({"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": password}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req) as resp:
        body = json.load(resp)
        if body.get("error"):
            raise SystemExit(f"login failed: {body['error']['data']['message']}")
        for header in resp.headers.get_all("Set-Cookie"):
            if header.startswith("session_id="):
                return header.split(";", 1)[0].split("=", 1)[1]
    raise SystemExit("no session cookie")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("out")
    parser.add_argument("--base", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="hotel")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--wait", type=float, default=4)
    parser.add_argument("--eval", help="JavaScript expression to print after the wait (e.g. error details)")
    parser.add_argument("--public", action="store_true",
                        help="as an anonymous visitor (a guest's survey or portal link), without logging in")
    args = parser.parse_args()

    session = None if args.public else login(args.base, args.db, args.login, args.password)
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    profile = tempfile.mkdtemp(prefix="hotel-shot-")
    port = 9333
    proc = subprocess.Popen([
        browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", f"--remote-debugging-port={port}",
        f"--window-size={args.width},{args.height}", "about:blank",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as resp:
                    targets = [t for t in json.load(resp) if t["type"] == "page"]
                if targets:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        ws = websocket.create_connection(targets[0]["webSocketDebuggerUrl"], suppress_origin=True)
        counter = iter(range(1, 10**6))
        events = []

        def call(method, **params):
            msg_id = next(counter)
            ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
            while True:
                msg = json.loads(ws.recv())
                if msg.get("id") == msg_id:
                    return msg.get("result", {})
                events.append(msg)

        call("Network.enable")
        call("Runtime.enable")
        host = args.base.split("//", 1)[1].split(":")[0]
        if session:
            call("Network.setCookie", name="session_id", value=session, domain=host, path="/")
        call("Emulation.setDeviceMetricsOverride", width=args.width, height=args.height,
             deviceScaleFactor=1, mobile=False)
        call("Page.navigate", url=args.base + args.path)
        time.sleep(args.wait)
        if args.eval:
            result = call("Runtime.evaluate", expression=args.eval, returnByValue=True, awaitPromise=True)
            print(result.get("result", {}).get("value"))
        shot = call("Page.captureScreenshot", format="png")
        # Report client errors: a page that renders an error dialog is not done.
        for event in events:
            if event.get("method") == "Runtime.exceptionThrown":
                print("JS exception:", event["params"]["exceptionDetails"].get("exception", {}).get("description"))
            elif event.get("method") == "Runtime.consoleAPICalled" and event["params"]["type"] == "error":
                print("console.error:", " ".join(str(a.get("value", a.get("description", "")))
                                                 for a in event["params"]["args"])[:2000])
        with open(args.out, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print(args.out)
    finally:
        proc.terminate()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
