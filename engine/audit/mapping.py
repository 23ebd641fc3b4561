"""The mapping file of an audit (`kind: audit_map`): how an event log names what the specs
define.

It is read by the project's one loader (`engine.spec.read_document`: the schema of
`engine/spec/schemas/audit_map.json`, located errors), then held to the specs it is used
with (`engine.audit.mapping_checks`): an unknown standard, channel, step or actor is a
located error with a did-you-mean hint. The result, `AuditMap`, is plain frozen data (cheap
to pickle to the workers of a cluster); its lookups go from the log's names to the ids.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from engine.spec import Document, SpecError, SpecErrors, Text, read_document, text

__all__ = ["COLUMNS", "RECEIVED", "AuditMap", "ServiceMap", "build_audit_map", "read_audit_map"]

#: The roles of the log's columns and their default names (the canonical event log).
COLUMNS: dict[str, str] = {
    "case": "case_id", "activity": "activity", "timestamp": "timestamp", "resource": "resource",
    "service": "service", "channel": "channel", "outcome": "outcome", "ground": "ground",
}
#: The reserved step id of the receipt of the application.
RECEIVED = "received"


@dataclass(frozen=True)
class ServiceMap:
    """One service of the log: its names, its channels' names, its activities' steps."""

    standard: str
    names: tuple[str, ...]
    channels: Mapping[str, tuple[str, ...]]
    activities: Mapping[str, str]
    regulation: str | None = None


@dataclass(frozen=True)
class AuditMap:
    """A read mapping file: the log's column names, services and resources."""

    path: str
    id: str
    services: tuple[ServiceMap, ...]
    columns: Mapping[str, str] = field(default_factory=lambda: dict(COLUMNS))
    resources: Mapping[str, str] = field(default_factory=dict)
    timezone: str | None = None
    title: Text | None = None

    def service_names(self) -> dict[str, str]:
        """The log's name of a service -> its standard id (the id itself names it too)."""
        names: dict[str, str] = {}
        for service in self.services:
            names.setdefault(service.standard, service.standard)
            for name in service.names:
                names[name] = service.standard
        return names

    def channel_names(self, standard: str) -> dict[str, str]:
        """The log's name of a channel of a service -> the channel id (the id names it too)."""
        found = self.service(standard)
        names: dict[str, str] = {}
        for channel, given in (found.channels.items() if found else ()):
            names.setdefault(channel, channel)
            for name in given:
                names[name] = channel
        return names

    def service(self, standard: str) -> ServiceMap | None:
        """The mapping of a standard id, if the file maps it."""
        return next((s for s in self.services if s.standard == standard), None)


def read_audit_map(path: str | Path) -> AuditMap:
    """Read a mapping file on its own (the schema; no specs to hold it to).

    Raises:
        SpecErrors: every located error: of the YAML or the schema, another kind of spec, an
            unknown time zone.
    """
    document = read_document(path)
    errors = list(document.blocking)
    if not errors and document.kind != "audit_map":
        errors.append(SpecError(document.location(("kind",), value=True), "kind",
                                f'expected kind audit_map, got "{document.kind}" (hint: --map '
                                "takes the mapping of the log's names to the specs' ids, "
                                "docs/audit.md)", "kind"))
    if not errors:
        errors.extend(timezone_errors(document))
    if errors:
        raise SpecErrors(errors)
    return build_audit_map(document)


def timezone_errors(document: Document) -> list[SpecError]:
    """The time zone of a mapping, when the zone database does not know it."""
    zone = document.data.get("timezone")
    if zone is None:
        return []
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return [SpecError(document.location(("timezone",), value=True), "timezone",
                          f'expected an IANA time zone like "Asia/Almaty", got "{zone}" (hint: '
                          "the zone of the timestamps written without a UTC offset)", "audit-map")]
    return []


def build_audit_map(document: Document) -> AuditMap:
    """The `AuditMap` of a checked mapping document."""
    data = document.data
    services = tuple(
        ServiceMap(standard, tuple(entry["names"]),
                   {c: tuple(n) for c, n in sorted(entry["channels"].items())},
                   dict(sorted(entry["activities"].items())), entry.get("regulation"))
        for standard, entry in sorted(data["services"].items()))
    return AuditMap(document.path, data["id"], services, {**COLUMNS, **data.get("columns", {})},
                    dict(sorted(data.get("resources", {}).items())), data.get("timezone"),
                    text(data["title"]) if "title" in data else None)
