"""Verifying on several processes gives the report of verifying in one, byte for byte."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from benchmarks.generate_corpus import generate
from commands.check import EXIT_USAGE, run_check
from engine.corpus import check_paths
from engine.support import forking
from engine.verify import check_corpus, parallel, write_report

SPECS = Path(__file__).resolve().parents[2] / "specs"


def _json(paths: list[Path], jobs: int) -> str:
    out = io.StringIO()
    write_report(check_corpus(paths, jobs=jobs), "json", out)
    return out.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate(40, root, seed=11)  # 20 regulations: enough for two workers of 8 or more
    return root


def test_two_workers_write_the_report_of_one(corpus: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    assert forking.workers_for(2, 20) == 2
    forked: list[int] = []
    real = parallel.check_pairs

    def counting(pairs: list, calendar: object, jobs: int = 1,  # type: ignore[type-arg]
                 compile_pair: object = None) -> list:  # type: ignore[type-arg]
        forked.append(forking.workers_for(jobs, len(pairs)))
        return real(pairs, calendar, jobs, compile_pair)  # type: ignore[arg-type]

    one = _json([corpus], jobs=1)
    monkeypatch.setattr("engine.verify.checker.check_pairs", counting)
    two = _json([corpus], jobs=2)
    assert forked == [2]
    assert two == one
    report = json.loads(two)
    assert len(report["paths"]) > 40
    assert any(f["code"] == "deadline" for f in report["findings"])


def test_the_bundled_specs_give_the_same_report_for_any_jobs() -> None:
    assert _json([SPECS], jobs=0) == _json([SPECS], jobs=1)


@pytest.mark.parametrize(("jobs", "regulations", "expected"), [
    (1, 100, 1),       # asked for one
    (4, 100, 4),       # as many as asked
    (4, 20, 2),        # but at least MIN_PER_WORKER regulations each
    (8, 7, 1),         # a small corpus stays in this process
])
def test_workers_are_capped_by_the_work(jobs: int, regulations: int, expected: int) -> None:
    assert forking.MIN_PER_WORKER == 8
    assert forking.workers_for(jobs, regulations) == expected


def test_zero_jobs_means_one_per_usable_core() -> None:
    assert forking.workers_for(0, 10_000) == forking.usable_cores()


def test_negative_jobs_are_a_usage_error() -> None:
    with pytest.raises(ValueError, match="jobs must be 0"):
        forking.workers_for(-1, 10)
    out, err = io.StringIO(), io.StringIO()
    assert run_check([str(SPECS)], "text", out, err, jobs=-1) == EXIT_USAGE
    assert err.getvalue() == ("reglament check: --jobs must be 0 (one per core) or more, "
                              "got -1\n")
    assert out.getvalue() == ""


def test_files_read_on_two_workers_build_the_corpus_of_one(tmp_path: Path) -> None:
    generate(130, tmp_path, seed=3)  # 131 files: two workers of at least 64
    bad = tmp_path / "regulations" / "broken.yaml"
    bad.write_text("kind: regulation\nid: [unclosed\n", encoding="utf-8")
    assert forking.workers_for(2, 132, per_worker=64) == 2
    one, two = check_paths([tmp_path], jobs=1), check_paths([tmp_path], jobs=2)
    assert two.files == one.files
    assert two.errors == one.errors
    assert [e.code for e in two.errors] == ["syntax"]
    assert two.corpus == one.corpus
    assert [s.id for s in two.corpus.regulations] == [s.id for s in one.corpus.regulations]


def test_the_costliest_items_are_handed_out_first_and_come_back_in_order() -> None:
    done = forking.fork_map(_identity_pid, list(range(40)), 2, per_worker=1, chunksize=1,
                            costs=[i % 7 for i in range(40)])
    assert [item for item, _ in done] == list(range(40))


def test_a_pair_with_more_steps_and_a_term_in_minutes_is_estimated_costlier(corpus: Path
                                                                            ) -> None:
    report = check_corpus([corpus], jobs=1)
    for pair in report.pairs:
        minutes = [c for c in pair.standard.channels.values() if not c.term.is_day_based]
        steps = {name: len(s) for name, s in pair.regulation.processes.items()}
        by_days = sum(n * n for name, n in steps.items()
                      if name not in {c.id for c in minutes})
        assert parallel.estimated_cost(pair) == by_days + 4 * sum(
            steps.get(c.id, 0) ** 2 for c in minutes)


def _identity_pid(item: int) -> tuple[int, int]:
    import os

    return item, os.getpid()


_PARENT = [0]


def _fails_in_a_worker(item: int) -> int:
    import os
    import time

    time.sleep(0.01)  # long enough for the worker to take items
    if os.getpid() != _PARENT[0]:
        raise ValueError(f"item {item} failed in a worker")
    return item


def test_an_error_in_a_worker_is_raised_in_this_process() -> None:
    import os

    _PARENT[0] = os.getpid()
    with pytest.raises(ValueError, match="failed in a worker"):
        forking.fork_map(_fails_in_a_worker, list(range(20)), 2, per_worker=1, chunksize=1)


def test_this_process_takes_a_share_and_keeps_what_it_makes() -> None:
    import os

    kept: list[int] = []

    def here(item: int) -> tuple[int, int]:
        kept.append(item)
        return item, os.getpid()

    done = forking.fork_map(_identity_pid, list(range(200)), 2, per_worker=1, chunksize=1,
                            in_process=here)
    assert [item for item, _ in done] == list(range(200))
    assert sorted(item for item, pid in done if pid == os.getpid()) == sorted(kept)
