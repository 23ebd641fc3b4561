"""The names a synthetic log writes, numbered once: what a provider's system calls things.

Activities are short Russian names of the steps (the first clause of the step's action in
the regulation), services and channels their Russian titles, resources a person of an
actor (`executor-12`) or the information system's id; the values of the outcome and
ground columns are the specs' ids. A log's columns are codes into these lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["RECEIVED", "Names"]

#: The activity a provider's system writes when it receives an application.
RECEIVED = "Заявление принято"


@dataclass
class Names:
    """The names a provider's system writes, numbered: activities (0 is the receipt) with
    the (service, step) each names, services, channels, resources with their actor, and the
    values of outcomes and grounds (0 is none)."""

    activities: list[str] = field(default_factory=lambda: [RECEIVED])
    activity_steps: list[tuple[str, str]] = field(default_factory=lambda: [("", "received")])
    services: list[str] = field(default_factory=list)
    service_ids: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    channel_ids: list[tuple[str, str]] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    resource_actors: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=lambda: [""])

    def code(self, table: list[str], value: str) -> int:
        """The number of `value` in `table`, added when new."""
        if value not in table:
            table.append(value)
        return table.index(value)

    def resource(self, name: str, actor: str) -> int:
        """The number of a resource, added with its actor when new."""
        if name not in self.resources:
            self.resources.append(name)
            self.resource_actors.append(actor)
        return self.resources.index(name)

    def activity(self, service: str, node: str, name: str) -> int:
        """The number of the activity naming `node` of `service` (a name another step of
        the service has already gets the step's id after it)."""
        key = (service, node)
        if key in self.activity_steps:
            return self.activity_steps.index(key)
        if any(n == name and s == service
               for n, (s, _) in zip(self.activities, self.activity_steps, strict=True)):
            name = f"{name} ({node})"
        self.activities.append(name)
        self.activity_steps.append(key)
        return len(self.activities) - 1
