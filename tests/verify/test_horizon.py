"""The calendar's end and its provisional year, the offsets in hints, and the two readings
of a day limit as properties."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commands.check import run_check
from engine.calendar import Calendar, NaiveInstantError, localize, parse_instant
from engine.process import compile_regulation
from engine.spec.duration import Duration
from engine.verify import check_corpus, verify_channel
from engine.verify.horizon import calendar_end_warnings
from engine.verify.readings import daily_minutes
from tests.verify.model_builders import Plan, StepPlan, build

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"


def test_no_warning_far_from_the_calendars_end(calendar: Calendar) -> None:
    report = check_corpus([SPECS])
    assert calendar.years[1] == 2027
    assert [f for f in report.findings if f.code == "calendar-end"] == []


def test_a_check_warns_within_90_days_of_the_calendars_end(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGLAMENT_TODAY", "2027-11-01")
    report = check_corpus([SPECS])
    warnings = [f for f in report.findings if f.code == "calendar-end"]
    assert warnings
    assert all(f.severity == "warning" for f in warnings)
    first = warnings[0].message
    assert first.startswith("the calendar kz ends on 2027-12-31, 60 day(s) from 2027-11-01, and ")
    assert first.endswith("(hint: add the year 2028 to the calendar once its transfers of days "
                          "off are decreed, or as a provisional year until then; "
                          'docs/calendar.md, "Adding a year")')
    out, err = io.StringIO(), io.StringIO()
    assert run_check([str(SPECS)], "text", out, err, strict=True) == 1


def test_the_longest_term_counts_toward_the_end(calendar: Calendar) -> None:
    """A case received on 2027-09-20 under a 15 wd term ends in October: inside the window."""
    (standard,) = [s for s in check_corpus([SPECS]).result.corpus.standards
                   if s.id == "externat-permission"]
    assert calendar_end_warnings([standard], calendar, dt.date(2027, 9, 1)) == []
    (warning,) = calendar_end_warnings([standard], calendar, dt.date(2027, 9, 20))
    assert "the term 15 wd of a case received on 2027-09-20" in warning.message


def test_a_figure_on_a_provisional_year_says_so(calendar: Calendar) -> None:
    assert calendar.provisional_years() == frozenset({2027})
    assert calendar.provisional_note(dt.date(2026, 12, 30)) == ""
    assert calendar.provisional_note(dt.date(2026, 12, 30), dt.date(2027, 1, 5)) == (
        "2027 is provisional in the calendar: the law's holidays only, no transfer of days off "
        "decreed yet")


@pytest.mark.parametrize(("text", "offset"), [("2016-05-03T10:00", "+06:00"),
                                              ("2025-05-03T10:00", "+05:00")])
def test_the_offset_hint_is_the_offset_in_force_then(text: str, offset: str) -> None:
    with pytest.raises(NaiveInstantError) as raised:
        parse_instant(text)
    assert f'write "{text}:00{offset}" for local time in Asia/Almaty' in str(raised.value)


# --- the two readings of a day limit ------------------------------------------------------

SCHEDULES = ("provider", "provider_0900_1800", "gov_corp")
DAY_SETTINGS = settings(max_examples=60, deadline=None)


@DAY_SETTINGS
@given(day=st.dates(dt.date(2009, 1, 1), dt.date(2026, 11, 30)),
       minute=st.integers(0, 24 * 60 - 1), amount=st.integers(1, 20),
       schedule=st.sampled_from(SCHEDULES))
def test_the_elapsed_end_of_a_step_is_never_after_its_civil_end(
        day: dt.date, minute: int, amount: int, schedule: str, calendar: Calendar) -> None:
    start = localize(dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60))
    civil = calendar.due(start, Duration(amount, "wd"), schedule)
    elapsed = calendar.due(start, Duration(amount * daily_minutes(calendar, schedule), "min"),
                           schedule)
    assert elapsed <= civil


@DAY_SETTINGS
@given(first=st.integers(1, 3), second=st.integers(0, 240), term=st.integers(1, 4),
       seed=st.integers(0, 10_000))
def test_the_two_worst_cases_bracket_every_sampled_receipt(
        first: int, second: int, term: int, seed: int, calendar: Calendar) -> None:
    """N wd then M min against a term in wd: every sampled receipt leaves at least the civil
    worst's slack under the civil reading, the elapsed worst's under the elapsed one, and
    never less under the elapsed reading than under the civil one."""
    plan = Plan("provider", Duration(term, "wd"),
                (StepPlan(Duration(first, "wd"), "provider"),
                 StepPlan(Duration(second, "min"), "provider")))
    regulation, standard = build(plan)
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    (verdict,) = verify_channel(graph, calendar)
    assert verdict.worst is not None
    civil_worst = verdict.worst.margin
    elapsed_worst = (verdict.elapsed_worst.margin if verdict.elapsed_worst is not None
                     else None)
    daily = daily_minutes(calendar, "provider")
    day = dt.date(2015, 8, 3) + dt.timedelta(days=seed % 3500)
    for hour, minute in ((9, 0), (12, 40), (17, 29)):
        received = localize(dt.datetime(day.year, day.month, day.day, hour, minute))
        if not calendar.is_working_day(received.date(), "provider"):
            continue
        term_end = calendar.due(received, Duration(term, "wd"), "provider")
        civil = calendar.due(calendar.due(received, Duration(first, "wd"), "provider"),
                             Duration(second, "min"), "provider")
        elapsed = calendar.due(calendar.due(received, Duration(first * daily, "min"),
                                            "provider"), Duration(second, "min"), "provider")
        assert term_end - civil >= civil_worst
        assert term_end - elapsed >= term_end - civil
        if elapsed_worst is not None:
            assert term_end - elapsed >= elapsed_worst
