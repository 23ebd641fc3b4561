"""The typed model of loaded specs: frozen records, one per concept of the law.

Every record that comes from a spec keeps the `Location` it was read from, so
that later stages (the verifier, the executor) can point their findings at the
YAML line. Texts are `Text` records holding Kazakh and Russian, Kazakh first.

The records live in three modules, all importable from here: `texts` (`Text`, `Act`),
`standard_model` (a `Standard` and its parts) and `regulation_model` (a `Regulation` and its
parts). This module adds what spans both kinds: `Spec` and `is_valid_on`.
"""

from __future__ import annotations

import datetime as dt

from engine.spec.regulation_model import (
    Acknowledgement,
    Actor,
    Amendment,
    DayReading,
    Ending,
    Outcome,
    Regulation,
    Scope,
    Step,
)
from engine.spec.regulation_model import ActorKind as ActorKind
from engine.spec.regulation_model import StepKind as StepKind
from engine.spec.standard_model import (
    BUILTIN_CHANNELS,
    STATUTORY_GROUNDS,
    Appeal,
    Channel,
    Cost,
    RefusalGround,
    RequiredDocument,
    Result,
    Standard,
)
from engine.spec.texts import Act, Text

__all__ = [
    "BUILTIN_CHANNELS",
    "STATUTORY_GROUNDS",
    "Acknowledgement",
    "Act",
    "Actor",
    "Amendment",
    "Appeal",
    "Channel",
    "Cost",
    "DayReading",
    "Ending",
    "Outcome",
    "RefusalGround",
    "Regulation",
    "RequiredDocument",
    "Result",
    "Scope",
    "Spec",
    "Standard",
    "Step",
    "Text",
    "is_valid_on",
]


Spec = Standard | Regulation


def is_valid_on(spec: Standard | Regulation, day: dt.date) -> bool:
    """True when `day` lies within the spec's validity (both ends inclusive)."""
    return spec.valid_from <= day and (spec.valid_to is None or day <= spec.valid_to)
