"""Run one scenario through the executor: open the case, walk it, compare with `expect`.

The walk: explicit `actions` are applied in order; before each, and after the last,
the active step is completed at its due instant (at its start when it has no time
limit) with the outcome `outcomes` gives, as long as that instant is not later than the
next action's. A service with no regulation in force on the day of receipt is run on
its standard alone (`Executor.receipt`): acceptance and the term, no steps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from engine.calendar import CalendarError
from engine.calendar.instants import from_micros, to_micros
from engine.cases.executor import ExecutionError, Executor
from engine.cases.state import Event
from engine.process.compile import END_PREFIX
from engine.scenarios.expect import Actual, Mismatch, compare, unknown_ids
from engine.scenarios.files import Action, Scenario
from engine.spec.errors import Location, SpecError
from engine.spec.model import Regulation, Standard, is_valid_on

__all__ = ["MAX_STEPS", "RECEIPT_KEYS", "ScenarioResult", "run_scenario"]

#: A case that has not ended after this many steps is in a loop of the scenario's making.
MAX_STEPS = 1000
#: What a scenario run on its standard alone (no regulation in force) can check.
RECEIPT_KEYS = ("status", "refused_to_accept", "article", "due")
_Path = tuple[str | int, ...]
#: Which key of a scenario an error of opening a case is about, by the words of the error.
_OPEN_KEYS = (("unknown document", "documents"), ("ИИН", "applicant"),
              ("outside the reception hours", "received"), ("channel", "channel"),
              ("regulation", "regulation"), ("unknown service", "service"),
              ("not in force", "received"))


@dataclass(frozen=True)
class ScenarioResult:
    """The outcome of one scenario: passed, failed (mismatches) or error (it could not run)."""

    name: str
    location: Location
    mismatches: tuple[Mismatch, ...] = ()
    errors: tuple[SpecError, ...] = ()

    @property
    def status(self) -> Literal["passed", "failed", "error"]:
        """`error` when the scenario could not run, `failed` on any mismatch."""
        if self.errors:
            return "error"
        return "failed" if self.mismatches else "passed"

    @property
    def passed(self) -> bool:
        """True when every expectation was met."""
        return self.status == "passed"

    def report(self) -> str:
        """Every error and mismatch, one per line, each at its `file:line:col`."""
        return "\n".join([*(str(e) for e in self.errors), *(str(m) for m in self.mismatches)])


class _Failed(Exception):
    """A scenario that cannot run; `rejected` when the engine refused the case or an action."""

    def __init__(self, errors: Sequence[SpecError], *, rejected: bool = False) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = tuple(errors)
        self.rejected = rejected


def run_scenario(scenario: Scenario, executor: Executor) -> ScenarioResult:
    """Run a scenario and compare what the engine gives with what it expects."""
    expected_error = scenario.expect.get("error")
    try:
        actual = _run(scenario, executor)
    except CalendarError as error:  # a day the calendar does not cover
        return ScenarioResult(scenario.name, scenario.location, errors=(SpecError(
            scenario.where("received"), "received", str(error), "calendar"),))
    except _Failed as failed:
        if expected_error is None or not failed.rejected:
            return ScenarioResult(scenario.name, scenario.location, errors=failed.errors)
        message = failed.errors[0].message
        if expected_error in message:
            return ScenarioResult(scenario.name, scenario.location)
        return ScenarioResult(scenario.name, scenario.location, (Mismatch(
            scenario.where("expect", "error"), "expect.error",
            f'the engine to reject it with "{expected_error}"', f'"{message}"'),))
    if expected_error is not None:
        return ScenarioResult(scenario.name, scenario.location, (Mismatch(
            scenario.where("expect", "error"), "expect.error",
            f'the engine to reject it with "{expected_error}"',
            f"no error (status {actual.status})"),))
    return ScenarioResult(scenario.name, scenario.location, tuple(compare(scenario, actual)))


def _fail(scenario: Scenario, path: _Path, message: str, *, key: bool = False,
          rejected: bool = False) -> _Failed:
    crumb = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    return _Failed([SpecError(scenario.where(*path, key=key), crumb, message, "scenario")],
                   rejected=rejected)


def _given(scenario: Scenario) -> dict[str, Any]:
    """The scenario as written."""
    node: Any = scenario.source.data
    for part in scenario.base:
        node = node[part]
    assert isinstance(node, dict)
    return node


def _rejected(scenario: Scenario, error: ExecutionError) -> _Failed:
    """The engine refused to open the case: point at the key the error is about."""
    given = _given(scenario)
    key = next((k for words, k in _OPEN_KEYS if words in str(error) and k in given), None)
    return _fail(scenario, (key,) if key else (), str(error), rejected=True)


def _check_ids(scenario: Scenario, standard: Standard, regulation: Regulation | None) -> None:
    found = unknown_ids(scenario, standard, regulation)
    if found:
        raise _Failed([_fail(scenario, path, message, key=key).errors[0]
                       for path, key, message in found])


def _run(scenario: Scenario, executor: Executor) -> Actual:
    corpus, day = executor.corpus, scenario.received.date()
    service = scenario.service
    if scenario.regulation is None and service is not None and not any(
            is_valid_on(r, day) for r in corpus.regulations_for(service)):
        return _run_on_standard(scenario, executor, service)
    try:
        events = executor.open(f"scenario:{scenario.name}", service or "", scenario.channel,
                               scenario.received, scenario.applicant, scenario.documents,
                               regulation=scenario.regulation)
    except ExecutionError as error:
        raise _rejected(scenario, error) from None
    state = executor.replay(events)
    standard = next(s for s in corpus.standard_versions(state.standard)
                    if s.valid_from.isoformat() == state.standard_version)
    regulation = next(r for r in corpus.regulation_versions(state.regulation)
                      if r.valid_from.isoformat() == state.regulation_version)
    if service is not None and service != standard.id:
        raise _fail(scenario, ("service",), f'regulation "{regulation.id}" implements service '
                    f'"{standard.id}", not "{service}" (hint: name one of them, or both right)')
    _check_ids(scenario, standard, regulation)
    walk = _Walk(scenario, executor, events)
    walk.run()
    return Actual.of_case(executor, walk.state, walk.events, regulation)


def _run_on_standard(scenario: Scenario, executor: Executor, service: str) -> Actual:
    day = scenario.received.date()
    given = _given(scenario)
    needs_steps = [(key,) for key in ("outcomes", "ground", "actions") if key in given] + [
        ("expect", key) for key in scenario.expect if key not in (*RECEIPT_KEYS, "error")]
    if needs_steps:
        raise _Failed([_fail(scenario, path, f"{'.'.join(map(str, path))} needs the steps of a "
                             f'regulation, and no regulation of "{service}" is in force on '
                             f"{day}: the case runs on the standard alone (hint: check only "
                             f"{', '.join(RECEIPT_KEYS)} here, or name a regulation in force "
                             "on that day)", key=True).errors[0] for path in needs_steps])
    try:
        receipt = executor.receipt(service, scenario.channel, scenario.received,
                                   scenario.applicant, scenario.documents)
    except ExecutionError as error:
        raise _rejected(scenario, error) from None
    standard = next(s for s in executor.corpus.standard_versions(service)
                    if s.valid_from.isoformat() == receipt.standard_version)
    _check_ids(scenario, standard, None)
    return Actual.of_receipt(receipt, executor.calendar.timezone)


class _Walk:
    """Walks an opened case to its end through the scenario's actions and defaults."""

    def __init__(self, scenario: Scenario, executor: Executor, events: list[Event]) -> None:
        self.scenario = scenario
        self.executor = executor
        self.events = list(events)
        self.state = executor.replay(events)
        self.visits: Counter[str] = Counter()

    def run(self) -> None:
        pending = list(self.scenario.actions)
        for _ in range(MAX_STEPS):
            if self.state.closed:
                break
            active = self.state.active
            assert active is not None
            default_at = active.due if active.due is not None else active.started
            action = pending[0] if pending else None
            if action is not None and (to_micros(action.at) < default_at or (
                    action.kind == "complete" and action.step == active.step)):
                self._apply(action)
                pending.pop(0)
            else:
                self._default(default_at)
        else:
            raise _fail(self.scenario, ("outcomes",) if self.scenario.outcomes else (),
                        f"the case did not end after {MAX_STEPS} steps (hint: a decision's "
                        "outcome leads back into a loop; list one outcome per visit)")
        if pending:
            raise _fail(self.scenario, ("actions", pending[0].index),
                        f"the case had already ended ({self.state.status}) at "
                        f"{self._show(self.state.finished)}, before this action")

    def _show(self, micros: int | None) -> str:
        if micros is None:
            return "no time limit"
        return from_micros(micros, self.executor.calendar.timezone).isoformat()

    def _outcome(self, step: str) -> str | None:
        """The outcome `outcomes` gives for this visit of `step` (None when it gives none)."""
        chosen = self.scenario.outcomes.get(step)
        visit = self.visits[step]
        self.visits[step] += 1
        if chosen is None:
            return None
        if visit >= len(chosen):
            raise _fail(self.scenario, ("outcomes", step),
                        f'step "{step}" is reached {visit + 1} times, and outcomes gives '
                        f"{len(chosen)} (hint: list one outcome per visit)")
        return chosen[visit]

    def _ground(self, outcome: str | None, explicit: str | None, path: _Path) -> str | None:
        """The ground to cite: the action's own, else when this completion refuses, the
        scenario's `ground` or the only one the refusal allows."""
        if explicit is not None:
            return explicit  # the engine says whether it fits
        target, grounds = self._engine(path, lambda: self.executor.leads_to(self.state, outcome))
        if target != f"{END_PREFIX}refusal":
            return None
        given = self.scenario.ground
        if given is not None or len(grounds) == 1:
            return given or grounds[0]
        step = self.state.active.step if self.state.active else "?"
        raise _fail(self.scenario, path, f'the refusal reached through "{step}" must cite a '
                    f"ground (hint: add `ground:`, one of {', '.join(grounds)})")

    def _default(self, at: int) -> None:
        active = self.state.active
        assert active is not None
        outcome = self._outcome(active.step)
        where: _Path = ("outcomes", active.step) if outcome else ()
        if outcome is None:
            self._engine(where, lambda: self.executor.leads_to(self.state, None),
                         hint=f"add `outcomes: {{{active.step}: ...}}` to the scenario")
        ground = self._ground(outcome, None, ("ground",) if self.scenario.ground else where)
        self._append(where, lambda: self.executor.complete(
            self.state, active.step, at=from_micros(at, self.executor.calendar.timezone),
            by=active.actor, outcome=outcome, ground=ground))

    def _apply(self, action: Action) -> None:
        active = self.state.active
        assert active is not None
        where: _Path = ("actions", action.index)
        if action.kind == "refuse":
            cited = action.ground or ""
            self._append(where, lambda: self.executor.refuse(
                self.state, cited, at=action.at, by=action.by or active.actor))
            return
        step = action.step or ""
        if step != active.step:
            raise _fail(self.scenario, where, f'at {action.at.isoformat()} the case waits on '
                        f'"{active.step}" (by {active.actor}, due {self._show(active.due)}), '
                        f'not on "{step}"')
        outcome: str | None = action.outcome
        if outcome is not None:
            self.visits[step] += 1
        else:
            outcome = self._outcome(step)
        ground = self._ground(outcome, action.ground, where)
        self._append(where, lambda: self.executor.complete(
            self.state, step, at=action.at, by=action.by or active.actor, outcome=outcome,
            ground=ground))

    def _engine(self, path: _Path, call: Callable[[], Any], *, hint: str | None = None) -> Any:
        """Call the executor; a refusal becomes a located scenario error."""
        try:
            return call()
        except ExecutionError as error:
            message = str(error)
            if hint and "give its outcome" in message:
                message += f" (hint: {hint})"
            raise _fail(self.scenario, path, message, rejected=True) from None

    def _append(self, path: _Path, call: Callable[[], list[Event]]) -> None:
        for event in self._engine(path, call):
            self.events.append(event)
            self.state = self.executor.apply(self.state, event)
