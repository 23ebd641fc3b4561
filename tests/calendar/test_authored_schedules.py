"""Schedules written next to the specs (`kind: schedules`): joining them to the calendar,
the errors only the join can find, and the calendar's properties on their hours."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar import Calendar, default_calendar, read_schedule_set, with_schedules
from engine.spec import Duration, SpecError, read_document
from engine.verify import check_corpus

OFFICES = """\
kind: schedules
id: offices
title: {kk: Кестелер, ru: Графики}
weeks:
  tue_sat:
    title: {kk: Сейсенбі – сенбі, ru: Вторник – суббота}
    working_weekdays: [tue, wed, thu, fri, sat]
schedules:
  short_saturday:
    title: {kk: Қысқа сенбі, ru: Короткая суббота}
    week: six_day
    hours: "09:00-18:00"
    breaks: ["13:00-14:00"]
    days:
      sat: "09:00-13:00"
      fri: {hours: "09:00-17:00", breaks: ["12:30-14:00"]}
    source: test
  tue_sat_office:
    title: {kk: Бөлім, ru: Отдел}
    week: tue_sat
    hours: "10:00-17:00"
    reception:
      weekdays: [wed, sat]
    source: test
"""


def _joined(tmp_path: Path, *texts: str) -> tuple[Calendar, list[SpecError]]:
    sets, errors = [], []
    for n, text in enumerate(texts):
        path = tmp_path / f"s{n}.yaml"
        path.write_text(text, encoding="utf-8")
        document = read_document(path)
        assert document.blocking == [], document.blocking
        found, problems = read_schedule_set(document)
        errors.extend(problems)
        sets.append(found)
    calendar, problems = with_schedules(default_calendar(), sets)
    return calendar, errors + problems


def _messages(errors: list[SpecError], root: Path) -> list[str]:
    return [str(e).replace(str(root) + "/", "") for e in errors]


def test_a_set_joins_the_calendar_and_the_calendar_itself_is_unchanged(tmp_path: Path) -> None:
    calendar, errors = _joined(tmp_path, OFFICES)
    assert errors == []
    assert {"short_saturday", "tue_sat_office", "provider"} <= set(calendar.schedules)
    assert "short_saturday" not in default_calendar().schedules
    assert calendar.working_days(2024, "tue_sat_office") > 0


def test_a_name_of_the_calendar_defined_again_is_an_error_naming_both(tmp_path: Path) -> None:
    text = OFFICES.replace("  short_saturday:", "  provider:")
    _, errors = _joined(tmp_path, text)
    [message] = _messages(errors, tmp_path)
    assert message.startswith('s0.yaml:9:3: schedules.provider: "provider" is already defined '
                              "at ")
    assert "specs/calendars/kz.yaml" in message
    assert "(the calendar)" in message


def test_a_name_defined_in_two_files_is_an_error_at_the_second(tmp_path: Path) -> None:
    _, errors = _joined(tmp_path, OFFICES, OFFICES.replace("id: offices", "id: again"))
    messages = _messages(errors, tmp_path)
    assert messages[0] == ('s1.yaml:5:3: weeks.tue_sat: "tue_sat" is already defined at '
                           "s0.yaml:5:3 (hint: give this one another name, or remove one of "
                           "them)")
    assert messages[1].startswith('s1.yaml:9:3: schedules.short_saturday: "short_saturday" is '
                                  "already defined at s0.yaml:9:3")


def test_an_unknown_week_and_a_weekday_the_week_does_not_work(tmp_path: Path) -> None:
    text = OFFICES.replace("week: six_day", "week: sixday").replace(
        "      weekdays: [wed, sat]", "      weekdays: [mon, sat]")
    _, errors = _joined(tmp_path, text)
    assert _messages(errors, tmp_path) == [
        's0.yaml:11:11: schedules.short_saturday.week: unknown week "sixday" (hint: did you '
        'mean "six_day"?)',
        's0.yaml:23:17: schedules.tue_sat_office.reception.weekdays: mon is not a working weekday '
        'of the "tue_sat" week (tue, wed, thu, fri, sat) (hint: choose a week that works on mon, '
        "such as six_day, or remove it)",
    ]


def test_saturday_hours_on_a_five_day_week_is_an_error(tmp_path: Path) -> None:
    _, errors = _joined(tmp_path, OFFICES.replace("week: six_day", "week: five_day"))
    assert _messages(errors, tmp_path) == [
        's0.yaml:15:12: schedules.short_saturday.days.sat: sat is not a working weekday of the '
        '"five_day" week (mon, tue, wed, thu, fri) (hint: choose a week that works on sat, '
        "such as six_day, or remove it)"]


def test_one_office_with_two_sets_of_hours_in_one_file_is_a_warning(tmp_path: Path) -> None:
    text = OFFICES + """\
  lunch_at_half_past:
    title: {kk: Бөлім, ru: Отдел}
    office: district
    week: five_day
    hours: "09:00-18:00"
    breaks: ["12:30-14:00"]
    source: test, paragraph 2
  lunch_at_one:
    title: {kk: Бөлім, ru: Отдел}
    office: district
    week: five_day
    hours: "09:00-18:00"
    breaks: ["13:00-14:00"]
    source: test, paragraph 9
