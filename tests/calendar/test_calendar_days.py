"""Working days: official counts, transfers, moves off rest days, religious days off."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from engine.calendar import Calendar, DayTable, NoCalendarData

D = dt.date


def test_official_counts_of_the_five_day_week(calendar: Calendar) -> None:
    assert calendar.working_days(2024) == 249
    assert calendar.working_days(2025) == 246
    # The published counts of 2015-2022 (press reports of the official calendars; the same
    # figures are `official_counts` in kz.yaml, checked at load):
    # 2016: egov.kz calendar, 121 days off of 366 (ibirzha.kz, 18 January 2016).
    assert calendar.working_days(2016) == 245
    # 2018: "Рабочих дней будет 246 при пятидневной рабочей неделе" (Caravan.kz, 2018).
    assert calendar.working_days(2018) == 246
    # 2019: egov.kz calendar, 119 days off of 365 (Zakon.kz, Tengrinews).
    assert calendar.working_days(2019) == 246
    # 2020: 120 days off of 366 (Zakon.kz, "Как отдохнут казахстанцы в 2020 году").
    assert calendar.working_days(2020) == 246
    # 2021: Labour Ministry production calendar, 120 days off of 365 (ztb.kz, kazlenta.kz).
    assert calendar.working_days(2021) == 245


def test_counts_of_2015_2017_2022_follow_from_the_same_data(calendar: Calendar) -> None:
    # No published annual count found; each equals the holidays package's count.
    # 2015: 261 weekdays - 16 weekday days off (1, 2, 7 Jan; 9, 23, 24, 25 Mar; 1, 7, 11 May;
    # 6 Jul; 31 Aug; 24 Sep; 1, 16, 17 Dec), no transfer.
    assert calendar.working_days(2015) == 245
    # 2017: 260 weekdays - 17 weekday days off + 2 worked Saturdays (18 Mar, 1 Jul).
    assert calendar.working_days(2017) == 245
    # 2022: 260 weekdays - 17 weekday days off + 3 worked Saturdays (5 Mar, 27 Aug, 22 Oct);
    # 245 was published in 2021, before Republic Day (25 Oct) was added and 1 and 17 December
    # were removed by the Law of 29 September 2022.
    assert calendar.working_days(2022) == 246


FIVE_DAY_COUNTS = {2015: 245, 2016: 245, 2017: 245, 2018: 246, 2019: 246, 2020: 246,
                   2021: 245, 2022: 246, 2023: 246, 2024: 249, 2025: 246, 2026: 246}
SIX_DAY_COUNTS = {2015: 297, 2016: 298, 2017: 296, 2018: 298, 2019: 298, 2020: 298,
                  2021: 297, 2022: 298, 2023: 297, 2024: 301, 2025: 298, 2026: 298}


@pytest.mark.parametrize("year", sorted(FIVE_DAY_COUNTS))
def test_counts_of_every_covered_year(calendar: Calendar, year: int) -> None:
    assert calendar.working_days(year, "provider") == FIVE_DAY_COUNTS[year]
    assert calendar.working_days(year, "gov_corp") == SIX_DAY_COUNTS[year]


def test_official_count_of_the_six_day_week_2021(calendar: Calendar) -> None:
    # Labour Ministry production calendar for 2021: 68 days off of 365 on the six-day week
    # (ztb.kz, "Сохраняем: сколько дней казахстанцы отдохнут в 2021 году").
    assert calendar.working_days(2021, "gov_corp") == 297


def test_2023_count_follows_from_the_same_data(calendar: Calendar) -> None:
    # 260 weekdays - 15 weekday days off + 1 worked Saturday (1 July). The days off:
    # 2, 3 Jan; 8, 21, 22, 23 Mar; 1, 8, 9 May; 28 Jun; 6, 7 Jul; 30 Aug; 25 Oct; 18 Dec.
    assert calendar.working_days(2023) == 246


def test_2026_keeps_constitution_day(calendar: Calendar) -> None:
    table = calendar.days("five_day")
    assert table.info(D(2026, 8, 30)).kind == "holiday"
    assert table.info(D(2026, 8, 31)).kind == "moved_day_off"
    assert calendar.working_days(2026) == 246


@pytest.mark.parametrize("year", range(2008, 2028))
def test_five_day_week_matches_the_holidays_package(calendar: Calendar, year: int) -> None:
    """Outside the documented corrections, our days off are the package's days off; the
    transfer of December 2008 (13 -> 15 December), missing from holidays 0.109, differs."""
    package = holidays.country_holidays("KZ", years=year)
    corrected = {D(2026, 8, 30), D(2026, 8, 31)}
    differs = {D(2008, 12, 13), D(2008, 12, 15)}
    table = calendar.days("five_day")
    day = D(year, 1, 1)
    while day.year == year:
        expected = (day.weekday() < 5 and day not in package) or day in package.weekend_workdays
        if day in differs:
            assert table.is_working(day) != expected, day
        elif day not in corrected:
            assert table.is_working(day) == expected, day
        day += dt.timedelta(days=1)


TRANSFERS = [
    (D(2016, 3, 5), D(2016, 3, 7)),  # decree No. 67 of 2016
    (D(2017, 3, 18), D(2017, 3, 20)), (D(2017, 7, 1), D(2017, 7, 7)),  # No. 5 of 2017
    (D(2018, 3, 3), D(2018, 3, 9)), (D(2018, 4, 28), D(2018, 4, 30)),  # No. 864 of 2017
    (D(2018, 5, 5), D(2018, 5, 8)), (D(2018, 8, 25), D(2018, 8, 31)),
    (D(2018, 12, 29), D(2018, 12, 31)),
    (D(2019, 5, 4), D(2019, 5, 10)),  # No. 888 of 2018
    (D(2020, 1, 5), D(2020, 1, 3)), (D(2020, 5, 11), D(2020, 5, 8)),  # No. 820 of 2019
    (D(2020, 12, 20), D(2020, 12, 18)),
    (D(2021, 7, 3), D(2021, 7, 5)),  # No. 930 of 2020
    (D(2022, 3, 5), D(2022, 3, 7)), (D(2022, 8, 27), D(2022, 8, 29)),  # No. 713 of 2021
    (D(2022, 10, 22), D(2022, 10, 24)),  # No. 796 of 2022
    (D(2023, 7, 1), D(2023, 7, 7)), (D(2024, 5, 4), D(2024, 5, 8)), (D(2025, 1, 5), D(2025, 1, 3)),
]


def test_the_transfers_are_those_of_the_data(calendar: Calendar) -> None:
    # 2008-2014 have their own test file (test_calendar_years.py).
    assert sorted((t.worked, t.off) for t in calendar.data.transfers
                  if t.off.year >= 2015) == sorted(TRANSFERS)


@pytest.mark.parametrize(("worked", "off"), TRANSFERS)
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


def test_may_2020_the_moved_day_off_of_victory_day_was_transferred(calendar: Calendar) -> None:
    # 9 May 2020 was a Saturday: by law Monday 11 May was the day off; decree No. 820 of 2019
    # moved it to Friday 8 May, so 7-10 May were off and Monday 11 May was worked.
    five = calendar.days("five_day")
    assert [d for d in range(4, 16) if not five.is_working(D(2020, 5, d))] == [7, 8, 9, 10]
    base = DayTable(calendar.data, "five_day", transfers=False)
    assert (base.info(D(2020, 5, 11)).kind, base.info(D(2020, 5, 11)).moved_from) == (
        "moved_day_off", D(2020, 5, 9))
    # The six-day week: Saturday 9 May is a working weekday, so nothing moved.
    six = calendar.days("six_day")
    assert [d for d in range(4, 16) if not six.is_working(D(2020, 5, d))] == [7, 9, 10]


def test_holidays_of_2015_2021_and_the_changes_of_2022(calendar: Calendar) -> None:
    five, six = calendar.days("five_day"), calendar.days("six_day")
    # First President Day (1 December, 2012-2021), moved off a rest day like a state holiday:
    # 1 Dec 2018 (Saturday) gives Monday 3 December, 1 Dec 2019 (Sunday) Monday 2 December.
    assert five.info(D(2018, 12, 1)).holidays == ("first_president_day",)
    assert five.info(D(2018, 12, 3)).moved_from == D(2018, 12, 1)
    assert five.info(D(2019, 12, 2)).moved_from == D(2019, 12, 1)
    # Independence Day was two days until 2021: 16-17 Dec 2017 (Sat, Sun) give 18 and 19
    # December on the five-day week; on the six-day week only Sunday's moves, to the 18th.
    assert [five.info(D(2017, 12, d)).kind for d in (16, 17, 18, 19, 20)] == [
        "holiday", "holiday", "moved_day_off", "moved_day_off", "working"]
    assert [six.is_working(D(2017, 12, d)) for d in (16, 17, 18, 19)] == [False, False, False,
                                                                          True]
    assert five.info(D(2021, 12, 17)).kind == "holiday"
    # 2022 (Law of 29 September 2022): Republic Day on 25 October, no First President Day,
    # Independence Day on 16 December only: 1 and 19 December 2022 were working days.
    assert five.info(D(2022, 10, 25)).holidays == ("republic_day",)
    assert five.info(D(2021, 10, 25)).kind == "working"
    assert five.is_working(D(2022, 12, 1))
    assert five.info(D(2022, 12, 17)).kind == "rest"
    assert five.is_working(D(2022, 12, 19))


@pytest.mark.parametrize(
    ("year", "month", "week", "days_off"),
    [
        (2015, 3, "five_day", 13),  # 9 Mar moved from Sunday 8, 24-25 Mar from 21-22 (Azh.kz)
        (2016, 5, "six_day", 8),  # 1, 2, 7, 8, 9 and the Sundays (mgorod.kz)
        (2017, 12, "five_day", 13),  # 1-3 and 16-19 December (Tengrinews, Kazinform)
        (2018, 5, "five_day", 11),  # 28 Apr and 5 May worked, 6-9 May off (Zakon.kz)
        (2019, 3, "five_day", 14),  # 25 Mar moved from Saturday 23 (egov.kz via 24.kz)
        (2020, 5, "five_day", 13),  # 1-3 and 7-10 May (tolqyn.kz)
        (2020, 12, "five_day", 11),  # 16-19 December, Sunday 20 worked (NUR.KZ via qazweek)
        (2021, 1, "six_day", 8),  # 1-3 and 7 January and the Sundays (kzaif.kz)
        (2022, 3, "six_day", 8),  # 5, 7 Mar worked on the six-day week (NewTimes, qonaev-gorod)
        (2022, 12, "five_day", 10),  # 16-18 December only (NewTimes.kz)
        (2022, 12, "six_day", 5),  # 16 and 18 December and the Sundays (NewTimes.kz)
    ],
)
def test_days_off_of_a_month_as_published(calendar: Calendar, year: int, month: int, week: str,
                                          days_off: int) -> None:
    table = calendar.days(week)
    day, found = D(year, month, 1), 0
    while day.month == month:
        found += not table.is_working(day)
        day += dt.timedelta(days=1)
    assert found == days_off


def test_uncovered_year_is_an_error(calendar: Calendar) -> None:
    with pytest.raises(NoCalendarData, match="no calendar data for 2031"):
        calendar.working_days(2031)
    with pytest.raises(NoCalendarData, match=r"no calendar data for 2007 \(the calendar covers "
                       r"2008-2027;"):
        calendar.is_working_day(D(2007, 12, 31))
    with pytest.raises(NoCalendarData, match="no calendar data for 2007"):
        calendar.working_days(2007, "gov_corp")
    with pytest.raises(NoCalendarData, match="no calendar data for 2028"):
        calendar.days("six_day").info(D(2028, 1, 1))
