"""A corpus: all specs of one or more directories, and which version of a service, a
standard or a regulation was in force on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from engine.calendar import Calendar
from engine.calendar.authored import ScheduleSet, with_schedules
from engine.corpus.catalog import Catalog
from engine.spec.errors import SpecError, SpecErrors
from engine.spec.model import Regulation, Standard, Text, is_valid_on

__all__ = ["Corpus", "CorpusResult"]


@dataclass
class Corpus:
    """Loaded specs, by kind, in file order."""

    standards: list[Standard] = field(default_factory=list)
    regulations: list[Regulation] = field(default_factory=list)
    others: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def catalogs(self) -> list[Catalog]:
        """The `kind: catalog` documents: providers' lists of services (docs/catalog.md)."""
        return list(self.others.get("catalog", []))

    def provider_of(self, standard_id: str) -> Text | None:
        """The provider a catalogue names for a service, when exactly one provider does
        (the office a case goes to; a standard names only a kind of body)."""
        found = {c.provider for c in self.catalogs
                 if any(e.standard == standard_id for e in c.services)}
        return found.pop() if len(found) == 1 else None

    @property
    def schedule_sets(self) -> list[ScheduleSet]:
        """The `kind: schedules` documents, to join to the calendar (`calendar_for`)."""
        return list(self.others.get("schedules", []))

    def calendar_for(self, base: Calendar) -> Calendar:
        """`base` with the corpus's own schedules added.

        Raises:
            SpecErrors: when they cannot be joined (a name defined twice, an unknown week).
        """
        calendar, errors = with_schedules(base, self.schedule_sets)
        blocking = [e for e in errors if e.severity == "error"]
        if blocking:
            raise SpecErrors(blocking)
        return calendar

    def standard_versions(self, standard_id: str) -> list[Standard]:
        """All versions of a standard, oldest first."""
        return sorted((s for s in self.standards if s.id == standard_id),
                      key=lambda s: s.valid_from)

    def standard_on(self, standard_id: str, day: dt.date) -> Standard | None:
        """The version of a standard in force on `day`, if any."""
        return next((s for s in self.standard_versions(standard_id) if is_valid_on(s, day)), None)

    def regulation_versions(self, regulation_id: str) -> list[Regulation]:
        """All versions of a regulation, oldest first."""
        return sorted((r for r in self.regulations if r.id == regulation_id),
                      key=lambda r: r.valid_from)

    def regulation_on(self, regulation_id: str, day: dt.date) -> Regulation | None:
        """The version of a regulation in force on `day`, if any."""
        return next((r for r in self.regulation_versions(regulation_id)
                     if is_valid_on(r, day)), None)

    def regulations_for(self, standard_id: str) -> list[Regulation]:
        """Every regulation implementing a standard."""
        return [r for r in self.regulations if r.standard == standard_id]

    def standards_during(self, regulation: Regulation) -> list[Standard]:
        """Every version of the regulation's standard in force on some day of the
        regulation's own validity, oldest first (the check verifies the regulation against
        each, on the days both are in force); `standard_of` when none is."""
        versions = [s for s in self.standard_versions(regulation.standard)
                    if _overlap(s, regulation)]
        if versions:
            return versions
        found = self.standard_of(regulation)
        return [found] if found is not None else []

    def standard_of(self, regulation: Regulation) -> Standard | None:
        """The standard a regulation implements, in the version in force when it started."""
        return (self.standard_on(regulation.standard, regulation.valid_from)
                or next(iter(self.standard_versions(regulation.standard)), None))


def _overlap(one: Standard | Regulation, other: Standard | Regulation) -> bool:
    """True when two validities share a day (an open end is in force for ever)."""
    far = dt.date.max
    return one.valid_from <= (other.valid_to or far) and other.valid_from <= (one.valid_to or far)


@dataclass
class CorpusResult:
    """What checking a set of paths found: the corpus and every error, sorted."""

    corpus: Corpus
    errors: list[SpecError]
    files: list[str]

    @property
    def ok(self) -> bool:
        return not any(e.severity == "error" for e in self.errors)
