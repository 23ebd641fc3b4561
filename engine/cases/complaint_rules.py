"""The dated rules of how long a complaint about a public service may take, read from data.

The rules are kept like the calendar: a YAML file (`engine/cases/data/complaint_rules.yaml`,
`kind: complaint_rules`) whose every rule says which body examines the complaint, from and
until which day it is in force, the term (working days) and the longest extension, with its
source in kk, ru and en. `read_complaint_rules` reads such a file with every problem located
(`file:line:col`); `ComplaintRules.rule_on(body, day)` answers which rule a complaint filed
on a day falls under (Law 88-V Art. 25 before 1 July 2021, the Administrative Procedural
Code from then on).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from engine.calendar.problems import KeyPath, Problems
from engine.spec.checks import did_you_mean
from engine.spec.duration import Duration, DurationError, parse_duration
from engine.spec.errors import ExecutionError, SpecErrors
from engine.spec.model import Text
from engine.spec.yamlsource import read_yaml

__all__ = ["BODIES", "RULES_FILE", "ComplaintRule", "ComplaintRules", "complaint_rules",
           "read_complaint_rules"]

#: Who may examine a complaint: the provider's head, the State Corporation, the agency for
#: the evaluation and control of the quality of public services.
BODIES = ("provider", "state_corporation", "quality_agency")
#: The schedule each body's working days end on (its close of business).
BODY_SCHEDULES = {"provider": "provider", "state_corporation": "gov_corp",
                  "quality_agency": "provider"}
RULES_FILE = Path(__file__).parent / "data" / "complaint_rules.yaml"
_KEYS = {"id", "body", "valid_from", "valid_to", "term", "max_extension", "source"}
_REQUIRED = ("id", "body", "valid_from", "term", "max_extension", "source")


class ComplaintRule(NamedTuple):
    """One dated rule: a complaint to `body` filed from `valid_from` to `valid_to`
    (inclusive; None: still in force) is examined within `term`, extendable by up to
    `max_extension`."""

    id: str
    body: str
    valid_from: dt.date
    valid_to: dt.date | None
    term: Duration
    max_extension: Duration
    source: Text

    def in_force(self, day: dt.date) -> bool:
        """True when a complaint filed on `day` falls under this rule."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class ComplaintRules(NamedTuple):
    """Every rule of a file, by id."""

    rules: Mapping[str, ComplaintRule]

    def rule_on(self, body: str, day: dt.date) -> ComplaintRule:
        """The rule a complaint to `body` filed on `day` falls under.

        Raises:
            ExecutionError: an unknown body, or no rule in force on that day.
        """
        if body not in BODIES:
            raise ExecutionError(f'unknown body "{body}" (hint: {did_you_mean(body, BODIES)})')
        for rule in self.rules.values():
            if rule.body == body and rule.in_force(day):
                return rule
        raise ExecutionError(f"no complaint rule for {body} was in force on {day.isoformat()} "
                             "(hint: engine/cases/data/complaint_rules.yaml starts in 2013)")


@cache
def complaint_rules() -> ComplaintRules:
    """The rules of the engine's own file (read once per process)."""
    return read_complaint_rules(RULES_FILE)


