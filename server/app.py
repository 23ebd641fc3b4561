"""The FastAPI app of `reglament serve` on a `ServerState`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from engine.cases import Executor
from server.catalogue import router as catalogue_router
from server.desk import CaseDesk
from server.middleware import BodyLimit, ConcurrencyLimit, VersionHeaders
from server.problems import document_problems, install_handlers
from server.routes import router
from server.routes_cases import router as cases_router
from server.routes_documents import router as documents_router
from server.routes_simulate import router as simulate_router
from server.routes_specs import router as specs_router
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
    at most `max_concurrent` requests worked on at once; with `state.db`, the journal's
    cases on a thread of their own (`server.desk`)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if app.state.desk is not None:
            app.state.desk.close()

    app = FastAPI(
        title="Reglament API",
        version=state.engine_version,
        description="Public services of Kazakhstan as their specs define them: standards, "
                    "regulations and schedules in force, the working-time calendar, due "
                    "instants, checks of specs, simulated cases, cases in a journal, documents "
                    "and diagrams (docs/api.md). Errors are application/problem+json (RFC 9457).",
        docs_url=None, redoc_url=None,  # the document only: no page loading scripts from a CDN
        lifespan=lifespan,
    )
    app.state.reglament = state
    app.state.executor = Executor(state.corpus, state.calendar)
    app.state.desk = CaseDesk(Executor(state.corpus, state.calendar), state.db) \
        if state.db is not None else None
    app.include_router(router)
    app.include_router(specs_router)
    app.include_router(simulate_router)
    app.include_router(cases_router)
    app.include_router(documents_router)
    app.include_router(catalogue_router)  # the public catalogue's HTML pages (docs/catalogue.md)
    install_handlers(app)
    document_problems(app)
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(ConcurrencyLimit, limit=max_concurrent)  # inside: its 503s carry versions
    app.add_middleware(VersionHeaders, engine_version=state.engine_version,
                       corpus_digest=state.corpus_digest)
    return app
