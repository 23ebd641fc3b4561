"""A case as the API answers it: `engine.cases.case_data` and the margin told in words.

The margin is the engine's (`engine.cases.case_margin`: "met the term with 2 h 10 min to
spare"), in the term's unit, and worded here in Kazakh and Russian too, Kazakh first,
from the same amount: the arithmetic has one source, only the words are the API's.
"""

from __future__ import annotations

import re
from typing import Any

from engine.cases import CaseState, Executor, case_data, case_margin

__all__ = ["case_json", "margin_texts"]

#: The units of an amount ("1 wd 2 h 10 min"), in Kazakh and Russian (abbreviated in
#: Russian, where a number's noun would otherwise need its case).
_UNITS = {"wd": ("жұмыс күні", "раб. дн."), "bd": ("банк күні", "банк. дн."),
          "cd": ("күнтізбелік күн", "кал. дн."), "mo": ("ай", "мес."), "h": ("сағат", "ч"),
          "min": ("минут", "мин")}
_AMOUNT = re.compile(r"(\d+) (wd|bd|cd|mo|h|min)\b")
_SAYINGS = (
    ("met the term with no time to spare", "мерзім қорсыз сақталды", "срок соблюдён без запаса"),
    ("missed the term outside working hours", "мерзім жұмыс уақытынан тыс бұзылды",
     "срок нарушен в нерабочее время"),
)


def _amount(text: str, lang: int) -> str:
    return " ".join(f"{n} {_UNITS[unit][lang]}" for n, unit in _AMOUNT.findall(text))


def margin_texts(words: str) -> dict[str, str]:
    """The engine's margin in English, and in Kazakh and Russian.

    Examples:
        >>> margin_texts("met the term with 1 wd 2 h to spare")["ru"]
        'срок соблюдён с запасом 1 раб. дн. 2 ч'
        >>> margin_texts("missed the term by 10 min")["kk"]
        'мерзім 10 минут бұзылды'
    """
    for english, kk, ru in _SAYINGS:
        if words == english:
            return {"en": words, "kk": kk, "ru": ru}
    if words.startswith("met the term with "):
        return {"en": words, "kk": f"мерзім сақталды, {_amount(words, 0)} қор қалды",
                "ru": f"срок соблюдён с запасом {_amount(words, 1)}"}
    return {"en": words, "kk": f"мерзім {_amount(words, 0)} бұзылды",
            "ru": f"срок нарушен на {_amount(words, 1)}"}


def case_json(executor: Executor, state: CaseState) -> dict[str, Any]:
    """The case as `reglament run --json` and `reglament case show --json` give it, with
    `margin`: the margin in words (en, kk, ru), None while the case is open or when it
    was refused to accept."""
    data = case_data(executor, state)
    words = case_margin(executor, state)
    data["margin"] = margin_texts(words) if words is not None else None
    return data
