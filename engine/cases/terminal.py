"""Text from a journal or a command, made safe to write to a terminal.

A case id, an applicant, who acted, a ground: any of them may hold what a person did
not type — an escape sequence that recolours, moves the cursor, retitles the window or
clears the screen (`\\x1b[2J`), a carriage return that overwrites the line before it, a
bidirectional override that shows `exe.txt` as `txt.exe`, a zero-width character that
makes two ids look alike. `for_terminal` is the one function every such text goes
through on its way to a terminal (`reglament case show`, `overdue`, `apply`, and the
messages of the case commands): it writes each control, format and separator
character, and each lone surrogate, as its escape (`\\x1b`, `\\u202e`, `\\udcff`), so
that it is seen and never acted on. Printable text, Cyrillic and Kazakh letters
included, passes unchanged. JSON output needs none of this: `json.dumps` escapes
control characters, and a JSON reader does not interpret the others.
"""

from __future__ import annotations

import unicodedata

from engine.support.text_escapes import escape_char

__all__ = ["for_terminal"]

#: Unicode categories written as escapes: controls (C0, DEL, C1), format characters (bidi
#: overrides and isolates, zero-width and invisible characters), surrogates, private use,
#: line and paragraph separators.
_ESCAPED = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def for_terminal(text: object) -> str:
    r"""`text` (made a string) with every character a terminal would act on shown as its escape.

    Examples:
        >>> for_terminal("clerk-12 Әсел")
        'clerk-12 Әсел'
        >>> for_terminal("\x1b[2Jc1\r")
        '\\x1b[2Jc1\\r'
        >>> for_terminal("\u202etxt.exe")
        '\\u202etxt.exe'
    """
    shown = text if isinstance(text, str) else str(text)
    if shown.isprintable():  # no control, format, separator (but space) or surrogate
        return shown
    return "".join(escape_char(c) if unicodedata.category(c) in _ESCAPED else c for c in shown)
