"""Durations as written in specs: an amount and an explicit unit.

The texts of standards and regulations count time in minutes, hours, working
days, calendar days, banking days and months. A spec must say which; "day" alone
is ambiguous and is rejected with a hint to choose.

Examples:
    >>> parse_duration("15 min")
    Duration(amount=15, unit='min')
    >>> str(parse_duration("12 wd"))
    '12 wd'
    >>> parse_duration("1 mo"), parse_duration("5 bd").is_day_based
    (Duration(amount=1, unit='mo'), True)
    >>> parse_duration("1 day")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    engine.spec.duration.DurationError: "day" is ambiguous (hint: write "1 wd" for working days or ...)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "DURATION_PATTERN",
    "MAX_AMOUNT",
    "UNITS",
    "Duration",
    "DurationError",
    "Unit",
    "parse_duration",
]

Unit = Literal["min", "h", "wd", "cd", "bd", "mo"]

#: Every unit a spec may use, with its meaning in English.
UNITS: dict[str, str] = {
    "min": "working minutes",
    "h": "working hours",
    "wd": "working days",
    "cd": "calendar days",
    "bd": "banking days",
    "mo": "months",
}

#: The largest amount a duration takes, in any unit (six digits).
MAX_AMOUNT = 999_999
#: The exact form accepted; the JSON Schema uses the same pattern.
DURATION_PATTERN = r"^(0|[1-9][0-9]{0,5}) (min|h|wd|cd|bd|mo)$"
_EXACT = re.compile(DURATION_PATTERN)
_LOOSE = re.compile(r"^\s*(\d+)\s*([^\d\s].*?)\s*$")

# Words analysts write instead of a unit, mapped to the unit they most likely mean.
_SYNONYMS: dict[str, str] = {
    "m": "min", "mins": "min", "minute": "min", "minutes": "min", "мин": "min", "минут": "min",
    "минута": "min", "минуты": "min", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "час": "h", "часа": "h", "часов": "h", "сағат": "h", "wdays": "wd", "workday": "wd",
    "workdays": "wd", "working day": "wd", "working days": "wd", "рабочих дней": "wd",
    "жұмыс күні": "wd", "calendar day": "cd", "calendar days": "cd", "календарных дней": "cd",
    "күнтізбелік күн": "cd", "banking day": "bd", "banking days": "bd", "bank day": "bd",
    "bank days": "bd", "банковский день": "bd", "банковских дня": "bd", "банковских дней": "bd",
    "банк күні": "bd", "банктік күн": "bd", "month": "mo", "months": "mo", "mos": "mo",
    "месяц": "mo", "месяца": "mo", "месяцев": "mo", "мес": "mo",
    "мес.": "mo", "ай": "mo",
}
_AMBIGUOUS = {"d", "day", "days", "дней", "день", "дня", "күн", "сутки", "суток"}


class DurationError(ValueError):
    """A duration string that does not follow the `"<amount> <unit>"` form."""


@dataclass(frozen=True, order=True)
class Duration:
    """A span of time in one unit: working minutes, hours, working, calendar or banking days,
    or calendar months."""

    amount: int
    unit: Unit

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"

    @property
    def is_day_based(self) -> bool:
        """True for the units counted in whole days from the next day: working, calendar and
        banking days, and months (docs/calendar.md, "Counting a term")."""
        return self.unit in ("wd", "cd", "bd", "mo")

    @property
    def minutes(self) -> int:
        """The amount in working minutes (only for `min` and `h`)."""
        if self.unit == "min":
            return self.amount
        if self.unit == "h":
            return self.amount * 60
        raise DurationError(f"{self} is counted in days, not in working minutes")


def parse_duration(text: str) -> Duration:
    """Parse `"15 min"`, `"2 h"`, `"12 wd"`, `"30 cd"`, `"5 bd"` or `"1 mo"`.

    Raises:
        DurationError: with a message saying what was expected and a hint.
    """
    match = _EXACT.match(text)
    if match:
        unit: Unit = match.group(2)  # type: ignore[assignment]
        return Duration(int(match.group(1)), unit)
    raise DurationError(_explain(text))


def _quoted(text: str) -> str:
    """`text` as a message quotes it: whole when short, its start and its length when long."""
    return f'"{text}"' if len(text) <= 40 else f'"{text[:30]}…" ({len(text)} characters)'


def _explain(text: str) -> str:
    got = _quoted(text)
    loose = _LOOSE.match(text)
    if not loose:
        return (
            f'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got {got} '
            '(hint: write the amount in digits, a space, then one of min, h, wd, cd, bd, mo)'
        )
    digits, written = loose.group(1), loose.group(2).strip()
    word = written.lower()
    # the amount as text: `int()` of a hostile run of thousands of digits would itself fail
    amount = digits.lstrip("0") or "0"
    if len(amount) > len(str(MAX_AMOUNT)):
        size = amount if len(amount) <= 12 else f"a number of {len(amount)} digits"
        return (
            f"expected an amount of at most {MAX_AMOUNT}, got {size} in {got} "
            f"(hint: a duration takes at most {len(str(MAX_AMOUNT))} digits; check the amount: "
            "no term of a public service comes near it)"
        )
    if word in _AMBIGUOUS:
        return (
            f'"{word}" is ambiguous (hint: write "{amount} wd" for working days '
            f'or "{amount} cd" for calendar days)'
        )
    if word in _SYNONYMS:
        return (
            f'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got {got} '
            f'(hint: write "{amount} {_SYNONYMS[word]}")'
        )
    if word in UNITS:
        wrong = [what for what, bad in (
            ("nothing before or after it", text != text.strip()),
            ("one space between the amount and the unit",
             text.strip() != f"{digits} {written}"),
            ("no leading zeros", digits != amount),
            ("the unit in small letters", written != word),
        ) if bad]
        return (
            f'expected a duration like "15 min", got {got} '
            f'(hint: write "{amount} {word}", with {" and ".join(wrong)})'
        )
    return (
        f'expected a duration like "15 min", "2 h", "12 wd" or "30 cd", got {got} '
        f'(hint: the unit must be one of {", ".join(UNITS)})'
    )
