"""How wide a line of text is, and how to wrap text to a width, without a font engine.

Diagrams are laid out before any browser sees them, so the width of a text is
estimated from its characters: each character falls into a class whose width (in
ems) is the widest advance of that class in DejaVu Sans, the font the SVGs ask for
first (Verdana, the usual fallback, has near-identical metrics). The estimate is
therefore an upper bound for DejaVu Sans: a line measured to fit its box fits it
when drawn (a test checks the bound against the real font's advance widths). The
result depends on the characters only, so layouts are byte-identical everywhere.

Examples:
    >>> text_width("Басшы", 12)
    55.6
    >>> wrap("Құжаттарды қабылдайды және тіркейді", 120, 12)
    ('Құжаттарды', 'қабылдайды', 'және тіркейді')
"""

from __future__ import annotations

__all__ = ["BOLD_FACTOR", "FONT_FAMILY", "char_em", "text_width", "wrap"]

#: The font stack every diagram asks for; the estimate is made for its first entry.
FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif"

#: Bold glyphs of DejaVu Sans are up to 15% wider than the regular ones.
BOLD_FACTOR = 1.15

_NARROW = frozenset(" ,.:;'’|ijlіIJІ/\\")  # at most 0.35 em
_SLIM = frozenset("ft()[]-!\"r*_`–")  # at most 0.5 em
_WIDE = frozenset("м#+<=>^~&")  # lower-case or signs as wide as capitals
_EXTRA_WIDE = frozenset("mwшщжюфыMWШЩЖЮЫФМ@%—…№")  # at most 1.16 em
#: Capitals and signs no wider than the widest lower-case letter.
_NARROW_CAPITALS = frozenset("EFLPSTYГЕЁЗРТУ«»?${}\"“”")
#: The letters of the Kazakh, Russian and Latin alphabets and the digits: the classes
#: above are measured on them; any other character is given the widest advance.
_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
                      "әғқңөұүһі0123456789")
_NARROW_EM, _SLIM_EM, _LOWER_EM, _UPPER_EM, _EXTRA_WIDE_EM, _OTHER_EM = (
    0.35, 0.5, 0.71, 0.89, 1.16, 1.25)


def char_em(char: str) -> float:
    """The estimated advance of one character of DejaVu Sans, in ems (an upper bound)."""
    if char in _NARROW:
        return _NARROW_EM
    if char in _SLIM:
        return _SLIM_EM
    if char in _EXTRA_WIDE:
        return _EXTRA_WIDE_EM
    if char in _WIDE:
        return _UPPER_EM
    if char in _ALPHABET or char in _NARROW_CAPITALS:
        return _LOWER_EM
    if char.lower() in _ALPHABET:
        return _UPPER_EM
    return _OTHER_EM


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The estimated width in pixels of `text` set in `size`-pixel DejaVu Sans."""
    ems = sum(char_em(char) for char in text)
    return round(ems * size * (BOLD_FACTOR if bold else 1.0), 1)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> tuple[str, ...]:
    """`text` broken into lines no wider than `width` pixels, at spaces where it can.

    A word longer than the width alone is cut between characters (legal texts have
    long compound words, and a box must never be overflowed).
    """
    factor = size * (BOLD_FACTOR if bold else 1.0)
    space = char_em(" ") * factor
    lines: list[str] = []
    current, used = "", 0.0
    for word in text.split():
        wide = sum(char_em(char) for char in word) * factor
        if current and used + space + wide <= width:
            current, used = f"{current} {word}", used + space + wide
            continue
        if not current and wide <= width:
            current, used = word, wide
            continue
        if current:
            lines.append(current)
        while wide > width:
            cut = _longest_prefix(word, width, size, bold)
            lines.append(word[:cut])
            word = word[cut:]
            wide = sum(char_em(char) for char in word) * factor
        current, used = word, wide
    if current:
        lines.append(current)
    return tuple(lines)


def _longest_prefix(word: str, width: float, size: float, bold: bool) -> int:
    """How many leading characters of `word` fit in `width` (at least one)."""
    total = 0.0
    factor = size * (BOLD_FACTOR if bold else 1.0)
    for index, char in enumerate(word):
        total += char_em(char) * factor
        if total > width:
            return max(index, 1)
    return len(word)
