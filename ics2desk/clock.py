"""The desk's one clock: every "now" that a business rule, a sample or the demo reads comes
from here, so a test can fix it (or move it a year ahead) instead of depending on today.

Only wall-clock *dates* go through this module. Durations (timeouts, retry backoff) keep
using ``time.monotonic``/``time.time``: they measure the machine, not the calendar.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterator


def _system_now() -> datetime:
    return datetime.now(timezone.utc)


_source: Callable[[], datetime] = _system_now


def now() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    value = _source()
    if value.tzinfo is None:
        raise ValueError("the desk's clock must return an aware datetime")
    return value.astimezone(timezone.utc)


def stamp(at: datetime | None = None) -> str:
    """ICS2's date-time form, to the second: 2026-11-26T10:30:00Z."""
    return (at or now()).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def set_source(source: Callable[[], datetime] | None) -> None:
    """Replace the clock (None: back to the system clock)."""
    global _source
    _source = source or _system_now


class FixedClock:
    """A clock that stands still until moved; what tests set."""

    def __init__(self, at: datetime):
        if at.tzinfo is None:
            raise ValueError("a fixed clock needs an aware datetime")
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, delta: timedelta) -> None:
        self.at += delta


class OffsetClock:
    """The system clock shifted by a fixed offset: time still passes (timers, deadlines that
    count down) but the calendar is elsewhere, e.g. a year ahead."""

    def __init__(self, offset: timedelta):
        self.offset = offset

    def __call__(self) -> datetime:
        return _system_now() + self.offset


@contextmanager
def using(source: Callable[[], datetime]) -> Iterator[Callable[[], datetime]]:
    """Run a block with another clock, then put the previous one back."""
    previous = _source
    set_source(source)
    try:
        yield source
    finally:
        set_source(previous)
