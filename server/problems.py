"""Errors as `application/problem+json` (RFC 9457): type, title, status, detail, and the
located messages of the CLI under `errors` when there are some.

Every error the app can meet, the framework's own (an unknown path, a malformed body) and
an unexpected one, is answered this way: never a traceback, never an HTML page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

__all__ = ["PROBLEM_TYPE", "Problem", "install_handlers", "problem_body", "problem_response"]

MEDIA_TYPE = "application/problem+json"
#: Where the types of problems are described (docs/api.md, section "Errors").
PROBLEM_TYPE = "https://reglament.kz/problems/"


class Problem(Exception):
    """An error answered as problem+json; `errors` are the CLI's located messages."""

    def __init__(self, status: int, detail: str, errors: Sequence[str] = (),
                 kind: str | None = None, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, list(errors)
        self.kind, self.headers = kind, dict(headers or {})


def problem_body(status: int, detail: str, errors: Sequence[str] = (),
                 kind: str | None = None) -> dict[str, Any]:
    """The problem document.

    Examples:
        >>> problem_body(404, "no service 'x'")["title"]
        'Not Found'
    """
    title = HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + (kind or title.lower().replace(" ", "-")),
        "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = list(errors)
    return body


def problem_response(status: int, detail: str, errors: Sequence[str] = (),
                     kind: str | None = None,
                     headers: Mapping[str, str] | None = None) -> Response:
    """The problem as a response."""
    return Response(json.dumps(problem_body(status, detail, errors, kind), ensure_ascii=False),
                    status_code=status, media_type=MEDIA_TYPE, headers=dict(headers or {}))


def _validation_detail(exc: RequestValidationError) -> tuple[int, str, list[str]]:
    """400 for a body that is not JSON at all, 422 for JSON of the wrong shape."""
    messages, malformed = [], False
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()))
        messages.append(f"{where}: {error.get('msg', 'invalid')}")
        malformed = malformed or error.get("type") == "json_invalid"
    if malformed:
        return 400, "the request body is not valid JSON", messages
    return 422, "the request does not have the expected shape", messages


def install_handlers(app: FastAPI) -> None:
    """Answer every error of `app` as problem+json."""

    async def on_problem(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return problem_response(exc.status, exc.detail, exc.errors, exc.kind, exc.headers)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no endpoint at {request.url.path} (hint: GET /openapi.json lists them)"
        return problem_response(exc.status_code, detail)

    async def on_validation(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return problem_response(*_validation_detail(exc))

    async def on_unexpected(_: Request, exc: Exception) -> Response:
        return problem_response(500, f"the server failed: {type(exc).__name__} (hint: report it "
                                "with the request that caused it)")

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_unexpected)
