"""Day words with a time ("demain 6h", "hier 22:10"), in the desk's local day, on any date."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st

from ics2desk import clock, timeinput

PARIS = ZoneInfo("Europe/Paris")


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2040, 12, 31)),
       st.sampled_from(sorted(timeinput.DAY_WORDS)), st.integers(0, 23), st.integers(0, 59),
       st.sampled_from(["{w} {h}h{m:02d}", "{w} à {h}h{m:02d}", "{W} {h:02d}:{m:02d}"]))
def test_a_day_word_and_a_time_is_that_local_day_at_that_time(now, word, hour, minute, form):
    now = now.replace(tzinfo=timezone.utc)
    text = form.format(w=word, W=word.capitalize(), h=hour, m=minute)
    with clock.using(clock.FixedClock(now)):
        stamp = timeinput.to_ics2_utc(text)
    assert stamp is not None, text
    local = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).astimezone(PARIS)
    expected_day = now.astimezone(PARIS).date() + timedelta(days=timeinput.DAY_WORDS[word])
    if (local.hour, local.minute) == (hour, minute):  # not inside the spring-forward gap
        assert local.date() == expected_day, (text, now, stamp)


def test_impossible_times_and_words_are_refused():
    with clock.using(clock.FixedClock(datetime(2026, 12, 2, 0, 30, tzinfo=timezone.utc))):
        for text in ("demain 25h", "demain 6h61", "lendemain 6h", "demain"):
            assert timeinput.to_ics2_utc(text) is None, text
        assert timeinput.to_ics2_utc("demain 6h") == "2026-12-03T05:00:00Z"  # winter: UTC+1
        assert timeinput.to_ics2_utc("tomorrow 06:00 UK") == "2026-12-03T06:00:00Z"
