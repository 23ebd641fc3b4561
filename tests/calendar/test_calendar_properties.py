"""Properties of term arithmetic that must hold for every start, term and schedule."""

from __future__ import annotations

import datetime as dt

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar import Calendar, default_calendar
from engine.spec import Duration, Unit

CALENDAR: Calendar = default_calendar()
# Starts from 2015 to October 2026, so that every term below ends inside the data.
FIRST = int(dt.datetime(2015, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=6))).timestamp())
LAST = int(dt.datetime(2026, 10, 1, tzinfo=dt.UTC).timestamp())
SCHEDULES = ("provider", "provider_0900_1800", "gov_corp", "portal")
COUNTING = ("provider", "provider_0900_1800", "gov_corp")
AMOUNT_LIMITS: dict[Unit, int] = {"min": 6000, "h": 100, "wd": 40, "cd": 60, "bd": 40, "mo": 6}
EXAMPLES = settings(max_examples=150, deadline=None)

instants = st.integers(FIRST, LAST).map(lambda s: pendulum.from_timestamp(s, tz="Asia/Almaty"))
units = st.sampled_from(sorted(AMOUNT_LIMITS))


@st.composite
def durations(draw: st.DrawFn, minimum: int = 0) -> Duration:
    unit = draw(units)
    return Duration(draw(st.integers(minimum, AMOUNT_LIMITS[unit])), unit)


def in_working_time_or_at_its_end(instant: pendulum.DateTime, schedule: str) -> bool:
    just_before = instant - dt.timedelta(seconds=1)
    return CALENDAR.is_working_time(just_before, schedule)


@EXAMPLES
@given(instants, durations(), st.sampled_from(SCHEDULES), st.booleans())
def test_measuring_back_gives_the_amount(start: pendulum.DateTime, term: Duration,
                                         schedule: str, excluded: bool) -> None:
    due = CALENDAR.due(start, term, schedule, exclude_acceptance_day=excluded)
    measured = CALENDAR.elapsed(start, due, schedule, exclude_acceptance_day=excluded)
    if term.unit in ("min", "h"):
        assert measured.working == dt.timedelta(minutes=term.minutes)
    elif term.unit == "wd":
        assert measured.working_days == term.amount
    elif term.unit == "bd":
        assert measured.banking_days == term.amount
    elif term.unit == "mo":
        assert measured.months is not None
        assert measured.months <= term.amount
        shortest = Duration(measured.months, "mo")
        assert CALENDAR.due(start, shortest, schedule, exclude_acceptance_day=excluded) == due
    else:
        # Several calendar-day terms can end at the same close of business (a term whose
        # last day is a Sunday ends with the one ending on Monday): the smallest is measured.
        assert measured.calendar_days <= term.amount
        shortest = Duration(measured.calendar_days, "cd")
        assert CALENDAR.due(start, shortest, schedule, exclude_acceptance_day=excluded) == due


@EXAMPLES
@given(instants, instants, durations(), st.sampled_from(SCHEDULES), st.booleans())
def test_monotonic_in_the_start(a: pendulum.DateTime, b: pendulum.DateTime, term: Duration,
                                schedule: str, excluded: bool) -> None:
    early, late = sorted((a, b))
    assert CALENDAR.due(early, term, schedule, exclude_acceptance_day=excluded) <= CALENDAR.due(
        late, term, schedule, exclude_acceptance_day=excluded)


@EXAMPLES
@given(instants, units, st.integers(0, 40), st.integers(0, 40), st.sampled_from(SCHEDULES))
def test_monotonic_in_the_amount(start: pendulum.DateTime, unit: Unit, a: int, b: int,
                                 schedule: str) -> None:
    small, large = sorted(min(x, AMOUNT_LIMITS[unit]) for x in (a, b))
    assert CALENDAR.due(start, Duration(small, unit), schedule) <= CALENDAR.due(
        start, Duration(large, unit), schedule)


@EXAMPLES
@given(instants, durations(minimum=1), st.sampled_from(SCHEDULES), st.booleans())
def test_due_falls_in_working_time(start: pendulum.DateTime, term: Duration, schedule: str,
                                   excluded: bool) -> None:
    due = CALENDAR.due(start, term, schedule, exclude_acceptance_day=excluded)
    assert due > start
    assert in_working_time_or_at_its_end(due, schedule)
    if term.is_day_based:
        counting = CALENDAR.schedule(CALENDAR.schedule(schedule).counting)
        closing = counting.periods[-1].end
        assert (due.hour * 60 + due.minute, due.second) == (closing, 0)


@EXAMPLES
@given(instants, st.integers(0, 3000), st.integers(0, 3000), st.sampled_from(COUNTING))
def test_adding_minutes_is_additive(start: pendulum.DateTime, a: int, b: int,
                                    schedule: str) -> None:
    at_once = CALENDAR.due(start, Duration(a + b, "min"), schedule)
    stepwise = CALENDAR.due(CALENDAR.due(start, Duration(a, "min"), schedule),
                            Duration(b, "min"), schedule)
    assert at_once == stepwise


@EXAMPLES
@given(instants, st.integers(1, 40), st.sampled_from(SCHEDULES), st.booleans())
def test_banking_terms_end_on_a_banking_day_or_the_next_working_day(
        start: pendulum.DateTime, amount: int, schedule: str, excluded: bool) -> None:
    """The last day of "N bd" is the N-th banking day after the counting day, or, when the
    office does not work it, the office's next working day: never a transferred Saturday."""
    due = CALENDAR.due(start, Duration(amount, "bd"), schedule, exclude_acceptance_day=excluded)
    received = CALENDAR.receive(start, schedule)
    day = dt.date(received.year, received.month, received.day)
    if excluded:
        day += dt.timedelta(days=1)
        while not CALENDAR.is_working_day(day, schedule):
            day += dt.timedelta(days=1)
        day -= dt.timedelta(days=1)
    counted = 0
    while counted < amount:
        day += dt.timedelta(days=1)
        counted += CALENDAR.is_banking_day(day)
    while not CALENDAR.is_working_day(day, schedule):
        day += dt.timedelta(days=1)
    assert (due.year, due.month, due.day) == (day.year, day.month, day.day)


@EXAMPLES
@given(instants, st.integers(1, 6), st.sampled_from(SCHEDULES))
def test_months_end_on_the_same_date_or_the_month_end_then_a_working_day(
        start: pendulum.DateTime, months: int, schedule: str) -> None:
    """Civil-law months: the corresponding date N months later, or that month's last day,
    moved to the next working day."""
    due = CALENDAR.due(start, Duration(months, "mo"), schedule)
    received = CALENDAR.receive(start, schedule)
    total = received.year * 12 + received.month - 1 + months
    year, month = divmod(total, 12)
    last = (dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day
    day = dt.date(year, month + 1, min(received.day, last))
    while not CALENDAR.is_working_day(day, schedule):
        day += dt.timedelta(days=1)
    assert (due.year, due.month, due.day) == (day.year, day.month, day.day)
