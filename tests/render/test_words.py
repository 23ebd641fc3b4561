"""Numbers, terms, dates and money in legal words (renderers/documents/words.py).

The tables below are written out by hand from the grammar, not generated: Russian agreement and
declension of the numeral and the noun, Kazakh numerals with the noun left singular.
"""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import re
import zoneinfo
from decimal import Decimal

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.spec import Duration
from renderers.documents.words import (
    FILTERS,
    GROUP_SEPARATOR,
    date_words,
    datetime_words,
    duration_text,
    duration_words,
    group_digits,
    money_words,
    number_words,
)

NUMBERS = (1, 2, 5, 12, 14, 15, 21, 22, 30)
KK_NUMBERS = ("бір", "екі", "бес", "он екі", "он төрт", "он бес", "жиырма бір", "жиырма екі", "отыз")

# unit → for each of NUMBERS: (Russian nominative, Russian genitive), numeral and noun.
RU_TERMS: dict[str, list[tuple[str, str]]] = {
    "min": [
        ("одна минута", "одной минуты"),
        ("две минуты", "двух минут"),
        ("пять минут", "пяти минут"),
        ("двенадцать минут", "двенадцати минут"),
        ("четырнадцать минут", "четырнадцати минут"),
        ("пятнадцать минут", "пятнадцати минут"),
        ("двадцать одна минута", "двадцати одной минуты"),
        ("двадцать две минуты", "двадцати двух минут"),
        ("тридцать минут", "тридцати минут"),
    ],
    "h": [
        ("один час", "одного часа"),
        ("два часа", "двух часов"),
        ("пять часов", "пяти часов"),
        ("двенадцать часов", "двенадцати часов"),
        ("четырнадцать часов", "четырнадцати часов"),
        ("пятнадцать часов", "пятнадцати часов"),
        ("двадцать один час", "двадцати одного часа"),
        ("двадцать два часа", "двадцати двух часов"),
        ("тридцать часов", "тридцати часов"),
    ],
    "wd": [
        ("один рабочий день", "одного рабочего дня"),
        ("два рабочих дня", "двух рабочих дней"),
        ("пять рабочих дней", "пяти рабочих дней"),
        ("двенадцать рабочих дней", "двенадцати рабочих дней"),
        ("четырнадцать рабочих дней", "четырнадцати рабочих дней"),
        ("пятнадцать рабочих дней", "пятнадцати рабочих дней"),
        ("двадцать один рабочий день", "двадцати одного рабочего дня"),
        ("двадцать два рабочих дня", "двадцати двух рабочих дней"),
        ("тридцать рабочих дней", "тридцати рабочих дней"),
    ],
    "cd": [
        ("один календарный день", "одного календарного дня"),
        ("два календарных дня", "двух календарных дней"),
        ("пять календарных дней", "пяти календарных дней"),
        ("двенадцать календарных дней", "двенадцати календарных дней"),
        ("четырнадцать календарных дней", "четырнадцати календарных дней"),
        ("пятнадцать календарных дней", "пятнадцати календарных дней"),
        ("двадцать один календарный день", "двадцати одного календарного дня"),
        ("двадцать два календарных дня", "двадцати двух календарных дней"),
        ("тридцать календарных дней", "тридцати календарных дней"),
    ],
    "bd": [
        ("один банковский день", "одного банковского дня"),
        ("два банковских дня", "двух банковских дней"),
        ("пять банковских дней", "пяти банковских дней"),
        ("двенадцать банковских дней", "двенадцати банковских дней"),
        ("четырнадцать банковских дней", "четырнадцати банковских дней"),
        ("пятнадцать банковских дней", "пятнадцати банковских дней"),
        ("двадцать один банковский день", "двадцати одного банковского дня"),
        ("двадцать два банковских дня", "двадцати двух банковских дней"),
        ("тридцать банковских дней", "тридцати банковских дней"),
    ],
    "mo": [
        ("один месяц", "одного месяца"),
        ("два месяца", "двух месяцев"),
        ("пять месяцев", "пяти месяцев"),
        ("двенадцать месяцев", "двенадцати месяцев"),
        ("четырнадцать месяцев", "четырнадцати месяцев"),
        ("пятнадцать месяцев", "пятнадцати месяцев"),
        ("двадцать один месяц", "двадцати одного месяца"),
        ("двадцать два месяца", "двадцати двух месяцев"),
        ("тридцать месяцев", "тридцати месяцев"),
    ],
}
# unit → the Kazakh noun: plain, before "ішінде", before "дейін" (dative).
KK_NOUNS = {
    "min": ("минут", "минут ішінде", "минутқа дейін"),
    "h": ("сағат", "сағат ішінде", "сағатқа дейін"),
    "wd": ("жұмыс күні", "жұмыс күні ішінде", "жұмыс күніне дейін"),
    "cd": ("күнтізбелік күн", "күнтізбелік күн ішінде", "күнтізбелік күнге дейін"),
    "bd": ("банк күні", "банк күні ішінде", "банк күніне дейін"),
    "mo": ("ай", "ай ішінде", "айға дейін"),
}


