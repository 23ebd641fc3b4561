"""A check narrowed to some files: what `reglament check FILE` reports.

A file is checked with the other specs of its spec root (`engine.corpus.spec_root`): the
standard a regulation implements, the offices' schedules, the calendar. The report then
keeps what concerns the files named, which is:

- each named file's own findings and, for a regulation, its verdicts;
- for a named standard, the findings and verdicts of the regulations implementing it (a
  changed term can make them late); for a named regulation, the findings of the versions of
  its standard (a broken standard leaves the regulation unverified);
- the findings of every calendar (a file in `calendars/`) and `kind: schedules` file of the
  root: every term depends on them, so an error there cannot pass unseen. (A schedules file
  too broken to say its kind leaves its schedules undefined, which the specs naming them
  report in their own files.)

Findings of other files, about other services, are left out: one broken spec elsewhere in
the root does not fail the check of a sound one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from engine.corpus.lookup import Corpus, CorpusResult
from engine.spec.loader import read_document

if TYPE_CHECKING:
    from engine.verify.checker import CheckReport

__all__ = ["focus_report", "focus_scope"]

_SHARED_KINDS = frozenset({"calendar", "schedules"})


def _key(path: str | Path) -> Path:
    return Path(path).resolve()


def focus_scope(result: CorpusResult, files: Iterable[str | Path]) -> set[Path]:
    """The files (resolved) whose findings concern `files` (see the module's text): the
    check verifies only the regulations among them."""
    named = {_key(f) for f in files}
    corpus = result.corpus
    scope = set(named)
    for standard in corpus.standards:
        if _key(standard.path) in named:
            scope.update(_key(r.path) for r in corpus.regulations_for(standard.id))
    for regulation in corpus.regulations:
        if _key(regulation.path) in named:
            scope.update(_key(s.path) for s in corpus.standard_versions(regulation.standard))
    scope.update(_key(s.path) for s in corpus.schedule_sets)
    built = {_key(p) for p in _paths(corpus)}
    for name in result.files:
        path = _key(name)
        if path in scope or path in built:
            continue
        if Path(name).parent.name == "calendars" or _shared(name):
            scope.add(path)
    return scope


def _paths(corpus: Corpus) -> Iterable[str]:
    yield from (s.path for s in corpus.standards)
    yield from (r.path for r in corpus.regulations)
    for items in corpus.others.values():
        yield from (str(getattr(item, "path", "")) for item in items)


def _shared(name: str) -> bool:
    """True for a file not built into the corpus whose kind every spec depends on."""
    return read_document(Path(name)).kind in _SHARED_KINDS


def focus_report(report: CheckReport, files: Iterable[str | Path]) -> CheckReport:
    """`report` narrowed to what concerns `files` (paths as given or resolved alike)."""
    scope = focus_scope(report.result, files)

    def kept(path: str) -> bool:
        return _key(path) in scope

    corpus = report.result.corpus
    narrowed = Corpus([s for s in corpus.standards if kept(s.path)],
                      [r for r in corpus.regulations if kept(r.path)],
                      {kind: [i for i in items if kept(str(getattr(i, "path", "")))]
                       for kind, items in corpus.others.items()})
    result = CorpusResult(narrowed, [e for e in report.result.errors if kept(e.location.path)],
                          [f for f in report.result.files if kept(f)])
    return replace(report, result=result,
                   findings=[f for f in report.findings if kept(f.location.path)],
                   verdicts=[v for v in report.verdicts if kept(v.location.path)],
                   pairs=[p for p in report.pairs if kept(p.regulation.path)])
