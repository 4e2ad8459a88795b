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