def _split(phrase: str, n: int) -> tuple[str, str]:
    """A Russian phrase "пятнадцать рабочих дней" as the numeral words and the noun."""
    numeral = number_words(n, "ru")  # only its word count is used, to find where the noun starts
    words = phrase.split(" ")
    count = len(numeral.split(" "))
    return " ".join(words[:count]), " ".join(words[count:])


TERM_CASES = [
    (unit, n, index) for unit in RU_TERMS for index, n in enumerate(NUMBERS)
]


@pytest.mark.parametrize(("unit", "n", "index"), TERM_CASES)
def test_terms_in_every_form_and_language(unit: str, n: int, index: int) -> None:
    nominative, genitive = RU_TERMS[unit][index]
    ru_words, ru_noun = _split(nominative, n)
    ru_gen_words, ru_gen_noun = _split(genitive, n)
    kk_words = KK_NUMBERS[index]
    kk_plain, kk_within, kk_until = KK_NOUNS[unit]

    assert duration_words(n, unit, "ru") == f"{n} ({ru_words}) {ru_noun}"
    assert duration_words(n, unit, "ru", form="within") == f"в течение {n} ({ru_gen_words}) {ru_gen_noun}"
    assert duration_words(n, unit, "ru", form="until") == f"до {n} ({ru_gen_words}) {ru_gen_noun}"
    assert duration_words(n, unit, "ru", form="words") == nominative
    assert duration_words(n, unit, "ru", form="words", case="gen") == genitive
    assert duration_words(n, unit, "ru", form="within", digits=False) == f"в течение {genitive}"

    assert duration_words(n, unit, "kk") == f"{n} ({kk_words}) {kk_plain}"
    assert duration_words(n, unit, "kk", form="within") == f"{n} ({kk_words}) {kk_within}"
    assert duration_words(n, unit, "kk", form="until") == f"{n} ({kk_words}) {kk_until}"
    assert duration_words(n, unit, "kk", form="words") == f"{kk_words} {kk_plain}"


