"""The HTTP stack's floor for benchmarks/bench_serve.py: FastAPI on uvicorn answering POST /due
with a constant, so that the benchmark can say what the engine costs over the bare server.

    python benchmarks/serve_floor.py --port PORT

It takes the same body as `reglament serve`'s POST /due (a pydantic model of three strings,
validated the same way) in a plain `def` endpoint, run on the worker threads as the real one
is, and answers a JSON object of the real answer's size; uvicorn is started as `reglament
serve` starts it (`uvicorn.run`, the same log level, so an access log line per request too).
It has none of the server's middleware: their cost is part of what is measured over it.
"""

from __future__ import annotations

import argparse
from typing import Any

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel, Field

#: What the real endpoint answers for benchmarks/serve_locustfile.py's DUE_BODY.
ANSWER = {"service": "school-admission", "channel": "portal", "standard_valid_from": "2018-07-31",
          "term_source": "seed 002, regulation 1, p. 7", "from": "2025-03-07T17:30:00+05:00",
          "received": "2025-03-07T17:30:00+05:00", "schedule": "portal", "counts_on": "provider",
          "duration": "30 min", "exclude_acceptance_day": False, "due": "2025-03-07T18:00:00+05:00",
          "timezone": "Asia/Almaty", "provisional": None}


class DueRequest(BaseModel):
    service: str = Field(max_length=200)
    channel: str = Field(max_length=200)
    received: str = Field(max_length=64)


app = FastAPI(docs_url=None, redoc_url=None)


@app.post("/due")
def due(application: DueRequest) -> dict[str, Any]:
    return ANSWER


@app.get("/calendar")
def calendar() -> dict[str, Any]:
    return {"id": "kz"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
