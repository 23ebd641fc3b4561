"""The examples of docs/calendar.md, "Writing a schedule": each YAML block is a file the
engine reads, and what the text under it says holds."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from engine.calendar import Calendar, default_calendar, localize, read_schedule_set, with_schedules
from engine.calendar.reception import reception_refusal, reception_windows
from engine.spec import read_document

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "calendar.md"


def _blocks() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Writing a schedule"):text.index("\n## Time\n")]
    return re.findall(r"```yaml\n(.*?)```", section, flags=re.DOTALL)


@pytest.fixture(scope="module")
def calendar(tmp_path_factory: pytest.TempPathFactory) -> Calendar:
    where = tmp_path_factory.mktemp("schedules")
    sets = []
    for n, block in enumerate(_blocks()):
        path = where / f"example-{n}.yaml"
        path.write_text(block, encoding="utf-8")
        document = read_document(path)
        assert document.errors == [], document.errors
        found, problems = read_schedule_set(document)
        assert problems == []
        sets.append(found)
    joined, problems = with_schedules(default_calendar(), sets)
    assert problems == []
    return joined


def _at(text: str) -> dt.datetime:
    return localize(dt.datetime.fromisoformat(text))


def test_the_section_has_an_example_of_each_feature() -> None:
    blocks = _blocks()
    assert len(blocks) == 4
    for key in ("days:", "weekdays: [wed]", "weekdays: [tue, thu]", "weeks:"):
        assert any(key in block for block in blocks), key


def test_a_short_saturday_closes_at_13(calendar: Calendar) -> None:
    due = calendar.due(_at("2024-11-30T12:00"), "2 h", "akimat_short_saturday")
    assert due.isoformat() == "2024-12-02T10:00:00+05:00"
    assert calendar.is_working_time(_at("2024-11-30T12:59"), "akimat_short_saturday")
    assert not calendar.is_working_time(_at("2024-11-30T13:00"), "akimat_short_saturday")
    # a step of one working day received on Friday ends at Saturday's close of business
    assert calendar.due(_at("2024-11-29T10:00"), "1 wd", "akimat_short_saturday").isoformat() \
        == "2024-11-30T13:00:00+05:00"


def test_reception_on_wednesdays_only(calendar: Calendar) -> None:
    refusal = reception_refusal(calendar, _at("2024-11-28T10:00"), "wednesday_reception")
    assert refusal is not None
    assert refusal.startswith('received Thu 2024-11-28 10:00, outside the reception hours of '
                              '"wednesday_reception" (Wednesdays 09:00-13:00); the next '
                              "reception opens Wed 2024-12-04 09:00")
    assert reception_refusal(calendar, _at("2024-12-04T12:59"), "wednesday_reception") is None
    assert reception_refusal(calendar, _at("2024-12-04T13:00"), "wednesday_reception") is not None
    windows = reception_windows(calendar, "wednesday_reception")
    weekdays = {(windows.first_day + dt.timedelta(days=int(d))).weekday()
                for d in windows.days.tolist()}
    assert weekdays == {2}


def test_reception_on_two_days_with_their_own_hours(calendar: Calendar) -> None:
    assert reception_refusal(calendar, _at("2024-12-03T17:59"), "tuesday_thursday") is None
    assert reception_refusal(calendar, _at("2024-12-03T13:30"), "tuesday_thursday") is not None
    assert reception_refusal(calendar, _at("2024-12-05T11:59"), "tuesday_thursday") is None
    assert reception_refusal(calendar, _at("2024-12-05T12:00"), "tuesday_thursday") is not None
    assert reception_refusal(calendar, _at("2024-12-04T10:00"), "tuesday_thursday") is not None


def test_a_week_of_the_files_own(calendar: Calendar) -> None:
    assert not calendar.is_working_day(dt.date(2024, 12, 2), "archive_tue_sat")
    assert calendar.is_working_day(dt.date(2024, 11, 30), "archive_tue_sat")
    # Independence Day, Monday 16 December 2024, is a holiday on any week
    assert not calendar.is_working_day(dt.date(2024, 12, 16), "archive_tue_sat")
    assert calendar.due(_at("2024-11-30T16:00"), "2 h", "archive_tue_sat").isoformat() == \
        "2024-12-03T11:00:00+05:00"
