"""`POST /simulate`: a case run in memory (`server.simulation`), answered as its timeline.

Nothing is written. The answer is the case as `reglament run --json` gives it — the
application, each step with its start, due instant and finish, the active step, the
ending — with the overall due instant and the margin in words (`server.case_json`).
The executor's caches are shared by the requests, so one simulation runs at a time
(they are short and hold the interpreter anyway).
"""

from __future__ import annotations

import threading

from fastapi import APIRouter, Request
from starlette.responses import Response

from engine.cases import Executor
from server.case_json import case_json
from server.simulation import SimulationRequest, run_simulation
from server.spec_json import json_response

__all__ = ["executor_lock", "router", "shared_executor"]

router = APIRouter()
#: Held while the shared executor works (`simulate`, the documents of a simulated case).
executor_lock = threading.Lock()


def shared_executor(request: Request) -> Executor:
    """The app's executor, for work done while holding `executor_lock`."""
    executor: Executor = request.app.state.executor
    return executor


@router.post("/simulate", summary="Simulate a case in memory: its timeline and margin")
def simulate(request: Request, body: SimulationRequest) -> Response:
    executor = shared_executor(request)
    with executor_lock:
        state = run_simulation(executor, body)
        return json_response(case_json(executor, state))

