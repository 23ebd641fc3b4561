"""`reglament check FILE` verifies only the regulations whose findings concern FILE, and
reports what the check of the whole spec root, narrowed to FILE, reports (issue 19)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import engine.verify.checker as checker
from engine.verify import check_corpus, write_report
from engine.verify.focus import focus_report

SPECS = Path(__file__).resolve().parents[2] / "specs"
FILES = [SPECS / "standards" / "preschool-queue.yaml",
         SPECS / "standards" / "education-document-duplicates.yaml",
         *sorted((SPECS / "regulations").rglob("*.yaml"))[:2]]


def _json(report: checker.CheckReport) -> str:
    out = io.StringIO()
    write_report(report, "json", out)
    return out.getvalue()


@pytest.mark.parametrize("named", FILES, ids=lambda p: p.name)
def test_a_focused_check_reports_what_the_whole_check_narrowed_reports(
        named: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = focus_report(check_corpus([SPECS]), [named])
    compiled: list[str] = []
    real = checker.compile_regulation

    def counting(regulation: object, standard: object) -> object:
        compiled.append(str(regulation.path))  # type: ignore[attr-defined]
        return real(regulation, standard)  # type: ignore[arg-type]

    monkeypatch.setattr(checker, "compile_regulation", counting)
    focused = focus_report(check_corpus([SPECS], focus=[named]), [named])
    assert _json(focused) == _json(whole)
    regulations = {Path(c.regulation.path).resolve() for c in whole.compiled}
    assert {Path(p).resolve() for p in compiled} == regulations
    everything = {Path(r.path) for r in check_corpus([SPECS]).result.corpus.regulations}
    assert len(regulations) < len(everything)  # the rest is not verified at all
