r"""How a character that must not reach a terminal or a report as itself is written.

One spelling for the whole project: tab, line feed and carriage return as `\t`, `\n`,
`\r`; other characters below U+0100 as `\xNN`; the rest as `\uNNNN`, or `\UNNNNNNNN` beyond
the Basic Multilingual Plane. Which characters are escaped is each caller's choice (a spec
error escapes fewer than a terminal line does); how is this module's.
"""

from __future__ import annotations

__all__ = ["escape_char"]

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape_char(char: str) -> str:
    r"""The escape that shows `char` (one character) as text.

    Examples:
        >>> escape_char("\x1b"), escape_char("\n"), escape_char("\u202e")
        ('\\x1b', '\\n', '\\u202e')
    """
    code = ord(char)
    if code < 0x100:
        return _NAMED.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
