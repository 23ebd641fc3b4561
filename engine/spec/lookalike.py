"""Find Latin look-alike letters hidden in Cyrillic words.

Texts retyped from scans mix scripts: "кeңсе" with a Latin "e", "бiлiм" with a
Latin "i", "мəтін" with the schwa U+0259 instead of Cyrillic "ә". Such words look
right and break search, sorting and spell-checking. A word made only of Latin
letters ("www.egov.kz", "EDS") is fine.

Examples:
    >>> [(f.word, f.index, f.letter) for f in find_lookalikes("білім кeңсе www.egov.kz")]
    [('кeңсе', 7, 'e')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LOOKALIKES", "Lookalike", "find_lookalikes"]

#: Latin (and IPA) letters that look like Cyrillic ones, with the letter meant.
LOOKALIKES: dict[str, str] = {
    "a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "x": "х", "y": "у",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У", "ə": "ә", "Ə": "Ә", "h": "һ",
}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: A letter outside the Cyrillic blocks: a text without one has nothing to find.
_FOREIGN = re.compile(r"[^\W\d_\u0400-\u052f]", re.UNICODE)
#: A Cyrillic letter: a text without one has no Cyrillic word to find a foreign letter in.
_CYRILLIC = re.compile(r"[\u0400-\u052f]")


@dataclass(frozen=True)
class Lookalike:
    """A foreign letter in a Cyrillic word: the word, the letter's index in the text and
    its offset in the word."""

    word: str
    index: int
    letter: str
    meant: str
    offset: int = 0

    def describe(self) -> str:
        """A message for the author."""
        hint = (f'type the Cyrillic "{self.meant}" instead' if self.meant != "?"
                else "use only Cyrillic letters inside a Cyrillic word")
        return (f'word "{self.word}" mixes Cyrillic with the Latin letter "{self.letter}" '
                f"(U+{ord(self.letter):04X}) (hint: {hint})")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff" or "\u0500" <= char <= "\u052f"


def find_lookalikes(text: str) -> list[Lookalike]:
    """All foreign letters inside words that are otherwise Cyrillic."""
    found: list[Lookalike] = []
    if _FOREIGN.search(text) is None or _CYRILLIC.search(text) is None:
        return found  # the common case, answered without looking at each word
    for match in _WORD.finditer(text):
        word = match.group()
        if not any(_is_cyrillic(c) for c in word):
            continue
        for offset, char in enumerate(word):
            if not _is_cyrillic(char):
                found.append(Lookalike(word, match.start() + offset, char,
                                       LOOKALIKES.get(char, "?"), offset))
    return found
