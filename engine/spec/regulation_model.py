"""The records of a regulation: its actors, the steps of each channel, its history.

A `Regulation` (regional: an akimat's; national: a ministry's Rules; implied: the minimal
process a standard implies where no text gives steps, `engine.process.implied`) is the
steps (`Step`, with the `Outcome`s of a decision) by which a provider's units and
information systems (`Actor`) render a standard, with its amendments (`Amendment`) and
the findings accepted for now (`Acknowledgement`). Every record read from a spec keeps
its `Location`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from engine.spec.duration import Duration
from engine.spec.errors import Location
from engine.spec.meetings import Meeting
from engine.spec.texts import Act, Text

__all__ = [
    "Acknowledgement",
    "Actor",
    "ActorKind",
    "Amendment",
    "DayReading",
    "Ending",
    "Outcome",
    "Regulation",
    "Scope",
    "Step",
    "StepKind",
]

Ending = Literal["result", "refusal", "refusal_to_accept"]
StepKind = Literal["task", "decision", "process", "condition"]
ActorKind = Literal["applicant", "person", "organisation", "system"]
DayReading = Literal["civil", "elapsed"]
#: Who approved a regulation: an akimat for its region (`regional`, before the 2020 reform)
#: or a ministry for the whole country (`national`: the Rules of a service since 2020).
Scope = Literal["regional", "national"]


@dataclass(frozen=True)
class Amendment:
    """One entry of a regulation's amendment history."""

    date: dt.date
    act: Act
    note: Text
    source: str
    effective: dt.date | None = None


@dataclass(frozen=True)
class Actor:
    """A structural-functional unit (swimlane) or an information system."""

    id: str
    kind: ActorKind
    title: Text
    location: Location
    schedule: str | None = None
    source: str | None = None
    #: For an information system: what its steps without a limit are assumed to take when
    #: paths are verified (None: no working time), and why.
    assumed_limit: Duration | None = None
    assumed_source: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A named outcome of a decision, leading to a step or ending the case.

    An outcome with a `duration` carries the time the text gives for what follows it
    ("documents are returned within 1 working day"): the compiled graph makes it a step of
    its own (`engine.process.compile`), done by `actor` (the deciding step's when None).
    """

    id: str
    label: Text
    location: Location
    next: str | None = None
    ends: Ending | None = None
    refusal_grounds: tuple[str, ...] = ()
    max_repeats: int | None = None
    duration: Duration | None = None
    duration_text: Text | None = None
    action: Text | None = None
    actor: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Step:
    """One step of a channel's process."""

    id: str
    kind: StepKind
    actor: str
    action: Text
    source: str
    location: Location
    duration: Duration | None = None
    duration_text: Text | None = None
    unbounded: Text | None = None
    #: The meeting the step waits for before its own `duration` (if any) runs.
    waits_for: Meeting | None = None
    result: Text | None = None
    number: int | None = None
    documents: tuple[str, ...] = ()
    results: tuple[str, ...] = ()
    #: Documents of the standard (`provision: obtained`) this step requests from another
    #: organisation.
    obtains: tuple[str, ...] = ()
    next: str | None = None
    ends: Ending | None = None
    refusal_grounds: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    at_counter: bool = False
    #: The step lasts until the channel's term ends, whenever it starts: its due instant is
    #: the case's (only the minimal process a standard implies has such a step: rendering
    #: takes the whole term; not written in specs).
    rest_of_term: bool = False
    #: The outcome a simulation takes when none is given (only the minimal process a
    #: standard implies has one: the service is rendered unless told otherwise).
    default_outcome: str | None = None


@dataclass(frozen=True)
class Acknowledgement:
    """A known finding accepted for now, with its reason and where it is tracked."""

    check: Literal["deadline", "depends", "unverifiable"]
    channel: str
    reason: Text
    reference: str
    location: Location
    path_end: str | None = None
    #: The overrun accepted, in the term's unit (`deadline` and `depends` findings).
    accepts: Duration | None = None


@dataclass(frozen=True)
class Regulation:
    """A regulation: the steps by which a provider renders a standard.

    `region` is None for a national regulation (`scope: national`, a ministry's Rules) and
    for the process a standard implies (`implied`: steps not given by any text).
    """

    id: str
    standard: str
    title: Text
    region: Text | None
    #: None only for the process a standard implies, which no act approved.
    approved_by: Act | None
    valid_from: dt.date
    valid_to: dt.date | None
    repealed_by: Act | None
    amendments: tuple[Amendment, ...]
    actors: tuple[Actor, ...]
    processes: Mapping[str, tuple[Step, ...]]
    source: str
    path: str
    key_locations: Mapping[str, Location] = field(default_factory=dict, compare=False)
    acknowledgements: tuple[Acknowledgement, ...] = ()
    #: How the steps' limits in days are read when the text fixes it (`civil` or `elapsed`),
    #: and the words that fix it; None: both readings are checked.
    day_reading: DayReading | None = None
    day_reading_source: str | None = None
    kind: Literal["regulation"] = "regulation"
    scope: Scope = "regional"
    #: True for the minimal process a standard implies (`engine.process.implied`): its steps
    #: are given by no text, and every output that shows them says so.
    implied: bool = False

    def where(self, key: str) -> Location:
        """Where a top-level key of the spec stands."""
        return self.key_locations.get(key, Location(self.path, 1, 1))

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, if the regulation defines it."""
        return next((a for a in self.actors if a.id == actor_id), None)

