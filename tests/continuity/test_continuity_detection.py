"""Detection: which failure points at which component, and when it is enough to suspect it."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ics2desk.continuity.components import Board, NoticeReference, State
from ics2desk.continuity.detection import Observation, SentFiling, Thresholds, detect, implicated, overdue_replies
from ics2desk.errors import BadInputError, IllegalTransitionError
from ics2desk.failures import Component, FailureKind

T0 = datetime(2026, 11, 26, 7, 0, tzinfo=timezone.utc)


def obs(kind, minute, lrn="LRN1", hint=None, error="boom"):
    return Observation(kind, T0 + timedelta(minutes=minute), lrn, error, hint)


@pytest.mark.parametrize("kind, hint, via_provider, expected, part", [
    (FailureKind.GATEWAY_UNREACHABLE, None, True, Component.SERVICE_PROVIDER, None),
    (FailureKind.GATEWAY_UNREACHABLE, None, False, Component.OPERATOR_SYSTEM, None),
    (FailureKind.TIMEOUT, None, True, Component.SERVICE_PROVIDER, None),
    (FailureKind.INTERFACE_ERROR, None, True, Component.EU_CONNECTION, "STI/TAPAS"),
    (FailureKind.AUTH_REFUSED, None, True, Component.EU_CONNECTION, "UUM&DS"),
    (FailureKind.NO_FUNCTIONAL_REPLY, None, True, Component.COMMON_REPOSITORY, None),
    (FailureKind.NO_FUNCTIONAL_REPLY, Component.NATIONAL_SYSTEM, True, Component.NATIONAL_SYSTEM, None),
    (FailureKind.INTERFACE_ERROR, Component.COMMON_REPOSITORY, True, Component.COMMON_REPOSITORY, None),
])
def test_each_failure_kind_implicates_its_component(kind, hint, via_provider, expected, part):
    component, got_part, alternatives = implicated(kind, hint, via_provider)
    assert (component, got_part) == (expected, part)
    assert component not in alternatives


def test_a_functional_rejection_implicates_nothing():
    assert implicated(FailureKind.REJECTED) is None
    assert detect([obs(FailureKind.REJECTED, i) for i in range(5)], T0 + timedelta(minutes=5)) == []


def test_threshold_n_failures_within_t_minutes():
    th = Thresholds(count=3, window_minutes=10)
    two = [obs(FailureKind.INTERFACE_ERROR, 0), obs(FailureKind.INTERFACE_ERROR, 1)]
    assert detect(two, T0 + timedelta(minutes=2), th) == []
    spread = two + [obs(FailureKind.INTERFACE_ERROR, 15)]  # the first two have left the window
    assert detect(spread, T0 + timedelta(minutes=15), th) == []
    three = two + [obs(FailureKind.INTERFACE_ERROR, 5, "LRN2", error="HTTP 503")]
    (inf,) = detect(three, T0 + timedelta(minutes=6), th)
    assert inf.component is Component.EU_CONNECTION and len(inf.evidence) == 3
    assert inf.lrns == ["LRN1", "LRN2"] and inf.first_seen == T0
    assert "HTTP 503" in inf.evidence[-1].describe()
    assert detect(three, T0 + timedelta(minutes=6), Thresholds(count=4)) == []


def test_mixed_failures_point_at_the_component_with_most_evidence():
    mixed = [obs(FailureKind.AUTH_REFUSED, i) for i in range(4)] + [obs(FailureKind.GATEWAY_UNREACHABLE, i)
                                                                    for i in range(3)]
    found = detect(mixed, T0 + timedelta(minutes=5))
    assert [(i.component, i.part) for i in found] == [(Component.EU_CONNECTION, "UUM&DS"),
                                                      (Component.SERVICE_PROVIDER, None)]


def test_overdue_replies_become_observations_only_after_the_set_time():
    sent = [SentFiling("A", T0), SentFiling("B", T0 + timedelta(minutes=20)), SentFiling("C", T0, registered=True)]
    got = overdue_replies(sent, T0 + timedelta(minutes=31), Thresholds(reply_minutes=30))
    assert [(o.lrn, o.component_hint) for o in got] == [("A", Component.COMMON_REPOSITORY),
                                                        ("C", Component.NATIONAL_SYSTEM)]
    assert "after 31 min" in got[0].error


def test_bad_thresholds_are_refused():
    with pytest.raises(BadInputError):
        Thresholds(count=0)


def test_board_transitions_and_their_guards():
    board = Board()
    with pytest.raises(IllegalTransitionError):
        board.confirm(Component.NATIONAL_SYSTEM, "marie", T0)
    with pytest.raises(IllegalTransitionError):
        board.recovering(Component.NATIONAL_SYSTEM, T0)
    ref = NoticeReference("DGDDI", datetime(2026, 1, 5, 9, 15, tzinfo=timezone.utc))
    board.declare(Component.NATIONAL_SYSTEM, ref, "marie", T0)
    s = board.status(Component.NATIONAL_SYSTEM)
    assert s.state is State.DECLARED and str(s.reference) == "DGDDI notice 2026-01-05 09:15 UTC" and s.by == "marie"
    board.recovering(Component.NATIONAL_SYSTEM, T0 + timedelta(hours=1))
    board.up(Component.NATIONAL_SYSTEM, T0 + timedelta(hours=2))
    assert board.status(Component.NATIONAL_SYSTEM).age(T0 + timedelta(hours=3)) == timedelta(hours=1)
    assert Board.from_dict(board.to_dict()).status(Component.NATIONAL_SYSTEM).state is State.UP
    with pytest.raises(BadInputError):
        NoticeReference("DGDDI", datetime(2026, 1, 5, 9, 15))  # no time zone: ambiguous reference
