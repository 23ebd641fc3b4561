"""What the corpus's scenarios (`specs/**/scenarios/*.yaml`) cover, as issue 5 asks.

Each requirement is computed from the scenario files, the specs and the calendar, with no
list of expected names: at least 30 scenarios; every channel of every standard, and of
every regulation that has steps, tried; both (every) outcome of every decision of every
regulation taken; a refusal to accept for missing documents under each regulation; terms
that run across a holiday and across a transferred day off, a receipt on a worked rest
day and one after hours; late steps at a moment; every service whose standard is in force
on the tests' today and has a channel received in today's year and in the next (issue 17).

Whether the scenarios pass is checked by their own pytest items (`engine.scenarios.pytest_plugin`),
not here. A decision's outcome counts as taken only when a scenario's `expect.path` goes
through the decision to that outcome's next step (or ends there with the status the
outcome's end gives): the path is compared with the engine's, so the coverage is what the
engine did, not only what a scenario asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from engine.calendar import Calendar, default_calendar
from engine.corpus import Corpus, load_corpus
from engine.process import END_PREFIX
from engine.scenarios import Scenario, find_scenario_files, read_scenario_file
from engine.spec import Regulation, Standard, Step, is_valid_on
from tests.conftest import SPECS, TODAY

MIN_SCENARIOS = 30
#: The end a case reaches, by the `status` a scenario expects (the graph's end node names).
_ENDING = {"result": "result", "refusal": "refusal", "refused_to_accept": "refusal_to_accept"}
#: Kinds of day (engine.calendar.DayKind) on which a term stops for a holiday or a transfer.
_HOLIDAY_KINDS = frozenset({"holiday", "moved_day_off"})
_TRANSFER_KINDS = frozenset({"transfer_off", "transfer_worked"})


@dataclass(frozen=True)
class _Tried:
    """A scenario of the corpus with the specs it runs on (regulation None: standard alone)."""

    scenario: Scenario
    standard: Standard
    regulation: Regulation | None

    @property
    def schedule(self) -> str:
        """The schedule the channel's term is counted on."""
        return self.standard.channels[self.scenario.channel].schedule

    @property
    def name(self) -> str:
        return f"{self.scenario.file}::{self.scenario.name}"


@cache
def _corpus() -> Corpus:
    return load_corpus([SPECS])


@cache
def _calendar() -> Calendar:
    return default_calendar()


@cache
def _scenarios() -> tuple[Scenario, ...]:
    found: list[Scenario] = []
    for path in find_scenario_files([SPECS]):
        read = read_scenario_file(path)
        assert not read.errors, "\n".join(str(e) for e in read.errors)
        found.extend(read.scenarios)
    return tuple(found)


def _specs_of(scenario: Scenario, corpus: Corpus) -> tuple[Standard, Regulation | None] | None:
    """What the scenario runs on, resolved as the engine does on the day of receipt."""
    day = scenario.received.date()
    if scenario.regulation is not None:
        regulation = corpus.regulation_on(scenario.regulation, day)
        if regulation is None:
            return None
    else:
        regulation = next((r for r in corpus.regulations_for(scenario.service or "")
                           if is_valid_on(r, day)), None)
    standard = corpus.standard_on(regulation.standard if regulation else scenario.service or "",
                                  day)
    if standard is None or scenario.channel not in standard.channels:
        return None
    return standard, regulation


@cache
def _tried() -> tuple[_Tried, ...]:
    """The scenarios that open a case (those expecting an `error` do not)."""
    tried = []
    for scenario in _scenarios():
        specs = None if "error" in scenario.expect else _specs_of(scenario, _corpus())
        if specs is not None:
            tried.append(_Tried(scenario, *specs))
    return tuple(tried)


def _instants(expect: Mapping[str, Any]) -> Iterator[dt.datetime]:
    """Every instant a scenario expects (due, finished, steps_due, overdue moments)."""
    for key in ("due", "finished"):
        if isinstance(expect.get(key), str):
            yield dt.datetime.fromisoformat(expect[key])
    for value in (expect.get("steps_due") or {}).values():
        yield dt.datetime.fromisoformat(value)
    for entry in expect.get("overdue") or []:
        yield dt.datetime.fromisoformat(entry["at"])


def _days(tried: _Tried) -> Iterator[dt.date]:
    """The days from the receipt to the last expected instant, both included."""
    first = tried.scenario.received.date()
    last = max((i.date() for i in _instants(tried.scenario.expect)), default=first)
    for offset in range((last - first).days + 1):
        yield first + dt.timedelta(days=offset)


def _kinds(tried: _Tried) -> set[str]:
    calendar = _calendar()
    return {calendar.day_info(day, tried.schedule).kind for day in _days(tried)}


