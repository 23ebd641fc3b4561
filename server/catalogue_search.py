"""The catalogue's search: which services a query names, without JavaScript and in either language.

A query matches a service when each of its words is found in the service's titles (Kazakh and
Russian, whatever the page's language), its id or its register code. Letters are compared
without case — Kazakh ones too (Ә ә, Ғ ғ, Қ қ, Ң ң, Ө ө, Ұ ұ, Ү ү, Һ һ, І і: Unicode's case
folding knows them) — and «ё» as «е», as the normative acts write it.

Examples:
    >>> fold("ТЕЛНҰСҚАЛАРЫН Ёлка")
    'телнұсқаларын елка'
    >>> query_words("  Қабылдау   403003 ")
    ('қабылдау', '403003')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from engine import Standard

__all__ = ["MAX_QUERY", "alphabetical", "fold", "matches", "query_words", "search"]

#: The longest query taken (characters): longer than any title, short enough to stay cheap.
MAX_QUERY = 200


#: The Kazakh Cyrillic alphabet in its order (it holds the Russian one): code points would put
#: Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І after Я.
ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_RANKS = {letter: rank for rank, letter in enumerate(ALPHABET)}


def alphabetical(text: str) -> tuple[tuple[int, str], ...]:
    """A sort key putting titles in the order of the Kazakh alphabet, case and «ё» aside.

    Examples:
        >>> sorted(["Яслилер", "Әкімдік", "Балалар"], key=alphabetical)
        ['Әкімдік', 'Балалар', 'Яслилер']
        >>> sorted(["Ұлттық", "Үй", "Яслилер", "1 сынып"], key=alphabetical)
        ['1 сынып', 'Ұлттық', 'Үй', 'Яслилер']
    """
    return tuple((_rank(letter), letter) for letter in fold(text))


def _rank(letter: str) -> int:
    # spaces, digits and punctuation first, then the alphabet, then any other letter
    if letter in _RANKS:
        return 0x10000 + _RANKS[letter]
    return ord(letter) if ord(letter) < 0x400 else 0x20000 + ord(letter)


def fold(text: str) -> str:
    """`text` as the search compares it: NFC, case folded, «ё» as «е», spaces collapsed."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return " ".join(folded.split())


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of a query (none for a blank one)."""
    return tuple(fold(query).split())


def _haystack(standard: Standard) -> str:
    parts = [standard.title.kk, standard.title.ru, standard.id, standard.register_code or ""]
    return fold("\n".join(parts))


def matches(standard: Standard, words: tuple[str, ...]) -> bool:
    """Whether every word is in the standard's titles, id or register code."""
    haystack = _haystack(standard)
    return all(word in haystack for word in words)


def search(standards: Iterable[Standard], query: str) -> list[Standard]:
    """The standards a query names, in the order given (all of them for a blank query)."""
    words = query_words(query)
    return [s for s in standards if matches(s, words)]
