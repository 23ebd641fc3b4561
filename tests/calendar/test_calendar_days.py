"""Working days: official counts, transfers, moves off rest days, religious days off."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from engine.calendar import Calendar, NoCalendarData

D = dt.date


def test_official_counts_of_the_five_day_week(calendar: Calendar) -> None:
    assert calendar.working_days(2024) == 249
    assert calendar.working_days(2025) == 246


def test_2023_count_follows_from_the_same_data(calendar: Calendar) -> None:
    # 260 weekdays - 15 weekday days off + 1 worked Saturday (1 July). The days off:
    # 2, 3 Jan; 8, 21, 22, 23 Mar; 1, 8, 9 May; 28 Jun; 6, 7 Jul; 30 Aug; 25 Oct; 18 Dec.
    assert calendar.working_days(2023) == 246


def test_2026_keeps_constitution_day(calendar: Calendar) -> None:
    table = calendar.days("five_day")
    assert table.info(D(2026, 8, 30)).kind == "holiday"
    assert table.info(D(2026, 8, 31)).kind == "moved_day_off"
    assert calendar.working_days(2026) == 246


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_five_day_week_matches_the_holidays_package(calendar: Calendar, year: int) -> None:
    """Outside the documented corrections, our days off are the package's days off."""
    package = holidays.country_holidays("KZ", years=year)
    corrected = {D(2026, 8, 30), D(2026, 8, 31)}
    table = calendar.days("five_day")
    day = D(year, 1, 1)
    while day.year == year:
        expected = (day.weekday() < 5 and day not in package) or day in package.weekend_workdays
        if day not in corrected:
            assert table.is_working(day) == expected, day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("worked", "off"),
    [(D(2023, 7, 1), D(2023, 7, 7)), (D(2024, 5, 4), D(2024, 5, 8)), (D(2025, 1, 5), D(2025, 1, 3))],
)
def test_transfers_both_directions(calendar: Calendar, worked: dt.date, off: dt.date) -> None:
    five = calendar.days("five_day")
    assert five.is_working(worked)
    assert five.info(worked).kind == "transfer_worked"
    assert not five.is_working(off)
    assert five.info(off).kind == "transfer_off"
    assert five.info(worked).moved_from == off
    assert five.info(off).moved_from == worked
    # Transfers are decreed for the five-day week only.
    six = calendar.days("six_day")
    assert six.is_working(off) == (off.weekday() < 6)
    assert six.is_working(worked) == (worked.weekday() < 6)


@pytest.mark.parametrize(
    ("holiday", "following"),
    [(D(2023, 1, 7), D(2023, 1, 9)), (D(2024, 6, 16), D(2024, 6, 17)), (D(2024, 1, 7), D(2024, 1, 8))],
)
def test_religious_days_off_are_not_moved(calendar: Calendar, holiday: dt.date,
                                           following: dt.date) -> None:
    table = calendar.days("five_day")
    assert table.info(holiday).kind == "holiday"
    assert table.is_working(following)


def test_state_holiday_on_a_weekend_moves_the_day_off(calendar: Calendar) -> None:
    table = calendar.days("five_day")
    info = table.info(D(2024, 3, 25))
    assert (info.kind, info.moved_from, info.holidays) == ("moved_day_off", D(2024, 3, 23),
                                                           ("nauryz",))
    # Two holidays on a weekend (21 Mar 2025 Fri, 22 Sat, 23 Sun) give Monday and Tuesday.
    assert [table.info(D(2025, 3, d)).kind for d in (24, 25, 26)] == [
        "moved_day_off", "moved_day_off", "working"]
    # 1 Jan 2023 on a Sunday: 2 Jan is a holiday itself, so the day off lands on 3 Jan.
    assert table.info(D(2023, 1, 3)).moved_from == D(2023, 1, 1)


def test_six_day_week_moves_only_sunday_holidays(calendar: Calendar) -> None:
    six = calendar.days("six_day")
    # 9 May 2026 is a Saturday: a working weekday of the six-day week, no move.
    assert six.info(D(2026, 5, 9)).kind == "holiday"
    assert six.is_working(D(2026, 5, 11))
    # 8 Mar 2026 is a Sunday: the day off moves to Monday 9 March on both weeks.
    assert six.info(D(2026, 3, 9)).kind == "moved_day_off"
    # 22 Mar 2026 (Sunday) moves past the 23rd (a holiday) to the 24th.
    assert six.info(D(2026, 3, 24)).moved_from == D(2026, 3, 22)
    assert six.is_working(D(2026, 3, 25))
    # January 2023 on the six-day week: days off 1, 2, 3, 7 and 8 (baq.kz).
    assert [d for d in range(1, 10) if not six.is_working(D(2023, 1, d))] == [1, 2, 3, 7, 8]


def test_six_day_counts(calendar: Calendar) -> None:
    assert [calendar.working_days(y, "gov_corp") for y in (2023, 2024, 2025, 2026)] == [
        297, 301, 298, 298]


def test_uncovered_year_is_an_error(calendar: Calendar) -> None:
    with pytest.raises(NoCalendarData, match="no calendar data for 2031"):
        calendar.working_days(2031)
    with pytest.raises(NoCalendarData, match="no calendar data for 2022"):
        calendar.is_working_day(D(2022, 12, 31))
