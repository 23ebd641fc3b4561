"""The records both kinds of spec are made of: a text in Kazakh and Russian, and a legal act.

`Text` holds Kazakh and Russian, Kazakh first (English optional), with the source of each
language; `Act` is a legal act as a spec cites it (a standard's legal basis, the act that
approved, amended or repealed a regulation). The standard's records are in
`engine.spec.standard_model`, the regulation's in `engine.spec.regulation_model`; all of them
are importable from `engine.spec.model`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Act", "Text"]


@dataclass(frozen=True)
class Text:
    """A text in Kazakh and Russian (English optional), with its sources per language."""

    kk: str
    ru: str
    en: str | None = None
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"{self.kk} / {self.ru}"

    def get(self, lang: str) -> str:
        """The text in `lang` (`kk`, `ru` or `en`; English falls back to Russian)."""
        if lang == "kk":
            return self.kk
        if lang == "en":
            return self.en or self.ru
        return self.ru


@dataclass(frozen=True)
class Act:
    """A legal act: title, number, date and registration."""

    title: Text
    number: str
    date: dt.date
    source: str
    registration: str | None = None
    paragraph: str | None = None

