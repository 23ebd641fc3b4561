"""The specs as resources: standards, regulations and schedules, every version whole.

`GET /standards` and `GET /regulations` list ids with their versions' dates; `GET
/standards/{id}` and `GET /regulations/{id}` give every version, oldest first, as
`server.spec_json` words the engine's objects; `GET /schedules` and `/schedules/{id}`
the working hours and days of the calendar's schedules (the offices' own among them).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from server.lookup import state_of, unknown
from server.spec_json import json_response, regulation_data, schedule_data, standard_data

__all__ = ["router"]

router = APIRouter()


def _span(spec: Any) -> dict[str, Any]:
    return {"valid_from": spec.valid_from.isoformat(),
            "valid_to": spec.valid_to.isoformat() if spec.valid_to else None}


@router.get("/standards", summary="Every standard: its id, titles and versions' dates")
def standards(request: Request) -> Response:
    corpus = state_of(request).corpus
    found = []
    for name in sorted({s.id for s in corpus.standards}):
        versions = corpus.standard_versions(name)
        found.append({"id": name, "title": {"kk": versions[-1].title.kk,
                                            "ru": versions[-1].title.ru},
                      "versions": [_span(s) for s in versions]})
    return json_response({"standards": found})


@router.get("/standards/{standard}", summary="A standard: every version, whole")
def standard(request: Request, standard: str) -> Response:
    state = state_of(request)
    versions = state.corpus.standard_versions(standard)
    if not versions:
        raise unknown("standard", standard, (s.id for s in state.corpus.standards), "/standards")
    return json_response({"id": standard,
                          "versions": [standard_data(s, state.specs) for s in versions]})


@router.get("/regulations", summary="Every regulation: its id, standard, scope and versions")
def regulations(request: Request) -> Response:
    corpus = state_of(request).corpus
    found = []
    for name in sorted({r.id for r in corpus.regulations}):
        versions = corpus.regulation_versions(name)
        last = versions[-1]
        found.append({"id": name, "standard": last.standard, "scope": last.scope,
                      "title": {"kk": last.title.kk, "ru": last.title.ru},
                      "channels": sorted(last.processes),
                      "versions": [_span(r) for r in versions]})
    return json_response({"regulations": found})


@router.get("/regulations/{regulation}", summary="A regulation: every version, whole")
def regulation(request: Request, regulation: str) -> Response:
    state = state_of(request)
    versions = state.corpus.regulation_versions(regulation)
    if not versions:
        raise unknown("regulation", regulation, (r.id for r in state.corpus.regulations),
                      "/regulations")
    return json_response({"id": regulation,
                          "versions": [regulation_data(r, state.specs) for r in versions]})


@router.get("/schedules", summary="The schedules: working hours and days")
def schedules(request: Request) -> Response:
    state = state_of(request)
    chosen = state.calendar
    return json_response({"schedules": [
        schedule_data(chosen.schedules[name], chosen, state.specs)
        for name in sorted(chosen.schedules)]})


@router.get("/schedules/{schedule}", summary="A schedule: its hours on each weekday")
def schedule(request: Request, schedule: str) -> Response:
    state = state_of(request)
    chosen = state.calendar
    if schedule not in chosen.schedules:
        raise unknown("schedule", schedule, chosen.schedules, "/schedules")
    return json_response(schedule_data(chosen.schedules[schedule], chosen, state.specs))
