"""Complaints of a cohort as columns: `Appeals`, imported with it by `CaseBook.import_cohort`.

A provider importing a year of cases has its register of complaints beside them: one row
per complaint (the case, the complaint's id, the body it was filed with, the complainant,
the substance, when and by whom it was registered) with, where they happened, its
extension, decision and revision — the seven columns of seed 000's appendix and their
instants (int64 microseconds since the epoch, as `Cohort`'s; `NONE` where a row has none).

The definition is the commands, as a cohort's: `Appeals.commands()` lists an `Appeal` per
row and an `ExtendAppeal`, `DecideAppeal`, `ReviseAppeal` where the row has one, the
commands of a case in the order of their instants (a complaint's own in that order of
kinds at one instant; rows in their order otherwise), cases in the order they first
appear. `CaseBook.import_cohort(cohort, appeals)` decides them on the cohort's cases
exactly as `CaseBook.apply_many` would after the cohort — the same checks, messages
and events — and writes everything in the one transaction of the import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from engine.calendar.instants import DEFAULT_TIMEZONE, from_micros
from engine.cases.appeal_commands import (
    Appeal,
    AppealCommand,
    DecideAppeal,
    ExtendAppeal,
    ReviseAppeal,
)
from engine.cases.cohort import NONE, CohortError

__all__ = ["Appeals"]

Int64Array = npt.NDArray[np.int64]
#: Columns given together or not at all; the first says whether a row has the event.
_GROUPS = {
    "extension": ("extension_days", "extension_reasons", "extended", "extended_by"),
    "decision": ("decisions", "documents", "examined_by", "decided", "decided_by"),
    "revision": ("revisions", "revised", "revised_by"),
}
_INT64 = ("filed", "extended", "decided", "revised", "extension_days")


@dataclass(frozen=True)
class Appeals:
    """Complaints about the cases of a cohort, one row per complaint.

    Required: `case_ids`, `appeals` (the complaint ids), `bodies` (`provider`,
    `state_corporation`, `quality_agency`), `complainants`, `substances`, `filed`
    (int64 microseconds), `filed_by`. Optional groups, all columns of a group or none:
    the extension (`extension_days`, 0 for none; `extension_reasons`, `extended`,
    `extended_by`), the decision (`decisions`, None for none; `documents`,
    `examined_by`, `decided`, `decided_by`), the revision (`revisions`, None for none;
    `revised`, `revised_by`). A row without the event has None and `NONE` in the group's
    other columns.

    Raises:
        CohortError: columns of different lengths, a group given in part, an instant
            column that is not int64, or a row whose group is half filled (named).
    """

    case_ids: Sequence[str]
    appeals: Sequence[str]
    bodies: Sequence[str]
    complainants: Sequence[str]
    substances: Sequence[str]
    filed: Int64Array
    filed_by: Sequence[str]
    extension_days: Int64Array | None = None
    extension_reasons: Sequence[str | None] | None = None
    extended: Int64Array | None = None
    extended_by: Sequence[str | None] | None = None
    decisions: Sequence[str | None] | None = None
    documents: Sequence[str | None] | None = None
    examined_by: Sequence[str | None] | None = None
    decided: Int64Array | None = None
    decided_by: Sequence[str | None] | None = None
    revisions: Sequence[str | None] | None = None
    revised: Int64Array | None = None
    revised_by: Sequence[str | None] | None = None
    timezone: str = DEFAULT_TIMEZONE

    def __post_init__(self) -> None:
        rows = len(self.case_ids)
        for field in fields(self):
            column = getattr(self, field.name)
            if field.name == "timezone" or column is None:
                continue
            if len(column) != rows:
                raise CohortError(f"appeals: {field.name} has {len(column)} rows, case_ids "
                                  f"{rows} (hint: one row per complaint)")
            if field.name in _INT64 and (not isinstance(column, np.ndarray)
                                            or column.dtype != np.int64):
                raise CohortError(f"appeals: {field.name} must be a numpy int64 array (hint: "
                                  "np.asarray(values, dtype=np.int64); instants in microseconds)")
        for group, names in _GROUPS.items():
            given = [getattr(self, name) is not None for name in names]
            if any(given) and not all(given):
                missing = [name for name, present in zip(names, given, strict=True) if not present]
                raise CohortError(f"appeals: the {group} lacks {', '.join(missing)} (hint: "
                                  f"give {', '.join(names)} together, or none of them)")
            if all(given):
                self._check_rows(group, names)

    def _check_rows(self, group: str, names: tuple[str, ...]) -> None:
        for row in range(len(self)):
            present = [_has(getattr(self, name)[row]) for name in names]
            if any(present) and not all(present):
                empty = [name for name, has in zip(names, present, strict=True) if not has]
                raise CohortError(f"appeals row {row} (case {self.case_ids[row]!r}, complaint "
                                  f"{self.appeals[row]!r}): the {group} lacks "
                                  f"{', '.join(empty)} (hint: fill every column of the "
                                  f"{group} of a row, or none: None, NONE, 0 days)")

    def __len__(self) -> int:
        return len(self.case_ids)

    def commands(self) -> list[AppealCommand]:
        """The commands the rows stand for, per case in the order of their instants."""
        by_case: dict[str, list[tuple[int, AppealCommand]]] = {}
        for row in range(len(self)):
            by_case.setdefault(self.case_ids[row], []).extend(self._row(row))
        ordered: list[AppealCommand] = []
        for commands in by_case.values():
            ordered.extend(command for _, command in sorted(commands, key=lambda c: c[0]))
        return ordered

    def _row(self, row: int) -> list[tuple[int, AppealCommand]]:
        case_id, appeal = self.case_ids[row], self.appeals[row]
        filed = int(self.filed[row])
        made: list[tuple[int, AppealCommand]] = [(filed, Appeal(
            case_id, appeal, self.bodies[row], self.complainants[row], self.substances[row],
            self._instant(filed), self.filed_by[row]))]
        if self.extension_days is not None and _has(self.extension_days[row]):
            assert self.extension_reasons is not None
            assert self.extended is not None
            assert self.extended_by is not None
            when = int(self.extended[row])
            made.append((when, ExtendAppeal(case_id, appeal, int(self.extension_days[row]),
                                            _text(self.extension_reasons[row]),
                                            self._instant(when), _text(self.extended_by[row]))))
        if self.decisions is not None and _has(self.decisions[row]):
            assert self.documents is not None
            assert self.examined_by is not None
            assert self.decided is not None
            assert self.decided_by is not None
            when = int(self.decided[row])
            made.append((when, DecideAppeal(case_id, appeal, _text(self.decisions[row]),
                                            _text(self.documents[row]),
                                            _text(self.examined_by[row]), self._instant(when),
                                            _text(self.decided_by[row]))))
        if self.revisions is not None and _has(self.revisions[row]):
            assert self.revised is not None
            assert self.revised_by is not None
            when = int(self.revised[row])
            made.append((when, ReviseAppeal(case_id, appeal, _text(self.revisions[row]),
                                            self._instant(when), _text(self.revised_by[row]))))
        return made

    def _instant(self, micros: int) -> dt.datetime:
        return from_micros(micros, self.timezone)


def _has(value: object) -> bool:
    """A cell holds a value: not None, not `NONE`, not 0 days."""
    if value is None:
        return False
    if isinstance(value, int | np.integer):
        return int(value) not in (0, int(NONE))
    return True


def _text(value: str | None) -> str:
    assert value is not None  # a row's group is filled in full (`_check_rows`)
    return value