@pytest.mark.parametrize(("args", "expected"), [
    # the phrases of the seeds and of the issue, verbatim
    ((15, "wd", "kk", "plain"), "15 (он бес) жұмыс күні"),
    ((15, "wd", "ru", "plain"), "15 (пятнадцать) рабочих дней"),
    ((15, "wd", "kk", "within"), "15 (он бес) жұмыс күні ішінде"),
    ((15, "wd", "ru", "within"), "в течение 15 (пятнадцати) рабочих дней"),
    ((22, "wd", "ru", "until"), "до 22 (двадцати двух) рабочих дней"),
    ((5, "min", "kk", "plain"), "5 (бес) минут"),
    ((2, "h", "kk", "plain"), "2 (екі) сағат"),
    ((30, "cd", "kk", "plain"), "30 (отыз) күнтізбелік күн"),
    ((1, "wd", "kk", "within"), "1 (бір) жұмыс күні ішінде"),
    ((12, "wd", "kk", "within"), "12 (он екі) жұмыс күні ішінде"),
    ((10, "min", "kk", "within"), "10 (он) минут ішінде"),
    # issue 16: months and banking days
    ((1, "mo", "kk", "plain"), "1 (бір) ай"),
    ((1, "mo", "ru", "plain"), "1 (один) месяц"),
    ((5, "bd", "kk", "within"), "5 (бес) банк күні ішінде"),
    ((5, "bd", "ru", "within"), "в течение 5 (пяти) банковских дней"),
])
def test_phrases_of_the_seeds(args: tuple[int, str, str, str], expected: str) -> None:
    amount, unit, lang, form = args
    assert duration_words(amount, unit, lang, form=form) == expected


def test_within_without_digits_as_in_the_issue() -> None:
    assert duration_words(5, "wd", "ru", form="within", digits=False) == "в течение пяти рабочих дней"
    assert duration_words(5, "wd", "kk", form="within", digits=False) == "бес жұмыс күні ішінде"


@pytest.mark.parametrize(("n", "unit", "case", "expected"), [
    (1, "wd", "acc", "1 (один) рабочий день"),  # inanimate: not "одного"
    (21, "min", "acc", "21 (двадцать одну) минуту"),
    (2, "min", "acc", "2 (две) минуты"),
    (5, "h", "acc", "5 (пять) часов"),
    (21, "wd", "dat", "21 (двадцати одному) рабочему дню"),
    (5, "wd", "dat", "5 (пяти) рабочим дням"),
    (1, "min", "ins", "1 (одной) минутой"),
    (22, "min", "ins", "22 (двадцатью двумя) минутами"),
    (14, "h", "ins", "14 (четырнадцатью) часами"),
    (2, "h", "prep", "2 (двух) часах"),
    (21, "cd", "prep", "21 (двадцати одном) календарном дне"),
    (30, "cd", "prep", "30 (тридцати) календарных днях"),
    (4, "wd", "gen", "4 (четырех) рабочих дней"),  # "е", not "ё", as in the normative acts
    (1000, "wd", "nom", "1 000 (одна тысяча) рабочих дней"),
    (1000, "wd", "gen", "1 000 (одной тысячи) рабочих дней"),
    (5000, "wd", "dat", "5 000 (пяти тысячам) рабочих дней"),  # after "тысяча" the noun stays genitive
    (1001, "min", "gen", "1 001 (одной тысячи одной) минуты"),
])
def test_russian_cases_of_a_plain_term(n: int, unit: str, case: str, expected: str) -> None:
    assert duration_words(n, unit, "ru", case=case).replace(GROUP_SEPARATOR, " ") == expected


