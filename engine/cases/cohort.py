"""A cohort: many cases of one service and channel, as columns rather than objects.

An information system importing a year of applications, or an analyst trying a
regulation on a simulated load, has the cases as a table: one row per case (id,
moment of receipt, applicant, documents) and one row per action (which case, which
step, when, by whom, the outcome at a decision, the ground of a refusal). `Cohort`
holds that table as columns (instants as int64 microseconds since the epoch, as the
journal stores them); `engine.cases.cohort_run.run_cohort` runs it and gives a
`CohortResult` whose columns say how every case stands.

The definition is the commands: `Cohort.commands()` lists, case after case, the `Open`
of the case and a `Complete` per action (a `Refuse` for an action without a step), and
running the cohort gives exactly what `engine.cases.batch.run_one_by_one` gives on them — the
same events, the same messages for rejected commands, the same states.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import numpy as np
import numpy.typing as npt

from engine.calendar.instants import DEFAULT_TIMEZONE, from_micros
from engine.cases.batch import Applied
from engine.cases.commands import Command, Complete, Open, Refuse
from engine.cases.state import CaseState, Event, Status

__all__ = ["NONE", "STATUSES", "Cohort", "CohortError", "CohortResult"]

Int64Array = npt.NDArray[np.int64]
#: "No instant" in the int64 columns of a result (a step without a time limit, an open case).
NONE = np.iinfo(np.int64).min
#: The statuses a case can have, by their code in `CohortResult.status` (-1: not opened).
STATUSES: tuple[Status, ...] = ("open", "refused_to_accept", "result", "refusal")


class CohortError(ValueError):
    """Columns of a cohort that do not make a table (lengths, order of the actions)."""


@dataclass(frozen=True)
class Cohort:
    """Cases of one service and channel as columns.

    Per case (`n` rows): `case_ids`, `received` (int64 microseconds since the epoch),
    `applicants` (ИИН/БИН), `documents` (the ids handed in). Per action (`m` rows, a
    case's actions together and in their order, cases in the order of their rows):
    `action_case` (the row of the case), `steps` (the step completed, or None for a
    reasoned refusal at the active step), `at`, `by`, `outcomes`, `grounds`.
    `regulation` chooses a regulation as `Executor.open` does.

    Raises:
        CohortError: columns of different lengths, or actions out of case order.
    """

    service: str
    channel: str
    case_ids: Sequence[str]
    received: Int64Array
    applicants: Sequence[str]
    documents: Sequence[Sequence[str]]
    action_case: Int64Array
    steps: Sequence[str | None]
    at: Int64Array
    by: Sequence[str]
    outcomes: Sequence[str | None]
    grounds: Sequence[str | None]
    regulation: str | None = None
    timezone: str = DEFAULT_TIMEZONE

    def __post_init__(self) -> None:
        cases = len(self.case_ids)
        for name in ("received", "applicants", "documents"):
            if len(getattr(self, name)) != cases:
                raise CohortError(f"{name} has {len(getattr(self, name))} rows, case_ids {cases} "
                                  "(hint: one row per case)")
        actions = len(self.action_case)
        for name in ("steps", "at", "by", "outcomes", "grounds"):
            if len(getattr(self, name)) != actions:
                raise CohortError(f"{name} has {len(getattr(self, name))} rows, action_case "
                                  f"{actions} (hint: one row per action)")
        for name in ("received", "at", "action_case"):
            column = getattr(self, name)
            if not isinstance(column, np.ndarray) or column.dtype != np.int64:
                raise CohortError(f"{name} must be a numpy int64 array (hint: "
                                  "np.asarray(values, dtype=np.int64); instants in microseconds)")
        order = self.action_case
        if actions and (order.min() < 0 or order.max() >= cases
                        or bool((order[1:] < order[:-1]).any())):
            raise CohortError("action_case must name case rows (0 to n-1) in non-decreasing order "
                              "(hint: a case's actions together, cases in the order of their rows)")

    def __len__(self) -> int:
        return len(self.case_ids)

    @cached_property
    def offsets(self) -> Int64Array:
        """The actions of case `i` are rows `offsets[i]` to `offsets[i + 1]` (exclusive)."""
        counts = np.bincount(self.action_case, minlength=len(self)).astype(np.int64)
        offsets: Int64Array = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return offsets

    def commands(self, cases: Iterable[int] | None = None) -> list[Command]:
        """The commands the cohort stands for: per case its `Open`, then its actions."""
        commands: list[Command] = []
        offsets = self.offsets
        for i in range(len(self)) if cases is None else cases:
            case_id = self.case_ids[i]
            commands.append(Open(case_id, self.service, self.channel,
                                 self._instant(int(self.received[i])), self.applicants[i],
                                 tuple(self.documents[i]), self.regulation))
            for k in range(int(offsets[i]), int(offsets[i + 1])):
                step, when, by = self.steps[k], self._instant(int(self.at[k])), self.by[k]
                ground = self.grounds[k]
                if step is None:
                    commands.append(Refuse(case_id, ground or "", when, by))
                else:
                    commands.append(Complete(case_id, step, when, by, self.outcomes[k], ground))
        return commands

    def _instant(self, micros: int) -> dt.datetime:
        return from_micros(micros, self.timezone)


@dataclass
class CohortResult:
    """How every case of a cohort stands after its commands, as columns.

    Per case: `status` (a code into `STATUSES`, -1 when the opening was rejected),
    `due` (the term's end, `NONE` without one), `finished` (`NONE` while open),
    `active_due` (the due instant of the step the case waits on, `NONE` if none). Per
    action: `accepted`, `step_due` (the due instant of the step it completed or
    refused at, `NONE` without a time limit or when rejected). Messages of rejected
    commands are in `open_errors` (by case row) and `action_errors` (by action row).
    `states()`, `events()` and `applied()` give what `run_one_by_one` gives, made on demand,
    for the cohort's own commands; the complaints imported with it (`appeals`, filled by
    `CaseBook.import_cohort`) are in the journal's states, not in these.
    """

    cohort: Cohort
    status: npt.NDArray[np.int8]
    due: Int64Array
    finished: Int64Array
    active_due: Int64Array
    accepted: npt.NDArray[np.bool_]
    step_due: Int64Array
    open_errors: dict[int, str]
    action_errors: dict[int, str]
    fast: npt.NDArray[np.bool_]
    maker: CaseMaker
    #: One per command of the complaints imported with the cohort (`CaseBook.import_cohort`).
    appeals: list[Applied] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many cases have each status ("rejected": not opened), in `STATUSES` order."""
        tally = np.bincount(self.status.astype(np.int64) + 1, minlength=len(STATUSES) + 1)
        names = ("rejected", *STATUSES)
        return {name: int(tally[n]) for n, name in enumerate(names)}

    def met_term(self) -> npt.NDArray[np.bool_]:
        """Per case: finished within its term (False for open cases and those without a term)."""
        ended = (self.status >= 2) & (self.due != NONE)
        met: npt.NDArray[np.bool_] = ended & (self.finished <= self.due)
        return met

    def overdue(self, at: int) -> npt.NDArray[np.bool_]:
        """Per case: open at `at` (microseconds) with its active step or its term already due."""
        waiting = self.status == 0
        step = (self.active_due != NONE) & (self.active_due < at)
        term = (self.due != NONE) & (self.due < at)
        late: npt.NDArray[np.bool_] = waiting & (step | term)
        return late

    def state(self, row: int) -> CaseState | None:
        """The state of the case of `row` (None when its opening was rejected)."""
        return self.maker.state(row)

    def events(self, row: int) -> list[Event]:
        """The events the commands of the case of `row` produced, in order."""
        return self.maker.events(row)

    def states(self) -> dict[str, CaseState]:
        """Every opened case's state by id: `run_one_by_one(...).states`."""
        found: dict[str, CaseState] = {}
        for row in range(len(self.cohort)):
            state = self.state(row)
            if state is not None:
                found[state.case_id] = state
        return found

    def applied(self) -> list[Applied]:
        """One `Applied` per command of `Cohort.commands()`: `run_one_by_one(...).applied`."""
        applied: list[Applied] = []
        commands = self.cohort.commands()
        offsets = self.cohort.offsets.tolist()
        for row in range(len(self.cohort)):
            first, last = row + offsets[row], row + 1 + offsets[row + 1]
            applied.extend(self.maker.applied(row, commands[first:last]))
        return applied


class CaseMaker(Protocol):
    """What `CohortResult` needs to make states, events and `Applied` records on demand
    (`engine.cases.cohort_run` has the one implementation)."""

    def state(self, row: int) -> CaseState | None:
        """The state of the case of `row` after the cohort (None: its opening was rejected)."""

    def events(self, row: int) -> list[Event]:
        """The events of the commands of `row`, in order."""

    def applied(self, row: int, commands: list[Command]) -> list[Applied]:
        """One `Applied` per command of `row` (`commands`: `Cohort.commands([row])`)."""
