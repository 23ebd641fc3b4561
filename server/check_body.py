"""`POST /check`: one spec sent as text, checked as `reglament check FILE --format json` (or
sarif) would check it, its report naming the file `spec.yaml`.

The text is written to a private temporary directory made for the request (and removed
after it), so the engine reads it as any spec file, with its limits on size and depth.
With the corpus (the default), the served specs are copied beside it — but for the
versions of the spec it stands in for (a regulation or standard of the same id) — and the
report keeps what concerns the text (`engine.verify.focus_report`), as `reglament check
FILE` does in a spec root: a regulation is held against the standard it implements, a
standard against the regulations implementing it. Alone, the text is checked by itself.
Checks run one at a time, off the event loop (the caller runs `check_text` in a thread).
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from starlette.responses import Response

from engine import Corpus, read_document
from engine.corpus import iter_spec_files
from engine.verify import check_corpus, focus_report, write_report

__all__ = ["SPEC_NAME", "check_text"]

SPEC_NAME = "spec.yaml"
_LOCK = threading.Lock()


def _replaced(path: Path, corpus: Corpus) -> set[Path]:
    """The served files the spec at `path` stands in for: the versions of its id."""
    document = read_document(path)
    name = document.data.get("id") if isinstance(document.data, dict) else None
    if document.errors or not isinstance(name, str):
        return set()
    if document.kind == "regulation":
        return {Path(r.path).resolve() for r in corpus.regulation_versions(name)}
    if document.kind == "standard":
        return {Path(s.path).resolve() for s in corpus.standard_versions(name)}
    return set()


def _copy_corpus(specs: Path, corpus: Corpus, into: Path, spec: Path) -> None:
    left_out = _replaced(spec, corpus)
    for found in sorted(iter_spec_files([specs])):
        source = Path(found).resolve()
        if source in left_out:
            continue
        target = into / source.relative_to(specs.resolve())
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    marker = specs / ".reglament-root"
    if marker.is_file():
        shutil.copyfile(marker, into / ".reglament-root")


def check_text(text: str, fmt: str, corpus: tuple[Path, Corpus] | None = None) -> Response:
    """The report of `text` checked as a spec file, as JSON or SARIF; with `corpus` (the
    served specs directory and their corpus), checked among them."""
    with _LOCK, tempfile.TemporaryDirectory(prefix="reglament-check-") as where:
        path = Path(where) / SPEC_NAME
        path.write_text(text, encoding="utf-8")
        if corpus is None:
            report = check_corpus([where], jobs=1)
        else:
            _copy_corpus(*corpus, Path(where), path)
            report = focus_report(check_corpus([where], jobs=1, focus=[path]), [path])
        out = io.StringIO()
        write_report(report, fmt, out)
        written = out.getvalue()
        for prefix in (str(path.resolve().parent), where):  # the report names the files alone
            written = written.replace(json.dumps(prefix + "/")[1:-1], "").replace(prefix + "/", "")
    data: Any = json.loads(written)
    media = "application/sarif+json" if fmt == "sarif" else "application/json"
    return Response(json.dumps(data, ensure_ascii=False, indent=2), media_type=media)
