"""Cases in the journal of `--db`: open, act, refuse, complain; show one; the overdue ones.

Every write needs the server's token (`server.auth`) and may carry an `Idempotency-Key`
(`server.desk`: a retry with the same key and body writes nothing and answers the same; the
same key with another body is a 422 problem). A write answered 2xx is committed. Without
`--db`, every case endpoint answers a 404 problem saying how to start the server with one.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Header, Query, Request
from pydantic import BaseModel
from starlette.responses import Response

from engine.cases import CaseBook, Command, ExecutionError, Executor, case_id_problem, overdue_data
from server.auth import require_token
from server.case_json import case_json
from server.case_requests import (
    AppealRequest,
    CompleteRequest,
    DecisionRequest,
    ExtensionRequest,
    OpenRequest,
    RefusalRequest,
    RevisionRequest,
)
from server.desk import CaseDesk, request_digest
from server.problems import Problem
from server.simulation import instant_of
from server.spec_json import json_response

__all__ = ["IDEMPOTENCY_KEY", "desk_of", "router"]

router = APIRouter()

IDEMPOTENCY_KEY = "Idempotency-Key"
KeyHeader = Annotated[str | None, Header(
    alias=IDEMPOTENCY_KEY, pattern=r"^[A-Za-z0-9._:~+/=-]{1,200}$",
    description="A key per request (a UUID): a retry with the same key and body writes once")]
_WRITE = [Depends(require_token)]


def desk_of(request: Request) -> CaseDesk:
    """The journal's desk, or a 404 problem when the server has no journal."""
    desk: CaseDesk | None = request.app.state.desk
    if desk is None:
        raise Problem(404, "this server keeps no journal of cases (hint: start it with --db "
                      "PATH, e.g. reglament serve --db cases.db --token-file FILE)",
                      kind="no-journal")
    return desk


def _case_id(case_id: str) -> str:
    problem = case_id_problem(case_id)
    if problem is not None:
        raise Problem(422, f"case_id: {problem}")
    return case_id


def _written(request: Request, case_id: str, key: str | None, route: str, body: BaseModel,
             command: Command, *, opening: bool = False) -> Response:
    desk = desk_of(request)
    digest = request_digest(route, case_id, body.model_dump(mode="json"))
    written = desk.write(case_id, key, digest, opening, command)
    headers = {"Location": f"/cases/{quote(case_id, safe='')}"}
    if written.repeated:
        headers["Idempotent-Replayed"] = "true"
    return json_response(case_json(desk.executor, written.state),
                         status=201 if opening else 200, headers=headers)


def _executor(request: Request) -> Executor:
    return desk_of(request).executor


@router.post("/cases", summary="Open a case: an application received", status_code=201,
             dependencies=_WRITE)
def open_case(request: Request, body: OpenRequest, key: KeyHeader = None) -> Response:
    case_id = _case_id(body.case_id)
    return _written(request, case_id, key, "open", body, body.command(_executor(request)),
                    opening=True)


@router.get("/cases/overdue", summary="The late steps, terms and complaints at a moment")
def overdue(request: Request, at: Annotated[str | None, Query(
        max_length=64, description="ISO 8601 instant with its offset; default now")] = None
            ) -> Response:
    desk = desk_of(request)
    moment = instant_of(at, "at", desk.executor) if at is not None else None

    def work(book: CaseBook) -> dict[str, Any]:
        import pendulum

        when = moment or pendulum.now(book.executor.calendar.timezone)
        late = book.overdue(when)
        states = {case_id: book.state(case_id) for case_id in {c for c, _ in late}}
        micros = int(when.timestamp()) * 1_000_000 + when.microsecond
        data: dict[str, Any] = overdue_data(book.executor, micros, late, states)
        return data
    return json_response(desk.call(work))


@router.get("/cases/{case_id}", summary="A case as the journal holds it")
def show_case(request: Request, case_id: str) -> Response:
    desk = desk_of(request)

    def work(book: CaseBook) -> dict[str, Any]:
        try:
            return case_json(book.executor, book.state(case_id))
        except ExecutionError:
            raise Problem(404, f"no case {case_id!r} in the journal (hint: POST /cases opens "
                          "one)", kind="unknown-case") from None
    return json_response(desk.call(work))


@router.post("/cases/{case_id}/steps", summary="Complete the active step", dependencies=_WRITE)
def complete_step(request: Request, case_id: str, body: CompleteRequest,
                  key: KeyHeader = None) -> Response:
    return _written(request, case_id, key, "steps", body,
                    body.command(case_id, _executor(request)))


@router.post("/cases/{case_id}/refusal", summary="Refuse the service, on a ground",
             dependencies=_WRITE)
def refuse(request: Request, case_id: str, body: RefusalRequest,
           key: KeyHeader = None) -> Response:
    return _written(request, case_id, key, "refusal", body,
                    body.command(case_id, _executor(request)))


@router.post("/cases/{case_id}/appeals", summary="File a complaint about the case",
             dependencies=_WRITE)
def appeal(request: Request, case_id: str, body: AppealRequest,
           key: KeyHeader = None) -> Response:
    return _written(request, case_id, key, "appeal", body,
                    body.command(case_id, _executor(request)))


@router.post("/cases/{case_id}/appeals/{appeal_id}/extension",
             summary="Extend the examination of a complaint", dependencies=_WRITE)
def extend_appeal(request: Request, case_id: str, appeal_id: str, body: ExtensionRequest,
                  key: KeyHeader = None) -> Response:
    return _written(request, case_id, key, f"extension {appeal_id}", body,
                    body.command(case_id, appeal_id, _executor(request)))


@router.post("/cases/{case_id}/appeals/{appeal_id}/decision",
             summary="Decide a complaint", dependencies=_WRITE)
def decide_appeal(request: Request, case_id: str, appeal_id: str, body: DecisionRequest,
                  key: KeyHeader = None) -> Response:
    return _written(request, case_id, key, f"decision {appeal_id}", body,
                    body.command(case_id, appeal_id, _executor(request)))


@router.post("/cases/{case_id}/appeals/{appeal_id}/revision",
             summary="Record a revision of a complaint's decision", dependencies=_WRITE)
def revise_appeal(request: Request, case_id: str, appeal_id: str, body: RevisionRequest,
                  key: KeyHeader = None) -> Response:
    return _written(request, case_id, key, f"revision {appeal_id}", body,
                    body.command(case_id, appeal_id, _executor(request)))

