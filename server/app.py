"""The FastAPI app of `reglament serve` on a `ServerState`."""

from __future__ import annotations

from fastapi import FastAPI

from server.middleware import BodyLimit, ConcurrencyLimit, VersionHeaders
from server.problems import install_handlers
from server.routes import router
from server.state import ServerState

__all__ = ["MAX_BODY_BYTES", "MAX_CONCURRENT", "create_app"]

#: The largest request body taken (1 MiB): bigger than any spec of the corpus by far.
MAX_BODY_BYTES = 1 << 20
#: The requests worked on at once; more are answered 503 at once (docs/api.md, "Overload").
#: Two cores take a few at a time: past that a request only waits, and this many waiting keep
#: the worst wait of a cheap request well under a second (docs/benchmarks.md, "Serving").
MAX_CONCURRENT = 64


def create_app(state: ServerState, *, max_body: int = MAX_BODY_BYTES,
               max_concurrent: int = MAX_CONCURRENT) -> FastAPI:
    """The API over `state`: its routes, problem+json errors, versions on every response,
    at most `max_concurrent` requests worked on at once."""
    app = FastAPI(
        title="Reglament API",
        version=state.engine_version,
        description="Public services of Kazakhstan as their specs define them: standards in "
                    "force, the working-time calendar, due instants, checks of specs "
                    "(docs/api.md). Errors are application/problem+json (RFC 9457).",
        docs_url=None, redoc_url=None,  # the document only: no page loading scripts from a CDN
    )
    app.state.reglament = state
    app.include_router(router)
    install_handlers(app)
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(ConcurrencyLimit, limit=max_concurrent)  # inside: its 503s carry versions
    app.add_middleware(VersionHeaders, engine_version=state.engine_version,
                       corpus_digest=state.corpus_digest)
    return app
