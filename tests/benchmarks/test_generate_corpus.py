"""The scaled corpus generator: deterministic, loadable, and as varied as issue 4 asks.

One corpus of 20 specs is generated and checked once for the module; the properties
are read off the check's report (no timing is asserted here: benchmarks/bench_check.py
measures).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.generate_corpus import generate, main
from engine.spec import BUILTIN_CHANNELS
from engine.verify import CheckReport, check_corpus

SEED = 4
#: Late paths (under both readings, or under one: "depends") and paths that cannot be timed.
EXPECTED_CODES = {"deadline", "depends", "unverifiable"}


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate(20, root, SEED)
    return root


@pytest.fixture(scope="module")
def report(corpus: Path) -> CheckReport:
    return check_corpus([corpus])


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    generate(12, tmp_path / "a", seed=7)
    generate(12, tmp_path / "b", seed=7)
    generate(12, tmp_path / "c", seed=8)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert _tree(tmp_path / "a") != _tree(tmp_path / "c")


def test_specs_come_in_pairs_with_the_calendar(tmp_path: Path) -> None:
    written = generate(7, tmp_path, seed=1)
    assert len(written) == 7
    assert Counter(p.parent.name == "standards" for p in written) == {True: 4, False: 3}
    assert (tmp_path / "calendars" / "kz.yaml").is_file()


def test_no_finding_but_deadlines_and_untimed_paths(report: CheckReport) -> None:
    assert len(report.result.files) == 21
    assert len(report.result.corpus.standards) == 10
    assert len(report.result.corpus.regulations) == 10
    unexpected = [str(f) for f in report.findings if f.code not in EXPECTED_CODES]
    assert unexpected == []


def test_some_paths_exceed_their_term_and_some_fit(report: CheckReport) -> None:
    statuses = Counter(v.status for v in report.verdicts)
    assert statuses["exceeded"] > 0
    assert statuses["ok"] > 0
    assert any(f.code == "deadline" for f in report.findings)


def test_every_channel_kind_and_unit_is_used(report: CheckReport) -> None:
    corpus = report.result.corpus
    channels = [(name, channel) for s in corpus.standards for name, channel in s.channels.items()]
    names = {name for name, _ in channels}
    assert {"provider_office", "gov_corp", "portal"} <= names
    assert names - set(BUILTIN_CHANNELS), "no author-defined channel"
    assert all(channel.title.kk and channel.title.ru for _, channel in channels)
    step_units = {s.duration.unit for r in corpus.regulations for steps in r.processes.values()
                  for s in steps if s.duration is not None}
    term_units = {channel.term.unit for _, channel in channels}
    assert step_units == {"min", "h", "wd", "cd"}
    assert term_units == {"min", "h", "wd", "cd"}


def test_processes_have_3_to_20_steps_with_decisions_and_portal_steps(report: CheckReport) -> None:
    processes = [steps for r in report.result.corpus.regulations for steps in r.processes.values()]
    assert all(3 <= len(steps) <= 20 for steps in processes)
    kinds = Counter(s.kind for steps in processes for s in steps)
    assert min(kinds["decision"], kinds["process"], kinds["condition"]) > 0
    endings = {o.ends for steps in processes for s in steps for o in s.outcomes}
    assert {"refusal", "refusal_to_accept"} <= endings


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["4", str(tmp_path), "--seed", "2"]) == 0
    assert "wrote 4 specs (2 standards, 2 regulations)" in capsys.readouterr().out
