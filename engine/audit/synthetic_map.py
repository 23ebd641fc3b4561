"""The mapping file of a synthetic log (`kind: audit_map`): how its names map to the specs.

A synthetic log names services, channels and steps as a provider's system would, in
Russian (`engine.audit.synthetic_plan.Names`); its mapping file says, per service (a
standard's id), the names the log gives it (its Russian title and its register code), the
names of its channels, and which step of the regulation each activity is (the receipt,
"Заявление принято", is `received`); and which actor each resource is. The columns are the
canonical ones (docs/audit.md).
"""

from __future__ import annotations

import yaml

from engine.audit.synthetic_plan import SyntheticPlan

__all__ = ["COLUMN_NAMES", "map_data", "map_text"]

#: The canonical columns, each under its own name.
COLUMN_NAMES = {name: name for name in ("case", "activity", "timestamp", "resource", "service",
                                        "channel", "outcome", "ground")}
COLUMN_NAMES["case"] = "case_id"


def map_data(plan: SyntheticPlan, map_id: str, timezone: str) -> dict[str, object]:
    """The mapping file's data."""
    names = plan.names
    services: dict[str, dict[str, object]] = {}
    for segment in plan.segments:
        entry = services.setdefault(segment.service, {"names": [], "channels": {},
                                                      "activities": {}})
        titles = [segment.standard.title.ru, segment.standard.register_code]
        known = entry["names"]
        assert isinstance(known, list)
        known.extend(t for t in titles if t and t not in known)
        channels = entry["channels"]
        assert isinstance(channels, dict)
        for channel in segment.channels:
            title = names.channels[channel.code]
            channels.setdefault(channel.channel, [])
            if title not in channels[channel.channel]:
                channels[channel.channel].append(title)
    for name, (service, node) in zip(names.activities, names.activity_steps, strict=True):
        for sid, entry in services.items():
            if service in ("", sid):
                activities = entry["activities"]
                assert isinstance(activities, dict)
                activities[name] = node
    return {
        "kind": "audit_map", "id": map_id,
        "title": {"kk": "Синтетикалық оқиғалар журналы (белгілі ақаулары бар)",
                  "ru": "Синтетический журнал событий (с известными нарушениями)"},
        "timezone": timezone, "columns": dict(COLUMN_NAMES), "services": services,
        "resources": dict(zip(names.resources, names.resource_actors, strict=True)),
    }


def map_text(plan: SyntheticPlan, map_id: str, timezone: str) -> str:
    """The mapping file as YAML (the same bytes for the same plan)."""
    head = "# The mapping of a synthetic log written by `reglament synth` (docs/audit.md).\n"
    return head + yaml.safe_dump(map_data(plan, map_id, timezone), allow_unicode=True,
                                 sort_keys=False, width=120)
