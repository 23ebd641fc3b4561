"""Broken calendar specs: every problem is a located error, all reported together."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine.calendar import load_calendar
from engine.spec import SpecErrors


def broken(tmp_path: Path, text: str, old: str, new: str) -> tuple[Path, int]:
    """Write kz.yaml with `old` replaced by `new`; return the file and the changed line."""
    assert text.count(old) == 1, old
    path = tmp_path / "kz.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, text[: text.index(old)].count("\n") + 1


def errors_of(path: Path) -> list[str]:
    with pytest.raises(SpecErrors) as caught:
        load_calendar(path)
    return [str(e) for e in caught.value.errors]


def test_the_project_calendar_is_valid() -> None:
    calendar = load_calendar(Path(__file__).resolve().parents[2] / "specs" / "calendars")
    assert calendar.years == (2008, 2027)
    assert set(calendar.schedules) >= {"provider", "provider_0900_1800", "gov_corp", "portal"}


def test_transfer_of_a_weekday_names_the_line(tmp_path: Path, spec_text: str) -> None:
    path, line = broken(tmp_path, spec_text, 'worked: "2024-05-04"', 'worked: "2024-05-06"')
    assert errors_of(path) == [
        f"{path}:{line}:17: years[16].transfers[0].worked: 2024-05-06 (mon) must be a rest day "
        "or a day off moved from a holiday of the five_day week, but it is a working day (hint: "
        "`worked` is the rest day that becomes a working day, `off` the working day that becomes "
        "a day off)"
    ]


def test_transfer_of_a_holiday(tmp_path: Path, spec_text: str) -> None:
    path, line = broken(tmp_path, spec_text, 'off: "2024-05-08"', 'off: "2024-05-09"')
    (message,) = errors_of(path)
    assert message.startswith(f"{path}:{line}:")
    assert "2024-05-09 (thu) must be a working day of the five_day week, but it is a holiday" \
        in message


def test_official_count_must_match(tmp_path: Path, spec_text: str) -> None:
    path, line = broken(tmp_path, spec_text, "working_days: 249", "working_days: 250")
    assert errors_of(path) == [
        f"{path}:{line}:23: years[16].official_counts[0].working_days: the data gives 249 "
        "working days on the five_day week in 2024, not 250 (hint: check this year's "
        "transfers, dates and corrections)"
    ]


def test_years_must_be_contiguous(tmp_path: Path, spec_text: str) -> None:
    path, line = broken(tmp_path, spec_text, "  - year: 2025\n", "  - year: 2027\n")
    messages = errors_of(path)
    assert (f"{path}:{line}:11: years[17].year: years must be contiguous and in order: "
            "expected 2025 after 2024, got 2027") in messages


MOVED_DAY_OFF_WORKED = """      - worked: "2024-03-25"
        off: "2024-03-29"
        weeks: [five_day]
        source: a test transfer
      - worked: "2024-05-04"
"""


def test_a_moved_day_off_may_be_worked_by_transfer(tmp_path: Path, spec_text: str) -> None:
    # As decree No. 820 of 2019 did with Monday 11 May 2020 (the day off moved from Victory Day
    # on Saturday 9 May, worked for Friday 8 May): here Monday 25 March 2024, moved from Nauryz
    # on Saturday 23 March, is worked for Friday 29 March.
    path, _ = broken(tmp_path, spec_text, '      - worked: "2024-05-04"\n', MOVED_DAY_OFF_WORKED)
    table = load_calendar(path).days("five_day")
    assert (table.info(date(2024, 3, 25)).kind, table.info(date(2024, 3, 29)).kind) == (
        "transfer_worked", "transfer_off")
    assert table.count(2024) == 249


def test_a_moved_day_off_is_not_a_working_day_to_give(tmp_path: Path, spec_text: str) -> None:
    text = spec_text.replace('      - worked: "2024-05-04"\n', MOVED_DAY_OFF_WORKED)
    path, line = broken(tmp_path, text, 'worked: "2024-03-25"\n        off: "2024-03-29"',
                        'worked: "2024-03-30"\n        off: "2024-03-25"')
    (message,) = errors_of(path)
    assert message.startswith(f"{path}:{line + 1}:")
    assert ("2024-03-25 (mon) must be a working day of the five_day week, but it is a day off "
            "moved from a holiday") in message


def test_a_transfer_must_not_work_a_holiday(tmp_path: Path, spec_text: str) -> None:
    path, line = broken(tmp_path, spec_text, 'worked: "2024-05-04"', 'worked: "2024-05-09"')
    (message,) = errors_of(path)
    assert message.startswith(f"{path}:{line}:")
    assert ("2024-05-09 (thu) must be a rest day or a day off moved from a holiday of the "
            "five_day week, but it is a holiday") in message


def test_missing_yearly_date(tmp_path: Path, spec_text: str) -> None:
    path, _ = broken(tmp_path, spec_text, 'dates: {kurban_ait: "2024-06-16"}', "dates: {}")
    assert any('missing the date of "kurban_ait" in 2024 (hint: add kurban_ait: 2024-MM-DD)' in m
               for m in errors_of(path))


def test_overlapping_breaks(tmp_path: Path, spec_text: str) -> None:
    old = '    hours: "09:00-18:00"\n    breaks: ["13:00-14:00"]'
    new = '    hours: "09:00-18:00"\n    breaks: ["13:00-14:00", "13:30-14:30"]'
    path, line = broken(tmp_path, spec_text, old, new)
    (message,) = errors_of(path)
    assert message.startswith(f"{path}:{line + 1}:")
    assert 'schedules.provider_0900_1800.breaks[1]: break "13:30-14:30" must lie inside' in message


def test_unknown_references(tmp_path: Path, spec_text: str) -> None:
    text = spec_text.replace("    week: six_day\n", "    week: sixday\n")
    path, _ = broken(tmp_path, text, "counts_on: provider", "counts_on: gov")
    messages = errors_of(path)
    assert any('schedules.gov_corp.week: unknown week "sixday" (hint: did you mean "six_day"?)'
               in m for m in messages)
    assert any('schedules.portal.counts_on: "gov" is not a schedule with working hours' in m
               for m in messages)


def test_correction_that_changes_nothing(tmp_path: Path, spec_text: str) -> None:
    path, _ = broken(tmp_path, spec_text, "    action: add\n", "    action: remove\n")
    assert any("constitution_day is not a holiday on 2026-08-30, nothing to remove" in m
               for m in errors_of(path))


def test_schema_errors_come_first(tmp_path: Path, spec_text: str) -> None:
    path, line = broken(tmp_path, spec_text, 'hours: "09:00-20:00"', 'hours: "9:00-20:00"')
    (message,) = errors_of(path)
    assert message.startswith(f"{path}:{line}:")
    assert "schedules.gov_corp.hours" in message


def test_the_same_file_read_twice_is_built_once(tmp_path: Path, spec_text: str) -> None:
    # `reglament check` checks the calendar as it reads the specs, then builds it to verify
    # them on it (issue 19): the second build is the first one's, errors as well.
    from engine.calendar import build_calendar_data
    from engine.spec import read_document

    sound = Path(__file__).resolve().parents[2] / "specs" / "calendars" / "kz.yaml"
    assert build_calendar_data(read_document(sound)) is build_calendar_data(read_document(sound))
    path, _ = broken(tmp_path, spec_text, 'worked: "2024-05-04"', 'worked: "2024-05-06"')
    first = errors_of(path)
    assert errors_of(path) == first
    path.write_text(spec_text, encoding="utf-8")  # the same path with other text: built anew
    assert build_calendar_data(read_document(path)).path == str(path)
