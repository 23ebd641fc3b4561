"""Whole reports kept for a run on the very same files (`engine.verify.run_cache`), and
pairs whose results come from the cache neither compiled nor verified (issue 19, item 5)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

import commands.check as check_command
import engine.verify.checker as checker
from benchmarks.generate_corpus import generate
from commands.check import run_check
from engine.verify import run_cache


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pristine")
    generate(10, root, seed=5)
    return root


@pytest.fixture
def corpus(pristine: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(pristine, tmp_path / "corpus"))


def _run(corpus: Path, cache: Path | None, fmt: str = "json") -> tuple[int, str]:
    out = io.StringIO()
    code = run_check([str(corpus)], fmt, out, io.StringIO(), jobs=1,
                     cache_dir=None if cache is None else str(cache))
    return code, out.getvalue()


def _no_check(*_: object, **__: object) -> None:
    raise AssertionError("the report of an unchanged run is read, not made")


def test_an_unchanged_run_writes_the_kept_report_without_checking(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _run(corpus, None)
    first = _run(corpus, tmp_path / "cache")
    monkeypatch.setattr(check_command, "check_corpus", _no_check)
    assert _run(corpus, tmp_path / "cache") == first == plain
    assert plain[0] == 1  # the generated corpus has findings: the exit code is kept too


def test_one_changed_byte_makes_a_new_run_that_compiles_only_what_changed(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(corpus, tmp_path / "cache")
    regulation = sorted((corpus / "regulations").rglob("*.yaml"))[0]
    text = regulation.read_text(encoding="utf-8")
    regulation.write_text(text.replace("id: ", "id:  ", 1), encoding="utf-8")
    compiled: list[str] = []
    real = checker.compile_regulation

    def counting(regulation: object, standard: object) -> object:
        compiled.append(Path(regulation.path).name)  # type: ignore[attr-defined]
        return real(regulation, standard)  # type: ignore[arg-type]

    monkeypatch.setattr(checker, "compile_regulation", counting)
    again = _run(corpus, tmp_path / "cache")
    assert compiled == [regulation.name]
    monkeypatch.undo()
    assert again == _run(corpus, None)


def test_options_that_shape_the_report_are_part_of_the_key(corpus: Path, tmp_path: Path
                                                          ) -> None:
    as_json = _run(corpus, tmp_path / "cache")
    as_text = _run(corpus, tmp_path / "cache", "text")
    assert as_json[1] != as_text[1]
    assert _run(corpus, tmp_path / "cache", "text") == as_text == _run(corpus, None, "text")
    assert _run(corpus, tmp_path / "cache") == as_json


def test_only_the_latest_reports_are_kept(corpus: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_cache, "KEEP", 2)
    for fmt in ("json", "text", "sarif", "github"):
        _run(corpus, tmp_path / "cache", fmt)
    assert len(list((tmp_path / "cache" / "runs-v1").rglob("*.pickle"))) == 2


def test_a_broken_report_entry_is_made_again(corpus: Path, tmp_path: Path) -> None:
    first = _run(corpus, tmp_path / "cache")
    (entry,) = (tmp_path / "cache" / "runs-v1").rglob("*.pickle")
    entry.write_bytes(b"\x80\x05garbage")
    assert _run(corpus, tmp_path / "cache") == first


def test_a_file_is_digested_once_a_run_and_again_in_the_next(tmp_path: Path) -> None:
    from engine.support import pickle_store

    spec = tmp_path / "a.yaml"
    spec.write_bytes(b"kind: standard\n")
    with pickle_store.one_run():
        first = pickle_store.file_digest(spec)
        with pickle_store.one_run():  # runs nest: the outer one's digests stand
            assert pickle_store.file_digest(spec) == first
        assert pickle_store._DIGESTS
    assert not pickle_store._DIGESTS  # forgotten once the outermost run ends
    spec.write_bytes(b"kind: regulatn\n")  # the same size, maybe the same times
    assert pickle_store.file_digest(spec) != first
