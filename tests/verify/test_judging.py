"""The verifier's judgement on the moments that decide equals the exhaustive one.

`verify_channel` judges each path on the few moments of receipt where its slack can turn
(`engine.verify.judging`: the breaks of its steps' ends within the reception windows of its
representative days, for a term in minutes or hours; one day per class of days with alike
surroundings, for a term in days); `exhaustive=True` composes its steps on every moment of
receipt. On random processes — steps in minutes, hours, working, calendar and banking days,
on the bundled schedules and on offices' own (a short Saturday, reception on Wednesdays only,
a Tuesday-to-Saturday week), random terms, random days in force, either reading of a day
limit — and on every case of tests/verify/data, the verdicts are equal field by field: the
status, the worst moment of receipt (the earliest of least slack), its timeline and slack,
the reading, the number of moments covered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.calendar import Calendar, default_calendar, read_schedule_set, with_schedules
from engine.process import compile_regulation
from engine.spec import Duration, Unit, read_document
from engine.verify import check_corpus, verify_channel, verify_regulation
from tests.verify.model_builders import Plan, StepPlan, build
from tests.verify.verifykit import DATA

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
    title: {kk: Сенбі қысқа, ru: Короткая суббота}
    week: six_day
    hours: "09:00-18:00"
    breaks: ["13:00-14:00"]
    days:
      sat: "09:00-13:00"
    source: test
  wednesday_office:
    title: {kk: Сәрсенбі, ru: Среда}
    week: five_day
    hours: "09:00-18:00"
    breaks: ["13:00-14:00"]
    reception:
      hours: "09:00-13:00"
      weekdays: [wed]
    source: test
  tue_sat_office:
    title: {kk: Мұрағат, ru: Архив}
    week: tue_sat
    hours: "10:00-17:00"
    source: test
"""
#: The schedules of the steps' actors, and of the channels (which may also be the portal).
ACTORS = ("provider", "gov_corp", "provider_0900_1800", "short_saturday", "tue_sat_office")
CHANNELS = (*ACTORS, "portal", "wednesday_office")
SETTINGS = settings(deadline=None, max_examples=45, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
_AMOUNTS: dict[str, tuple[int, int]] = {"min": (0, 240), "h": (1, 9), "wd": (0, 6),
                                        "cd": (0, 8), "bd": (1, 4)}


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> Calendar:
    """The calendar with the offices' own schedules joined to it."""
    path = tmp_path_factory.mktemp("offices") / "offices.yaml"
    path.write_text(OFFICES, encoding="utf-8")
    found, problems = read_schedule_set(read_document(path))
    calendar, joined = with_schedules(default_calendar(), [found])
    assert problems == []
    assert joined == []
    return calendar


@st.composite
def _durations(draw: st.DrawFn, units: tuple[str, ...]) -> Duration:
    unit = draw(st.sampled_from(units))
    low, high = _AMOUNTS[unit]
    amount = draw(st.integers(low, high))
    return Duration(amount, unit)  # type: ignore[arg-type]


@st.composite
def _plans(draw: st.DrawFn) -> tuple[Plan, tuple[dt.date, dt.date | None], str | None]:
    in_minutes = draw(st.booleans())
    units = ("min", "h", "wd") if in_minutes else ("min", "h", "wd", "cd", "bd")
    steps = tuple(StepPlan(draw(_durations(units)), draw(st.sampled_from((None, *ACTORS)))
                           ) for _ in range(draw(st.integers(1, 5))))
    term_units: tuple[Unit, ...] = ("min", "h") if in_minutes else ("wd", "cd", "bd")
    term_unit = draw(st.sampled_from(term_units))
    amount = draw(st.integers(*{"min": (30, 600), "h": (1, 12)}.get(term_unit, (1, 15))))
    plan = Plan(draw(st.sampled_from(CHANNELS)), Duration(amount, term_unit), steps,
                acceptance_day_excluded=draw(st.booleans()))
    if len(steps) >= 2 and draw(st.booleans()):
        at = draw(st.integers(0, len(steps) - 2))
        plan = replace(plan, decision_at=at, returns_to=draw(st.sampled_from((None, 0))),
                       max_repeats=1)
    start = dt.date(2015, 1, 1) + dt.timedelta(days=draw(st.integers(0, 4200)))
    end = draw(st.one_of(st.none(), st.integers(20, 900).map(
        lambda n: start + dt.timedelta(days=n))))
    reading = draw(st.sampled_from((None, None, "civil", "elapsed")))
    return plan, (start, end), reading


@SETTINGS
@given(case=_plans())
def test_the_moments_that_decide_give_the_exhaustive_verdicts(
        case: tuple[Plan, tuple[dt.date, dt.date | None], str | None],
        offices: Calendar) -> None:
    plan, valid, reading = case
    regulation, standard = build(plan, schedules=ACTORS, valid=valid)
    if reading is not None:
        regulation = replace(regulation, day_reading=reading)  # type: ignore[arg-type]
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    fast = verify_channel(graph, offices)
    assert fast == verify_channel(graph, offices, exhaustive=True)
    timed = [v for v in fast if v.worst is not None]
    assert all(v.candidates > 0 for v in timed)


@pytest.mark.parametrize("case", sorted(p.name for p in DATA.iterdir() if p.is_dir()))
def test_every_case_of_the_data_is_judged_as_exhaustively(case: str) -> None:
    report = check_corpus([DATA / case])
    if report.calendar is None:
        return
    for compiled in report.compiled:
        assert (verify_regulation(compiled, report.calendar)
                == verify_regulation(compiled, report.calendar, exhaustive=True))


def test_the_corpus_of_specs_is_judged_as_exhaustively() -> None:
    report = check_corpus([Path(__file__).resolve().parents[2] / "specs"])
    assert report.calendar is not None
    compared = 0
    for compiled in report.compiled:
        fast = verify_regulation(compiled, report.calendar)
        assert fast == verify_regulation(compiled, report.calendar, exhaustive=True)
        compared += len(fast)
    assert compared > 5