def read_complaint_rules(path: str | Path) -> ComplaintRules:
    """Read a file of complaint rules.

    Raises:
        SpecErrors: every located problem of the file (a missing or unknown key, a body
            not in `BODIES`, a term that is not in working days, a date that is not one,
            overlapping rules of one body, a repeated id).
    """
    parsed = read_yaml(path)
    if parsed.errors:
        raise SpecErrors(parsed.errors)
    problems = Problems(parsed)
    data = parsed.data
    if not isinstance(data, dict) or data.get("kind") != "complaint_rules":
        problems.add((), 'expected a mapping with "kind: complaint_rules" at the top '
                     "(hint: see engine/cases/data/complaint_rules.yaml)", "complaint_rules")
        raise SpecErrors(problems.errors)
    listed = data.get("rules")
    if not isinstance(listed, list):
        problems.add(("rules",) if "rules" in data else (), '"rules" must be a list of rules',
                     "complaint_rules")
        raise SpecErrors(problems.errors)
    rules: dict[str, ComplaintRule] = {}
    for n, node in enumerate(listed):
        rule = _rule(node, ("rules", n), problems)
        if rule is None:
            continue
        if rule.id in rules:
            problems.add(("rules", n, "id"), f'rule "{rule.id}" is given twice', "complaint_rules")
        rules[rule.id] = rule
    _overlaps(list(rules.values()), listed, problems)
    if problems.errors:
        raise SpecErrors(problems.errors)
    return ComplaintRules(rules)


def _rule(node: Any, path: KeyPath, problems: Problems) -> ComplaintRule | None:
    if not isinstance(node, dict):
        problems.add(path, "expected a mapping (a rule)", "complaint_rules")
        return None
    before = len(problems.errors)
    for key in sorted(set(node) - _KEYS):
        problems.add((*path, key), f'unknown key "{key}" (hint: '
                     f"{did_you_mean(str(key), sorted(_KEYS))})", "complaint_rules", at_key=True)
    for key in _REQUIRED:
        if key not in node:
            problems.add(path, f'a rule needs "{key}"', "complaint_rules")
    if len(problems.errors) > before:
        return None
    body = node["body"]
    if body not in BODIES:
        problems.add((*path, "body"), f'unknown body "{body}" (hint: one of {", ".join(BODIES)})',
                     "complaint_rules")
    start = _date(node["valid_from"], (*path, "valid_from"), problems)
    end = _date(node["valid_to"], (*path, "valid_to"), problems) if node.get("valid_to") else None
    term = _days(node["term"], (*path, "term"), problems)
    extension = _days(node["max_extension"], (*path, "max_extension"), problems)
    source = node["source"]
    if not isinstance(source, dict) or not all(isinstance(source.get(k), str) and source[k]
                                               for k in ("kk", "ru", "en")):
        problems.add((*path, "source"), "the source needs kk, ru and en texts (hint: cite the "
                     "act, its article and its date in each)", "complaint_rules")
    if start is not None and end is not None and end < start:
        problems.add((*path, "valid_to"), f"ends on {end} before it starts on {start}",
                     "complaint_rules")
    if len(problems.errors) > before or start is None or term is None or extension is None:
        return None
    return ComplaintRule(str(node["id"]), body, start, end, term, extension,
                         Text(source["kk"], source["ru"], source["en"]))


def _date(value: object, path: KeyPath, problems: Problems) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.add(path, f'expected a date like "2021-07-01", got "{value}"', "complaint_rules")
        return None


def _days(value: object, path: KeyPath, problems: Problems) -> Duration | None:
    try:
        duration = parse_duration(str(value))
    except DurationError as error:
        problems.add(path, str(error), "complaint_rules")
        return None
    if duration.unit != "wd":
        problems.add(path, f'expected working days like "5 wd", got "{value}" (hint: the law '
                     "counts complaints in working days)", "complaint_rules")
        return None
    return duration


def _overlaps(rules: Sequence[ComplaintRule], listed: list[Any], problems: Problems) -> None:
    """Two rules of one body in force on the same day: which applies would be a guess."""
    ordered = sorted(rules, key=lambda r: (r.body, r.valid_from))
    for first, second in itertools.pairwise(ordered):
        if first.body == second.body and (first.valid_to is None
                                          or second.valid_from <= first.valid_to):
            n = next(i for i, node in enumerate(listed)
                     if isinstance(node, dict) and node.get("id") == second.id)
            problems.add(("rules", n, "valid_from"), f'rule "{second.id}" starts while rule '
                         f'"{first.id}" of the same body is in force (hint: end the first on '
                         "the day before)", "complaint_rules")
