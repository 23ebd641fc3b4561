"""Worked examples of term arithmetic, with the exact instants of docs/calendar.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pendulum
import pytest

from engine.calendar import (
    Calendar,
    CalendarError,
    NaiveInstantError,
    NoCalendarData,
    UnknownSchedule,
    localize,
)

At = Callable[[str], pendulum.DateTime]


@pytest.mark.parametrize(
    ("start", "term", "schedule", "expected"),
    [
        # 12 wd after Friday 3 May 2024: Sat 4 May is worked by transfer, 7-9 May are days off.
        ("2024-05-03T10:00+05:00", "12 wd", "provider", "2024-05-23T18:30:00+05:00"),
        # Minutes cross the lunch break...
        ("2024-05-03T12:30+05:00", "60 min", "provider", "2024-05-03T14:30:00+05:00"),
        # ...the close of business...
        ("2024-05-02T18:00+05:00", "60 min", "provider", "2024-05-03T09:30:00+05:00"),
        # ...and holidays with a transferred day off (7, 8, 9 May 2024).
        ("2024-05-06T18:00+05:00", "2 h", "provider", "2024-05-10T10:30:00+05:00"),
        # A term that ends exactly at the close of business ends at 18:30, not next morning.
        ("2024-05-06T17:30+05:00", "60 min", "provider", "2024-05-06T18:30:00+05:00"),
        # A start before opening counts from 09:00; 18:00 on the 09:00-18:00 schedule.
        ("2024-05-06T07:00+05:00", "8 h", "provider_0900_1800", "2024-05-06T18:00:00+05:00"),
        # Calendar days: 3 May + 5 cd = 8 May (a day off) -> 10 May (9 May is a holiday too).
        ("2024-05-03T10:00+05:00", "5 cd", "provider", "2024-05-10T18:30:00+05:00"),
        # The transferred Saturday is a working day: 1 wd after Friday 3 May.
        ("2024-05-03T10:00+05:00", "1 wd", "provider", "2024-05-04T18:30:00+05:00"),
        # State Corporation: Saturday is a working day, 20:00 the close of business.
        ("2024-06-14T19:00+05:00", "2 h", "gov_corp", "2024-06-15T10:00:00+05:00"),
        ("2024-06-14T19:00+05:00", "1 wd", "gov_corp", "2024-06-15T20:00:00+05:00"),
        # Zero ends at the start itself.
        ("2024-05-04T22:00+05:00", "0 min", "provider", "2024-05-04T22:00:00+05:00"),
        # Months: the same date a month later, or the month's last day (29 Feb in 2024)...
        ("2024-01-31T10:00+06:00", "1 mo", "provider", "2024-02-29T18:30:00+06:00"),
        ("2025-01-31T10:00+05:00", "1 mo", "provider", "2025-02-28T18:30:00+05:00"),
        ("2024-12-31T10:00+05:00", "2 mo", "provider", "2025-02-28T18:30:00+05:00"),
        ("2024-03-15T10:00+05:00", "1 mo", "provider", "2024-04-15T18:30:00+05:00"),
        # ...then the next working day: Sat 23 March 2024 is Nauryz, Mon 25 its moved day off.
        ("2024-02-23T10:00+06:00", "1 mo", "provider", "2024-03-26T18:30:00+05:00"),
        # Banking days: Saturday 5 March 2022, worked by transfer, is not one (7 and 8 March
        # are days off), so 1 bd after Friday 4 March ends on Wednesday 9 March...
        ("2022-03-04T10:00+06:00", "1 bd", "provider", "2022-03-09T18:30:00+06:00"),
        ("2022-03-04T10:00+06:00", "5 bd", "provider", "2022-03-15T18:30:00+06:00"),
        ("2022-03-04T10:00+06:00", "5 wd", "provider", "2022-03-14T18:30:00+06:00"),
        # ...nor Sunday 5 January 2025 (worked for Friday 3 January)...
        ("2025-01-03T10:00+05:00", "1 bd", "provider", "2025-01-06T18:30:00+05:00"),
        # ...nor, for the State Corporation open on Saturdays, Saturday 4 May 2024.
        ("2024-05-03T10:00+05:00", "1 bd", "gov_corp", "2024-05-06T20:00:00+05:00"),
        ("2024-05-03T10:00+05:00", "5 bd", "provider", "2024-05-15T18:30:00+05:00"),
    ],
)
def test_worked_examples(calendar: Calendar, at: At, start: str, term: str, schedule: str,
                         expected: str) -> None:
    assert calendar.due(at(start), term, schedule).isoformat() == expected


def test_portal_application_on_saturday_night(calendar: Calendar, at: At) -> None:
    submitted = at("2024-05-11T23:40+05:00")
    assert calendar.receive(submitted, "portal").isoformat() == "2024-05-13T09:00:00+05:00"
    assert calendar.due(submitted, "30 min", "portal").isoformat() == "2024-05-13T09:30:00+05:00"
    # The day of receipt is Monday, so 5 wd run Tue 14 .. Mon 20 May.
    assert calendar.due(submitted, "5 wd", "portal").isoformat() == "2024-05-20T18:30:00+05:00"
    # On the provider's own schedule the Saturday itself is the start's day: one day less.
    assert calendar.due(submitted, "5 wd", "provider").isoformat() == "2024-05-17T18:30:00+05:00"


def test_portal_receives_in_working_time_as_is(calendar: Calendar, at: At) -> None:
    assert calendar.receive(at("2024-05-13T10:15+05:00"), "portal") == at("2024-05-13T10:15+05:00")
    # In the lunch break: the afternoon period.
    assert calendar.receive(at("2024-05-13T13:20+05:00"), "portal") == at("2024-05-13T14:00+05:00")
    # At 18:30 the office has closed.
    assert calendar.receive(at("2024-05-13T18:30+05:00"), "portal") == at("2024-05-14T09:00+05:00")


class TestAcceptanceDayExcluded:
    """Art. 20(1): counting starts at the opening of the first working day after acceptance."""

    start = "2024-06-15T15:00+05:00"  # Saturday, a working day of the State Corporation

    def test_hours_lose_the_rest_of_the_acceptance_day(self, calendar: Calendar, at: At) -> None:
        plain = calendar.due(at(self.start), "2 h", "gov_corp")
        excluded = calendar.due(at(self.start), "2 h", "gov_corp", exclude_acceptance_day=True)
        assert plain.isoformat() == "2024-06-15T17:00:00+05:00"
        # Sunday 16 June is a rest day (and Kurban Ait), so counting starts Monday 09:00.
        assert excluded.isoformat() == "2024-06-17T11:00:00+05:00"

    def test_working_days_are_unchanged(self, calendar: Calendar, at: At) -> None:
        for flag in (False, True):
            due = calendar.due(at(self.start), "1 wd", "gov_corp", exclude_acceptance_day=flag)
            assert due.isoformat() == "2024-06-17T20:00:00+05:00"

    def test_calendar_days_start_from_the_first_working_day(self, calendar: Calendar,
                                                             at: At) -> None:
        plain = calendar.due(at(self.start), "3 cd", "gov_corp")
        excluded = calendar.due(at(self.start), "3 cd", "gov_corp", exclude_acceptance_day=True)
        assert plain.isoformat() == "2024-06-18T20:00:00+05:00"
        assert excluded.isoformat() == "2024-06-19T20:00:00+05:00"

    def test_zero_is_the_counting_start(self, calendar: Calendar, at: At) -> None:
        due = calendar.due(at(self.start), "0 min", "gov_corp", exclude_acceptance_day=True)
        assert due.isoformat() == "2024-06-17T09:00:00+05:00"


class TestTimeZoneChangeNight:
    """Almaty went from UTC+6 to UTC+5 at midnight of 1 March 2024: 23:00-23:59 twice."""

    def test_both_2330s_are_received_at_the_next_opening(self, calendar: Calendar,
                                                         at: At) -> None:
        first, second = at("2024-02-29T23:30+06:00"), at("2024-02-29T23:30+05:00")
        assert (second - first).in_minutes() == 60
        for submitted in (first, second):
            received = calendar.receive(submitted, "portal")
            assert received.isoformat() == "2024-03-01T09:00:00+05:00"

    def test_minutes_across_the_change(self, calendar: Calendar, at: At) -> None:
        start = at("2024-02-29T18:00+06:00")
        due = calendar.due(start, "60 min")
        assert due.isoformat() == "2024-03-01T09:30:00+05:00"
        assert calendar.elapsed(start, due).working_minutes == 60

    def test_close_of_business_keeps_its_offset(self, calendar: Calendar, at: At) -> None:
        due = calendar.due(at("2024-02-28T10:00+06:00"), "1 cd")
        assert due.isoformat() == "2024-02-29T18:30:00+06:00"

    def test_localize_needs_a_fold_on_the_doubled_hour(self) -> None:
        with pytest.raises(CalendarError, match="happened twice"):
            localize(dt.datetime(2024, 2, 29, 23, 30))
        assert localize(dt.datetime(2024, 2, 29, 23, 30), fold=0).isoformat() == (
            "2024-02-29T23:30:00+06:00")
        assert localize(dt.datetime(2024, 2, 29, 23, 30), fold=1).isoformat() == (
            "2024-02-29T23:30:00+05:00")


def test_elapsed_measures_back(calendar: Calendar, at: At) -> None:
    start = at("2024-05-03T10:00+05:00")
    measured = calendar.elapsed(start, at("2024-05-23T18:30+05:00"))
    assert (measured.working_days, measured.calendar_days) == (12, 20)
    # One minute past the close of business of the 12th working day needs a 13th.
    assert calendar.elapsed(start, at("2024-05-23T18:31+05:00")).working_days == 13
    assert calendar.elapsed(start, at("2024-05-03T12:30+05:00")).working_minutes == 150


def test_elapsed_refuses_an_end_before_the_start(calendar: Calendar, at: At) -> None:
    with pytest.raises(CalendarError, match="before start"):
        calendar.elapsed(at("2024-05-03T10:00+05:00"), at("2024-05-02T10:00+05:00"))


def test_naive_instants_are_refused(calendar: Calendar) -> None:
    with pytest.raises(NaiveInstantError, match="no UTC offset"):
        calendar.due(dt.datetime(2024, 5, 3, 10, 0), "1 wd")


def test_aware_instants_in_other_zones_are_accepted(calendar: Calendar) -> None:
    utc = dt.datetime(2024, 5, 3, 5, 0, tzinfo=dt.UTC)  # 10:00 in Almaty
    assert calendar.due(utc, "12 wd").isoformat() == "2024-05-23T18:30:00+05:00"


@pytest.mark.parametrize("term", ["999999 mo", "999999 cd", "999999 wd", "999999 bd",
                                  "999999 h", "999999 min", "24 mo"])
def test_the_longest_term_of_any_unit_is_past_the_data_not_a_traceback(
        calendar: Calendar, at: At, term: str) -> None:
    # issue 18: 999999 months from 2026 is the year 85360, past any date Python can hold
    with pytest.raises(NoCalendarData, match="no calendar data for 2028"):
        calendar.due(at("2026-12-07T10:00+05:00"), term)


def test_terms_running_past_the_data_are_errors(calendar: Calendar, at: At) -> None:
    with pytest.raises(NoCalendarData, match="no calendar data for 2028"):
        calendar.due(at("2027-12-28T10:00+05:00"), "10 wd")
    with pytest.raises(NoCalendarData, match="no calendar data for 2031"):
        calendar.due(at("2031-03-03T10:00+05:00"), "1 wd")
    # Before the first covered year (2008) too: no guess from a plain Mon-Fri week.
    with pytest.raises(NoCalendarData, match=r"no calendar data for 2007 \(the calendar covers "
                       r"2008-2027;"):
        calendar.due(at("2007-12-28T10:00+06:00"), "1 wd")
    with pytest.raises(NoCalendarData, match="no calendar data for 2007"):
        calendar.elapsed(at("2007-12-31T10:00+06:00"), at("2008-01-04T10:00+06:00"))
    # The first covered day works: 1-2 Jan 2008 are holidays, Thursday 3 Jan the first
    # working day.
    assert calendar.due(at("2008-01-01T00:00+06:00"), "1 wd").isoformat() == (
        "2008-01-03T18:30:00+06:00")
    # A term may run into the provisional year 2027 (counted on the law alone): 29-31 Dec,
    # then 1-2 Jan (holidays), 4 Jan (moved from Saturday 2 Jan) and 7 Jan (Christmas) off.
    assert calendar.due(at("2026-12-28T10:00+05:00"), "10 wd").isoformat() == (
        "2027-01-14T18:30:00+05:00")


def test_unknown_schedule_names_the_known_ones(calendar: Calendar, at: At) -> None:
    with pytest.raises(UnknownSchedule, match=r'unknown schedule "ofice".*gov_corp, portal'):
        calendar.due(at("2024-05-03T10:00+05:00"), "1 wd", "ofice")


@pytest.mark.parametrize(("start", "term", "expected"), [
    # Art. 20(1): day 1 is the first working day after the acceptance day, so a month runs
    # from the day before it: Fri 15 March 2024 -> day 0 is Sunday 17 March -> 17 April.
    ("2024-03-15T10:00+05:00", "1 mo", "2024-04-17T18:30:00+05:00"),
    ("2025-01-31T10:00+05:00", "1 mo", "2025-03-03T18:30:00+05:00"),
    # Banking days already leave the acceptance day out.
    ("2022-03-04T10:00+06:00", "5 bd", "2022-03-15T18:30:00+06:00"),
])
def test_months_and_banking_days_without_the_acceptance_day(calendar: Calendar, at: At,
                                                             start: str, term: str,
                                                             expected: str) -> None:
    due = calendar.due(at(start), term, "provider", exclude_acceptance_day=True)
    assert due.isoformat() == expected


def test_elapsed_measures_months_and_banking_days(calendar: Calendar, at: At) -> None:
    start = at("2022-03-04T10:00+06:00")
    five = calendar.elapsed(start, at("2022-03-15T18:30+06:00"))
    assert (five.working_days, five.banking_days, five.months) == (6, 5, 1)
    assert calendar.elapsed(start, at("2022-03-15T18:31+06:00")).banking_days == 6
    month = calendar.elapsed(at("2024-01-31T10:00+06:00"), at("2024-02-29T18:30+06:00"))
    assert month.months == 1
    assert calendar.elapsed(at("2024-01-31T10:00+06:00"), at("2024-03-01T09:00+05:00")).months == 2


def test_banking_days_are_the_calendars_data(calendar: Calendar) -> None:
    assert not calendar.is_banking_day(dt.date(2022, 3, 5))  # transferred working Saturday
    assert calendar.is_working_day(dt.date(2022, 3, 5))
    assert not calendar.is_banking_day(dt.date(2022, 3, 7))  # its day off
    assert calendar.is_banking_day(dt.date(2022, 3, 4))
    assert not calendar.is_banking_day(dt.date(2024, 5, 4))
    rule = calendar.data.banking
    assert rule is not None
    assert (rule.week, rule.transferred_working_days) == ("five_day", False)
    assert {d.date for d in rule.days} == {dt.date(2018, 4, 28), dt.date(2022, 3, 5)}
