"""Characters no spec may hold, however they were written, and where they were written.

A text of a spec reaches reports, terminals, documents and diagrams. Four kinds of character
are refused in it:

- **control characters**: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F), but for
  tab and line feed in a value (a text may be written as a block, or hold a tab); a key holds
  neither. A carriage return in a value can only come from a `"\\r"` escape (YAML turns the
  line breaks of the file into line feeds) and is refused too;
- **noncharacters**: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE,
  U+FFFF, U+1FFFE …);
- **lone surrogates** (U+D800–U+DFFF): a `"\\uD83D"` escape is half a character;
- **bidirectional controls** that reorder what follows them: the embeddings and overrides
  U+202A–U+202E and the isolates U+2066–U+2069 (a text can then show otherwise than it reads,
  as in "Trojan Source"). The marks U+200E, U+200F and U+061C, which reorder nothing, are let be.

`engine.spec.yamlsource` refuses them written as they are anywhere in a file, before it is
parsed (`first_in_file`); `engine.spec.yamlbuild` refuses them in every decoded double-quoted
key and value, where an escape (`"\\x01"`, `"\\0"`, `"\\e"`, `"\\uFFFE"`) is the only way left to
write one, and points at the escape (`find_in_scalar`), and refuses tab and line feed in keys.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["describe", "find_in_scalar", "first_in_file", "hint", "in_key", "in_value", "kind",
           "refused_or", "replaced"]

_OTHERS = "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069"
#: Refused in a value: every control character but tab and line feed, and the others of the
#: basic plane. (The noncharacters of the other planes are looked for apart, `_ASTRAL`: a
#: class listing them would make every search of a file several times slower.)
_IN_VALUE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_OTHERS}]")
#: Refused in a key: every control character, and the others.
_IN_KEY = re.compile(f"[\x00-\x1f\x7f-\x9f{_OTHERS}]")
#: Refused as written in the file (line breaks and tabs are YAML's own; a tab in indentation
#: has its own message).
_IN_FILE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_OTHERS}]")
#: A character beyond the basic plane: a noncharacter when its code ends in FFFE or FFFF.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def refused_or(extra: str) -> re.Pattern[str]:
    """A pattern of one character: any that is refused as written in a file (`first_in_file`),
    any beyond the basic plane (some of which are refused), or any of `extra`.

    One search with it tells that a text holds none of them, which is what a reader that
    handles none of them needs to know (`engine.spec.yamlfast`).

    Examples:
        >>> [bool(refused_or("\\t").search(text)) for text in ("ab", "a\\tb", "\\x1b", "\\U0001F600")]
        [False, True, True, True]
    """
    return re.compile(f"[{_IN_FILE.pattern[1:-1]}\U00010000-\U0010ffff{re.escape(extra)}]")


def _search(pattern: re.Pattern[str], text: str, start: int = 0) -> re.Match[str] | None:
    """The first character of `text` from `start` that `pattern` or `_ASTRAL` refuses."""
    found = pattern.search(text, start)
    for astral in _ASTRAL.finditer(text, start, found.start() if found else len(text)):
        if ord(astral.group()) & 0xFFFE == 0xFFFE:
            return astral
    return found


#: YAML's one-letter escapes of double-quoted scalars, and the character each one stands for.
_ESCAPES = {"0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n",
            "v": "\x0b", "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/",
            "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}

_HINTS = {
    "control character": "remove it; a spec holds no control character but tab and line "
                         "break, and copying from a PDF often leaves one",
    "noncharacter": "remove it; it is no character of any text, and U+FFFE is often a "
                    "byte-order mark read the wrong way round",
    "lone surrogate": "write the character itself, or one \\UXXXXXXXX escape; a \\uXXXX escape "
                      "of a surrogate is half a character",
    "bidirectional control": "remove it; it makes what follows show in another order than it "
                             "is read, and Kazakh and Russian texts need none",
}


def in_value(text: str) -> re.Match[str] | None:
    """The first character of a decoded value that is refused, if any."""
    return _search(_IN_VALUE, text)


def in_key(text: str) -> re.Match[str] | None:
    """The first character of a decoded key that is refused (tab and line feed too), if any."""
    return _search(_IN_KEY, text)


def first_in_file(text: str) -> tuple[int, int]:
    """The index of the first character refused as written in `text` (-1 when there is none),
    and how many such characters the text holds."""
    first = _search(_IN_FILE, text)
    if first is None:
        return -1, 0
    astral = sum(1 for match in _ASTRAL.finditer(text) if ord(match.group()) & 0xFFFE == 0xFFFE)
    return first.start(), len(_IN_FILE.findall(text)) + astral


def replaced(text: str, *, key: bool = False) -> tuple[str, int]:
    """`text` with every refused character (of a key, with `key`) replaced by U+FFFD, and how
    many there were.

    Examples:
        >>> replaced("a\\x1bb\\tc") == ("a\\ufffdb\\tc", 1)
        True
        >>> replaced("a\\tb", key=True) == ("a\\ufffdb", 1)
        True
    """
    text, count = (_IN_KEY if key else _IN_VALUE).subn("\ufffd", text)
    astral = 0

    def noncharacter(match: re.Match[str]) -> str:
        nonlocal astral
        if ord(match.group()) & 0xFFFE != 0xFFFE:
            return match.group()
        astral += 1
        return "\ufffd"

    return _ASTRAL.sub(noncharacter, text), count + astral


def kind(char: str) -> str:
    """What a refused character is: control character, noncharacter, lone surrogate or
    bidirectional control."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "control character"
    if 0xD800 <= code <= 0xDFFF:
        return "lone surrogate"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "bidirectional control"
    return "noncharacter"


