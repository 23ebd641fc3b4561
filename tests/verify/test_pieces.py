"""The two facts the judgement on few moments rests on, checked minute by minute and day by day.

(a) A step's end is made of affine pieces of slope 1 or 0 that change only at its breaks
    (`engine.verify.pieces`): on every minute of random stretches, two consecutive minutes
    on one piece end 60 s apart or at the same instant, alike along the piece, and wherever
    the piece changes between a minute and the next, one of the two is a break. Its ends
    are `Calendar.due_batch`'s, and it refuses exactly the starts that raise there.
(b) From the latest moment of receipt of days of one class of surroundings
    (`engine.verify.day_classes`), a path whose reach the class covers takes as long: every
    day of the calendar is composed.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar import Calendar, CalendarError, default_calendar
from engine.spec import Duration
from engine.verify import receipt_windows
from engine.verify.composition import compose
from engine.verify.day_classes import reach_bound, surroundings
from engine.verify.pieces import Beyond, StepFunction

CALENDAR: Calendar = default_calendar()
SCHEDULES = ["provider", "portal", "provider_0900_1800", "gov_corp",
             CALENDAR.term_schedule("gov_corp", Duration(1, "wd"))]
_FIRST = int(CALENDAR.working_time("provider").s["midnight"][0])
_LAST = int(CALENDAR.working_time("provider").s["midnight"][-1])

steps = st.tuples(st.sampled_from(SCHEDULES), st.sampled_from(["min", "h", "wd", "cd", "bd", "mo"]),
                  st.sampled_from([0, 1, 2, 5, 15, 45, 90, 510, 600]), st.booleans())


def _function(case: tuple[str, str, int, bool]) -> tuple[StepFunction, Duration, str, bool]:
    schedule, unit, amount, exclude = case
    if unit not in ("min", "h"):
        amount %= 7
    duration = Duration(amount, unit)  # type: ignore[arg-type]
    return StepFunction.of(CALENDAR, duration, schedule, exclude=exclude), duration, schedule, \
        exclude


@settings(max_examples=80, deadline=None)
@given(case=steps, start=st.integers(_FIRST // 60, _LAST // 60), near_end=st.booleans())
def test_a_step_function_ends_as_the_batch_arithmetic_and_its_pieces_are_affine(
        case: tuple[str, str, int, bool], start: int, near_end: bool) -> None:
    function, duration, schedule, exclude = _function(case)
    first = (_LAST // 60 - 5 * 1440 if near_end else start) * 60
    minutes = np.arange(first, first + 3 * 86_400, 60, dtype=np.int64)
    try:
        expected = CALENDAR.due_batch(minutes, duration.amount, duration.unit, schedule,
                                      exclude_acceptance_day=exclude)
    except CalendarError:
        with pytest.raises(Beyond):
            function.ends(minutes)
        return
    ends, piece = function.pieces(minutes)
    assert np.array_equal(ends, expected)
    same = piece[1:] == piece[:-1]
    moved = np.diff(ends)
    assert np.isin(moved[same], [0, 60]).all()
    runs = np.cumsum(np.r_[0, ~same])[:-1]  # the piece of each pair of consecutive minutes
    for run in np.unique(runs[same]):
        assert np.unique(moved[same & (runs == run)]).size == 1
    changes = np.flatnonzero(~same)
    _, found = function.breaks(piece[:1], piece[-1:], minutes[:1], minutes[-1:])
    breaks = set(found.tolist())
    assert all(int(minutes[i]) in breaks or int(minutes[i + 1]) in breaks for i in changes)


PATHS = [
    # the State Corporation's six-day steps, and a provider's
    ("gov_corp", [Duration(20, "min"), Duration(2, "wd"), Duration(3, "h"), Duration(1, "wd")],
     ["gov_corp", "provider", "gov_corp", "provider"]),
    # the portal, calendar days
    ("portal", [Duration(2, "h"), Duration(3, "cd"), Duration(1, "wd")],
     ["portal", "provider", "provider_0900_1800"]),
    # banking days
    ("provider", [Duration(1, "bd"), Duration(90, "min")], ["provider", "provider"]),
]


@pytest.mark.parametrize(("schedule", "durations", "schedules"), PATHS,
                         ids=["gov-corp", "portal-calendar-days", "banking-days"])
def test_days_of_one_class_end_alike(schedule: str, durations: list[Duration],
                                     schedules: list[str]) -> None:
    """From the latest moment of receipt of days of one class, the steps end as long after."""
    windows = receipt_windows(CALENDAR, schedule)
    reach = reach_bound(CALENDAR, list(zip(durations, schedules, strict=True)))
    assert reach is not None
    classes = surroundings(CALENDAR, windows, reach)
    keep = classes.days < classes.days[-1] - 4 * reach - 60  # (clear of the calendar's end)
    latest = classes.latest[keep]
    takes = compose(latest, durations, schedules, CALENDAR) - latest
    previous = classes.previous[keep]
    later = np.flatnonzero(previous >= 0)
    assert later.size > latest.size / 2  # the reduction is real
    assert np.array_equal(takes[later], takes[previous[later]])
    assert np.array_equal(classes.classes[keep][later], classes.classes[keep][previous[later]])
