"""The executor's fast paths give exactly what the calendar's public API gives.

The executor counts terms on integer microseconds with the calendar's arithmetic
(no pendulum DateTime on the way) and reads instants without converting them to the
calendar's zone; these properties pin that to `Calendar.receive` / `Calendar.due`
and to `to_instant`, over every schedule, unit and the 2024 change of UTC offset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar import NoCalendarData, default_calendar, from_micros, to_instant, to_micros
from engine.cases.executor import ExecutionError, Executor, _micros
from engine.corpus import load_corpus
from engine.spec import Duration
from tests.execute.test_executor import DATA

CALENDAR = default_calendar()
EXECUTOR = Executor(load_corpus([DATA]), CALENDAR)
SCHEDULES = ("provider", "provider_0900_1800", "gov_corp", "portal")
MICRO = 1_000_000
FIRST = int(dt.datetime(2023, 1, 1, tzinfo=dt.UTC).timestamp()) * MICRO
END = int(dt.datetime(2027, 1, 1, tzinfo=dt.UTC).timestamp()) * MICRO  # past the data
#: 2024-02-29 23:00 .. 24:00 happened twice in Almaty (UTC+6, then UTC+5 from 1 March).
TWICE = int(dt.datetime(2024, 2, 29, 17, tzinfo=dt.UTC).timestamp()) * MICRO
EXAMPLES = settings(max_examples=300, deadline=None)

instants = st.one_of(st.integers(FIRST, END),
                     st.integers(TWICE - 2 * 3600 * MICRO, TWICE + 2 * 3600 * MICRO))
durations = st.builds(Duration, st.integers(0, 40), st.sampled_from(["min", "h", "wd", "cd"]))


def _outcome(work: Callable[[], int]) -> object:
    try:
        return work()
    except NoCalendarData as error:
        return ("NoCalendarData", str(error))


@EXAMPLES
@given(instants, durations, st.sampled_from(SCHEDULES), st.booleans())
def test_due_on_micros_is_the_calendars_due(micros: int, duration: Duration, schedule: str,
                                            exclude: bool) -> None:
    expected = _outcome(lambda: to_micros(CALENDAR.due(
        from_micros(micros), duration, schedule, exclude_acceptance_day=exclude)))
    assert _outcome(lambda: EXECUTOR._due(schedule, micros, duration, exclude=exclude)) == expected


@EXAMPLES
@given(instants, st.sampled_from(SCHEDULES))
def test_receipt_on_micros_is_the_calendars_receipt(micros: int, schedule: str) -> None:
    expected = _outcome(lambda: to_micros(CALENDAR.receive(from_micros(micros), schedule)))
    assert _outcome(lambda: EXECUTOR._receive(micros, schedule)) == expected


@EXAMPLES
@given(instants, st.sampled_from([-12 * 60, 0, 5 * 60, 6 * 60, 5 * 60 + 45]), st.booleans())
def test_an_instant_is_read_in_any_zone_as_the_calendar_reads_it(micros: int, offset: int,
                                                                  in_almaty: bool) -> None:
    seconds, rest = divmod(micros, MICRO)
    zone = to_instant(dt.datetime(2024, 1, 1, tzinfo=dt.UTC)).tzinfo if in_almaty else \
        dt.timezone(dt.timedelta(minutes=offset))
    value = dt.datetime.fromtimestamp(seconds, tz=zone).replace(microsecond=rest)
    assert _micros(value, CALENDAR) == to_micros(to_instant(value, CALENDAR.timezone)) == micros


def test_a_naive_instant_is_still_refused() -> None:
    with pytest.raises(ExecutionError, match="has no time zone"):
        _micros(dt.datetime(2024, 5, 3, 10), CALENDAR)
