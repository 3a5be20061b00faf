"""Local times typed at a Calais desk become the UTC timestamps ICS2 wants; numbers typed in the
UI's language become ICS2 numbers."""
from datetime import datetime, timedelta, timezone

import pytest

from ics2desk import clock
from ics2desk.timeinput import local_text, number_text, parse_number, parse_time, to_ics2_utc, utc_text


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


# --- the forms an agent types, against a fixed desk clock ---------------------------------
#: 1 December 2026, 19:00:20 in Calais (UTC+1)
NOW = datetime(2026, 12, 1, 18, 0, 20, tzinfo=timezone.utc)


@pytest.fixture
def fixed():
    with clock.using(clock.FixedClock(NOW)) as c:
        yield c


@pytest.mark.parametrize("typed,utc", [
    ("01/12/26 21:15", "2026-12-01T20:15:00Z"),
    ("1/12 21h15", "2026-12-01T20:15:00Z"),
    ("1/12 21h", "2026-12-01T20:00:00Z"),
    ("01.12.2026 21:15", "2026-12-01T20:15:00Z"),
    ("21:15", "2026-12-01T20:15:00Z"),
    ("00h30", "2026-12-01T23:30:00Z"),  # half past midnight is tonight, the nearest one
    ("2/1 08:00", "2027-01-02T07:00:00Z"),  # early January, typed in December: next year
    ("now", "2026-12-01T18:00:00Z"),
    ("Maintenant", "2026-12-01T18:00:00Z"),
    ("+2h", "2026-12-01T20:00:00Z"),
    ("+ 2 h", "2026-12-01T20:00:00Z"),
    ("+90min", "2026-12-01T19:30:00Z"),
    ("+1h30", "2026-12-01T19:30:00Z"),
    ("-15 min", "2026-12-01T17:45:00Z"),
    ("+1j", "2026-12-02T18:00:00Z"),
    ("1/12 20:15 Londres", "2026-12-01T20:15:00Z"),
    ("1/12 20:15 UK", "2026-12-01T20:15:00Z"),
    ("1/12 20:15 UTC", "2026-12-01T20:15:00Z"),
    ("2026-12-01 21:15", "2026-12-01T20:15:00Z"),
    ("2026-12-01T20:15:00Z", "2026-12-01T20:15:00Z"),
])
def test_what_agents_type_is_read_against_the_desk_clock(fixed, typed, utc):
    assert parse_time(typed).stamp == utc


@pytest.mark.parametrize("typed", ["", "21", "01/12/26", "32/12 10:00", "25:00", "+2x", "demain", "12450,75"])
def test_what_is_no_time_is_none(fixed, typed):
    assert parse_time(typed) is None


def test_now_follows_the_desk_clock(fixed):
    fixed.advance(timedelta(hours=3))
    assert parse_time("now").stamp == "2026-12-01T21:00:00Z"


def test_local_and_utc_texts():
    assert local_text("2026-12-01T20:15:00Z") == "01/12/2026 21:15"
    assert local_text("2026-07-26T08:30:15Z") == "26/07/2026 10:30:15"
    assert local_text("26/07/2026") is None
    assert utc_text("2026-12-01T20:15:00Z") == "2026-12-01 20:15 UTC"


@pytest.mark.parametrize("typed,lang,number", [
    ("12 450,75", "fr", "12450.75"), ("12450,75", "fr", "12450.75"), ("12\u00a0450,75", "fr", "12450.75"),
    ("12\u202f450,75", "fr", "12450.75"), ("12.450,75", "fr", "12450.75"), ("12450.75", "fr", "12450.75"),
    ("12,450.75", "fr", "12450.75"), ("1.234.567", "fr", "1234567"), ("12,5", "fr", "12.5"), ("0,5", "fr", "0.5"),
    ("12,450.75", "en", "12450.75"), ("12450.75", "en", "12450.75"), ("12,450", "en", "12450"),
    ("12450,75", "en", "12450.75"), ("1 200", "en", "1200"), ("150", "en", "150"),
])
def test_numbers_in_the_ui_language(typed, lang, number):
    assert parse_number(typed, lang) == number


@pytest.mark.parametrize("typed", ["", "abc", "12,450,75", "1.2.3,4,5", "-5", "12 kg"])
def test_what_is_no_number_is_none(typed):
    assert parse_number(typed, "fr") is None


def test_numbers_read_back_in_the_ui_language():
    assert number_text("12450.75", "fr") == "12\u00a0450,75"
    assert number_text("12450.75", "en") == "12,450.75"
    assert number_text("150", "fr") == "150"
    assert number_text("12,450,75", "fr") == "12,450,75"  # not a number: as it is
