"""One scenario of a scenario file: its record, built from its item with its values checked.

`read_scenario` turns one schema-valid item of a file (`engine.scenarios.files`) into a
`Scenario` with its explicit `Action`s, checking what a schema cannot state: a service or
a regulation named, a valid ИИН, instants that are local times of Almaty, expectations
that fit together. Every problem is a `SpecError` at `file:line:col` whose breadcrumb
names the scenario by its name (`scenario_error`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pendulum

from engine.calendar import CalendarError, parse_instant
from engine.spec.errors import Location, SpecError
from engine.spec.identity import IdentifierError, parse_identifier
from engine.spec.yamlsource import Parsed

__all__ = ["DEFAULT_APPLICANT", "Action", "KeyPath", "Scenario", "read_scenario", "scenario_error"]

#: A valid ИИН used when a scenario does not name its applicant.
DEFAULT_APPLICANT = "860306300458"

#: The path of a node in a scenario file: keys and list positions.
KeyPath = tuple[str | int, ...]


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
    base: KeyPath
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


def scenario_error(parsed: Parsed, path: KeyPath, message: str, *, key: bool = False) -> SpecError:
    """An error at `path` of a scenario file (its value; with `key=True`, the key itself)."""
    crumb = _crumb(parsed, path)
    return SpecError(parsed.location(path, value=not key), crumb, message, "scenario")


def _crumb(parsed: Parsed, path: KeyPath) -> str:
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

    def __init__(self, parsed: Parsed, base: KeyPath) -> None:
        self.parsed = parsed
        self.base = base
        self.errors: list[SpecError] = []

    def error(self, path: KeyPath, message: str, *, key: bool = False) -> None:
        self.errors.append(scenario_error(self.parsed, (*self.base, *path), message, key=key))

    def instant(self, path: KeyPath, text: str) -> pendulum.DateTime:
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


def read_scenario(parsed: Parsed, base: KeyPath,
                  item: dict[str, Any]) -> tuple[Scenario | None, list[SpecError]]:
    """The scenario of a schema-valid item at `base`, or None and the errors of its values."""
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

