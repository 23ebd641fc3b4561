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

__all__ = ["MAX_QUERY", "fold", "matches", "query_words", "search"]

#: The longest query taken (characters): longer than any title, short enough to stay cheap.
MAX_QUERY = 200


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
