"""A margin told one way everywhere (`engine.calendar.margins`): worked examples on the 2026
calendar and properties of the arithmetic."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar import Calendar, default_calendar
from engine.calendar.margins import amount_words, margin_words, minutes_words
from engine.spec import Duration

CALENDAR: Calendar = default_calendar()
EXAMPLES = settings(max_examples=120, deadline=None)


def at(text: str) -> pendulum.DateTime:
    return pendulum.parse(text)  # type: ignore[return-value]


@pytest.mark.parametrize(("finished", "due", "unit", "words"), [
    # Monday 7 December 2026, provider 09:00-18:30 with lunch 13:00-14:00
    ("2026-12-07T10:00:00+05:00", "2026-12-09T18:30:00+05:00", "wd",
     "met the term with 2 wd 7 h 30 min to spare"),
    ("2026-12-07T16:00:00+05:00", "2026-12-07T18:30:00+05:00", "wd",
     "met the term with 2 h 30 min to spare"),
    ("2026-12-07T09:00:00+05:00", "2026-12-07T11:10:00+05:00", "min",
     "met the term with 2 h 10 min to spare"),
    # late into Monday 14 December, the term ended on Friday 11th at its close
    ("2026-12-14T11:00:00+05:00", "2026-12-11T18:30:00+05:00", "wd", "missed the term by 2 h"),
    # across Independence Day, Wednesday 16 December 2026 (a holiday in specs/calendars/kz.yaml)
    ("2026-12-18T18:30:00+05:00", "2026-12-14T18:30:00+05:00", "wd", "missed the term by 3 wd"),
    ("2026-12-18T18:30:00+05:00", "2026-12-14T18:30:00+05:00", "cd", "missed the term by 4 cd"),
    ("2026-12-11T18:30:00+05:00", "2026-12-11T18:30:00+05:00", "wd",
     "met the term with no time to spare"),
    ("2026-12-11T19:00:00+05:00", "2026-12-11T18:30:00+05:00", "wd",
     "missed the term outside working hours"),
])
def test_worked_examples(finished: str, due: str, unit: str, words: str) -> None:
    assert margin_words(CALENDAR, at(finished), at(due), "provider", unit) == words


days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 11, 30))


@EXAMPLES
@given(day=days, count=st.integers(1, 20))
def test_a_term_of_n_working_days_from_a_close_of_business_is_n_wd(day: dt.date,
                                                                   count: int) -> None:
    table = CALENDAR.day_table("provider")
    while not table.is_working(day):
        day += dt.timedelta(days=1)
    close = pendulum.datetime(day.year, day.month, day.day, 18, 30, tz=CALENDAR.timezone)
    due = CALENDAR.due(close, Duration(count, "wd"), "provider")
    assert amount_words(CALENDAR, close, due, "provider", "wd") == f"{count} wd"
    assert margin_words(CALENDAR, close, due, "provider", "wd") == \
        f"met the term with {count} wd to spare"
    assert margin_words(CALENDAR, due, close, "provider", "wd") == f"missed the term by {count} wd"


@EXAMPLES
@given(day=days, minutes=st.integers(0, 60 * 24 * 9), before=st.booleans())
def test_met_or_missed_follows_the_order_and_minutes_are_working_time(
        day: dt.date, minutes: int, before: bool) -> None:
    start = pendulum.datetime(day.year, day.month, day.day, 9, 0, tz=CALENDAR.timezone)
    other = start.add(minutes=minutes)
    finished, due = (start, other) if before else (other, start)
    words = margin_words(CALENDAR, finished, due, "provider", "min")
    working = CALENDAR.elapsed(start, other, "provider").working_minutes
    if working == 0:
        assert words == ("met the term with no time to spare" if before or minutes == 0 else
                         "missed the term outside working hours")
    elif before:
        assert words == f"met the term with {minutes_words(working)} to spare"
    else:
        assert words == f"missed the term by {minutes_words(working)}"
