"""Checks of one spec file beyond its schema: ids, references, branches, scripts.

These run on the plain data of a schema-valid document, where every position is
known, so each finding is a located `SpecError`. Checks that need other files
(a regulation's standard) live in `engine.corpus.reading`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Iterable
from typing import Any

from engine.spec.detail_checks import regulation_details, standard_details
from engine.spec.errors import SpecError, breadcrumb
from engine.spec.model import BUILTIN_CHANNELS
from engine.spec.yamlsource import Parsed

__all__ = ["check_document", "did_you_mean"]

_Path = tuple[str | int, ...]
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONTAINERS = (dict, list)  # a tuple: isinstance with it is faster than with `dict | list`


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """A hint naming the closest defined id, or listing the defined ones."""
    choices = sorted(set(options))
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    if not choices:
        return "none are defined"
    shown = ", ".join(choices[:8]) + (", ..." if len(choices) > 8 else "")
    return f"defined: {shown}"


class _Findings:
    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.errors: list[SpecError] = []

    def add(self, path: _Path, message: str, code: str, *, key: bool = False) -> None:
        location = self.parsed.location(path, value=not key)
        self.errors.append(SpecError(location, breadcrumb(path, self.parsed.data), message, code))

    def unique_ids(self, items: list[Any], path: _Path, what: str,
                   ident: str = "id") -> dict[str, int]:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            value = item.get(ident) if isinstance(item, dict) else None
            if not isinstance(value, str):
                continue
            if value in seen:
                first = self.parsed.location((*path, seen[value]))
                self.add((*path, index, ident), f'{what} id "{value}" is defined twice '
                         f"(first at line {first.line}) (hint: ids must be unique)",
                         "duplicate-id")
            else:
                seen[value] = index
        return seen


def _no_impossible_date(node: Any) -> bool:
    """True when `_impossible_dates` would find nothing, found without the paths."""
    if isinstance(node, dict):
        node = node.values()
    elif not isinstance(node, list):
        node = (node,)
    for item in node:
        if isinstance(item, _CONTAINERS):
            if not _no_impossible_date(item):
                return False
        elif isinstance(item, str) and len(item) == 10 and _DATE.fullmatch(item):
            try:
                dt.date.fromisoformat(item)
            except ValueError:
                return False
    return True


def check_document(parsed: Parsed, kind: str) -> list[SpecError]:
    """All single-file semantic errors of a schema-valid document."""
    findings = _Findings(parsed)
    data = parsed.data
    impossible = 0 if _no_impossible_date(data) else _impossible_dates(findings, data, ())
    if impossible:
        return findings.errors  # the model cannot be built from a date that does not exist
    if data.get("valid_to") and data.get("valid_from") and data["valid_to"] < data["valid_from"]:
        findings.add(("valid_to",), f"{data['valid_to']} is before valid_from "
                     f"{data['valid_from']} (hint: swap them or fix the year)", "validity")
    if kind == "standard":
        _check_standard(findings, data)
        findings.errors.extend(standard_details(parsed))
    elif kind == "regulation":
        _check_regulation(findings, data)
        findings.errors.extend(regulation_details(parsed))
    return findings.errors


def _impossible_dates(findings: _Findings, node: Any, path: _Path) -> int:
    """Report text shaped like a date that does not exist ("2024-02-30" in quotes).

    The schema checks only the shape; an unquoted impossible date is already refused by
    the YAML reader. Returns how many were found.
    """
    found = 0
    if isinstance(node, dict):
        for key, value in node.items():
            found += _impossible_dates(findings, value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _impossible_dates(findings, item, (*path, index))
    elif isinstance(node, str) and _DATE.fullmatch(node):
        try:
            dt.date.fromisoformat(node)
        except ValueError:
            findings.add(path, f'"{node}" is not a valid date '
                         "(hint: dates are YYYY-MM-DD and must exist)", "date")
            found += 1
    return found


def _check_standard(findings: _Findings, data: dict[str, Any]) -> None:
    if "register_code" not in data:
        findings.errors.append(SpecError(
            findings.parsed.location(("id",)), "register_code",
            "no register code (hint: add the six-digit code of the register of public "
            "services when a source gives it; without it the service cannot be matched with "
            "the register)", "incomplete", "warning"))
    for key, what in (("channels", "no channels: no term to verify or render"),
                      ("results", "no results"), ("forms", "no form of the service")):
        if not data[key]:
            findings.errors.append(SpecError(
                findings.parsed.location((key,)), key,
                f"{what} (hint: fill it in when a source gives it; until then the standard is "
                "recorded as incomplete)", "incomplete", "warning"))
    if not data["legal_basis"]:
        findings.errors.append(SpecError(
            findings.parsed.location(("legal_basis",)), "legal_basis",
            "no legal basis (hint: name the order that approved the standard when a source "
            "gives it; documents rendered from this spec cannot cite it until then)",
            "incomplete", "warning"))
    amount = data["cost"].get("amount")
    if isinstance(amount, float) and not math.isfinite(amount):
        findings.add(("cost", "amount"), f"expected an amount in tenge, got {amount} "
                     "(hint: write the fee in digits, e.g. 1250)", "range")
    channels = data["channels"]
    for name, channel in channels.items():
        if name not in BUILTIN_CHANNELS and "title" not in channel:
            findings.add(("channels", name), f'channel "{name}" needs a "title" '
                         f"(hint: only {', '.join(BUILTIN_CHANNELS)} have built-in names)",
                         "missing-key", key=True)
    findings.unique_ids(data["documents"], ("documents",), "document")
    findings.unique_ids(data["results"], ("results",), "result")
    grounds = [{"id": g.get("statutory", g.get("id"))} for g in data["refusal_grounds"]]
    seen: dict[str, int] = {}
    for index, ground in enumerate(grounds):
        if ground["id"] in seen:
            findings.add(("refusal_grounds", index), f'refusal ground "{ground["id"]}" is listed '
                         "twice (hint: remove the duplicate)", "duplicate-id")
        seen[ground["id"]] = index
    for index, document in enumerate(data["documents"]):
        for position, channel in enumerate(document.get("channels", [])):
            if channel not in channels:
                findings.add(("documents", index, "channels", position),
                             f'unknown channel "{channel}" (hint: {did_you_mean(channel, channels)})',
                             "reference")


def _check_regulation(findings: _Findings, data: dict[str, Any]) -> None:
    if not data["processes"]:
        findings.errors.append(SpecError(
            findings.parsed.location(("processes",)), "processes",
            "no steps on any channel: nothing to verify (hint: encode the steps when the text "
            "is available; until then the regulation is recorded as incomplete)",
            "incomplete", "warning"))
    actors = findings.unique_ids(data["actors"], ("actors",), "actor")
    dates = [a.get("date", "") for a in data.get("amendments", [])]
    for index in range(1, len(dates)):
        if dates[index] < dates[index - 1]:
            findings.add(("amendments", index, "date"), f"amendment of {dates[index]} comes after "
                         f"one of {dates[index - 1]} (hint: list amendments oldest first)",
                         "order")
    for channel, steps in data["processes"].items():
        base: _Path = ("processes", channel)
        ids = findings.unique_ids(steps, base, "step")
        numbers: dict[tuple[str, int], int] = {}
        for index, step in enumerate(steps):
            _check_step(findings, (*base, index), step, ids, actors)
            number = step.get("number")
            if number is not None:
                key = (step.get("kind", "task"), number)
                if key in numbers:
                    findings.add((*base, index, "number"), f"{key[0]} number {number} is used "
                                 "twice in this channel (hint: number them as the text does)",
                                 "duplicate-id")
                numbers[key] = index


def _check_step(findings: _Findings, path: _Path, step: dict[str, Any],
                steps: dict[str, int], actors: dict[str, int]) -> None:
    kind = step.get("kind", "task")
    if step["actor"] not in actors:
        findings.add((*path, "actor"), f'unknown actor "{step["actor"]}" '
                     f"(hint: {did_you_mean(step['actor'], actors)})", "reference")
    if "duration" in step and "unbounded" in step:
        findings.add((*path, "unbounded"), 'a step has either "duration" or "unbounded", not '
                     "both (hint: keep the one the text states)", "conflict", key=True)
    if "waits_for" in step:
        _check_waits_for(findings, path, step)
    if "number" in step and kind not in ("process", "condition"):
        findings.add((*path, "number"), f'"number" is for portal processes and conditions, not '
                     f'a {kind} (hint: set kind: process or kind: condition)', "conflict",
                     key=True)
    outcomes = step.get("outcomes")
    if kind in ("decision", "condition"):
        if not outcomes:
            findings.add(path, f'a {kind} needs "outcomes" (at least two) '
                         '(hint: e.g. accept -> next step, refuse -> ends: refusal)',
                         "missing-key")
        for key in ("next", "ends", "refusal_grounds"):
            if key in step:
                findings.add((*path, key), f'a {kind} leads on through its outcomes, not "{key}" '
                             "(hint: move it into the outcomes)", "conflict", key=True)
    elif outcomes is not None:
        stated = "" if "kind" in step else " (the default kind)"
        findings.add((*path, "outcomes"), f"only a decision or a condition has outcomes, this "
                     f"step is a {kind}{stated} (hint: set kind: decision or kind: condition)",
                     "conflict", key=True)
    _check_transition(findings, path, step, steps, "step")
    findings.unique_ids(outcomes or [], (*path, "outcomes"), "outcome")
    here = path[-1] if isinstance(path[-1], int) else 0
    for index, outcome in enumerate(outcomes or []):
        opath: _Path = (*path, "outcomes", index)
        if "next" not in outcome and "ends" not in outcome:
            findings.add(opath, 'an outcome needs "next" or "ends" '
                         "(hint: name the step it leads to, or how the case ends)", "missing-key")
        _check_transition(findings, opath, outcome, steps, "outcome")
        if "actor" in outcome and outcome["actor"] not in actors:
            findings.add((*opath, "actor"), f'unknown actor "{outcome["actor"]}" '
                         f"(hint: {did_you_mean(outcome['actor'], actors)})", "reference")
        target = steps.get(outcome.get("next", ""), -1)
        if "max_repeats" in outcome and target > here:
            findings.add((*opath, "max_repeats"), '"max_repeats" bounds a return to an earlier '
                         "step; this outcome goes forward (hint: remove it)", "conflict",
                         key=True)


_MEETING_RULES = ("every", "monthly", "dates", "at_least")


def _check_waits_for(findings: _Findings, path: _Path, step: dict[str, Any]) -> None:
    """One rule of meeting per step, and no `unbounded` beside it (docs/calendar.md)."""
    waits = step["waits_for"]
    if "unbounded" in step:
        findings.add((*path, "unbounded"), 'a step waits for a meeting ("waits_for") or is '
                     '"unbounded", not both (hint: keep "waits_for" when the text gives when '
                     'the body meets, "unbounded" when it gives nothing)', "conflict", key=True)
    rules = [rule for rule in _MEETING_RULES if rule in waits]
    if not rules:
        findings.add((*path, "waits_for"), 'a meeting needs one rule: "every", "monthly", '
                     '"dates" or "at_least" (hint: e.g. every: [tue], or at_least: '
                     "once_a_month when the text gives only a frequency)", "missing-key", key=True)
    for extra in rules[1:]:
        findings.add((*path, "waits_for", extra), f'a meeting has one rule, "{rules[0]}" and '
                     f'"{extra}" are two (hint: keep the one the text states)', "conflict",
                     key=True)
    if "if_day_off" in waits and rules and rules[0] in ("monthly", "at_least"):
        findings.add((*path, "waits_for", "if_day_off"), f'"if_day_off" is for "every" and '
                     f'"dates"; "{rules[0]}" meetings fall on working days already (hint: '
                     "remove it)", "conflict", key=True)


def _check_transition(findings: _Findings, path: _Path, node: dict[str, Any],
                      steps: dict[str, int], what: str) -> None:
    if "next" in node and "ends" in node:
        article = "an" if what[0] in "aeiou" else "a"
        findings.add((*path, "ends"), f'{article} {what} either goes on ("next") or ends the '
                     'case ("ends"), not both (hint: remove one)', "conflict", key=True)
    target = node.get("next")
    if target is not None and target not in steps:
        findings.add((*path, "next"), f'unknown step "{target}" in this channel '
                     f"(hint: {did_you_mean(target, steps)})", "reference")
    ends = node.get("ends")
    if ends == "refusal" and "refusal_grounds" not in node:
        findings.add((*path, "ends"), 'a refusal must cite "refusal_grounds" of the standard '
                     "(hint: e.g. refusal_grounds: [requirements_not_met])", "missing-key")
    if "refusal_grounds" in node and ends != "refusal":
        findings.add((*path, "refusal_grounds"), '"refusal_grounds" belong to a refusal '
                     "(hint: add ends: refusal, or remove the grounds)", "conflict", key=True)
