"""The actions a filing offers follow the lifecycle table: offered exactly when the store takes
the step, refused by the store when not offered."""
from __future__ import annotations

import pytest
from desk_tools import registered

from ics2desk import samples
from ics2desk.desk import ACTION_EVENTS, Desk, allowed, allowed_actions
from ics2desk.errors import IllegalTransitionError
from ics2desk.store.lifecycle import State, next_state


@pytest.mark.parametrize("state", list(State))
def test_an_action_is_offered_exactly_where_the_lifecycle_has_its_step(state):
    for action, event in ACTION_EVENTS.items():
        if event is None:
            assert allowed(action, state), (action, state)  # copy and print: always
            continue
        try:
            next_state(state, event, mrn="26FRMRN", lrn="X")
            takes = True
        except IllegalTransitionError:
            takes = False
        assert allowed(action, state) is takes, (action, state)


def test_what_an_agent_is_offered_in_the_usual_states():
    assert allowed_actions("draft") == ["edit", "copy", "print"]
    assert allowed_actions("rejected") == ["edit", "copy", "print"]
    assert allowed_actions("queued") == ["copy", "print"]
    assert allowed_actions("registered") == ["amend", "invalidate", "copy", "print"]
    assert allowed_actions("info_requested") == ["amend", "invalidate", "answer", "copy", "print"]
    assert allowed_actions("do_not_load") == ["amend", "invalidate", "copy", "print"]  # never boards, still amendable
    assert allowed_actions("invalidated") == ["copy", "print"]
    assert allowed_actions(None) == [] and allowed_actions("a_state_from_a_newer_desk") == ["copy", "print"]


def test_the_store_refuses_what_is_not_offered_and_takes_what_is(store):
    desk = Desk(store, None, "agent")
    draft = desk.save(samples.ferry_filing("ACT26112500001"))
    assert "invalidate" not in desk.allowed_actions(store.get(draft).state)
    with pytest.raises(IllegalTransitionError):
        desk.invalidate(draft, "no longer needed")
    registered(store, "ACT26112500002")
    assert "edit" not in desk.allowed_actions(store.get("ACT26112500002").state)
    with pytest.raises(IllegalTransitionError):
        desk.save(store.document("ACT26112500002"), "ACT26112500002")
    assert "invalidate" in desk.allowed_actions(store.get("ACT26112500002").state)
    desk.invalidate("ACT26112500002", "truck cancelled")
    assert store.get("ACT26112500002").state == "invalidating"
