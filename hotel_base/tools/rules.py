"""Named internal paths around business rules.

Superuser means access, never "skip the business rules": the guest portal and
the API run code as sudo, so ``env.su`` must not switch a rule off. Where the
product itself has to step past a rule (a penalty posted on a cancelled folio,
room-night charges leaving with their nights, nights repriced from the rate
plan), it says so by name::

    with bypass_rule("release_room_charges", reason="stay shortened"):
        lines.unlink()

and the rule asks ``rule_bypassed("release_room_charges")``. The switch is a
context variable of this Python process, not an Odoo context key, so no RPC
caller can set it; every use is logged.
"""
import contextvars
import logging
from contextlib import contextmanager

_logger = logging.getLogger(__name__)

# Every rule that may be bypassed, and by which internal path (for the log and for readers).
RULES = {
    "closed_folio_charge": "a cancellation or no-show penalty is posted on a closed folio",
    "release_room_charges": "room-night charges leave with the nights of a shortened or cancelled stay",
    "reprice_nights": "nights are repriced from the rate plan (not a manual price)",
}

_bypassed = contextvars.ContextVar("hotel_bypassed_rules", default=frozenset())


@contextmanager
def bypass_rule(rule, reason=""):
    """Within the block, ``rule_bypassed(rule)`` is true (this thread only)."""
    if rule not in RULES:
        raise ValueError(f"unknown hotel rule {rule!r}")
    _logger.info("hotel rule %r bypassed (%s): %s", rule, RULES[rule], reason)
    token = _bypassed.set(_bypassed.get() | {rule})
    try:
        yield
    finally:
        _bypassed.reset(token)


def rule_bypassed(rule):
    return rule in _bypassed.get()


# Workflow and money fields (states, references, penalties, ledger rows...) are
# written by the models' own actions only: they do so inside ``workflow_write()``.
# Not logged: it is the normal path of every confirmation, check-in or audit.
_workflow = contextvars.ContextVar("hotel_workflow_write", default=False)


@contextmanager
def workflow_write():
    """Within the block, this thread's code may write protected fields."""
    token = _workflow.set(True)
    try:
        yield
    finally:
        _workflow.reset(token)


def in_workflow_write():
    return _workflow.get()


def workflow_method(method):
    """Decorator: the method is part of the workflow (see ``workflow_write``)."""
    def wrapper(*args, **kwargs):
        with workflow_write():
            return method(*args, **kwargs)
    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    wrapper.__wrapped__ = method
    return wrapper