# n → the six cases (nom, gen, dat, acc, ins, prep) for the masculine, feminine and neuter.
RU_NUMERALS: dict[int, dict[str, tuple[str, ...]]] = {
    1: {"m": ("один", "одного", "одному", "один", "одним", "одном"),
        "f": ("одна", "одной", "одной", "одну", "одной", "одной"),
        "n": ("одно", "одного", "одному", "одно", "одним", "одном")},
    2: {"m": ("два", "двух", "двум", "два", "двумя", "двух"),
        "f": ("две", "двух", "двум", "две", "двумя", "двух"),
        "n": ("два", "двух", "двум", "два", "двумя", "двух")},
    5: {"m": ("пять", "пяти", "пяти", "пять", "пятью", "пяти")},
    12: {"m": ("двенадцать", "двенадцати", "двенадцати", "двенадцать", "двенадцатью", "двенадцати")},
    14: {"m": ("четырнадцать", "четырнадцати", "четырнадцати", "четырнадцать", "четырнадцатью", "четырнадцати")},
    15: {"m": ("пятнадцать", "пятнадцати", "пятнадцати", "пятнадцать", "пятнадцатью", "пятнадцати")},
    21: {"m": ("двадцать один", "двадцати одного", "двадцати одному", "двадцать один", "двадцатью одним",
               "двадцати одном"),
         "f": ("двадцать одна", "двадцати одной", "двадцати одной", "двадцать одну", "двадцатью одной",
               "двадцати одной")},
    22: {"m": ("двадцать два", "двадцати двух", "двадцати двум", "двадцать два", "двадцатью двумя",
               "двадцати двух"),
         "f": ("двадцать две", "двадцати двух", "двадцати двум", "двадцать две", "двадцатью двумя",
               "двадцати двух")},
    30: {"m": ("тридцать", "тридцати", "тридцати", "тридцать", "тридцатью", "тридцати")},
    40: {"m": ("сорок", "сорока", "сорока", "сорок", "сорока", "сорока")},
    90: {"m": ("девяносто", "девяноста", "девяноста", "девяносто", "девяноста", "девяноста")},
    200: {"m": ("двести", "двухсот", "двумстам", "двести", "двумястами", "двухстах")},
    1000: {"m": ("одна тысяча", "одной тысячи", "одной тысяче", "одну тысячу", "одной тысячей",
                 "одной тысяче")},
    # a million is masculine whatever it counts (num2words gives "одной миллиона" here)
    1_000_000: {"f": ("один миллион", "одного миллиона", "одному миллиону", "один миллион",
                      "одним миллионом", "одном миллионе")},
}
CASES = ("nom", "gen", "dat", "acc", "ins", "prep")


@pytest.mark.parametrize(("n", "gender"), [(n, g) for n, genders in RU_NUMERALS.items() for g in genders])
def test_russian_numerals_in_six_cases(n: int, gender: str) -> None:
    got = tuple(number_words(n, "ru", case=case, gender=gender) for case in CASES)
    assert got == RU_NUMERALS[n][gender]


@pytest.mark.parametrize(("n", "expected"), [
    (0, "нөл"), (3, "үш"), (4, "төрт"), (6, "алты"), (7, "жеті"), (8, "сегіз"), (9, "тоғыз"), (10, "он"),
    (40, "қырық"), (50, "елу"), (60, "алпыс"), (70, "жетпіс"), (80, "сексен"), (90, "тоқсан"),
    (100, "жүз"), (1000, "бір мың"), (2024, "екі мың жиырма төрт"), (1_000_000, "бір миллион"),
    *zip(NUMBERS, KK_NUMBERS, strict=True),
])
def test_kazakh_numerals(n: int, expected: str) -> None:
    assert number_words(n, "kk") == expected
    # a Kazakh numeral before its noun does not decline: the Russian case is ignored
    assert number_words(n, "kk", case="gen", gender="f") == expected


KK_MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
             "қазан", "қараша", "желтоқсан")
RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря")


@pytest.mark.parametrize("month", range(1, 13))
def test_dates(month: int) -> None:
    day = dt.date(2024, month, 3)
    assert date_words(day, "kk") == f"2024 жылғы 3 {KK_MONTHS[month - 1]}"
    assert date_words(day, "ru") == f"3 {RU_MONTHS[month - 1]} 2024 года"


def test_date_and_time() -> None:
    aqtobe = zoneinfo.ZoneInfo("Asia/Aqtobe")  # UTC+5 all year since 2004
    instant = dt.datetime(2024, 1, 3, 10, 30, tzinfo=aqtobe)
    assert datetime_words(instant, "kk") == "2024 жылғы 3 қаңтар, 10:30"
    assert datetime_words(instant, "ru") == "3 января 2024 года, 10:30"
    utc = dt.datetime(2024, 1, 3, 5, 30, tzinfo=dt.UTC)
    assert datetime_words(utc, "ru") == "3 января 2024 года, 05:30"
    assert datetime_words(utc, "ru", zone="Asia/Aqtobe") == "3 января 2024 года, 10:30"
    assert datetime_words(dt.datetime(2024, 12, 31, 23, 5), "kk") == "2024 жылғы 31 желтоқсан, 23:05"


