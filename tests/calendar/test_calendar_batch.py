"""The batch API gives exactly the scalar API's answers, for arrays of any size."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar import Calendar, CalendarError, NoCalendarData, default_calendar
from engine.spec import Duration

CALENDAR: Calendar = default_calendar()
FIRST = int(dt.datetime(2015, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=6))).timestamp())
LAST = int(dt.datetime(2026, 10, 1, tzinfo=dt.UTC).timestamp())
LIMITS = {"min": 6000, "h": 100, "wd": 40, "cd": 60, "bd": 40, "mo": 6}


def scalar(starts: list[int], amounts: list[int], unit: str, schedule: str,
           excluded: bool) -> list[int]:
    return [
        CALENDAR.due(pendulum.from_timestamp(s, tz="Asia/Almaty"), Duration(a, unit),  # type: ignore[arg-type]
                     schedule, exclude_acceptance_day=excluded).int_timestamp
        for s, a in zip(starts, amounts, strict=True)
    ]


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[int], list[int], str, str, bool]:
    unit = draw(st.sampled_from(sorted(LIMITS)))
    size = draw(st.integers(1, 30))
    # Starts on whole minutes half of the time: period boundaries are the hard cases.
    step = draw(st.sampled_from([1, 60, 1800]))
    starts = draw(st.lists(st.integers(FIRST // step, LAST // step).map(lambda s: s * step),
                           min_size=size, max_size=size))
    amounts = draw(st.lists(st.integers(0, LIMITS[unit]), min_size=size, max_size=size))
    schedule = draw(st.sampled_from(["provider", "provider_0900_1800", "gov_corp", "portal"]))
    return starts, amounts, unit, schedule, draw(st.booleans())


@settings(max_examples=200, deadline=None)
@given(cases())
def test_batch_equals_scalar(case: tuple[list[int], list[int], str, str, bool]) -> None:
    starts, amounts, unit, schedule, excluded = case
    batch = CALENDAR.due_batch(np.array(starts, dtype=np.int64), np.array(amounts), unit,  # type: ignore[arg-type]
                               schedule, exclude_acceptance_day=excluded)
    assert batch.tolist() == scalar(starts, amounts, unit, schedule, excluded)


def test_batch_on_every_boundary_of_2024() -> None:
    """Every half hour of 2024 (17,568 starts), 1 and 12 wd and 90 min, against the scalar API."""
    start = int(pendulum.datetime(2024, 1, 1, tz="Asia/Almaty").timestamp())
    starts = np.arange(start, start + 366 * 86_400, 1800, dtype=np.int64)
    sample = starts[::97].tolist()
    for amount, unit in ((1, "wd"), (12, "wd"), (90, "min"), (7, "cd")):
        due = CALENDAR.due_batch(starts, amount, unit)  # type: ignore[arg-type]
        assert due[::97].tolist() == scalar(sample, [amount] * len(sample), unit, "provider", False)
        assert (np.diff(due) >= 0).all()  # monotonic in the start


def test_datetime64_in_datetime64_out() -> None:
    starts = np.array(["2024-05-03T05:00:00", "2024-05-11T18:40:00"], dtype="datetime64[s]")
    due = CALENDAR.due_batch(starts, np.array([12, 5]), "wd", "portal")
    assert due.dtype == np.dtype("datetime64[s]")
    # 2024-05-23 18:30 and 2024-05-20 18:30 in Almaty (UTC+5), as UTC datetime64.
    assert due.tolist() == [dt.datetime(2024, 5, 23, 13, 30), dt.datetime(2024, 5, 20, 13, 30)]


def test_batch_errors() -> None:
    late = np.array([int(pendulum.datetime(2031, 1, 6, 10, tz="Asia/Almaty").timestamp())])
    with pytest.raises(NoCalendarData, match="no calendar data for 2031"):
        CALENDAR.due_batch(late, 1, "wd")
    early = np.array([int(pendulum.datetime(2007, 12, 31, 10, tz="Asia/Almaty").timestamp())])
    with pytest.raises(NoCalendarData, match="no calendar data for 2007"):
        CALENDAR.due_batch(early, 1, "wd")
    edge = np.array([int(pendulum.datetime(2027, 12, 30, 10, tz="Asia/Almaty").timestamp())])
    with pytest.raises(NoCalendarData, match="no calendar data for 2028"):
        CALENDAR.due_batch(edge, 5, "wd")
    with pytest.raises(CalendarError, match="must not be negative"):
        CALENDAR.due_batch(edge, -1, "wd")
    with pytest.raises(CalendarError, match="whole seconds"):
        CALENDAR.due_batch(np.array(["2024-05-03T05:00:00.5"], dtype="datetime64[ms]"), 1, "wd")
    with pytest.raises(CalendarError, match="epoch seconds"):
        CALENDAR.due_batch(np.array([1.5]), 1, "wd")
