"""The audit's words in Kazakh and Russian (Kazakh first): the kinds of finding, a margin
against the term, the units of a term, months.

A margin is told as everywhere in the engine (`engine.calendar.margins.margin_words`, in the
term's unit: "missed the term by 1 wd 2 h"); here the same amount is worded in kk and ru.
"""

from __future__ import annotations

import re

from engine.spec import Text

__all__ = ["KIND_WORDS", "MONTHS", "margin_texts", "step_limits_words", "term_words", "unit_words"]

#: Each kind of finding, in kk and ru.
KIND_WORDS: dict[str, tuple[str, str]] = {
    "missing_step": ("рәсім орындалмаған", "процедура пропущена"),
    "extra_step": ("регламентте жоқ рәсім", "процедура вне регламента"),
    "repeated_step": ("рәсім қайталанған", "процедура повторена"),
    "out_of_order": ("рәсім ретінен тыс орындалған", "процедура выполнена не по порядку"),
    "no_outcome": ("шешімнің нәтижесі көрсетілмеген", "у решения не указан исход"),
    "unknown_outcome": ("шешімнің нәтижесі регламентте жоқ", "исход решения не определён регламентом"),
    "refusal_without_ground": ("бас тарту негізсіз", "отказ без основания"),
    "unknown_ground": ("бас тарту негізі белгісіз", "неизвестное основание отказа"),
    "no_receipt": ("өтінішті қабылдау оқиғасы жоқ", "нет события приёма заявления"),
    "before_receipt": ("рәсім өтініш қабылданғанға дейін", "процедура раньше приёма заявления"),
    "unknown_service": ("қызмет картада жоқ", "услуга не указана в карте"),
    "unknown_channel": ("арна картада немесе стандартта жоқ", "канал не указан в карте или стандарте"),
    "not_in_force": ("қабылдау күні стандарт не регламент күшінде емес",
                     "на день приёма стандарт или регламент не действует"),
    "outside_calendar": ("күнтізбе қамтымаған уақыт", "время вне календаря"),
    "late_step": ("рәсім мерзімінен кешіккен", "процедура просрочена"),
    "late_step_depends": ("рәсім тек «өткен жұмыс уақыты» оқылымы бойынша кешіккен",
                          "процедура просрочена только при прочтении «истёкшее рабочее время»"),
    "missed_term": ("қызмет көрсету мерзімі бұзылған", "срок оказания услуги нарушен"),
}

#: Months of the year in kk and ru (nominative), January first.
MONTHS: tuple[tuple[str, str], ...] = (
    ("қаңтар", "январь"), ("ақпан", "февраль"), ("наурыз", "март"), ("сәуір", "апрель"),
    ("мамыр", "май"), ("маусым", "июнь"), ("шілде", "июль"), ("тамыз", "август"),
    ("қыркүйек", "сентябрь"), ("қазан", "октябрь"), ("қараша", "ноябрь"), ("желтоқсан", "декабрь"),
)

_UNITS: dict[str, tuple[str, str]] = {
    "wd": ("жұмыс күні", "раб. дн."), "cd": ("күнтізбелік күн", "календ. дн."),
    "bd": ("банктік күн", "банк. дн."), "mo": ("ай", "мес."), "h": ("сағ", "ч"),
    "min": ("мин", "мин"),
}
_TERM_UNITS: dict[str, tuple[str, str]] = {
    "wd": ("жұмыс күндік", "рабочих дней"), "cd": ("күнтізбелік күндік", "календарных дней"),
    "bd": ("банктік күндік", "банковских дней"), "mo": ("айлық", "месяцев"),
    "h": ("сағаттық", "часов"), "min": ("минуттық", "минут"),
}
_AMOUNT = re.compile(r"(\d+) (wd|cd|bd|mo|h|min)")


def step_limits_words(depends: int) -> Text:
    """How the steps' limits in working days were read, and how many steps were late under
    the elapsed reading only (`engine.audit.step_readings`), in kk and ru."""
    return Text(
        "жұмыс күнімен берілген рәсім мерзімі азаматтық оқылыммен есептелді (басталған күннен "
        "кейінгі N-ші жұмыс күнінің соңына дейін); тек «өткен жұмыс уақыты» оқылымы бойынша "
        "(N жұмыс күнінің жұмыс уақыты) кешіккен рәсімдер бөлек саналды (late_step_depends): "
        f"{depends}; оқылымды бекіткен регламент сол оқылыммен тексерілді",
        "сроки процедур в рабочих днях считались по гражданскому прочтению (до конца N-го "
        "рабочего дня после дня начала); процедуры, просроченные только при прочтении «истёкшее "
        "рабочее время» (N рабочих дней рабочего времени), учтены отдельно (late_step_depends): "
        f"{depends}; регламент, закрепивший прочтение, проверен по нему")


def unit_words(amount: str, lang: int) -> str:
    """An amount as `engine.calendar.margins` gives it ("1 wd 2 h 10 min") in kk (0) or ru (1)."""
    return _AMOUNT.sub(lambda m: f"{m.group(1)} {_UNITS[m.group(2)][lang]}", amount)


def term_words(term: str) -> tuple[str, str]:
    """A term ("15 wd") as the headline words it: "15 жұмыс күндік", "15 рабочих дней"."""
    amount, _, unit = term.partition(" ")
    words = _TERM_UNITS.get(unit, (unit, unit))
    return f"{amount} {words[0]}", f"{amount} {words[1]}"


def margin_texts(english: str) -> tuple[str, str, str]:
    """A margin in words (`margin_words`' English) in kk, ru and en."""
    if english == "met the term with no time to spare":
        return "мерзім уақыт қалдырмай сақталды", "срок соблюдён без запаса", english
    if english == "missed the term outside working hours":
        return ("мерзім жұмыс уақытынан тыс бұзылды", "срок нарушен во внерабочее время", english)
    met = english.startswith("met the term with ")
    amount = english.removeprefix("met the term with ").removesuffix(" to spare") if met else \
        english.removeprefix("missed the term by ")
    if met:
        return (f"мерзім {unit_words(amount, 0)} қалдырып сақталды",
                f"срок соблюдён с запасом {unit_words(amount, 1)}", english)
    return (f"мерзім {unit_words(amount, 0)} бұзылды", f"срок нарушен на {unit_words(amount, 1)}",
            english)
