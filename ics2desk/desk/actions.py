"""Which actions a filing offers in each state, derived from the lifecycle table
(ics2desk.store.lifecycle.TRANSITIONS): a button is enabled exactly when the store would accept
the step, so the screen and the store cannot disagree."""
from __future__ import annotations

from ..store.lifecycle import TRANSITIONS, State

#: desk action -> the lifecycle event it performs; None: always offered (reads or copies only)
ACTION_EVENTS: dict[str, str | None] = {
    "edit": "save",
    "amend": "amend",
    "invalidate": "invalidate",
    "answer": "answer_rfi",
    "copy": None,
    "print": None,
}


def states_allowing(action: str) -> frozenset[str] | None:
    """The states (values) in which `action` is allowed; None when it is allowed in every state."""
    event = ACTION_EVENTS[action]
    if event is None:
        return None
    return frozenset(s.value for (s, e) in TRANSITIONS if e == event)


def allowed(action: str, state: str | State | None) -> bool:
    """May a filing in `state` offer `action`? (No filing: nothing is allowed.)"""
    if state is None or state == "":
        return False
    states = states_allowing(action)
    if states is None:
        return True
    try:
        return State(state).value in states
    except ValueError:  # a state this version does not know: only what is always allowed
        return False


def allowed_actions(state: str | State | None) -> list[str]:
    """The actions offered in `state`, in the order of ACTION_EVENTS (the order of the buttons)."""
    return [a for a in ACTION_EVENTS if allowed(a, state)]
