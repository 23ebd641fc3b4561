"""Days of receipt with the same pattern behave the same, so one of them stands for all.

For a term in minutes or hours the verifier enumerates every receipt minute of one
representative day per pattern (`engine.verify.day_patterns.day_patterns`). These tests check the
claim behind it by brute force: over every receipt minute of every day of the calendar,
two moments at the same local time of day on days with the same pattern take exactly
as long to reach the end of the steps and the end of the term.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine.calendar import Calendar, default_calendar
from engine.spec import Channel, Duration, Location, Text
from engine.verify import receipt_windows
from engine.verify.composition import compose
from engine.verify.day_patterns import day_patterns, horizon_days

CALENDAR: Calendar = default_calendar()


def _channel(term: Duration, schedule: str) -> Channel:
    return Channel("c", Text("арна", "канал"), term, schedule, "test", Location("t.yaml", 1, 1))


CASES = [
    # a same-day office service: two steps on the provider's hours
    (Duration(30, "min"), "provider", [Duration(15, "min"), Duration(15, "min")],
     ["provider", "provider"]),
    # the portal: 24/7 intake counted on the provider's days, a step on the portal itself
    (Duration(2, "h"), "portal", [Duration(1, "h"), Duration(45, "min")], ["portal", "provider"]),
    # the State Corporation's six-day week with a provider step in between
    (Duration(4, "h"), "gov_corp", [Duration(20, "min"), Duration(3, "h"), Duration(30, "min")],
     ["gov_corp", "provider", "gov_corp"]),
    # a working-day step inside a term in hours
    (Duration(10, "h"), "provider", [Duration(1, "wd"), Duration(15, "min")],
     ["provider", "provider"]),
    # a calendar-day step, then a run of minutes on two schedules
    (Duration(8, "h"), "provider", [Duration(1, "cd"), Duration(30, "min"), Duration(2, "h")],
     ["provider", "gov_corp", "provider"]),
]


@pytest.mark.parametrize(("term", "schedule", "durations", "schedules"), CASES,
                         ids=["office", "portal", "gov-corp", "working-day-step", "calendar-day-step"])
def test_days_of_one_pattern_take_the_same_time(term: Duration, schedule: str,
                                                durations: list[Duration],
                                                schedules: list[str]) -> None:
    channel = _channel(term, schedule)
    windows = receipt_windows(CALENDAR, schedule)
    horizon = horizon_days(durations, term)
    last_day = len(CALENDAR.day_table(schedule).working) - 1 - horizon
    days = np.unique(windows.days[windows.days <= last_day])
    rows = day_patterns(durations, schedules, channel, CALENDAR, days, horizon)
    pattern = np.unique(rows, axis=0, return_inverse=True)[1].reshape(-1)
    assert 1 < pattern.max() + 1 < days.size / 4  # the reduction is real
    received = windows.every_minute(days)
    of_day = pattern[np.searchsorted(days, windows.days[np.isin(windows.days, days)])]
    counts = (windows.ends - windows.starts)[np.isin(windows.days, days)] // 60
    moment_pattern = np.repeat(of_day, counts)
    assert moment_pattern.size == received.size
    steps = compose(received, durations, schedules, CALENDAR) - received
    term_end = CALENDAR.due_batch(received, term.amount, term.unit, schedule).astype(np.int64)
    local_minute = _local_minute(received)
    key = moment_pattern * 1440 + local_minute
    for values in (steps, term_end - received):
        order = np.lexsort((values, key))
        same_key = key[order][1:] == key[order][:-1]
        assert np.array_equal(values[order][1:][same_key], values[order][:-1][same_key])


def _local_minute(moments: np.ndarray) -> np.ndarray:
    """Minute of the local day (Asia/Almaty was UTC+6 until 2024-03-01, UTC+5 after)."""
    change = 1_709_229_600  # 2024-03-01 00:00 local, UTC+6
    offset = np.where(moments < change, 6 * 3600, 5 * 3600)
    return ((moments + offset) % 86_400) // 60  # type: ignore[no-any-return]
