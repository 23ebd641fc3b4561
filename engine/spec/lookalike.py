"""Find Latin look-alike letters hidden in Cyrillic words.

Texts retyped from scans mix scripts: "кeңсе" with a Latin "e", "бiлiм" with a
Latin "i", "мəтін" with the schwa U+0259 instead of Cyrillic "ә". Such words look
right and break search, sorting and spell-checking. A word made only of Latin
letters ("www.egov.kz", "EDS") is fine. `lookalike_errors` finds them in every text (the
`kk`, `ru` and `en` values) of a read document, each located in its file.

Examples:
    >>> [(f.word, f.index, f.letter) for f in find_lookalikes("білім кeңсе www.egov.kz")]
    [('кeңсе', 7, 'e')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from engine.spec.errors import SpecError, breadcrumb
from engine.spec.parsed import Parsed, YamlPath

__all__ = ["LOOKALIKES", "Lookalike", "find_lookalikes", "lookalike_errors"]

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
#: The keys of a text's languages, whose values are searched.
_LANGUAGES = frozenset(("kk", "ru", "en"))
_CONTAINERS = (dict, list)  # a tuple: isinstance with it is faster than with `dict | list`


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


def lookalike_errors(parsed: Parsed) -> list[SpecError]:
    """Latin look-alike letters inside Cyrillic words of every text of the document."""
    found: list[SpecError] = []
    if not any(find_lookalikes(text) for text in _plain_texts(parsed.data, [])):
        return found  # the common case: the texts found without the path of each
    for path, text in _texts(parsed.data, ()):
        for hit in find_lookalikes(text):
            occurrence = text.count(hit.word, 0, hit.index - hit.offset)
            location = parsed.locate_in_value(path, hit.word, occurrence, hit.offset)
            found.append(SpecError(location, breadcrumb(path, parsed.data), hit.describe(),
                                   "lookalike"))
    return found


def _texts(node: Any, path: YamlPath) -> Iterator[tuple[YamlPath, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("kk", "ru", "en") and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from _texts(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, (*path, index))


def _plain_texts(node: Any, out: list[str]) -> list[str]:
    """The texts `_texts` yields, without their paths (a walk several times faster)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _LANGUAGES and isinstance(value, str):
                out.append(value)
            elif isinstance(value, _CONTAINERS):
                _plain_texts(value, out)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, _CONTAINERS):
                _plain_texts(item, out)
    return out
