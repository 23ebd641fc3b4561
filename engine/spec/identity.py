"""Individual and business identification numbers (ИИН / ЖСН, БИН / БСН).

Both are 12 digits whose last is a check digit: the weighted sum of the first 11
digits with weights 1..11, modulo 11; when that is 10, the sum is taken again with
weights 3..11, 1, 2; when it is 10 again, the number is invalid.

An ИИН begins with the date of birth (YYMMDD) and a seventh digit giving the century
and sex (1-6); a БИН begins with the year and month of registration (YYMM) and a
fifth digit giving the kind of entity (4-6).

Examples:
    >>> check_digit("86030630045")
    8
    >>> parse_identifier("860306300458").birth_date
    datetime.date(1986, 3, 6)
    >>> parse_identifier("860306300456")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    engine.spec.identity.IdentifierError: ИИН/БИН 860306300456: check digit is 6, expected 8 (hint: ...)
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass
from typing import Literal

__all__ = ["Identifier", "IdentifierError", "check_digit", "parse_identifier"]

_FIRST = tuple(range(1, 12))
_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


class IdentifierError(ValueError):
    """An ИИН or БИН that is not valid, with the reason."""


@dataclass(frozen=True)
class Identifier:
    """A valid 12-digit identification number and what it encodes."""

    value: str
    kind: Literal["iin", "bin"]
    birth_date: dt.date | None = None

    def __str__(self) -> str:
        return self.value


def check_digit(first_eleven: str) -> int | None:
    """The check digit of the first 11 digits, or None when no digit can be valid."""
    if len(first_eleven) != 11:
        raise ValueError(f"expected 11 digits, got {len(first_eleven)}")
    digits = list(map(int, first_eleven))
    remainder = sum(map(operator.mul, _FIRST, digits)) % 11
    if remainder == 10:
        remainder = sum(map(operator.mul, _SECOND, digits)) % 11
    return None if remainder == 10 else remainder


def parse_identifier(text: str) -> Identifier:
    """Validate an ИИН or БИН.

    Raises:
        IdentifierError: when it is not 12 digits, its check digit is wrong, or its
            date part is impossible.
    """
    value = text.strip()
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        shown = repr(text) if len(text) <= 40 else f"{text[:30]!r}..."  # not thousands of digits
        raise IdentifierError(f"ИИН/БИН {shown}: expected 12 digits, got {len(value)} "
                              "character(s) (hint: no spaces or dashes)")
    expected = check_digit(value[:11])
    if expected is None:
        raise IdentifierError(f"ИИН/БИН {value}: no check digit can make it valid "
                              "(hint: a digit was mistyped)")
    if int(value[11]) != expected:
        raise IdentifierError(f"ИИН/БИН {value}: check digit is {value[11]}, expected "
                              f"{expected} (hint: a digit was mistyped)")
    seventh, fifth = int(value[6]), int(value[4])
    if seventh in _CENTURY:
        year = _CENTURY[seventh] + int(value[:2])
        try:
            born = dt.date(year, int(value[2:4]), int(value[4:6]))
        except ValueError:
            born = None
        if born is not None and born <= dt.date.today():
            return Identifier(value, "iin", born)
    if fifth in (4, 5, 6) and 1 <= int(value[2:4]) <= 12:
        return Identifier(value, "bin")
    raise IdentifierError(f"ИИН/БИН {value}: the date part {value[:6]} is not a date of birth "
                          "(ИИН) nor a year and month of registration (БИН)")