"""
    _, errors = _joined(tmp_path, text)
    [message] = _messages(errors, tmp_path)
    assert message == (
        "s0.yaml:34:13: warning: schedules.lunch_at_one.office: office \"district\" works "
        "five_day, 09:00-13:00, 14:00-18:00 here but five_day, 09:00-12:30, 14:00-18:00 in "
        'schedule "lunch_at_half_past" at s0.yaml:25:3 (hint: one office keeps one set of '
        "working hours; check which paragraph of the text is right, or give the reception its "
        "own hours under reception:)")


def test_the_check_reports_a_broken_schedules_file_and_verifies_nothing_on_it(
        tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(OFFICES.replace("week: six_day", "week: sixday"),
                                     encoding="utf-8")
    report = check_corpus([tmp_path])
    assert report.failed()
    assert [f.message for f in report.findings] == [
        'unknown week "sixday" (hint: did you mean "six_day"?)']


# -- properties of the arithmetic on authored hours -------------------------------------

def _calendar() -> Calendar:
    where = Path(__file__).parent / "authored-offices.yaml"
    document = read_document(where)
    found, _ = read_schedule_set(document)
    return with_schedules(default_calendar(), [found])[0]


CALENDAR = _calendar()
SCHEDULES = ("short_saturday", "tue_sat_office")
FIRST = int(dt.datetime(2016, 1, 1, tzinfo=dt.UTC).timestamp())
LAST = int(dt.datetime(2026, 10, 1, tzinfo=dt.UTC).timestamp())
EXAMPLES = settings(max_examples=120, deadline=None)
instants = st.integers(FIRST, LAST).map(lambda s: pendulum.from_timestamp(s, tz="Asia/Almaty"))
terms = st.one_of(st.integers(0, 4000).map(lambda n: Duration(n, "min")),
                  st.integers(0, 30).map(lambda n: Duration(n, "wd")),
                  st.integers(0, 40).map(lambda n: Duration(n, "cd")))


@EXAMPLES
@given(instants, instants, terms, st.sampled_from(SCHEDULES))
def test_due_is_monotonic_in_the_start(a: pendulum.DateTime, b: pendulum.DateTime,
                                       term: Duration, schedule: str) -> None:
    early, late = sorted((a, b))
    assert CALENDAR.due(early, term, schedule) <= CALENDAR.due(late, term, schedule)


@EXAMPLES
@given(instants, terms.filter(lambda d: d.amount > 0), st.sampled_from(SCHEDULES))
def test_due_ends_in_working_time(start: pendulum.DateTime, term: Duration,
                                  schedule: str) -> None:
    due = CALENDAR.due(start, term, schedule)
    assert due > start
    assert CALENDAR.is_working_time(due - dt.timedelta(seconds=1), schedule)


@EXAMPLES
@given(instants, terms, st.sampled_from(SCHEDULES))
def test_adding_then_measuring_gives_the_amount(start: pendulum.DateTime, term: Duration,
                                                schedule: str) -> None:
    due = CALENDAR.due(start, term, schedule)
    measured = CALENDAR.elapsed(start, due, schedule)
    if term.unit == "min":
        assert measured.working == dt.timedelta(minutes=term.amount)
    elif term.unit == "wd":
        assert measured.working_days == term.amount
    else:
        assert measured.calendar_days <= term.amount


@EXAMPLES
@given(instants)
def test_a_short_saturday_and_a_short_friday_close_early(start: pendulum.DateTime) -> None:
    day = start.date()
    if not CALENDAR.is_working_day(day, "short_saturday"):
        return
    hour = {4: 17, 5: 13}.get(day.weekday(), 18)
    close = pendulum.datetime(day.year, day.month, day.day, hour, tz="Asia/Almaty")
    assert CALENDAR.is_working_time(close - dt.timedelta(minutes=1), "short_saturday")
    assert not CALENDAR.is_working_time(close, "short_saturday")
