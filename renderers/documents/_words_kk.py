"""Kazakh numerals and the nouns they count.

The numeral words come from `num2words` (its language code is "kz"); its tables match the
spelling of the seed documents: бір, екі, үш, төрт, бес, алты, жеті, сегіз, тоғыз, он, жиырма,
отыз, қырық, елу, алпыс, жетпіс, сексен, тоқсан, жүз, мың ("1 000 (бір мың) теңге").

A Kazakh numeral before its noun does not decline and the noun stays singular: "5 (бес) минут",
"2 (екі) сағат", "15 (он бес) жұмыс күні", "30 (отыз) күнтізбелік күн", "1 (бір) ай", "5 (бес) банк күні". What
changes is the noun's own ending before a postposition: "жұмыс күні ішінде" (within), "жұмыс
күніне дейін" (until: dative), "айға дейін".

A banking day is "банк күні", as banks write it ("Ағымдағы банк күні", the operating-day
schedule of the Development Bank of Kazakhstan, kdb.kz); UNCERTAIN: no act in Kazakh using
the phrase was read, and "банктік күн" is also met (the parser accepts both).

Examples:
    >>> cardinal(1_000)
    'бір мың'
    >>> UNIT_NOUNS["until"]["wd"]
    'жұмыс күніне дейін'
"""

from __future__ import annotations

from typing import Final

from num2words import num2words

__all__ = ["MONTHS", "UNIT_NOUNS", "cardinal"]

#: Each unit's noun as the phrase of each form ends: nominative, before "ішінде" (within), and
#: in the dative before "дейін" (until).
UNIT_NOUNS: Final[dict[str, dict[str, str]]] = {
    "plain": {"min": "минут", "h": "сағат", "wd": "жұмыс күні", "cd": "күнтізбелік күн",
              "bd": "банк күні", "mo": "ай"},
    "within": {"min": "минут ішінде", "h": "сағат ішінде", "wd": "жұмыс күні ішінде",
               "cd": "күнтізбелік күн ішінде", "bd": "банк күні ішінде", "mo": "ай ішінде"},
    "until": {"min": "минутқа дейін", "h": "сағатқа дейін", "wd": "жұмыс күніне дейін",
              "cd": "күнтізбелік күнге дейін", "bd": "банк күніне дейін", "mo": "айға дейін"},
}

#: Month names, as dates are written: "2024 жылғы 3 қаңтар".
MONTHS: Final[tuple[str, ...]] = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
    "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
)


def cardinal(n: int) -> str:
    """The cardinal `n` (>= 0) in Kazakh words."""
    words: str = num2words(n, lang="kz")
    return words