@pytest.mark.parametrize(("amount", "kk", "ru"), [
    (0, "тегін", "бесплатно"),
    (Decimal("0.00"), "тегін", "бесплатно"),
    (1, "1 (бір) теңге", "1 (один) тенге"),
    (2, "2 (екі) теңге", "2 (два) тенге"),
    (21, "21 (жиырма бір) теңге", "21 (двадцать один) тенге"),
    (1000, "1 000 (бір мың) теңге", "1 000 (одна тысяча) тенге"),
    (2500, "2 500 (екі мың бес жүз) теңге", "2 500 (две тысячи пятьсот) тенге"),
    (1_000_000, "1 000 000 (бір миллион) теңге", "1 000 000 (один миллион) тенге"),
    (Decimal("1500.50"), "1 500 (бір мың бес жүз) теңге 50 (елу) тиын",
     "1 500 (одна тысяча пятьсот) тенге 50 (пятьдесят) тиынов"),
    (Decimal("3.02"), "3 (үш) теңге 2 (екі) тиын", "3 (три) тенге 2 (два) тиына"),
    (Decimal("0.01"), "1 (бір) тиын", "1 (один) тиын"),
])
def test_money(amount: int | Decimal, kk: str, ru: str) -> None:
    assert money_words(amount, "kk").replace(GROUP_SEPARATOR, " ") == kk
    assert money_words(amount, "ru").replace(GROUP_SEPARATOR, " ") == ru


def test_thousands_are_held_together_by_a_no_break_space() -> None:
    assert money_words(1000, "kk") == "1\u00a0000 (бір мың) теңге"
    assert group_digits(999) == "999"
    assert group_digits(12345) == "12\u00a0345"


def test_duration_text_takes_a_duration_or_its_text() -> None:
    assert duration_text(Duration(2, "h"), "ru") == "2 (два) часа"
    assert duration_text("15 wd", "kk", form="within") == "15 (он бес) жұмыс күні ішінде"


def test_filters_in_a_jinja_environment() -> None:
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    environment.filters.update(FILTERS)
    template = environment.from_string(
        "{{ term|duration(lang='kk', form='within') }} / {{ term|duration(lang='ru', form='within') }}; "
        "{{ day|date_words(lang='ru') }}; {{ at|datetime_words(lang='kk') }}; {{ cost|money(lang='ru') }}; "
        "{{ n|number_words(lang='ru', case='gen', gender='f') }}"
    )
    text = template.render(term=Duration(15, "wd"), day=dt.date(2024, 1, 3),
                           at=dt.datetime(2024, 1, 3, 10, 30), cost=0, n=21)
    assert text == ("15 (он бес) жұмыс күні ішінде / в течение 15 (пятнадцати) рабочих дней; "
                    "3 января 2024 года; 2024 жылғы 3 қаңтар, 10:30; бесплатно; двадцати одной")