def _taken(tried: _Tried) -> Iterator[tuple[str, str, str, str]]:
    """(regulation, channel, step, outcome) of each decision the expected path goes through."""
    path = tried.scenario.expect.get("path")
    if tried.regulation is None or not isinstance(path, list):
        return
    steps = {s.id: s for s in tried.regulation.processes[tried.scenario.channel]}
    ending = _ENDING.get(str(tried.scenario.expect.get("status")))
    for index, step_id in enumerate(path):
        step = steps[step_id]
        if not step.outcomes:
            continue
        target = path[index + 1] if index + 1 < len(path) else (
            f"{END_PREFIX}{ending}" if ending else None)
        leading = [o.id for o in step.outcomes if _target(o.next, o.ends) == target]
        given = tried.scenario.outcomes.get(step_id, ())
        if len(leading) > 1:  # several outcomes go the same way: the one the scenario chose
            leading = [o for o in leading if o in given]
        for outcome in leading:
            yield tried.regulation.id, tried.scenario.channel, step_id, outcome


def _target(next_step: str | None, ends: str | None) -> str:
    return next_step if next_step else f"{END_PREFIX}{ends or 'result'}"


def _decisions(regulation: Regulation) -> Iterator[tuple[str, str, Step]]:
    for channel, steps in regulation.processes.items():
        for step in steps:
            if step.outcomes:
                yield regulation.id, channel, step


def test_at_least_thirty_scenarios() -> None:
    assert len(_scenarios()) >= MIN_SCENARIOS
    assert len({(s.file, s.name) for s in _scenarios()}) == len(_scenarios())


def test_every_channel_of_every_standard_is_tried() -> None:
    tried = {(t.standard.id, t.scenario.channel) for t in _tried()}
    wanted = {(s.id, channel) for s in _corpus().standards for channel in s.channels}
    assert wanted, "the corpus has no standard with channels"
    assert sorted(wanted - tried) == []


def test_every_channel_of_every_regulation_with_steps_is_walked() -> None:
    walked = {(t.regulation.id, t.scenario.channel) for t in _tried() if t.regulation}
    wanted = {(r.id, channel) for r in _corpus().regulations
              for channel, steps in r.processes.items() if steps}
    assert wanted, "the corpus has no regulation with steps"
    assert sorted(wanted - walked) == []


def test_every_outcome_of_every_decision_is_taken() -> None:
    taken = {t for tried in _tried() for t in _taken(tried)}
    wanted = {(reg, channel, step.id, outcome.id) for r in _corpus().regulations
              for reg, channel, step in _decisions(r) for outcome in step.outcomes}
    assert wanted, "the corpus has no decision"
    assert sorted(wanted - taken) == []


def test_every_regulation_with_steps_refuses_to_accept_for_a_missing_document() -> None:
    refusing = {t.regulation.id for t in _tried() if t.regulation
                and t.scenario.expect.get("refused_to_accept")
                and t.scenario.expect.get("article")}
    wanted = {r.id for r in _corpus().regulations if any(r.processes.values())}
    assert sorted(wanted - refusing) == []


def test_terms_run_across_holidays_and_transfers() -> None:
    across_holiday = [t.name for t in _tried() if _kinds(t) & _HOLIDAY_KINDS]
    across_transfer = [t.name for t in _tried() if _kinds(t) & _TRANSFER_KINDS]
    assert across_holiday
    assert across_transfer


def test_a_receipt_on_a_worked_rest_day_and_one_after_hours() -> None:
    calendar = _calendar()
    on_worked_rest_day = [t.name for t in _tried() if calendar.day_info(
        t.scenario.received.date(), t.schedule).kind == "transfer_worked"]
    after_hours = [t.name for t in _tried() if t.regulation and t.scenario.expect.get("due")
                   and not calendar.is_working_time(t.scenario.received, t.schedule)]
    assert on_worked_rest_day
    assert after_hours


def test_late_steps_at_a_moment() -> None:
    late = [t.name for t in _tried() for entry in t.scenario.expect.get("overdue") or []
            if entry["steps"]]
    assert late


def test_every_service_in_force_today_is_received_this_year_and_next() -> None:
    """Issue 17: each service in force on the tests' today, with a channel, opens a case in
    a scenario received in today's year (2026) and in one received in the next (2027)."""
    today = dt.date.fromisoformat(TODAY)
    corpus = _corpus()
    in_force = {standard.id for standard in (corpus.standard_on(sid, today)
                                             for sid in {s.id for s in corpus.standards})
                if standard is not None and standard.channels}
    assert in_force, f"no standard with channels is in force on {today}"
    received = {(t.standard.id, t.scenario.received.year) for t in _tried()}
    wanted = {(sid, year) for sid in in_force for year in (today.year, today.year + 1)}
    assert sorted(wanted - received) == []
