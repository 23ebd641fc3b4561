"""The FastAPI app of `reglament serve` on a `ServerState`."""

from __future__ import annotations

from fastapi import FastAPI

from server.catalogue import router as catalogue_router
from server.middleware import BodyLimit, VersionHeaders
from server.problems import install_handlers
from server.routes import router
from server.state import ServerState

__all__ = ["MAX_BODY_BYTES", "create_app"]

#: The largest request body taken (1 MiB): bigger than any spec of the corpus by far.
MAX_BODY_BYTES = 1 << 20


def create_app(state: ServerState, *, max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The API over `state`: its routes, problem+json errors, versions on every response."""
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
    app.include_router(catalogue_router)  # the public catalogue's HTML pages (docs/catalogue.md)
    install_handlers(app)
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(VersionHeaders, engine_version=state.engine_version,
                       corpus_digest=state.corpus_digest)
    return app
