"""Meeting days of a rule on the real calendar, and the wait to the next one (hypothesis).

Properties: the meeting a step reaches is a meeting day, on or after the day it is ready
(after it when ready after that day's opening), and no meeting day lies strictly between.
For a frequency alone, the worst meeting day is in the period of the start or the next one.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar import default_calendar, localize
from engine.calendar.instants import to_micros
from engine.calendar.meetings import meeting_days, meeting_micros, meeting_targets
from engine.spec.errors import Location
from engine.spec.meetings import Meeting
from engine.spec.texts import Text

_NAME = Text("Комиссия отырысы", "Заседание комиссии")
_AT = Location("test.yaml", 1, 1)


def meeting(rule: str, **fields: object) -> Meeting:
    return Meeting(_NAME, rule, "test", _AT, **fields)  # type: ignore[arg-type]


RULES = [
    meeting("monthly", nth=-1, weekdays=(4,)),
    meeting("monthly", nth=1, weekdays=(0,)),
    meeting("every", weekdays=(1,)),
    meeting("every", weekdays=(1, 3), if_day_off="next"),
    meeting("every", weekdays=(4,), if_day_off="previous"),
    meeting("dates", dates=(dt.date(2024, 3, 22), dt.date(2024, 5, 8), dt.date(2024, 6, 28)),
            if_day_off="next"),
]
INDEX = default_calendar().working_time("provider")


def _day(date: dt.date) -> int:
    return (date - INDEX.days.date(0)).days


def _dates(days: np.ndarray) -> list[str]:
    return [INDEX.days.date(int(d)).isoformat() for d in days]


def test_the_last_working_friday_skips_a_friday_holiday() -> None:
    days = meeting_days(RULES[0], INDEX)
    october = [d for d in _dates(days) if d.startswith("2024-1")]
    # Friday 25 October 2024 is Republic Day: the last working Friday is the 18th
    assert october == ["2024-10-18", "2024-11-29", "2024-12-27"]


def test_a_tuesday_off_is_skipped_moved_next_or_previous() -> None:
    tuesdays = _dates(meeting_days(RULES[2], INDEX))
    # Tuesday 7 May 2024 is Defender of the Fatherland Day: no meeting that week
    assert "2024-05-07" not in tuesdays
    assert {"2024-04-30", "2024-05-14"} <= set(tuesdays)
    moved = _dates(meeting_days(RULES[3], INDEX))
    assert "2024-05-10" in moved  # Tue 7 off → Fri 10 (8 off by transfer, 9 Victory Day)
    fridays = _dates(meeting_days(RULES[4], INDEX))
    assert "2024-03-20" in fridays  # Fri 22 March (Nauryz) → Wed 20
    listed = _dates(meeting_days(RULES[5], INDEX))
    assert listed == ["2024-03-26", "2024-05-10", "2024-06-28"]


@pytest.mark.parametrize(("period", "start", "early", "late"), [
    # Mon 2 Sep 2024 is September's first working day: ready by its opening, the month's
    # meeting may still be on its last working day; after it, it may be over already
    ("month", "2024-09-02", "2024-09-30", "2024-10-31"),
    ("month", "2024-09-15", "2024-10-31", "2024-10-31"),
    ("week", "2024-05-06", "2024-05-10", "2024-05-17"),
    ("quarter", "2024-04-01", "2024-06-28", "2024-09-30"),
])
def test_at_least_takes_the_longest_wait_the_frequency_allows(period: str, start: str,
                                                               early: str, late: str) -> None:
    first, after = meeting_targets(meeting("at_least", period=period), INDEX)
    day = _day(dt.date.fromisoformat(start))
    assert _dates(np.array([first[day], after[day]])) == [early, late]


@settings(max_examples=300, deadline=None)
@given(rule=st.sampled_from(RULES),
       day=st.dates(dt.date(2008, 1, 1), dt.date(2027, 11, 30)),
       minute=st.integers(0, 24 * 60 - 1))
def test_the_next_meeting_is_a_meeting_not_before_the_start_with_none_between(
        rule: Meeting, day: dt.date, minute: int) -> None:
    ready = localize(dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60),
                     fold=0)
    start = to_micros(ready)
    held = meeting_days(rule, INDEX)
    early, _ = meeting_targets(rule, INDEX)
    if early[_day(day)] >= INDEX.size:
        return  # no meeting after it within the calendar (a list of dates)
    end = meeting_micros(INDEX, rule, start)
    closing = INDEX.s["closing"] * 1_000_000
    opening = INDEX.s["opening"] * 1_000_000
    target = int(np.flatnonzero(closing == end)[0])
    assert end >= start
    assert target in held
    assert opening[target] >= start  # ready by the meeting day's opening
    # no meeting day strictly between: every earlier meeting day opened before the start
    between = held[(held < target) & (held >= _day(day))]
    assert all(opening[d] < start for d in between)


@settings(max_examples=200, deadline=None)
@given(period=st.sampled_from(["week", "month", "quarter"]),
       day=st.dates(dt.date(2008, 2, 1), dt.date(2027, 6, 30)))
def test_the_worst_meeting_is_the_last_working_day_of_this_period_or_the_next(
        period: str, day: dt.date) -> None:
    early, late = meeting_targets(meeting("at_least", period=period), INDEX)
    d = _day(day)
    for target in (int(early[d]), int(late[d])):
        assert target >= d
        assert INDEX.days.working[target]
        following = INDEX.days.date(target) + dt.timedelta(days=1)
        nxt = int(INDEX.next_day[_day(following)])
        # the next working day is in another period: it is the period's last working day
        assert _period(INDEX.days.date(nxt), period) != _period(INDEX.days.date(target), period)
    assert late[d] >= early[d]


def _period(date: dt.date, period: str) -> tuple[int, int]:
    if period == "week":
        iso = date.isocalendar()
        return iso[0], iso[1]
    if period == "quarter":
        return date.year, (date.month - 1) // 3
    return date.year, date.month
