"""ASGI middleware of the API: the versions on every response, and a cap on request bodies.

Both are plain ASGI (no `BaseHTTPMiddleware`): a body over the cap is refused before it is
read whole, whether it announced its length or not.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.problems import problem_response

__all__ = ["BodyLimit", "VersionHeaders"]

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
