"""What opening a case checks of the application itself, before any step runs.

The applicant's ИИН/БИН (with its check digit), the documents handed in against those the
standard defines and those the channel requires, and the message for a service or a
regulation not in force on the day of receipt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import NamedTuple

from engine.spec.checks import did_you_mean
from engine.spec.errors import ExecutionError
from engine.spec.identity import IdentifierError, parse_identifier
from engine.spec.model import Regulation, Standard

__all__ = ["Intake", "application", "not_in_force"]


class Intake(NamedTuple):
    """The specs of an opening, read once: the standard, the payload fields they give, the
    ids of the standard's documents and of those the channel requires."""

    standard: Standard
    fields: dict[str, str]
    known: frozenset[str]
    required: tuple[str, ...]


def application(standard: Standard, channel: str, applicant: str, documents: Sequence[str],
                 known: Collection[str] | None = None,
                 required: Sequence[str] | None = None) -> tuple[str, list[str]]:
    """The applicant's validated ИИН/БИН and the required documents missing on `channel`.

    `known` and `required` are the ids of the standard's documents and of those the
    channel requires, when the caller has them already.
    """
    try:
        identifier = parse_identifier(applicant)
    except IdentifierError as error:
        raise ExecutionError(str(error)) from None
    if known is None:
        known = {d.id for d in standard.documents}
    for document in documents:
        if document not in known:
            raise ExecutionError(f'unknown document "{document}" of service "{standard.id}" '
                                 f"(hint: {did_you_mean(document, known)})")
    if required is None:
        required = [d.id for d in standard.required_documents(channel)]
    return identifier.value, [d for d in required if d not in documents]


def not_in_force(what: str, name: str, day: dt.date, versions: Sequence[Standard] |
                  Sequence[Regulation]) -> str:
    spans = "; ".join(f"{v.valid_from} to {v.valid_to or 'open end'}" for v in versions)
    last = versions[-1]
    if last.valid_to is not None and day > last.valid_to:
        return (f'{what} "{name}" is not in force on {day}: repealed, last in force on '
                f"{last.valid_to} (versions: {spans})")
    return f'{what} "{name}" is not in force on {day} (versions: {spans})'

