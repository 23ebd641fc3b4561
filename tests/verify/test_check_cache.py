"""Verdicts kept between runs: the same report, and a new verification for whatever changed."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import engine.corpus.reading as corpus_module
from benchmarks.generate_corpus import generate
from cli import app
from engine.support import pickle_store
from engine.verify import CheckReport, VerdictCache, check_corpus, write_report
from engine.verify import cache as verdict_cache

SPECS = Path(__file__).resolve().parents[2] / "specs"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pristine")
    generate(12, root, seed=21)
    return root


@pytest.fixture
def corpus(pristine: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(pristine, tmp_path / "corpus"))


def _check(corpus: Path, cache: Path | None) -> tuple[str, CheckReport]:
    report = check_corpus([corpus], cache_dir=cache)
    out = io.StringIO()
    write_report(report, "json", out)
    return out.getvalue(), report


def _counts(report: CheckReport) -> tuple[int, int]:
    assert report.cache is not None
    return report.cache.hits, report.cache.misses


def _files(cache: Path) -> int:
    return len(list((cache / "files-v1").rglob("*.pickle")))


def test_a_second_run_takes_every_verdict_from_the_cache_and_reports_the_same(
        corpus: Path, tmp_path: Path) -> None:
    uncached, _ = _check(corpus, None)
    first, report = _check(corpus, tmp_path / "cache")
    regulations = len(report.compiled)
    assert regulations == 6
    assert _counts(report) == (0, regulations)
    second, report = _check(corpus, tmp_path / "cache")
    assert _counts(report) == (regulations, 0)
    assert first == second == uncached
    assert (tmp_path / "cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert (tmp_path / "cache" / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")


def _touch(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")


def test_a_changed_regulation_is_verified_again_and_only_it(corpus: Path, tmp_path: Path
                                                            ) -> None:
    _check(corpus, tmp_path / "cache")
    _touch(sorted((corpus / "regulations").rglob("*.yaml"))[0])
    _, report = _check(corpus, tmp_path / "cache")
    assert _counts(report) == (5, 1)


def test_a_changed_standard_verifies_its_regulations_again(corpus: Path, tmp_path: Path) -> None:
    _, before = _check(corpus, tmp_path / "cache")
    standard = before.compiled[0].standard
    users = sum(1 for c in before.compiled if c.standard.path == standard.path)
    _touch(Path(standard.path))
    _, report = _check(corpus, tmp_path / "cache")
    assert _counts(report) == (6 - users, users)


def test_a_changed_calendar_verifies_everything_again(corpus: Path, tmp_path: Path) -> None:
    _check(corpus, tmp_path / "cache")
    _touch(corpus / "calendars" / "kz.yaml")
    _, report = _check(corpus, tmp_path / "cache")
    assert _counts(report) == (0, 6)


def test_another_engine_does_not_reuse_the_verdicts(corpus: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _check(corpus, tmp_path / "cache")
    for module in (pickle_store, verdict_cache):
        monkeypatch.setattr(module, "engine_fingerprint", lambda: "another engine")
    _, report = _check(corpus, tmp_path / "cache")
    assert _counts(report) == (0, 6)


def test_broken_entries_are_verified_again_and_rewritten(corpus: Path, tmp_path: Path) -> None:
    expected, _ = _check(corpus, tmp_path / "cache")
    entries = sorted((tmp_path / "cache" / "verdicts-v2").rglob("*.pickle"))
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(b"")
    again, report = _check(corpus, tmp_path / "cache")
    assert again == expected
    assert _counts(report) == (4, 2)
    _, report = _check(corpus, tmp_path / "cache")
    assert _counts(report) == (6, 0)


def test_a_cache_that_cannot_be_written_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    expected, _ = _check(corpus, None)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    again, report = _check(corpus, blocker / "cache")
    assert again == expected
    assert _counts(report) == (0, 6)


def test_the_cli_keeps_a_cache_only_where_it_is_told(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    runner = CliRunner()
    plain = runner.invoke(app, ["check", str(corpus), "--format", "json"])
    assert list(work.iterdir()) == []
    cache = str(tmp_path / "c")
    first = runner.invoke(app, ["check", str(corpus), "--format", "json", "--cache-dir", cache])
    assert len(list((tmp_path / "c" / "verdicts-v2").rglob("*.pickle"))) == 6
    assert _files(tmp_path / "c") == 13
    again = runner.invoke(app, ["check", str(corpus), "--format", "json", "--cache-dir", cache])
    assert plain.exit_code == first.exit_code == again.exit_code == 1
    assert plain.output == first.output == again.output


def test_a_key_names_the_files_it_was_made_from(corpus: Path, tmp_path: Path) -> None:
    _, report = _check(corpus, None)
    cache = VerdictCache(tmp_path / "cache", corpus / "calendars" / "kz.yaml")
    keys = {cache.key(c) for c in report.compiled}
    assert len(keys) == 6
    assert None not in keys
    moved = Path(shutil.copytree(corpus, tmp_path / "moved"))
    _, elsewhere = _check(moved, None)
    cache = VerdictCache(tmp_path / "cache", moved / "calendars" / "kz.yaml")
    assert keys.isdisjoint(cache.key(c) for c in elsewhere.compiled)  # locations differ


def test_files_read_before_are_taken_from_the_cache_with_their_errors(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = corpus / "regulations" / "broken.yaml"
    broken.write_text("kind: regulation\nid: [unclosed\n", encoding="utf-8")
    expected, _ = _check(corpus, None)
    first, _ = _check(corpus, tmp_path / "cache")
    assert _files(tmp_path / "cache") == 14  # 12 specs, the calendar, the broken file
    read: list[str] = []
    real = corpus_module.read_document_bytes

    def reading(raw: bytes, name: str) -> object:
        read.append(Path(name).name)
        return real(raw, name)

    monkeypatch.setattr(corpus_module, "read_document_bytes", reading)
    second, _ = _check(corpus, tmp_path / "cache")
    assert read == []
    assert first == second == expected
    assert '"syntax"' in second
    _touch(broken)
    _check(corpus, tmp_path / "cache")
    assert read == ["broken.yaml"]


def test_a_broken_file_entry_is_read_again(corpus: Path, tmp_path: Path) -> None:
    expected, _ = _check(corpus, tmp_path / "cache")
    for entry in sorted((tmp_path / "cache" / "files-v1").rglob("*.pickle"))[:3]:
        entry.write_bytes(b"\x80\x05garbage")
    again, _ = _check(corpus, tmp_path / "cache")
    assert again == expected
    assert _files(tmp_path / "cache") == 13
