"""Many commands at once: exactly what applying them one by one gives, with less work.

An information system importing a backlog, or an analyst simulating a year of
applications, has thousands of commands (`engine.cases.commands`: `Open`, `Complete`,
`Refuse`) on many cases. `run_batch` returns, for each command, the events it produced
or the message it was rejected with, and the state of every case after the batch —
event for event what `run_one_by_one` gives, which is the definition:

0. a command that cannot be decided — a field of the wrong type, a blank case id, text
   that is not valid Unicode (`engine.cases.commands.command_problem`) — is rejected with
   that message, and changes nothing;
1. a command whose id the case already has (given in `applied_ids`, or accepted
   earlier in the batch) is acknowledged again and changes nothing (`repeated`); an
   `Open` without an id has the id `"<case>:open"`, an action without one is not checked;
2. an `Open` of a case that exists is rejected ("already exists"), an action on a case
   that does not is rejected ("no case");
3. otherwise the `Executor` decides the events (`open`, `complete`, `refuse`) on the
   case's state and `Executor.apply` folds them; an `ExecutionError` or a
   `CalendarError` from either rejects the command with its message, and the case stays
   as it was for the commands after it.

`run_batch` takes the same steps with the same `Executor` code, but folds each event
into a working copy of the case (no copy per event) and counts due instants later, for
all commands at once: each request is noted, then every group of the same schedule,
term and rule is computed with the calendar's array functions
(`engine.calendar.batch`, through `engine.cases.batch_due`), which work on whole seconds. An instant with a fraction of
a second is counted by the scalar arithmetic instead; a group with an instant beyond
the calendar is counted one by one, and a case whose due instant cannot be counted
(the command is then rejected) is run again one by one from its state before the
batch, so that every message is the one `run_one_by_one` gives. The cyclic garbage collector
is paused during a batch (`collector_paused`): the pass makes a few objects per command,
none in a cycle, and with it running a batch of 100,000 cases took twice as long.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import NamedTuple

from engine.calendar import CalendarError
from engine.cases.batch_due import Deferred, due_many, settle
from engine.cases.commands import Command, Complete, Open, Refuse, command_problem
from engine.cases.executor import ExecutionError, Executor
from engine.cases.state import CaseState, Event

__all__ = ["Applied", "BatchResult", "collector_paused", "command_key", "decide", "due_many",
           "run_batch", "run_one_by_one"]

#: Below this many commands, `run_batch` runs them one by one (the grouping costs more).
_SMALL = 16


class Applied(NamedTuple):
    """What one command of a batch did: its events, or why it was rejected.

    `repeated` is True for a command whose id the case already had: acknowledged, with
    no new events.
    """

    command: Command
    events: tuple[Event, ...] = ()
    error: str | None = None
    repeated: bool = False

    @property
    def accepted(self) -> bool:
        """True unless the command was rejected."""
        return self.error is None


class BatchResult(NamedTuple):
    """One `Applied` per command, in order, and the state after the batch of every case a
    command named that exists (given, or opened by the batch)."""

    applied: list[Applied]
    states: dict[str, CaseState]


def command_key(command: Command) -> str | None:
    """The id a retry of `command` is recognised by (None: an action without an id)."""
    if command.command_id is not None:
        return command.command_id
    return f"{command.case_id}:open" if type(command) is Open else None


def decide(executor: Executor, state: CaseState | None, command: Command,
           where: str = "") -> list[Event]:
    """The events of one command on a case's state (None when no such case exists yet).

    `where` completes the message for an unknown case (" in journal.db").

    Raises:
        ExecutionError: as the `Executor` does, and for an `Open` of an existing case or
            an action on a missing one.
        CalendarError: an instant the calendar cannot read.
    """
    if isinstance(command, Open):
        if state is not None:
            raise ExecutionError(f"case {command.case_id!r} already exists "
                                 "(hint: choose another id)")
        return executor.open(command.case_id, command.service, command.channel,
                             command.received, command.applicant, command.documents,
                             regulation=command.regulation, command_id=command.command_id)
    if state is None:
        raise ExecutionError(f"no case {command.case_id!r}{where} (hint: open it first)")
    if isinstance(command, Complete):
        return executor.complete(state, command.step, at=command.at, by=command.by,
                                 outcome=command.outcome, ground=command.ground,
                                 command_id=command.command_id)
    if isinstance(command, Refuse):
        return executor.refuse(state, command.ground, at=command.at, by=command.by,
                               command_id=command.command_id)
    return executor.appeal(state, command)


def run_one_by_one(executor: Executor, commands: Iterable[Command],
                   states: Mapping[str, CaseState] | None = None, *,
                   applied_ids: Collection[tuple[str, str]] = (), where: str = "") -> BatchResult:
    """Each command decided on the state the ones before it left (the module's rules 1-3).

    Args:
        states: the cases as they stand before the batch, by id (left unchanged).
        applied_ids: (case id, command id) of the commands the cases already had.
        where: completes the message for an unknown case.
    """
    current: dict[str, CaseState] = {}
    given = states or {}
    seen = set(applied_ids)
    applied: list[Applied] = []
    for command in commands:
        problem = command_problem(command)
        if problem is not None:
            applied.append(Applied(command, (), problem))
            continue
        case_id = command.case_id
        key = command_key(command)
        if key is not None and (case_id, key) in seen:
            applied.append(Applied(command, (), None, True))
            if case_id not in current and case_id in given:
                current[case_id] = given[case_id].copy()
            continue
        state = current[case_id] if case_id in current else given.get(case_id)
        try:
            events = decide(executor, state, command, where)
            for event in events:
                state = executor.apply(state, event)
        except (ExecutionError, CalendarError) as error:
            applied.append(Applied(command, (), str(error)))
            if case_id not in current and case_id in given:
                current[case_id] = given[case_id].copy()
            continue
        assert state is not None
        current[case_id] = state
        seen.add((case_id, events[0].command_id))
        applied.append(Applied(command, tuple(events)))
    return BatchResult(applied, current)


def run_batch(executor: Executor, commands: Sequence[Command],
              states: Mapping[str, CaseState] | None = None, *,
              applied_ids: Collection[tuple[str, str]] = (), where: str = "") -> BatchResult:
    """What `run_one_by_one` gives, with due instants counted for all commands at once.

    The arguments are `run_one_by_one`'s; `states` are copied, never changed.
    """
    if len(commands) < _SMALL:
        return run_one_by_one(executor, commands, states, applied_ids=applied_ids, where=where)
    with collector_paused():
        return _run(executor, commands, states or {}, applied_ids, where)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (as it was, after).

    A batch makes a few objects per command, none in a cycle, and memory is freed by
    reference counting all the same; but each object made counts towards the collector's
    next pass, and a full pass walks every object of the process: with a large heap
    (100,000 cases in memory) the passes cost more than the batch.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _run(executor: Executor, commands: Sequence[Command], given: Mapping[str, CaseState],
         applied_ids: Collection[tuple[str, str]], where: str) -> BatchResult:
    current: dict[str, CaseState] = {}
    seen = set(applied_ids)
    deferred = Deferred(executor)
    fold = executor.fold
    anomalous: set[str] = set()
    applied: list[Applied] = []
    append = applied.append
    for command in commands:
        problem = command_problem(command)
        if problem is not None:
            append(Applied(command, (), problem))
            continue
        case_id = command.case_id
        key = command.command_id
        if key is None and type(command) is Open:
            key = f"{case_id}:open"
        state = current.get(case_id)
        if state is None and case_id in given:
            state = current[case_id] = given[case_id].copy()
        if key is not None and (case_id, key) in seen:
            append(Applied(command, (), None, True))
            continue
        try:
            events = decide(executor, state, command, where)
        except (ExecutionError, CalendarError) as error:
            append(Applied(command, (), str(error)))
            continue
        try:
            for event in events:
                state = fold(state, event, copy=False, due_of=deferred)
        except (ExecutionError, CalendarError) as error:
            if case_id not in current:  # an opening: the new state is dropped, as apply drops it
                append(Applied(command, (), str(error)))
                continue
            anomalous.add(case_id)  # a fold cut short: the case is run again one by one
        assert state is not None
        current[case_id] = state
        seen.add((case_id, events[0].command_id))
        append(Applied(command, tuple(events)))
    values, failed = deferred.resolve()
    for case_id, state in current.items():
        if case_id not in anomalous and not settle(state, values, failed):
            anomalous.add(case_id)
    if anomalous:
        _run_again(executor, commands, given, applied_ids, where, anomalous, applied, current)
    return BatchResult(applied, current)


def _run_again(executor: Executor, commands: Sequence[Command], given: Mapping[str, CaseState],
               applied_ids: Collection[tuple[str, str]], where: str, cases: set[str],
               applied: list[Applied], current: dict[str, CaseState]) -> None:
    """Replace the results and states of `cases` by those of `run_one_by_one`."""
    positions = [n for n, command in enumerate(commands)  # (an ill-typed id is no case's)
                 if isinstance(case_id := getattr(command, "case_id", None), str) and case_id in cases]
    again = run_one_by_one(executor, [commands[n] for n in positions],
                           {c: given[c] for c in cases if c in given},
                           applied_ids=[(c, k) for c, k in applied_ids if c in cases], where=where)
    for n, result in zip(positions, again.applied, strict=True):
        applied[n] = result
    for case_id in cases:
        current.pop(case_id, None)
        if case_id in again.states:
            current[case_id] = again.states[case_id]
