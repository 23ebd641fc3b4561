"""Read scenario files: YAML test cases of specs, validated and located.

A scenario file is read by the project's one YAML reader (`engine.spec.yamlsource`), checked
against `engine/scenarios/scenario_schema.json` with the same messages as specs, then against
rules a schema cannot state (a service or regulation named, unique names, local
offsets, valid ИИН). Every problem is a `SpecError` at `file:line:col`; a file with
any problem runs none of its scenarios. The format is in docs/scenarios.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pendulum
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from engine.calendar import CalendarError, parse_instant
from engine.spec.errors import Location, SpecError
from engine.spec.identity import IdentifierError, parse_identifier
from engine.spec.schema_messages import schema_errors
from engine.spec.yamlsource import Parsed, read_yaml

__all__ = [
    "DEFAULT_APPLICANT",
    "SCHEMA_PATH",
    "Action",
    "Scenario",
    "ScenarioFile",
    "parse_working_minutes",
    "read_scenario_file",
]

#: The JSON Schema of scenario files (kept apart from the spec bundle: no `kind:`).
SCHEMA_PATH = Path(__file__).with_name("scenario_schema.json")
#: A valid ИИН used when a scenario does not name its applicant.
DEFAULT_APPLICANT = "860306300458"

_Path = tuple[str | int, ...]
_WORKING_TIME = re.compile(r"([+-]?)(\d+) (min|h)")


@dataclass(frozen=True)
class Action:
    """An explicit action of a scenario: complete a step, or refuse with a ground."""

    kind: Literal["complete", "refuse"]
    at: pendulum.DateTime
    index: int
    step: str | None = None
    outcome: str | None = None
    ground: str | None = None
    by: str | None = None


@dataclass(frozen=True, eq=False)
class Scenario:
    """One named case of a scenario file and what it must give."""

    name: str
    source: Parsed
    base: _Path
    service: str | None
    regulation: str | None
    channel: str
    received: pendulum.DateTime
    applicant: str
    documents: tuple[str, ...]
    outcomes: Mapping[str, tuple[str, ...]]
    ground: str | None
    actions: tuple[Action, ...]
    expect: Mapping[str, Any]

    @property
    def file(self) -> str:
        """The scenario file's path as given."""
        return self.source.path

    @property
    def location(self) -> Location:
        """Where the scenario starts in its file."""
        return self.source.location(self.base)

    def where(self, *path: str | int, key: bool = False) -> Location:
        """Where a key of the scenario stands (its value; with `key=True`, the key itself)."""
        return self.source.location((*self.base, *path), value=not key)


@dataclass
class ScenarioFile:
    """The scenarios of one file, or the errors that keep it from running."""

    path: str
    scenarios: list[Scenario] = field(default_factory=list)
    errors: list[SpecError] = field(default_factory=list)


def parse_working_minutes(text: str) -> int:
    """Working minutes of a schema-valid working time such as "35 min", "2 h" or "-90 min".

    Examples:
        >>> parse_working_minutes("2 h"), parse_working_minutes("-90 min")
        (120, -90)
    """
    match = _WORKING_TIME.fullmatch(text)
    if match is None:
        raise ValueError(f"not a working time: {text!r}")
    sign, amount, unit = match.groups()
    minutes = int(amount) * (60 if unit == "h" else 1)
    return -minutes if sign == "-" else minutes


def read_scenario_file(path: str | Path) -> ScenarioFile:
    """Read and check one scenario file; problems are collected, never raised."""
    parsed = read_yaml(path)
    data = parsed.data
    out = ScenarioFile(parsed.path, errors=_by_name(parsed.errors, data))
    if out.errors:
        return out
    base: _Path
    if isinstance(data, dict) and "scenarios" in data:
        form, items, base = "file", data["scenarios"], ("scenarios",)
    elif isinstance(data, list):
        form, items, base = "scenarios", data, ()
    else:
        got = f'"{data}"' if isinstance(data, str) else "a mapping without `scenarios:`"
        out.errors.append(SpecError(parsed.location(()), "", "expected a list of scenarios, or "
                                    f"a mapping with `scenarios:`, got {got} (hint: see "
                                    "docs/scenarios.md)", "type"))
        return out
    out.errors.extend(_by_name(schema_errors(parsed, "scenario",
                                             _validator(form).iter_errors(data)), data))
    if out.errors:
        out.errors.sort()
        return out
    assert isinstance(items, list)
    names: dict[str, int] = {}
    for index, item in enumerate(items):
        where = (*base, index)
        name = item["name"]
        if name in names:
            out.errors.append(_error(parsed, (*where, "name"), f'duplicate scenario name "{name}" '
                                     f"(first at line {names[name]}) (hint: give each scenario "
                                     "its own name; reports and pytest name them by it)"))
            continue
        names[name] = parsed.location((*where, "name"), value=True).line
        scenario, errors = _scenario(parsed, where, item)
        out.errors.extend(errors)
        if scenario is not None:
            out.scenarios.append(scenario)
    if out.errors:
        out.scenarios.clear()
    out.errors.sort()
    return out


_ITEM = re.compile(r"^(scenarios)?\[(\d+)\]")


def _by_name(errors: list[SpecError], data: Any) -> list[SpecError]:
    """The errors with breadcrumbs naming a scenario by its name, as reports do (the
    breadcrumbs of specs name list items by their id)."""
    items = data.get("scenarios") if isinstance(data, dict) else data

    def named(match: re.Match[str]) -> str:
        index = int(match.group(2))
        item = items[index] if isinstance(items, list) and index < len(items) else None
        name = item.get("name") if isinstance(item, dict) else None
        return f"{match.group(1) or ''}[name={name}]" if isinstance(name, str) else match.group()

    return [SpecError(e.location, _ITEM.sub(named, e.breadcrumb, count=1), e.message, e.code)
            for e in errors]


