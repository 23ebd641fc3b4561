"""`POST /check`: one spec sent as text, checked alone as `reglament check FILE --format json`
(or sarif) would check it, its report naming the file `spec.yaml`.

The text is written to a private temporary directory made for the request (and removed
after it), so the engine reads it as any spec file, with its limits on size and depth.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

from starlette.responses import Response

from engine.verify import check_corpus, write_report

__all__ = ["SPEC_NAME", "check_text"]

SPEC_NAME = "spec.yaml"


def check_text(text: str, fmt: str) -> Response:
    """The report of `text` checked as a spec file, as JSON or SARIF."""
    with tempfile.TemporaryDirectory(prefix="reglament-check-") as where:
        path = Path(where) / SPEC_NAME
        path.write_text(text, encoding="utf-8")
        report = check_corpus([where], jobs=1)
        out = io.StringIO()
        write_report(report, fmt, out)
        written = out.getvalue()
        for prefix in (str(path.resolve().parent), where):  # the report names the file alone
            written = written.replace(json.dumps(prefix + "/")[1:-1], "").replace(prefix + "/", "")
    data: Any = json.loads(written)
    media = "application/sarif+json" if fmt == "sarif" else "application/json"
    return Response(json.dumps(data, ensure_ascii=False, indent=2), media_type=media)
