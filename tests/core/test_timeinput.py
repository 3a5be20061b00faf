"""Local times typed at a Calais desk become the UTC timestamps ICS2 wants."""
import pytest

from ics2desk.timeinput import to_ics2_utc


@pytest.mark.parametrize("typed,utc", [
    ("26/11/2026 10:30", "2026-11-26T09:30:00Z"),  # winter: Paris is UTC+1
    ("26/7/2026 10h30", "2026-07-26T08:30:00Z"),  # summer: UTC+2
    ("2026-11-26 10:30", "2026-11-26T09:30:00Z"),
    ("2026-11-26T10:30:15", "2026-11-26T09:30:15Z"),
])
def test_local_forms_are_converted(typed, utc):
    assert to_ics2_utc(typed) == utc


@pytest.mark.parametrize("typed", ["2026-11-26T09:30:00Z", "31/02/2026 10:00", "tomorrow", ""])
def test_other_text_is_left_alone(typed):
    assert to_ics2_utc(typed) is None
