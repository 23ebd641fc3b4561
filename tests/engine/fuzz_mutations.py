"""A grammar-aware strategy for the loader's fuzz: real specs with their structure mutated.

A spec of `specs/` or `tests/data/valid/` is read into a tree (`fuzz_grammar`), changed by one
to four operations of `OPERATIONS`, and written back as YAML:

- keys renamed (near misses, other keys, look-alike letters, non-text keys, merge keys),
  dropped or duplicated; lists and mappings swapped for each other, scalars for either;
- YAML tags on scalars and collections: `!!bool`, `!!int`, `!!timestamp`, `!!binary`, local
  and Python tags; anchors and aliases;
- escapes and raw characters in double-quoted scalars: controls, noncharacters, surrogates,
  bidirectional controls, line separators, escapes YAML does not know;
- durations with huge amounts (thousands of digits), signs, fractions and bad units;
- numbers of thousands of digits (over Python's int-string limit), or overflowing to infinity,
  and dates, times and codes of such numbers, in any place (issue 18);
- the hours of `kind: schedules` files: spans reversed, out of the day, malformed or of huge
  numbers; unknown weekdays, weeks, intakes and schedules (issue 16's files, issue 18);
- a `next:` of a step or of an outcome that returns to an earlier step (or the step itself),
  with and without a `max_repeats`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.engine.fuzz_grammar import (
    BASES,
    Decorated,
    Map,
    Raw,
    Seq,
    Slot,
    base_data,
    emit,
    get,
    put,
    quote,
    slots,
    to_tree,
)
from tests.specdata import SPECS

Draw = Callable[..., Any]


def _slot(draw: Draw, tree: Any, keep: Callable[[Slot], bool] = lambda s: True) -> Slot | None:
    chosen = [s for s in slots(tree) if keep(s)]
    return draw(st.sampled_from(chosen), label="slot") if chosen else None


def rename_key(draw: Draw, tree: Any) -> None:
    slot = _slot(draw, tree, lambda s: isinstance(s[0], Map))
    if slot is None:
        return
    pair = slot[0][slot[1]]
    key = str(pair[0])
    others = sorted({str(s[0][s[1]][0]) for s in slots(tree) if isinstance(s[0], Map)})
    pair[0] = draw(st.one_of(
        st.sampled_from([key.upper(), key[:-1], key + "s", key.replace("e", "е"), "", "kind",
                         Raw("<<"), "? x", " " + key, Raw("1"), Raw("true"), Raw("~"), Raw("[a]"),
                         Raw("{a: 1}"), Raw("!!int 7"), Raw("!!str " + key), Raw(quote(key + "\t")),
                         Raw('"' + key + '\\u202e"'), Raw("!x " + key)]),
        st.sampled_from(others)), label="new key")


def drop(draw: Draw, tree: Any) -> None:
    slot = _slot(draw, tree)
    if slot is not None:
        del slot[0][slot[1]]


def duplicate_key(draw: Draw, tree: Any) -> None:
    slot = _slot(draw, tree, lambda s: isinstance(s[0], Map))
    if slot is not None:
        key, value = slot[0][slot[1]]
        again = draw(st.sampled_from([copy.deepcopy(value), None, "other", Seq()]), label="again")
        slot[0].insert(slot[1] + draw(st.integers(0, 1)), [key, again])


def swap_collection(draw: Draw, tree: Any) -> None:
    slot = _slot(draw, tree)
    if slot is None:
        return
    value = get(slot)
    if isinstance(value, Map):
        items = [pair[1] for pair in value]
        new = draw(st.sampled_from([Seq(items), Seq(Map([pair]) for pair in value)]))
    elif isinstance(value, Seq):
        new = draw(st.sampled_from([
            Map([str(index), item] for index, item in enumerate(value)),
            Map([item if isinstance(item, str) else str(index), item]
                for index, item in enumerate(value))]))
    else:
        new = draw(st.sampled_from([Seq([value]), Map([["kk", value]]), Seq(), Map()]))
    put(slot, new)


TAGS = ["!!bool", "!!int", "!!float", "!!str", "!!null", "!!timestamp", "!!binary", "!!set",
        "!!omap", "!!map", "!!seq", "!custom", "!", "!!python/object/apply:os.system",
        "!<tag:yaml.org,2002:str>", "!<!>", "!!merge", "!<tag:yaml.org,2002:int>", "!foo!bar"]


def tag(draw: Draw, tree: Any) -> None:
    slot = _slot(draw, tree)
    if slot is not None:
        put(slot, Decorated(draw(st.sampled_from(TAGS), label="tag"), get(slot)))


ESCAPES = ["\\x01", "\\0", "\\e", "\\a", "\\b", "\\v", "\\f", "\\r", "\\t", "\\n", "\\N",
           "\\_", "\\L", "\\P", "\\uFFFE", "\\uffff", "\\uD800", "\\uDFFF", "\\U0001FFFE",
           "\\u202A", "\\u202E", "\\u2066", "\\u2069", "\\u200F", "\\x85", "\\x9b", "\\x7f",
           "\\U00110000", "\\U0010FFFF", "\\q", "\\x", "\\u12", "\\\\", '\\"', "\\/", "\\ ",
           "\u202e", "\x0c", "\ufeff", "\u2028", "\x85", "\ufffe", "\t", "\r", "\x00",
           "\U0001f600"]


def escape(draw: Draw, tree: Any) -> None:
    """An escape, or a raw character, put into a string scalar written double-quoted."""
    slot = _slot(draw, tree, lambda s: isinstance(get(s), str))
    if slot is None:
        return
    text = quote(get(slot))[1:-1]
    at = draw(st.integers(0, len(text)), label="at")
    while at and text[at - 1] == "\\":  # not inside an escape of the text itself
        at -= 1
    put(slot, Raw('"' + text[:at] + draw(st.sampled_from(ESCAPES), label="escape")
                  + text[at:] + '"'))


_DURATION = re.compile(r"[0-9]+ [a-z]+")
DURATIONS = ["1000000 wd", "999999 cd", "9" * 5000 + " wd", "1" * 40 + " min", "0 min",
             "00 min", "-1 h", "+1 h", "1.5 h", "1e9 min", "15 weeks", "1 day", "15 MIN",
             " 15 min", "15min", "0x10 min", "\u0661\u0665 min", "15 min\n", "15", Raw("15"),
             Raw("!!int 15"), Raw("15 min # a comment"), Seq(["15 min"]), None]


def duration(draw: Draw, tree: Any) -> None:
    found = [s for s in slots(tree) if isinstance(get(s), str) and _DURATION.fullmatch(get(s))]
    slot = draw(st.sampled_from(found), label="duration") if found else _slot(draw, tree)
    if slot is not None:
        put(slot, copy.deepcopy(draw(st.sampled_from(DURATIONS), label="new duration")))


_HUGE = "9" * 5000
NUMBERS = [Raw(_HUGE), Raw("-" + _HUGE), Raw(_HUGE + ".5"), Raw("1.0e+400"), Raw("-1.0e+400"),
           Raw("9" * 16), Raw("9" * 15), Raw(".inf"), Raw(".nan"), Raw("0x" + "f" * 5000),
           Raw("0o" + "7" * 5000), Raw(_HUGE + "-01-01"), Raw("99999-01-01"), Raw("2024-13-01"),
           Raw("0000-01-01"), Raw(_HUGE + ":00"), _HUGE, _HUGE + " wd", _HUGE + "-01-01",
           "9" * 12, "2024-01-" + "0" * 5000 + "1", Raw("!!int " + _HUGE)]


def huge_number(draw: Draw, tree: Any) -> None:
    """A number of thousands of digits, or one too large, in any place."""
    slot = _slot(draw, tree)
    if slot is not None:
        put(slot, draw(st.sampled_from(NUMBERS), label="number"))


_SPAN = re.compile(r"[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}")
SPANS = ["18:00-09:00", "09:00-09:00", "25:00-26:00", "09:60-10:00", "9:00-18:00", "00:00-24:00",
         "24:00-24:00", "09:00-18:00-19:00", "09:00-", "-18:00", "09.00-18.00", "09:00 - 18:00",
         _HUGE + ":00-18:00", "09:00-" + _HUGE + ":00", Raw("09:00-18:00 # c"), Raw("9:00"),
         Raw("540"), Seq(["09:00-18:00"]), Map([["mon", "09:00-18:00"]]), None, ""]
SCHEDULE_VALUES = {
    "week": ["seven_day", "five_day", "six_day", "", Seq(["five_day"])],
    "intake": ["always", "hours", "never", True],
    "counts_on": ["provider", "nowhere", "portal", "district_department", _HUGE],
    "office": ["cso", "", "x" * 100],
    "weekdays": [Seq(["wed", "wed"]), Seq(["sun"]), Seq(["WED"]), Seq(["wednesday"]), Seq(),
                 Seq(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), "wed"],
}
WEEKDAYS = ["mon", "sat", "sun", "MON", "monday", "дс", "xx", Raw("1"), Raw(_HUGE)]


def schedule(draw: Draw, tree: Any) -> None:
    """A change of the hours of a schedules file: a span, a weekday, a week, an intake, a
    schedule named; a spec without hours gets a span somewhere instead."""
    spans = [s for s in slots(tree) if isinstance(get(s), str) and _SPAN.fullmatch(get(s))]
    keys = [(s, s[0][s[1]][0]) for s in slots(tree) if isinstance(s[0], Map)
            and isinstance(s[0][s[1]][0], str)]  # not a key written verbatim (`Raw`)
    keyed = [s for s, key in keys if key in SCHEDULE_VALUES]
    days = [s for s, key in keys if key in WEEKDAYS[:3]]
    choice = draw(st.sampled_from(["span", "key", "weekday"]), label="schedule change")
    if choice == "key" and keyed:
        slot = draw(st.sampled_from(keyed), label="schedule key")
        put(slot, copy.deepcopy(draw(st.sampled_from(SCHEDULE_VALUES[slot[0][slot[1]][0]]))))
    elif choice == "weekday" and days:
        slot = draw(st.sampled_from(days), label="weekday")
        slot[0][slot[1]][0] = draw(st.sampled_from(WEEKDAYS), label="new weekday")
    else:
        slot = draw(st.sampled_from(spans), label="span") if spans else _slot(draw, tree)
        if slot is not None:
            put(slot, copy.deepcopy(draw(st.sampled_from(SPANS), label="new span")))


def _steps(tree: Any) -> list[Seq]:
    """The lists of steps of a regulation's channels."""
    processes = next((value for key, value in tree if key == "processes"), None) \
        if isinstance(tree, Map) else None
    if not isinstance(processes, Map):
        return []
    return [steps for _, steps in processes if isinstance(steps, Seq) and steps]


