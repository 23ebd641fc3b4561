"""`reglament serve`'s HTTP API: a FastAPI app over the engine's public API (docs/api.md).

`create_app` builds the app on a specs directory; `ServerState` is what it serves from (the
corpus, the calendar, the versions every response names). Routes by resource: `routes`
(services, calendar, due, check), `routes_specs`, `routes_simulate`, `routes_cases` (the
journal through `desk`, writes behind `auth`), `routes_documents`; the public catalogue's
HTML pages in Kazakh and Russian (`catalogue*`, docs/catalogue.md). The package imports the
engine's public API and the renderers it serves (documents, diagrams, exports), never the
command line (tests/test_architecture.py).
"""

from __future__ import annotations

from server.app import MAX_BODY_BYTES, MAX_CONCURRENT, create_app
from server.state import ServerState, load_state

__all__ = ["MAX_BODY_BYTES", "MAX_CONCURRENT", "ServerState", "create_app", "load_state"]
