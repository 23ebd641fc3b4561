"""`reglament serve`'s HTTP API: a FastAPI app over the engine's public API (docs/api.md).

`create_app` builds the app on a specs directory; `ServerState` is what it serves from (the
corpus, the calendar, the versions every response names). The same app serves the public
catalogue of services as HTML pages in Kazakh and Russian (`catalogue`, docs/catalogue.md).
The JSON endpoints import only the engine's public API; the catalogue's modules also use
`renderers.documents` and `renderers.diagrams` (the passport's words, the templates' Jinja
environment, the swimlanes), never the command line (tests/test_architecture.py).
"""

from __future__ import annotations

from server.app import MAX_BODY_BYTES, create_app
from server.state import ServerState, load_state

__all__ = ["MAX_BODY_BYTES", "ServerState", "create_app", "load_state"]
