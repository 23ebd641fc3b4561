"""ASGI middleware of the API: the versions on every response, a cap on request bodies, and
a cap on the requests worked on at once.

All are plain ASGI (no `BaseHTTPMiddleware`): a body over the cap is refused before it is
read whole, whether it announced its length or not; a request over the concurrency cap is
answered at once, before any of the app runs.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.problems import problem_response

__all__ = ["BodyLimit", "ConcurrencyLimit", "VersionHeaders"]

ENGINE_HEADER = "Reglament-Version"
CORPUS_HEADER = "Reglament-Corpus"


class VersionHeaders:
    """Adds the engine's version and the corpus digest to every response."""

    def __init__(self, app: ASGIApp, engine_version: str, corpus_digest: str) -> None:
        self.app = app
        self.headers = [(ENGINE_HEADER.lower().encode(), engine_version.encode()),
                        (CORPUS_HEADER.lower().encode(), corpus_digest.encode())]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_versions(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, receive, with_versions)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuses a request body over `limit` bytes with a 413 problem."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        detail = (f"the request body is over the limit of {self.limit} bytes (hint: a spec "
                  "is checked one file at a time)")
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await problem_response(413, detail)(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await problem_response(413, detail)(scope, receive, send)


class ConcurrencyLimit:
    """Answers 503 (problem+json, `Retry-After`) to a request that finds `limit` others in the app.

    Load beyond the cap is shed in microseconds instead of queueing for the worker threads,
    so the requests taken keep their latency and the server keeps answering (docs/api.md,
    "Overload"). It counts requests in the app, not connections as uvicorn's own
    `limit_concurrency` does: that one refuses every request, in plain text, as soon as that
    many clients hold a connection open, even idle ones. One event loop runs this code, so
    the counter needs no lock.
    """

    def __init__(self, app: ASGIApp, limit: int, retry_after: int = 1) -> None:
        self.app, self.limit, self.retry_after = app, limit, retry_after
        self.active = 0
        #: Requests answered 503 since start (read by tests and benchmarks in process).
        self.shed = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.active >= self.limit:
            self.shed += 1
            response = problem_response(
                503, f"the server is working on its limit of {self.limit} requests at once "
                f"(hint: retry after {self.retry_after} s; a command sent again with the same "
                "Idempotency-Key is not applied twice)", kind="overloaded")
            response.headers["Retry-After"] = str(self.retry_after)
            await response(scope, receive, send)
            return
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1