def _error(parsed: Parsed, path: _Path, message: str, *, key: bool = False) -> SpecError:
    crumb = _crumb(parsed, path)
    return SpecError(parsed.location(path, value=not key), crumb, message, "scenario")


def _crumb(parsed: Parsed, path: _Path) -> str:
    """`scenarios[name=...].expect.due`-style breadcrumb (scenarios are named, not id'd)."""
    out, node = "", parsed.data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            name = item.get("name") if isinstance(item, dict) else None
            out += f"[name={name}]" if isinstance(name, str) else f"[{part}]"
            node = item
        else:
            out += f".{part}" if out else part
            node = node.get(part) if isinstance(node, dict) else None
    return out


class _Reader:
    """Builds one scenario, collecting the errors of its values."""

    def __init__(self, parsed: Parsed, base: _Path) -> None:
        self.parsed = parsed
        self.base = base
        self.errors: list[SpecError] = []

    def error(self, path: _Path, message: str, *, key: bool = False) -> None:
        self.errors.append(_error(self.parsed, (*self.base, *path), message, key=key))

    def instant(self, path: _Path, text: str) -> pendulum.DateTime:
        try:
            value = parse_instant(text)
        except CalendarError as exc:
            self.error(path, str(exc))
            return pendulum.datetime(1970, 1, 1)
        written = dt.datetime.fromisoformat(text)
        if written.utcoffset() != value.utcoffset():
            offset = value.isoformat()[-6:]
            wall = written.replace(tzinfo=None).isoformat()
            self.error(path, f'"{text}" is not a local time of Almaty: on {value.date()} Almaty '
                       f"was at {offset} (hint: write {wall}{offset} for {wall[11:16]} local "
                       f"time, or {value.isoformat()} for this moment)")
        return value


def _scenario(parsed: Parsed, base: _Path, item: dict[str, Any]) -> tuple[Scenario | None,
                                                                          list[SpecError]]:
    reader = _Reader(parsed, base)
    if "service" not in item and "regulation" not in item:
        reader.error((), 'missing required key "service" (hint: add "service:", the service '
                     'applied for, or "regulation:", the regulation whose steps the case walks)')
    applicant = item.get("applicant", DEFAULT_APPLICANT)
    try:
        parse_identifier(applicant)
    except IdentifierError as exc:
        reader.error(("applicant",), str(exc))
    received = reader.instant(("received",), item["received"])
    actions = tuple(_action(reader, index, raw) for index, raw in enumerate(item.get("actions", [])))
    expect = item["expect"]
    _check_expect(reader, expect, received)
    outcomes = {step: (chosen,) if isinstance(chosen, str) else tuple(chosen)
                for step, chosen in item.get("outcomes", {}).items()}
    if reader.errors:
        return None, reader.errors
    return Scenario(item["name"], parsed, base, item.get("service"), item.get("regulation"),
                    item["channel"], received, applicant, tuple(item["documents"]), outcomes,
                    item.get("ground"), actions, expect), []


def _action(reader: _Reader, index: int, raw: dict[str, Any]) -> Action:
    at = reader.instant(("actions", index, "at"), raw["at"])
    verbs = [verb for verb in ("complete", "refuse") if verb in raw]
    if len(verbs) != 1:
        reader.error(("actions", index), "an action either completes a step or refuses, got "
                     f"{' and '.join(verbs) or 'neither'} (hint: `complete: STEP` or "
                     "`refuse: GROUND`)")
    elif verbs == ["refuse"]:
        for key in ("outcome", "ground"):
            if key in raw:
                reader.error(("actions", index, key), f"a refusal takes no {key} (hint: the "
                             "ground is the value of `refuse:`)", key=True)
    if "refuse" in raw:
        return Action("refuse", at, index, ground=raw["refuse"], by=raw.get("by"))
    return Action("complete", at, index, step=raw["complete"], outcome=raw.get("outcome"),
                  ground=raw.get("ground"), by=raw.get("by"))


def _check_expect(reader: _Reader, expect: dict[str, Any], received: pendulum.DateTime) -> None:
    if "error" in expect and len(expect) > 1:
        others = ", ".join(k for k in expect if k != "error")
        reader.error(("expect", "error"), f"an expected error cannot be combined with other "
                     f"expectations ({others}) (hint: a rejected application opens no case; "
                     "write them as another scenario)", key=True)
    for key in ("due", "finished"):
        if key in expect:
            reader.instant(("expect", key), expect[key])
    for step, text in expect.get("steps_due", {}).items():
        reader.instant(("expect", "steps_due", step), text)
    for index, entry in enumerate(expect.get("overdue", [])):
        at = reader.instant(("expect", "overdue", index, "at"), entry["at"])
        if at < received:
            reader.error(("expect", "overdue", index, "at"), f"{entry['at']} is before the "
                         f"application was submitted ({received.isoformat()}) (hint: look at "
                         "a moment after `received:`)")


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def _ecma_pattern(validator: Any, pattern: str, instance: Any,
                  schema: dict[str, Any]) -> Iterator[ValidationError]:
    # As engine.spec.schema does for specs: JSON Schema's `$` is ECMA's, the very end (Python's
    # `$` also matches before a final newline).
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    if isinstance(instance, str) and not re.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Strict = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


@cache
def _validator(form: str) -> Draft202012Validator:
    """The validator of a file's form: a bare list of scenarios, or a `scenarios:` mapping."""
    whole = _schema()
    branch = whole["oneOf"][0] if form == "scenarios" else whole["oneOf"][1]
    validator: Draft202012Validator = _Strict({"$defs": whole["$defs"], **branch})
    return validator
