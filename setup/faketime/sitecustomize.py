"""Loaded by ./setup/clock_check.sh only (through PYTHONPATH), for runs under libfaketime.

libfaketime fakes the wall clock well, but not what Python's waits need: with
CLOCK_MONOTONIC faked, every timed wait of a thread (Event.wait, Lock.acquire
with a timeout) blocks for ever; with it left real (FAKETIME_DONT_FAKE_MONOTONIC=1),
its clock_nanosleep wrapper rejects the absolute deadlines time.sleep uses
(OSError EINVAL). So the monotonic clock stays real and time.sleep waits
through select(), which takes a relative timeout.
"""
import select
import time


def _sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    select.select([], [], [], seconds)


time.sleep = _sleep


# Odoo starts the tours' Chromium with preexec_fn=_preexec (it lifts RLIMIT_AS, which nothing lowers
# in a test run): Python code run in the forked child of this threaded process, under libfaketime, can
# wait for ever on a lock another thread held at fork time (seen: a clock pass stuck 5 minutes in
# _spawn_chrome, then killed by the suite's time limit). Without a preexec_fn the child execs at once.
import subprocess  # noqa: E402

_popen_init = subprocess.Popen.__init__


def _popen_init_without_odoo_preexec(self, *args, **kwargs):
    preexec = kwargs.get("preexec_fn")
    if preexec is not None and getattr(preexec, "__module__", "") == "odoo.tests.common" \
            and getattr(preexec, "__name__", "") == "_preexec":
        kwargs["preexec_fn"] = None
    _popen_init(self, *args, **kwargs)


subprocess.Popen.__init__ = _popen_init_without_odoo_preexec
