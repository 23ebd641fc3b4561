"""The serving benchmark's smoke run (--quick): every phase runs against real servers and
the overload's checks pass, the journal's included (no timing is asserted)."""

from __future__ import annotations

import pytest

from benchmarks.bench_serve import main


def test_the_quick_run_measures_every_phase_and_passes_the_overload_checks(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--quick"]) == 0
    out = capsys.readouterr().out
    for row in ("(a0) in process: the due computation", "(a1) HTTP floor", "(a)  reglament serve: "
                "POST /due", "(b0) in process: CaseBook.open", "(b)  reglament serve: POST /cases",
                "ratio (a)/(a1)", "ratio (b)/(b0)", "overload: 10x the capacity of POST /cases"):
        assert row in out
    assert "ok     every acknowledged case open is in the journal" in out
    # the second design runs where the kernel's CPU controller can be written (root), and
    # says why not elsewhere
    assert ("throttled design: the server held to 0.2 of a core" in out
            or "throttled design: NOT RUN: cannot give the server a CPU quota" in out
            or "throttled design: NOT RUN: no cgroup CPU controller" in out)
    if "throttled design: the server held" in out:
        assert out.count("ok     every acknowledged case open is in the journal") == 2
    assert "ok     no case opened twice in the journal" in out
    assert "FAILED" not in out
    assert out.rstrip().splitlines()[-2] == "verdict: every check passed"