def loop_back(draw: Draw, tree: Any) -> None:
    """A `next:` of a step, or of one of its outcomes, to an earlier step or to itself."""
    channels = _steps(tree)
    if not channels:
        return drop(draw, tree)
    steps = draw(st.sampled_from(channels), label="channel")
    later = draw(st.integers(0, len(steps) - 1), label="step")
    earlier = steps[draw(st.integers(0, later), label="back to")]
    target = next((v for k, v in earlier if k == "id"), "x") if isinstance(earlier, Map) else "x"
    step = steps[later]
    if not isinstance(step, Map):
        return None
    outcomes = next((v for k, v in step if k == "outcomes"), None)
    holder = draw(st.sampled_from(outcomes)) if isinstance(outcomes, Seq) and outcomes and \
        isinstance(outcomes[0], Map) else step
    holder[:] = [pair for pair in holder if pair[0] not in ("next", "ends")]
    holder.append(["next", target])
    repeats = draw(st.sampled_from([None, 1, 3, 0, -1, 10**9, "x", 1.5]), label="max_repeats")
    if repeats is not None:
        holder.append(["max_repeats", repeats])
    return None


def alias(draw: Draw, tree: Any) -> None:
    first, second = _slot(draw, tree), _slot(draw, tree)
    if first is None or second is None:
        return
    put(first, Decorated("&a", get(first)))
    put(second, draw(st.sampled_from([Raw("*a"), Raw("*b"), Map([[Raw("<<"), Raw("*a")]])])))


OPERATIONS = [rename_key, drop, duplicate_key, swap_collection, tag, escape, duration,
              loop_back, alias, huge_number, schedule]


@st.composite
def mutated_specs(draw: Draw, bases: list[Path] | None = None) -> tuple[str, str]:
    """A real spec (of `bases`, by default all), one to four of `OPERATIONS` applied, as YAML
    text: (its base, the text)."""
    base = draw(st.sampled_from(bases or BASES), label="base")
    tree = to_tree(copy.deepcopy(base_data(base)))
    for _ in range(draw(st.integers(1, 4), label="operations")):
        draw(st.sampled_from(OPERATIONS), label="operation")(draw, tree)
    return str(base.relative_to(SPECS.parent)), emit(tree)
