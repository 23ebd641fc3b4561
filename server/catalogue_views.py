"""What each page of the catalogue shows, as the data its template prints (`server.catalogue`).

The index lists the services in force today, filtered by the search (`catalogue_search`);
a service's page shows its passport (the record `reglament render passport` prints:
`renderers.documents.passport`), the swimlane diagrams of the regulations in force today (or
of the minimal process its standard implies: `engine.process.implied_regulation`), as
`reglament diagram` draws them, and the calculator (`catalogue_calculator`).

"Today" and "now" are the calendar's (Asia/Almaty), not the machine's; `$REGLAMENT_TODAY`
pins the day, and on a pinned day "now" is 09:00, so that a page is the same bytes on every
run of the tests.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

import pendulum
from markupsafe import Markup

from engine import Standard
from engine.process import compile_regulation, implied_regulation
from engine.spec import Regulation, is_valid_on
from engine.verify import TODAY_VAR
from renderers.diagrams.swimlane import render_swimlane
from renderers.documents.passport import passport
from renderers.documents.words import date_words
from server.catalogue_search import MAX_QUERY, alphabetical, search
from server.catalogue_words import say
from server.state import ServerState

__all__ = ["Diagram", "DiagramSet", "diagram_sets", "index_view", "now_in", "service_view"]

#: The hour of "now" on a day pinned by `$REGLAMENT_TODAY`.
PINNED_HOUR = 9


def now_in(zone: str) -> pendulum.DateTime:
    """Now in `zone`, to the minute; on a day `$REGLAMENT_TODAY` pins, that day at 09:00."""
    pinned = os.environ.get(TODAY_VAR, "").strip()
    if pinned:
        try:
            day = dt.date.fromisoformat(pinned)
        except ValueError:
            pass  # as engine.verify.today: an unreadable pin is no pin
        else:
            return pendulum.datetime(day.year, day.month, day.day, PINNED_HOUR, tz=zone)
    return pendulum.now(zone).replace(second=0, microsecond=0)


def _in_force(state: ServerState, day: dt.date) -> list[Standard]:
    ids = sorted({s.id for s in state.corpus.standards})
    found = (state.corpus.standard_on(service, day) for service in ids)
    return [s for s in found if s is not None]


def index_view(state: ServerState, lang: str, query: str) -> tuple[int, dict[str, Any]]:
    """The status and view of the index: the services in force today the query names.

    A query longer than `MAX_QUERY` characters is refused (400) with the form kept.
    """
    today = now_in(state.calendar.timezone).date()
    standards = _in_force(state, today)
    view: dict[str, Any] = {"query": query, "message": None, "today": date_words(today, lang),
                            "total": len(standards)}
    if len(query) > MAX_QUERY:
        view.update(query=query[:MAX_QUERY], message=say("query_too_long", lang, MAX_QUERY),
                    services=[], found=None)
        return 400, view
    found = sorted(search(standards, query), key=lambda s: (alphabetical(s.title.get(lang)), s.id))
    view["services"] = [_summary(s) for s in found]
    if not query.strip():
        view["found"] = say("found", lang, len(found))
    elif found:
        view["found"] = say("found_for", lang, query.strip(), len(found))
    else:
        view["found"] = None
        view["message"] = say("nothing_found", lang, query.strip())
    return 200, view


def _summary(standard: Standard) -> dict[str, Any]:
    return {"id": standard.id, "title": standard.title, "register_code": standard.register_code,
            "provider": standard.provider, "channels": list(standard.channels.values())}


@dataclass(frozen=True)
class Diagram:
    """One channel's swimlane: its caption and the SVG, ready to stand inside the page."""

    channel: str
    caption: str
    svg: Markup


@dataclass(frozen=True)
class DiagramSet:
    """The diagrams of one regulation (or of the implied process: `implied`)."""

    regulation: str
    implied: bool
    diagrams: tuple[Diagram, ...]


def _inline(svg: str) -> Markup:
    """Our own escaped SVG document without its XML declaration, to stand inside HTML."""
    body = svg.split("?>", 1)[1].lstrip("\n") if svg.startswith("<?xml") else svg
    return Markup(body)  # rendered by the diagram templates: every text in it is escaped


def diagram_sets(standard: Standard, day: dt.date, lang: str,
                 regulations: list[Regulation]) -> tuple[DiagramSet, ...]:
    """The swimlanes of each regulation of `standard` in force on `day` (of the process the
    standard implies when none is), one per channel."""
    in_force = sorted((r for r in regulations if is_valid_on(r, day)), key=lambda r: r.id)
    implied = not in_force
    sets = []
    for regulation in in_force or [implied_regulation(standard)]:
        compiled = compile_regulation(regulation, standard)
        sets.append(DiagramSet(regulation.id, implied, tuple(
            Diagram(name, graph.graph["channel"].title.get(lang),
                    _inline(render_swimlane(graph, lang)))
            for name, graph in compiled.graphs.items())))
    return tuple(sets)


def service_view(state: ServerState, lang: str, standard: Standard) -> dict[str, Any]:
    """The view of a service's page, the calculator aside (`catalogue_calculator`)."""
    today = now_in(state.calendar.timezone).date()
    valid = (say("standard_valid_to", lang, date_words(standard.valid_from, lang),
                 date_words(standard.valid_to, lang)) if standard.valid_to else
             say("standard_valid", lang, date_words(standard.valid_from, lang)))
    return {"standard": standard, "doc": passport(standard, state.calendar), "valid": valid,
            "diagram_sets": diagram_sets(standard, today, lang,
                                         state.corpus.regulations_for(standard.id))}
