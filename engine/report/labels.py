"""The kk and ru titles of what the report's tables name by id: services (as the provider's
catalogue names them), channels (the standard's, else the built-in names) and the actors
found late (the regulation's swimlanes; the provider for the steps a standard implies).

The figures keep ids (`engine.report.figures`); the renderers word them with these titles,
and JSON gives both.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple, TypeVar

from engine.corpus import Corpus
from engine.report.model import ProviderReport
from engine.spec import BUILTIN_CHANNELS, Regulation, Standard, Text

__all__ = ["Labels", "report_labels"]

#: The actor of the steps a standard implies when no regulation gives them
#: (`engine.process.implied`): the provider itself.
_IMPLIED_PROVIDER = "provider"
_Version = TypeVar("_Version", Standard, Regulation)


class Labels(NamedTuple):
    """Titles by id: `services` by standard id, `channels` and `actors` by (standard, id)."""

    services: dict[str, Text]
    channels: dict[tuple[str, str], Text]
    actors: dict[tuple[str, str], Text]

    def service(self, standard: str) -> Text | None:
        """The service's title, None when the report has no such service."""
        return self.services.get(standard)

    def channel(self, standard: str, channel: str) -> Text | None:
        """The channel's title for this service, else its built-in name, else None."""
        return self.channels.get((standard, channel)) or BUILTIN_CHANNELS.get(channel)

    def actor(self, standard: str, actor: str) -> Text | None:
        """The actor's title in the service's regulations, None when none names it."""
        return self.actors.get((standard, actor))


def report_labels(corpus: Corpus, report: ProviderReport) -> Labels:
    """The titles of every service, channel and late actor of `report`, from `corpus`.

    Versions valid on the period's last day or before it are read oldest first, so a later
    version's title wins; a service with no version before then takes all of them.
    """
    services = {s.standard: s.title for s in report.services if s.standard}
    channels: dict[tuple[str, str], Text] = {}
    actors: dict[tuple[str, str], Text] = {}
    last = report.period.last
    for standard_id in services:
        versions = _until(corpus.standard_versions(standard_id), last)
        for standard in versions:
            for name, channel in standard.channels.items():
                channels[(standard_id, name)] = channel.title
                if name != "provider_office":  # the implied steps' desk of this channel
                    actors[(standard_id, name)] = channel.title
            actors[(standard_id, _IMPLIED_PROVIDER)] = standard.provider
        for regulation in _until(corpus.regulations_for(standard_id), last):
            for actor in regulation.actors:
                actors[(standard_id, actor.id)] = actor.title
    return Labels(services, channels, actors)


def _until(versions: list[_Version], last: dt.date) -> list[_Version]:
    ordered = sorted(versions, key=lambda v: (v.valid_from, v.id))
    before = [v for v in ordered if v.valid_from <= last]
    return before or ordered
