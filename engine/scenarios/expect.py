"""What a scenario's case actually gave, and its comparison with the scenario's `expect`.

`Actual` gathers the engine's answers once (status, term, steps' due instants, path,
results, margin; the late steps at any moment from the case's events); `compare`
returns one `Mismatch` per expectation that differs, located at the expected value.
`unknown_ids` finds ids in a scenario that the specs do not define, with a hint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from engine.calendar import parse_instant
from engine.calendar.instants import from_micros, to_micros
from engine.cases.executor import Executor, Overdue, Receipt
from engine.cases.state import CaseState, Event
from engine.cases.timeline import case_margin
from engine.process.compile import outcome_node
from engine.scenarios.files import Scenario, parse_working_minutes
from engine.spec.checks import did_you_mean
from engine.spec.errors import Location
from engine.spec.model import Regulation, Standard

__all__ = ["Actual", "Mismatch", "compare", "unknown_ids"]

_Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Mismatch:
    """An expectation the engine did not meet: where it is written, what was expected and got."""

    location: Location
    key: str
    expected: str
    actual: str

    def __str__(self) -> str:
        return f"{self.location}: {self.key}: expected {self.expected}, got {self.actual}"


@dataclass(frozen=True)
class Actual:
    """The engine's answers for one scenario's case."""

    status: str
    timezone: str
    missing: tuple[str, ...] = ()
    article: str | None = None
    due: int | None = None
    steps_due: dict[str, int | None] = field(default_factory=dict)
    path: tuple[str, ...] = ()
    finished: int | None = None
    results: tuple[str, ...] = ()
    ground: str | None = None
    met_term: bool | None = None
    margin: int | None = None
    #: The margin in words, in the term's unit (`engine.calendar.margins`).
    margin_words: str | None = None
    overdue: Callable[[int], list[Overdue]] | None = None

    @classmethod
    def of_receipt(cls, receipt: Receipt, timezone: str) -> Actual:
        """What the standard alone says: accepted (the case is open) or refused to accept."""
        status = "refused_to_accept" if receipt.missing else "open"
        return cls(status, timezone, receipt.missing, receipt.article, receipt.due)

    @classmethod
    def of_case(cls, executor: Executor, state: CaseState, events: list[Event],
                regulation: Regulation) -> Actual:
        """What a walked case gives."""
        steps_due: dict[str, int | None] = {}
        for record in state.history:
            steps_due.setdefault(record.step, record.due)
        if state.active is not None:
            steps_due.setdefault(state.active.step, state.active.due)
        # the steps an outcome's time limit stands for (`review.refuse`) issue no results
        issued = {s.id: s.results for s in regulation.processes[state.channel]}
        results = tuple(dict.fromkeys(r for record in state.history
                                      for r in issued.get(record.step, ())))
        opened = events[0].at
        timezone = executor.calendar.timezone

        def overdue(at: int) -> list[Overdue]:
            # the case as it stood at `at` (scenario files refuse moments before receipt)
            then = executor.replay([e for e in events if e.at <= max(at, opened)])
            return executor.overdue(then, from_micros(at, timezone))

        return cls(state.status, timezone, state.missing, state.article, state.due, steps_due,
                   tuple(r.step for r in state.history), state.finished, results, state.ground,
                   state.met_term, executor.margin_minutes(state), case_margin(executor, state),
                   overdue)

    def show(self, micros: int | None) -> str:
        """An instant as local ISO text, or what its absence means."""
        if micros is None:
            return "none" if self.status != "refused_to_accept" else "none (refused to accept)"
        return from_micros(micros, self.timezone).isoformat()


def _ids(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(values) + "]" if values else "[] (none)"


def _minutes(value: int | None) -> str:
    return "none" if value is None else f"{value:+d} min"


def _late(items: list[Overdue]) -> str:
    steps = [f"{o.step} by {o.actor}, {o.late_minutes} min late" for o in items]
    return "; ".join(steps) if steps else "no late step"


def _term(item: Overdue | None) -> str:
    return f"late by {item.late_minutes} min" if item is not None else "not late"


def compare(scenario: Scenario, actual: Actual) -> Iterator[Mismatch]:
    """One mismatch per expectation of the scenario that the actual case does not meet."""
    expect = scenario.expect

    def mismatch(path: _Path, expected: str, got: str) -> Mismatch:
        key = ".".join(["expect", *(f"[{p}]" if isinstance(p, int) else p for p in path)])
        return Mismatch(scenario.where("expect", *path), key.replace(".[", "["), expected, got)

    def instant(text: str) -> int:
        return to_micros(parse_instant(text))

    if "status" in expect and expect["status"] != actual.status:
        yield mismatch(("status",), expect["status"], actual.status)
    if "refused_to_accept" in expect:
        wanted = tuple(expect["refused_to_accept"])
        if actual.status != "refused_to_accept" or set(wanted) != set(actual.missing):
            got = (f"refused to accept for {_ids(actual.missing)}" if actual.missing
                   else f"accepted (status {actual.status})")
            yield mismatch(("refused_to_accept",), f"refused to accept for {_ids(wanted)}", got)
    if "article" in expect and expect["article"] != actual.article:
        yield mismatch(("article",), f'"{expect["article"]}"',
                       f'"{actual.article}"' if actual.article else "no article (accepted)")
    for key, moment in (("due", actual.due), ("finished", actual.finished)):
        if key in expect and instant(expect[key]) != moment:
            yield mismatch((key,), expect[key], actual.show(moment))
    for step, text in expect.get("steps_due", {}).items():
        if step not in actual.steps_due:
            yield mismatch(("steps_due", step), text, f'the case never reached "{step}" '
                           f"(path {_ids(actual.path)})")
        elif instant(text) != actual.steps_due[step]:
            shown = actual.show(actual.steps_due[step])
            yield mismatch(("steps_due", step), text,
                           "no time limit" if actual.steps_due[step] is None else shown)
    if "path" in expect and tuple(expect["path"]) != actual.path:
        yield mismatch(("path",), _ids(expect["path"]), _ids(actual.path))
    if "results" in expect and set(expect["results"]) != set(actual.results):
        yield mismatch(("results",), _ids(expect["results"]), _ids(actual.results))
    if "ground" in expect and expect["ground"] != actual.ground:
        yield mismatch(("ground",), expect["ground"], actual.ground or
                       f"no ground (status {actual.status})")
    if "met_term" in expect and expect["met_term"] is not actual.met_term:
        got = str(actual.met_term).lower() if actual.met_term is not None else \
            f"no term to meet (status {actual.status})"
        yield mismatch(("met_term",), str(expect["met_term"]).lower(), got)
    if "margin" in expect and parse_working_minutes(expect["margin"]) != actual.margin:
        got = _minutes(actual.margin)
        yield mismatch(("margin",), _minutes(parse_working_minutes(expect["margin"])),
                       f"{got} ({actual.margin_words})" if actual.margin_words else got)
    for index, entry in enumerate(expect.get("overdue", [])):
        yield from _compare_overdue(mismatch, index, entry, actual, instant(entry["at"]))


def _compare_overdue(mismatch: Callable[[_Path, str, str], Mismatch], index: int,
                     entry: dict[str, Any], actual: Actual, at: int) -> Iterator[Mismatch]:
    assert actual.overdue is not None
    late = actual.overdue(at)
    steps = [o for o in late if o.step is not None]
    term = next((o for o in late if o.step is None), None)
    wanted = entry["steps"]
    got_by_step = {o.step: o for o in steps}
    same = {w["step"] for w in wanted} == set(got_by_step) and all(
        w.get("actor", got_by_step[w["step"]].actor) == got_by_step[w["step"]].actor
        and ("late" not in w
             or parse_working_minutes(w["late"]) == got_by_step[w["step"]].late_minutes)
        for w in wanted)
    if not same:
        shown = "; ".join(
            w["step"] + (f" by {w['actor']}" if "actor" in w else "")
            + (f", {parse_working_minutes(w['late'])} min late" if "late" in w else "")
            for w in wanted) or "no late step"
        yield mismatch(("overdue", index, "steps"), f"at {entry['at']}: {shown}",
                       _late(steps))
    if "term" in entry:
        expected = entry["term"]
        if isinstance(expected, bool):
            ok = (term is not None) == expected
            text = "late" if expected else "not late"
        else:
            minutes = parse_working_minutes(expected)
            ok = term is not None and term.late_minutes == minutes
            text = f"late by {minutes} min"
        if not ok:
            yield mismatch(("overdue", index, "term"), f"at {entry['at']}: the term {text}",
                           f"the term {_term(term)}")


def unknown_ids(scenario: Scenario, standard: Standard,
                regulation: Regulation | None) -> list[tuple[_Path, bool, str]]:
    """Ids the scenario uses that the specs do not define: where (is it a key?) and a hint."""
    found: list[tuple[_Path, bool, str]] = []

    def check(path: _Path, what: str, value: str, known: set[str], owner: str, *,
              key: bool = False) -> None:
        if value not in known:
            found.append((path, key, f'unknown {what} "{value}" of {owner} '
                                     f"(hint: {did_you_mean(value, known)})"))

    expect = scenario.expect
    service = f'service "{standard.id}"'
    for index, document in enumerate(expect.get("refused_to_accept", [])):
        check(("expect", "refused_to_accept", index), "document", document,
              {d.id for d in standard.documents}, service)
    for index, result in enumerate(expect.get("results", [])):
        check(("expect", "results", index), "result", result, {r.id for r in standard.results},
              service)
    grounds = {g.id for g in standard.refusal_grounds}
    if "ground" in expect:
        check(("expect", "ground"), "refusal ground", expect["ground"], grounds, service)
    if regulation is None:
        return found
    process = regulation.processes.get(scenario.channel, ())
    steps = {s.id for s in process} | {outcome_node(s.id, o.id) for s in process
                                       for o in s.outcomes if o.duration is not None}
    actors = {a.id for a in regulation.actors}
    owner = f'channel "{scenario.channel}" of "{regulation.id}"'
    for step in scenario.outcomes:
        check(("outcomes", step), "step", step, steps, owner, key=True)
    for action in scenario.actions:
        if action.step is not None:
            check(("actions", action.index, "complete"), "step", action.step, steps, owner)
    for step in expect.get("steps_due", {}):
        check(("expect", "steps_due", step), "step", step, steps, owner, key=True)
    for index, step in enumerate(expect.get("path", [])):
        check(("expect", "path", index), "step", step, steps, owner)
    for index, entry in enumerate(expect.get("overdue", [])):
        for number, late in enumerate(entry["steps"]):
            check(("expect", "overdue", index, "steps", number, "step"), "step", late["step"],
                  steps, owner)
            if "actor" in late:
                check(("expect", "overdue", index, "steps", number, "actor"), "actor",
                      late["actor"], actors, f'"{regulation.id}"')
    return found
