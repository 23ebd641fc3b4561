"""The read-only endpoints: services and their versions, the calendar, a due instant, a check.

Each handler only looks things up in the `ServerState` and words them as JSON; unknown ids
are 404 problems naming the nearest known ones, as the CLI's messages do. A service id is
only ever a key looked up in the corpus, never part of a file path.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from starlette.responses import Response

from engine import Standard
from engine.calendar import CalendarError, parse_instant
from engine.spec import did_you_mean
from server.check_body import check_text
from server.due_count import DueRefused, count_due
from server.lookup import day_of, state_of
from server.problems import Problem
from server.state import ServerState

__all__ = ["DueRequest", "router"]

router = APIRouter()


def _channels(standard: Standard) -> list[dict[str, Any]]:
    return [{"id": channel.id, "title": {"kk": channel.title.kk, "ru": channel.title.ru},
             "term": str(channel.term), "schedule": channel.schedule,
             "source": channel.source}
            for channel in standard.channels.values()]


def _standard(standard: Standard, state: ServerState) -> dict[str, Any]:
    path = standard.path
    with contextlib.suppress(ValueError):  # a path outside the specs directory stays whole
        path = Path(path).resolve().relative_to(state.specs.resolve()).as_posix()
    return {"id": standard.id, "register_code": standard.register_code,
            "title": {"kk": standard.title.kk, "ru": standard.title.ru},
            "provider": {"kk": standard.provider.kk, "ru": standard.provider.ru},
            "valid_from": standard.valid_from.isoformat(),
            "valid_to": standard.valid_to.isoformat() if standard.valid_to else None,
            "cost": standard.cost.kind, "channels": _channels(standard), "path": path}


def _unknown_service(state: ServerState, service: str) -> Problem:
    known = {s.id for s in state.corpus.standards}
    return Problem(404, f"no service {service!r} (hint: {did_you_mean(service, known)})",
                   kind="unknown-service")


@router.get("/services", summary="The standards in force on a day")
def services(request: Request, on: Annotated[str | None, Query(
        description="ISO date; default today ($REGLAMENT_TODAY when set)")] = None) -> dict[str, Any]:
    state, day = state_of(request), day_of(on)
    ids = sorted({s.id for s in state.corpus.standards})
    found = [state.corpus.standard_on(service, day) for service in ids]
    return {"on": day.isoformat(),
            "services": [_standard(s, state) for s in found if s is not None]}


@router.get("/services/{service}", summary="A service: every version of its standard")
def service_versions(request: Request, service: str) -> dict[str, Any]:
    state = state_of(request)
    versions = state.corpus.standard_versions(service)
    if not versions:
        raise _unknown_service(state, service)
    regulations = sorted({r.id for r in state.corpus.regulations_for(service)})
    return {"id": service, "versions": [_standard(s, state) for s in versions],
            "regulations": regulations}


@router.get("/calendar", summary="The working-time calendar")
def calendar(request: Request) -> dict[str, Any]:
    chosen = state_of(request).calendar
    first, last = chosen.covered_years()
    return {"id": chosen.data.id, "title": {"kk": chosen.data.title.kk, "ru": chosen.data.title.ru},
            "timezone": chosen.timezone, "years": [first, last],
            "provisional_years": sorted(chosen.provisional_years()),
            "schedules": sorted(chosen.data.schedules)}


class DueRequest(BaseModel):
    """An application: the service, the channel it came by, the instant it was received."""

    service: str = Field(max_length=200, examples=["school-admission"])
    channel: str = Field(max_length=200, examples=["portal"])
    received: str = Field(max_length=64, description="ISO 8601 instant with its UTC offset",
                          examples=["2025-03-07T17:30:00+05:00"])


@router.post("/due", summary="When the result of an application is due, and why")
def due(request: Request, application: DueRequest) -> dict[str, Any]:
    state = state_of(request)
    try:
        instant = parse_instant(application.received, state.calendar.timezone)
    except CalendarError as exc:
        raise Problem(400, f"received: {exc}") from None
    try:
        counted = count_due(state, application.service, application.channel, instant)
    except DueRefused as refused:
        raise Problem(refused.status, refused.detail, kind=refused.kind) from None
    standard, channel = counted.standard, counted.channel
    return {"service": standard.id, "channel": channel.id,
            "standard_valid_from": standard.valid_from.isoformat(), "term_source": channel.source,
            "from": counted.submitted.isoformat(), "received": counted.received.isoformat(),
            "schedule": channel.schedule, "counts_on": counted.counted_on,
            "duration": str(channel.term),
            "exclude_acceptance_day": channel.acceptance_day_excluded,
            "due": counted.due.isoformat(), "timezone": counted.timezone,
            "provisional": counted.provisional_note or None}


@router.post("/check", summary="Check one spec sent as YAML text: the CLI's report",
             response_class=Response, responses={200: {"content": {
                 "application/json": {"schema": {"type": "object"}},
                 "application/sarif+json": {"schema": {"type": "object"}}}}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/yaml": {"schema": {"type": "string"}}}}})
async def check(request: Request, format: Annotated[str, Query(
        pattern="^(json|sarif)$", description="json (default) or sarif")] = "json",
                with_corpus: Annotated[bool, Query(
        description="check the spec among the served specs (default), or alone")] = True
                ) -> Any:
    text = (await request.body()).decode("utf-8", errors="replace")
    state = state_of(request)
    served = (state.specs, state.corpus) if with_corpus else None
    return await run_in_threadpool(check_text, text, format, served)
