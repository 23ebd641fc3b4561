"""The checks every way in applies to the texts of a command, and the JSON readers of its fields.

A case id is a non-blank string (`case_id_problem`: one message everywhere); no text may
hold a lone surrogate (`text_problem`: not valid Unicode; SQLite cannot store it). The
readers (`json_text`, `json_maybe`, `json_instant`) take one field of a decoded JSON
object and raise `CommandFormatError` saying what is wrong with it, for
`engine.cases.commands.parse_command` and `engine.cases.appeal_commands.parse_appeal`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping

from engine.calendar import CalendarError, parse_instant

__all__ = ["CommandFormatError", "case_id_problem", "check_json_text", "json_instant",
           "json_maybe", "json_text", "show", "text_problem"]


class CommandFormatError(ValueError):
    """A command whose JSON form is not one: the message says what and gives a hint."""


def json_text(data: Mapping[str, object], key: str) -> str:
    """The non-empty string at `key` (`CommandFormatError` otherwise)."""
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise CommandFormatError(f'"{key}": expected a non-empty string, got {show(value)}')
    check_json_text(key, value)
    return value


def check_json_text(key: str, value: str) -> None:
    """Raise `CommandFormatError` when `value`, read at `key`, is not valid Unicode."""
    problem = text_problem(value)
    if problem is not None:
        raise CommandFormatError(f'"{key}": {problem} (hint: a JSON string escapes characters, '
                                 r'not halves of UTF-16 pairs: "\ud83d\ude00" is one, "\ud800" none)')


def json_maybe(data: Mapping[str, object], key: str) -> str | None:
    """The string at `key`, or None when it is absent or null."""
    return None if data.get(key) is None else json_text(data, key)


def json_instant(data: Mapping[str, object], key: str) -> dt.datetime:
    """The ISO 8601 instant, with its offset, at `key`."""
    value = json_text(data, key)
    try:
        return parse_instant(value)
    except CalendarError as error:
        raise CommandFormatError(f'"{key}": {error}') from None


def show(value: object) -> str:
    """`value` as a message shows it: JSON for plain text, cut to 40 characters."""
    plain = isinstance(value, str) and not text_problem(value)
    shown = json.dumps(value, ensure_ascii=False) if plain else repr(value)
    return shown if len(shown) <= 40 else f"{shown[:37]}..."


_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    r"""Why `text` is not valid Unicode (a lone surrogate), or None when it is.

    Examples:
        >>> text_problem("clerk-12") is None
        True
        >>> text_problem("a\ud800")
        'not valid Unicode: a lone surrogate \\ud800 at position 1'
    """
    found = None if text.isascii() else _SURROGATE.search(text)
    if found is None:
        return None
    return f"not valid Unicode: a lone surrogate \\u{ord(found.group()):04x} at position {found.start()}"


def case_id_problem(value: object) -> str | None:
    """Why `value` is not a case id, or None when it is: the one message of every way in.

    Examples:
        >>> case_id_problem("  ")
        'a case id must be a non-blank string, got "  "'
        >>> case_id_problem("2024-0001") is None
        True
    """
    if not isinstance(value, str) or not value.strip():
        return f"a case id must be a non-blank string, got {show(value)}"
    problem = text_problem(value)
    return None if problem is None else f"a case id must be valid text: {problem}"