def describe(char: str) -> str:
    """A refused character as a message names it: `control character \\x1b`,
    `bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)`.

    Examples:
        >>> describe("\\x01"), describe("\\ufffe")
        ('control character \\\\x01', 'noncharacter U+FFFE')
        >>> describe("\\u2067")
        'bidirectional control U+2067 (RIGHT-TO-LEFT ISOLATE)'
    """
    what = kind(char)
    code = ord(char)
    if what == "control character":
        return f"{what} \\x{code:02x}"
    name = unicodedata.name(char, "")
    return f"{what} U+{code:04X}" + (f" ({name})" if name else "")


def hint(char: str, *, key: bool = False) -> str:
    """What to do about a refused character (`key`: found in a key, which holds no tab or
    line break either)."""
    if key and char in "\t\n":
        return "remove it; a key is one word, without tab or line break"
    return _HINTS[kind(char)]


def find_in_scalar(source: str, double_quoted: bool, char: str) -> tuple[int, str] | None:
    """Where `char` of a decoded scalar is written in the scalar's `source` text: its index
    there, and the escape it was written as (empty when written as itself).

    Only a double-quoted scalar has escapes; a backslash of any other is a backslash. None
    when `char` is not found (the value then locates the finding).

    Examples:
        >>> find_in_scalar('"ab\\\\\\\\x01 \\\\x01"', True, "\\x01")
        (9, '\\\\x01')
        >>> find_in_scalar('"\\\\e[31m"', True, "\\x1b")
        (1, '\\\\e')
    """
    index = 0
    while index < len(source):
        here = source[index]
        if here == "\\" and double_quoted and index + 1 < len(source):
            letter = source[index + 1]
            width = _HEX_ESCAPES.get(letter, 0)
            written = source[index:index + 2 + width]
            if width:
                try:
                    decoded = chr(int(written[2:], 16)) if len(written) == 2 + width else ""
                except ValueError:
                    decoded = ""
            else:
                decoded = _ESCAPES.get(letter, "")
            if decoded == char:
                return index, written
            index += len(written)
            continue
        if here == char:
            return index, ""
        index += 1
    return None
