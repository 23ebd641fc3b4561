"""Russian numerals and the nouns they count, in the six cases.

The numeral words come from `num2words`, which declines Russian cardinals by case and gender.
Three of its habits are wrong for legal texts, and this module corrects them:

* it gives millions the gender of the counted noun ("одной миллиона минуты"); a million is a
  masculine noun whatever it counts, so every group above the units is asked for in the masculine
  (num2words already makes thousands feminine);
* it declines the accusative as if the counted thing were alive ("одного рабочего дня" for
  "один рабочий день"); days, hours, minutes and tenge are inanimate;
* it writes "ё" ("четырёх"), which the texts of Kazakhstan's normative acts do not use.

Examples:
    >>> cardinal(22, "gen", "m")
    'двадцати двух'
    >>> cardinal(1_000_021, "gen", "f")
    'одного миллиона двадцати одной'
    >>> counted(21, "min", "gen")
    'минуты'
"""

from __future__ import annotations

from typing import Final, Literal

from num2words import num2words

__all__ = ["CASES", "GENDERS", "MONTHS_GENITIVE", "UNIT_GENDER", "cardinal", "counted"]

Case = Literal["nom", "gen", "dat", "acc", "ins", "prep"]
Gender = Literal["m", "f", "n"]

#: Our case names → num2words' one-letter case codes.
CASES: Final[dict[str, str]] = {"nom": "n", "gen": "g", "dat": "d", "acc": "a", "ins": "i", "prep": "p"}
GENDERS: Final[tuple[str, ...]] = ("m", "f", "n")

_ZERO: Final[dict[str, str]] = {
    "nom": "ноль", "gen": "ноля", "dat": "нолю", "acc": "ноль", "ins": "нолем", "prep": "ноле",
}

#: The grammatical gender of each unit's noun, which the numeral agrees with.
UNIT_GENDER: Final[dict[str, Gender]] = {"min": "f", "h": "m", "wd": "m", "cd": "m", "bd": "m",
                                          "mo": "m"}

# For each unit: the singular and the plural in every case, and the form after 2, 3, 4 in the
# nominative and accusative ("два рабочих дня": the adjective in the genitive plural, the noun in
# the genitive singular).
_SINGULAR: Final[dict[str, dict[str, str]]] = {
    "min": {"nom": "минута", "gen": "минуты", "dat": "минуте", "acc": "минуту", "ins": "минутой",
            "prep": "минуте"},
    "h": {"nom": "час", "gen": "часа", "dat": "часу", "acc": "час", "ins": "часом", "prep": "часе"},
    "wd": {"nom": "рабочий день", "gen": "рабочего дня", "dat": "рабочему дню", "acc": "рабочий день",
           "ins": "рабочим днем", "prep": "рабочем дне"},
    "cd": {"nom": "календарный день", "gen": "календарного дня", "dat": "календарному дню",
           "acc": "календарный день", "ins": "календарным днем", "prep": "календарном дне"},
    "bd": {"nom": "банковский день", "gen": "банковского дня", "dat": "банковскому дню",
           "acc": "банковский день", "ins": "банковским днем", "prep": "банковском дне"},
    "mo": {"nom": "месяц", "gen": "месяца", "dat": "месяцу", "acc": "месяц", "ins": "месяцем",
           "prep": "месяце"},
    "tenge": dict.fromkeys(CASES, "тенге"),
    "tiyn": {"nom": "тиын", "gen": "тиына", "dat": "тиыну", "acc": "тиын", "ins": "тиыном",
             "prep": "тиыне"},
}
_PLURAL: Final[dict[str, dict[str, str]]] = {
    "min": {"nom": "минуты", "gen": "минут", "dat": "минутам", "acc": "минуты", "ins": "минутами",
            "prep": "минутах"},
    "h": {"nom": "часы", "gen": "часов", "dat": "часам", "acc": "часы", "ins": "часами", "prep": "часах"},
    "wd": {"nom": "рабочие дни", "gen": "рабочих дней", "dat": "рабочим дням", "acc": "рабочие дни",
           "ins": "рабочими днями", "prep": "рабочих днях"},
    "cd": {"nom": "календарные дни", "gen": "календарных дней", "dat": "календарным дням",
           "acc": "календарные дни", "ins": "календарными днями", "prep": "календарных днях"},
    "bd": {"nom": "банковские дни", "gen": "банковских дней", "dat": "банковским дням",
           "acc": "банковские дни", "ins": "банковскими днями", "prep": "банковских днях"},
    "mo": {"nom": "месяцы", "gen": "месяцев", "dat": "месяцам", "acc": "месяцы", "ins": "месяцами",
           "prep": "месяцах"},
    "tenge": dict.fromkeys(CASES, "тенге"),
    "tiyn": {"nom": "тиыны", "gen": "тиынов", "dat": "тиынам", "acc": "тиыны", "ins": "тиынами",
             "prep": "тиынах"},
}
_PAUCAL: Final[dict[str, str]] = {
    "min": "минуты", "h": "часа", "wd": "рабочих дня", "cd": "календарных дня",
    "bd": "банковских дня", "mo": "месяца", "tenge": "тенге",
    "tiyn": "тиына",
}

#: Month names in the genitive, as dates are written: "3 января 2024 года".
MONTHS_GENITIVE: Final[tuple[str, ...]] = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)


def cardinal(n: int, case: str, gender: str) -> str:
    """The cardinal `n` (>= 0) in words, declined for `case` and agreeing with `gender`."""
    if n == 0:
        return _ZERO[case]
    words: list[str] = []
    group = 0
    while n:
        n, chunk = divmod(n, 1000)
        if chunk:
            # Each group on its own: the units agree with the noun, thousands are feminine
            # (num2words does that) and millions and up masculine (it does not).
            words.insert(0, num2words(chunk * 1000**group, lang="ru", case=CASES[case],
                                      gender=gender if group == 0 else "m", animate=False))
        group += 1
    return " ".join(words).replace("ё", "е")


def counted(n: int, noun: str, case: str) -> str:
    """The form of `noun` (a unit, "tenge" or "tiyn") after the numeral `n` in `case`.

    In the nominative and accusative the numeral governs the noun: 1, 21 → the singular of the
    case; 2-4, 22-24 → the paucal form; 0, 5-20, 25-30 → the genitive plural. In the oblique
    cases the noun agrees with the numeral, singular after 1, 21, ... and plural otherwise,
    except after a round thousand or million, which are nouns themselves and take the genitive
    plural ("пяти тысячам рабочих дней").
    """
    last, last_two = n % 10, n % 100
    is_one = last == 1 and last_two != 11
    if case in ("nom", "acc"):
        if is_one:
            return _SINGULAR[noun][case]
        if 2 <= last <= 4 and not 12 <= last_two <= 14:
            return _PAUCAL[noun]
        return _PLURAL[noun]["gen"]
    if n >= 1000 and n % 1000 == 0:
        return _PLURAL[noun]["gen"]
    return _SINGULAR[noun][case] if is_one else _PLURAL[noun][case]