@pytest.mark.parametrize(("call", "message"), [
    (lambda: number_words(-1, "ru"), "must not be negative, got -1"),
    (lambda: number_words(True, "ru"), "must be a whole number"),
    (lambda: number_words(1.5, "ru"), "must be a whole number, got 1.5"),
    (lambda: number_words(5, "en"), 'unknown language "en" (hint: use "kk" for Kazakh or "ru" for Russian)'),
    (lambda: number_words(5, "ru", case="voc"), 'unknown case "voc" (hint: one of nom, gen, dat, acc, ins, prep)'),
    (lambda: number_words(5, "ru", gender="x"), 'unknown gender "x"'),
    (lambda: duration_words(-3, "wd", "kk"), "amount must not be negative, got -3"),
    (lambda: duration_words(3, "d", "kk"), 'unknown unit "d" (hint: one of min, h, wd, cd, bd, mo)'),
    (lambda: duration_words(3, "wd", "kk", form="before"), 'unknown form "before"'),
    (lambda: duration_words(3, "wd", "ru", form="within", case="dat"), 'form "within" puts the term in the genitive'),
    (lambda: duration_text("3 days", "ru"), '"days" is ambiguous'),
    (lambda: money_words(-5, "ru"), "must not be negative"),
    (lambda: money_words(Decimal("1.005"), "ru"), "at most two decimal places"),
    (lambda: money_words(10.5, "kk"), "must be a whole number"),
    (lambda: date_words("2024-01-03", "kk"), "expected a date"),  # type: ignore[arg-type]
    (lambda: datetime_words(dt.datetime(2024, 1, 3), "kk", zone="Asia/Almaty"), "has no time zone"),
    (lambda: datetime_words(dt.datetime(2024, 1, 3, tzinfo=dt.UTC), "kk", zone="Mars/Olympus"),
     'unknown time zone "Mars/Olympus"'),
])
def test_bad_input_is_a_clear_value_error(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        call()  # type: ignore[operator]


WORDS = re.compile(r"[а-яәғқңөұүһі]+( [а-яәғқңөұүһі]+)*")
TERM = re.compile(r"(?:в течение |до )?([0-9\u00a0]+) \(([^)]+)\) (.+)")


@given(n=st.integers(0, 10**6), lang=st.sampled_from(["kk", "ru"]),
       case=st.sampled_from(CASES), gender=st.sampled_from(["m", "f", "n"]))
def test_every_number_has_words_of_letters_only(n: int, lang: str, case: str, gender: str) -> None:
    words = number_words(n, lang, case=case, gender=gender)
    assert WORDS.fullmatch(words), words
    assert "ё" not in words


@given(n=st.integers(0, 999_999), unit=st.sampled_from(["min", "h", "wd", "cd", "bd", "mo"]),
       lang=st.sampled_from(["kk", "ru"]), form=st.sampled_from(["plain", "within", "until"]))
def test_the_digits_in_a_term_are_the_amount_and_the_words_name_it(n: int, unit: str, lang: str, form: str) -> None:
    match = TERM.fullmatch(duration_words(n, unit, lang, form=form))
    assert match, duration_words(n, unit, lang, form=form)
    assert int(match.group(1).replace(GROUP_SEPARATOR, "")) == n
    case = "nom" if form == "plain" else "gen"
    gender = "f" if unit == "min" else "m"
    assert match.group(2) == number_words(n, lang, case=case, gender=gender)


@given(n=st.integers(1, 9_899), unit=st.sampled_from(["min", "h", "wd", "cd", "bd", "mo"]),
       case=st.sampled_from(["nom", "acc"]))
def test_russian_agreement_depends_on_the_last_two_digits(n: int, unit: str, case: str) -> None:
    noun = duration_words(n, unit, "ru", case=case).split(") ", 1)[1]
    assert duration_words(n + 100, unit, "ru", case=case).split(") ", 1)[1] == noun


@given(amount=st.integers(1, 10**9), lang=st.sampled_from(["kk", "ru"]))
def test_the_digits_of_a_sum_are_the_amount(amount: int, lang: str) -> None:
    text = money_words(amount, lang)
    digits, _, rest = text.partition(" (")
    assert int(digits.replace(GROUP_SEPARATOR, "")) == amount
    assert rest.endswith((") теңге", ") тенге"))


@pytest.mark.parametrize("name", ["renderers.documents.words", "renderers.documents._words_ru",
                                  "renderers.documents._words_kk"])
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
