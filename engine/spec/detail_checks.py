"""Checks of the details real texts give or leave out, beyond the schema.

A regulation's scope (a regional one names its region, a national one none); a standard
that lists no refusal grounds; a paid service whose text states no amount
(`amount: unknown`, whose basis must then cite the text's words); a document the provider
obtains from another organisation (`from` belongs to `provision: obtained` only); an
outcome of a decision with a time limit of its own (it needs its `source`, and `actor`,
`action` and `duration_text` belong to such an outcome only). Each finding is a located
`SpecError`; `engine.spec.checks.check_document` runs these with the other checks of one
file, on its schema-valid plain data.
"""

from __future__ import annotations

from typing import Any

from engine.spec.errors import Severity, SpecError, breadcrumb
from engine.spec.parsed import Parsed

__all__ = ["regulation_details", "standard_details"]

_Path = tuple[str | int, ...]
#: Keys of an outcome that describe its time limit, and so need its `duration`.
_TIMED_KEYS = ("actor", "action", "duration_text")


def _finding(parsed: Parsed, path: _Path, message: str, code: str, *, key: bool = False,
             severity: Severity = "error") -> SpecError:
    return SpecError(parsed.location(path, value=not key), breadcrumb(path, parsed.data),
                     message, code, severity)


def standard_details(parsed: Parsed) -> list[SpecError]:
    """The findings of a standard's refusal grounds, cost and obtained documents."""
    data: dict[str, Any] = parsed.data
    found: list[SpecError] = []
    if not data["refusal_grounds"]:
        found.append(_finding(
            parsed, ("refusal_grounds",), "the text lists no refusal grounds (hint: check the "
            "standard's paragraph on the grounds for refusal and list them; while the list is "
            "empty no step may end in a reasoned refusal, which must cite one)",
            "no-refusal-grounds", key=True, severity="warning"))
    cost = data["cost"]
    if cost.get("amount") == "unknown":
        if cost["kind"] != "paid":
            found.append(_finding(
                parsed, ("cost", "amount"), '"amount: unknown" is for a paid service whose text '
                f'gives no amount, and this cost is "{cost["kind"]}" (hint: set kind: paid, or '
                "remove amount)", "conflict"))
        elif "basis" in cost and "source" not in cost["basis"]:
            found.append(_finding(
                parsed, ("cost", "basis"), 'with "amount: unknown" the basis holds the words of '
                'the text that make the service paid, and needs their "source" (hint: add '
                "source: with the act and paragraph they are taken from)", "missing-key"))
    for index, document in enumerate(data["documents"]):
        provision = document.get("provision", "submit")
        if "from" in document and provision != "obtained":
            found.append(_finding(
                parsed, ("documents", index, "from"), '"from" names the organisation the '
                f'provider obtains a document from, and this document\'s provision is '
                f'"{provision}" (hint: set provision: obtained, or remove from)', "conflict",
                key=True))
    return found


def regulation_details(parsed: Parsed) -> list[SpecError]:
    """The findings of a regulation's scope and of its outcomes that carry a time limit."""
    found: list[SpecError] = _scope(parsed)
    for channel, steps in parsed.data["processes"].items():
        for index, step in enumerate(steps):
            for position, outcome in enumerate(step.get("outcomes") or ()):
                path: _Path = ("processes", channel, index, "outcomes", position)
                found.extend(_timed_outcome(parsed, path, outcome))
    return found


def _scope(parsed: Parsed) -> list[SpecError]:
    """A regional regulation names its region; a national one (a ministry's Rules) has none."""
    data: dict[str, Any] = parsed.data
    if data.get("scope", "regional") == "national":
        if "region" in data:
            return [_finding(parsed, ("region",), "a national regulation (scope: national, a "
                             "ministry's Rules) applies in every region and names none (hint: "
                             "remove region, or remove scope: national for an akimat's "
                             "regulation)", "conflict", key=True)]
        return []
    if "region" not in data:
        where: _Path = ("scope",) if "scope" in data else ()
        return [_finding(parsed, where, 'a regional regulation needs "region", the region '
                         "whose akimat approved it (hint: add region: {kk: ..., ru: ...}, or "
                         "set scope: national for a ministry's Rules, which have no region)",
                         "missing-key", key=True)]
    return []


def _timed_outcome(parsed: Parsed, path: _Path, outcome: dict[str, Any]) -> list[SpecError]:
    if "duration" in outcome:
        if "source" in outcome:
            return []
        return [_finding(parsed, (*path, "duration"), 'an outcome with a "duration" needs its '
                         '"source" (hint: cite where the text gives the time, e.g. the '
                         "paragraph of the regulation)", "missing-key", key=True)]
    return [_finding(parsed, (*path, key), f'"{key}" describes the time limit of an outcome, '
                     'and this outcome has no "duration" (hint: add the duration the text '
                     f"gives, or remove {key})", "conflict", key=True)
            for key in _TIMED_KEYS if key in outcome]
