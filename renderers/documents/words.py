"""Numbers, terms, dates and money in the words of legal texts, in Kazakh and Russian.

State forms write a number in digits and then in words in parentheses, with the noun agreeing:
"15 (он бес) жұмыс күні ішінде" / "в течение 15 (пятнадцати) рабочих дней". These functions
produce such phrases for the documents' templates; `FILTERS` registers them as Jinja filters,
each taking the language as `lang=`.

Digits are grouped by thousands with a no-break space (`GROUP_SEPARATOR`), so "1 000" never
breaks across lines. Russian is written with "е" for "ё", as in the normative acts.

Examples:
    >>> duration_words(15, "wd", "kk", form="within")
    '15 (он бес) жұмыс күні ішінде'
    >>> duration_words(15, "wd", "ru", form="within")
    'в течение 15 (пятнадцати) рабочих дней'
    >>> duration_words(5, "wd", "ru", form="within", digits=False)
    'в течение пяти рабочих дней'
    >>> duration_words(22, "wd", "ru", form="until")
    'до 22 (двадцати двух) рабочих дней'
    >>> import datetime
    >>> date_words(datetime.date(2024, 1, 3), "kk"), date_words(datetime.date(2024, 1, 3), "ru")
    ('2024 жылғы 3 қаңтар', '3 января 2024 года')
    >>> money_words(1000, "ru").replace(GROUP_SEPARATOR, " ")
    '1 000 (одна тысяча) тенге'
    >>> money_words(0, "kk")
    'тегін'
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final, Literal

from engine.spec import UNITS, Duration, DurationError, parse_duration
from renderers.documents import _words_kk as kk
from renderers.documents import _words_ru as ru

__all__ = [
    "FILTERS",
    "FORMS",
    "GROUP_SEPARATOR",
    "LANGS",
    "Lang",
    "date_words",
    "datetime_words",
    "duration_text",
    "duration_words",
    "group_digits",
    "money_words",
    "number_words",
]

Lang = Literal["kk", "ru"]
Form = Literal["plain", "within", "until", "words"]

#: The languages of state forms, Kazakh first.
LANGS: Final[tuple[Lang, ...]] = ("kk", "ru")
#: How a term is phrased: "15 (он бес) жұмыс күні" (plain), "... ішінде" / "в течение ..."
#: (within), "... дейін" / "до ..." (until), and plain without the digits (words).
FORMS: Final[tuple[str, ...]] = ("plain", "within", "until", "words")
#: Between groups of three digits: a no-break space, so that "1 000" stays on one line.
GROUP_SEPARATOR: Final = "\u00a0"

_FREE: Final[dict[str, str]] = {"kk": "тегін", "ru": "бесплатно"}
_TENGE_KK: Final = "теңге"
_TIYN_KK: Final = "тиын"
# The preposition each Russian form puts before the numeral, and the case it governs.
_RU_FORM: Final[dict[str, tuple[str, str]]] = {"within": ("в течение ", "gen"), "until": ("до ", "gen")}


def _lang(lang: str) -> Lang:
    if lang in LANGS:
        return lang
    raise ValueError(f'unknown language "{lang}" (hint: use "kk" for Kazakh or "ru" for Russian)')


def _count(n: object, what: str = "number") -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"{what} must be a whole number, got {n!r} (hint: pass an int such as 15)")
    if n < 0:
        raise ValueError(f"{what} must not be negative, got {n} (hint: legal texts count from 0)")
    return n


def _case(case: str) -> str:
    if case not in ru.CASES:
        raise ValueError(f'unknown case "{case}" (hint: one of {", ".join(ru.CASES)})')
    return case


def group_digits(n: int) -> str:
    """`n` in digits, thousands separated by `GROUP_SEPARATOR`.

    Examples:
        >>> group_digits(1234567).replace(GROUP_SEPARATOR, " ")
        '1 234 567'
    """
    return f"{_count(n):,}".replace(",", GROUP_SEPARATOR)


def number_words(n: int, lang: str, *, case: str = "nom", gender: str = "m") -> str:
    """The cardinal `n` in words.

    Args:
        n: a whole number, 0 or more.
        lang: "kk" or "ru".
        case: the Russian case (nom, gen, dat, acc, ins, prep; the accusative as for things, not
            beings). A Kazakh numeral before its noun does not decline, so Kazakh ignores it.
        gender: the gender of the Russian noun counted (m, f, n); Kazakh has none.

    Raises:
        ValueError: a negative or non-integer `n`, an unknown language, case or gender.

    Examples:
        >>> number_words(21, "ru", case="gen", gender="f"), number_words(21, "kk")
        ('двадцати одной', 'жиырма бір')
    """
    n, lang = _count(n), _lang(lang)
    _case(case)
    if gender not in ru.GENDERS:
        raise ValueError(f'unknown gender "{gender}" (hint: "m", "f" or "n")')
    return kk.cardinal(n) if lang == "kk" else ru.cardinal(n, case, gender)


def duration_words(
    amount: int, unit: str, lang: str, *, form: str = "plain", case: str | None = None, digits: bool = True,
) -> str:
    """A term in legal words: the amount in digits, in words in parentheses, and the unit.

    Args:
        amount: whole units, 0 or more.
        unit: min, h, wd, cd, bd or mo (see `engine.spec.duration.UNITS`).
        lang: "kk" or "ru".
        form: plain ("15 (он бес) жұмыс күні" / "15 (пятнадцать) рабочих дней"), within
            ("... ішінде" / "в течение 15 (пятнадцати) ..."), until ("... жұмыс күніне дейін" /
            "до 15 (пятнадцати) ..."), or words (plain without the digits: "пять рабочих дней").
        case: the Russian case of a plain or words phrase (default nominative), for templates
            that put their own preposition before it; within and until govern the genitive
            themselves. Kazakh ignores it.
        digits: False leaves out the digits and the parentheses ("в течение пяти рабочих дней").

    Raises:
        ValueError: a negative amount, an unknown unit, language, form or case, or a case that
            contradicts the form.
    """
    amount, lang = _count(amount, "amount"), _lang(lang)
    if unit not in UNITS:
        raise ValueError(f'unknown unit "{unit}" (hint: one of {", ".join(UNITS)})')
    if form not in FORMS:
        raise ValueError(f'unknown form "{form}" (hint: one of {", ".join(FORMS)})')
    if form == "words":
        form, digits = "plain", False
    if lang == "kk":
        words, noun = kk.cardinal(amount), kk.UNIT_NOUNS[form][unit]
        return f"{group_digits(amount)} ({words}) {noun}" if digits else f"{words} {noun}"
    preposition, governed = _RU_FORM.get(form, ("", "nom"))
    if case is not None and _case(case) != governed and form in _RU_FORM:
        raise ValueError(
            f'form "{form}" puts the term in the genitive, not "{case}" '
            '(hint: leave out case=, or use form="plain" with your own preposition)'
        )
    case = case or governed
    words = ru.cardinal(amount, case, ru.UNIT_GENDER[unit])
    noun = ru.counted(amount, unit, case)
    number = f"{group_digits(amount)} ({words})" if digits else words
    return f"{preposition}{number} {noun}"


def duration_text(
    d: Duration | str, lang: str, *, form: str = "plain", case: str | None = None, digits: bool = True,
) -> str:
    """`duration_words` for an `engine.spec.duration.Duration` (or its text, e.g. "15 wd").

    Examples:
        >>> duration_text(Duration(2, "h"), "kk"), duration_text("2 h", "ru")
        ('2 (екі) сағат', '2 (два) часа')
    """
    if isinstance(d, str):
        try:
            d = parse_duration(d)
        except DurationError as error:
            raise ValueError(str(error)) from None
    if not isinstance(d, Duration):
        raise ValueError(f'expected a duration such as "15 wd", got {d!r}')
    return duration_words(d.amount, d.unit, lang, form=form, case=case, digits=digits)


def date_words(d: dt.date, lang: str) -> str:
    """A date as state documents write it: "2024 жылғы 3 қаңтар" / "3 января 2024 года"."""
    lang = _lang(lang)
    if not isinstance(d, dt.date):
        raise ValueError(f"expected a date, got {d!r} (hint: pass a datetime.date)")
    if lang == "kk":
        return f"{d.year} жылғы {d.day} {kk.MONTHS[d.month - 1]}"
    return f"{d.day} {ru.MONTHS_GENITIVE[d.month - 1]} {d.year} года"


def datetime_words(instant: dt.datetime, lang: str, *, zone: str | None = None) -> str:
    """The date in words and the time of day: "2024 жылғы 3 қаңтар, 10:30".

    Args:
        instant: a datetime; an aware one is shown in its own zone unless `zone` is given.
        lang: "kk" or "ru".
        zone: an IANA zone (e.g. the calendar's "Asia/Almaty") to show an aware instant in.

    Raises:
        ValueError: not a datetime, an unknown zone, or a zone given for a naive instant.
    """
    lang = _lang(lang)
    if not isinstance(instant, dt.datetime):
        raise ValueError(f"expected a date and time, got {instant!r} (hint: pass a datetime.datetime)")
    if zone is not None:
        if instant.tzinfo is None:
            raise ValueError(
                f"{instant.isoformat()} has no time zone, so it cannot be shown in {zone} "
                "(hint: pass an aware datetime, or leave out zone=)"
            )
        try:
            instant = instant.astimezone(zoneinfo.ZoneInfo(zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f'unknown time zone "{zone}" (hint: an IANA name such as "Asia/Almaty")') from None
    return f"{date_words(instant.date(), lang)}, {instant:%H:%M}"


def money_words(amount: int | Decimal, lang: str) -> str:
    """A sum in tenge: "1 000 (бір мың) теңге" / "1 000 (одна тысяча) тенге"; 0 is free of charge.

    Tiyn (hundredths) follow the tenge: "5 (бес) теңге 50 (елу) тиын".

    Raises:
        ValueError: a negative amount, more than two decimal places, a float, or an unknown language.
    """
    lang = _lang(lang)
    if isinstance(amount, Decimal):
        if not amount.is_finite() or amount < 0 or (amount * 100) % 1 != 0:
            raise ValueError(
                f"a sum in tenge must be 0 or more with at most two decimal places (tiyn), got {amount}"
            )
        hundredths = int(amount * 100)
        tenge, tiyn = divmod(hundredths, 100)
    else:
        tenge, tiyn = _count(amount, "a sum in tenge"), 0
    if tenge == 0 and tiyn == 0:
        return _FREE[lang]
    parts = []
    if tenge or not tiyn:
        parts.append(_sum(tenge, "tenge", lang))
    if tiyn:
        parts.append(_sum(tiyn, "tiyn", lang))
    return " ".join(parts)


def _sum(n: int, noun: str, lang: Lang) -> str:
    if lang == "kk":
        return f"{group_digits(n)} ({kk.cardinal(n)}) {_TENGE_KK if noun == 'tenge' else _TIYN_KK}"
    return f"{group_digits(n)} ({ru.cardinal(n, 'nom', 'm')}) {ru.counted(n, noun, 'nom')}"


#: Jinja filter names → functions; each takes the value first and the language as `lang=`:
#: `{{ term|duration(lang="ru", form="within") }}`.
FILTERS: Final[Mapping[str, Callable[..., str]]] = MappingProxyType({
    "duration": duration_text,
    "number_words": number_words,
    "date_words": date_words,
    "datetime_words": datetime_words,
    "money": money_words,
})
