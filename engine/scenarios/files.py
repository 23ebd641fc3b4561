"""Read scenario files: YAML test cases of specs, validated and located.

A scenario file is read by the project's one YAML reader (`engine.spec.yamlsource`), checked
against `engine/scenarios/scenario_schema.json` with the same messages as specs, then against
rules a schema cannot state (unique names here; a service or regulation named, local
offsets, valid ИИН in `engine.scenarios.scenario`, which builds each `Scenario`). Every
problem is a `SpecError` at `file:line:col`; a file with any problem runs none of its
scenarios. The format is in docs/scenarios.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from engine.scenarios.scenario import (
    DEFAULT_APPLICANT,
    Action,
    KeyPath,
    Scenario,
    read_scenario,
    scenario_error,
)
from engine.spec.errors import SpecError
from engine.spec.schema_messages import schema_errors
from engine.spec.yamlsource import read_yaml

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

_WORKING_TIME = re.compile(r"([+-]?)(\d+) (min|h)")


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
    base: KeyPath
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
            out.errors.append(scenario_error(parsed, (*where, "name"),
                                             f'duplicate scenario name "{name}" (first at line '
                                             f"{names[name]}) (hint: give each scenario its own "
                                             "name; reports and pytest name them by it)"))
            continue
        names[name] = parsed.location((*where, "name"), value=True).line
        scenario, errors = read_scenario(parsed, where, item)
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
