"""The corpus: files found below paths, cross-file references, and versions valid on a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from engine.corpus import Corpus, check_paths, iter_spec_files, load_corpus, load_corpus_for
from engine.spec import Duration, SpecErrors
from tests.specdata import (
    REFERENCE_REGULATION,
    REFERENCE_STANDARD,
    VALID_REGULATION,
    VALID_SCHOOL_STANDARD,
    VALID_STANDARD,
    reference_specs,
)


def _version(text: str, valid_from: str, valid_to: str | None, term: str) -> str:
    """The school-admission stand-in with another validity and portal term."""
    assert text.count("valid_from: 2015-07-26\n") == 1
    assert text.count("    term: 1 wd\n") == 1
    validity = f"valid_from: {valid_from}\n" + (f"valid_to: {valid_to}\n" if valid_to else "")
    return text.replace("valid_from: 2015-07-26\n", validity).replace("    term: 1 wd\n",
                                                                      f"    term: {term}\n")


def _regulation(valid_from: str, valid_to: str | None) -> str:
    text = VALID_REGULATION.read_text(encoding="utf-8")
    validity = f"valid_from: {valid_from}\n" + (f"valid_to: {valid_to}\n" if valid_to else "")
    return text.replace("valid_from: 2015-07-26\nvalid_to: 2020-02-17\n", validity)


@pytest.fixture
def versions(tmp_path: Path) -> Path:
    """Two versions of the school-admission standard and two of its regulation."""
    school = VALID_SCHOOL_STANDARD.read_text(encoding="utf-8")
    (tmp_path / "standards").mkdir()
    (tmp_path / "regulations").mkdir()
    (tmp_path / "standards" / "school-2015.yaml").write_text(
        _version(school, "2015-07-26", "2020-04-30", "1 wd"), encoding="utf-8")
    (tmp_path / "standards" / "school-2020.yaml").write_text(
        _version(school, "2020-05-01", None, "2 wd"), encoding="utf-8")
    (tmp_path / "regulations" / "a-2015.yaml").write_text(
        _regulation("2015-07-26", "2020-02-17"), encoding="utf-8")
    (tmp_path / "regulations" / "a-2020.yaml").write_text(
        _regulation("2020-06-01", None), encoding="utf-8")
    return tmp_path


@pytest.fixture
def corpus(versions: Path) -> Corpus:
    return load_corpus([versions])


# files -----------------------------------------------------------------------------------


def test_iter_spec_files_is_sorted_recursive_and_skips_scenarios(tmp_path: Path) -> None:
    for name in ("b/z.yaml", "a.yml", "b/a.yaml", "scenarios/s.yaml", "b/scenarios/t.yaml",
                 "notes.md", "c.yaml.bak"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_spec_files([tmp_path])]
    assert found == ["a.yml", "b/a.yaml", "b/z.yaml"]


def test_iter_spec_files_keeps_named_files_as_given(tmp_path: Path) -> None:
    named = tmp_path / "anything.txt"
    assert list(iter_spec_files([named, str(named)])) == [named, named]


# checking --------------------------------------------------------------------------------


def test_reference_specs_are_clean() -> None:
    result = check_paths(reference_specs())
    assert [str(e) for e in result.errors] == []
    assert result.ok
    assert result.files == [str(p) for p in reference_specs()]
    assert {s.id for s in result.corpus.standards} >= {"preschool-queue", "school-admission"}
    assert [r.id for r in result.corpus.regulations] == ["aktobe-school-admission"]


def test_check_paths_collects_errors_of_every_file_and_keeps_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("kind: standard\nid: [\n", encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    result = check_paths([tmp_path, VALID_STANDARD])
    assert [(Path(e.location.path).name, e.code) for e in result.errors] == [
        ("bad.yaml", "syntax"), ("empty.yaml", "empty")]
    assert not result.ok
    assert [s.id for s in result.corpus.standards] == ["preschool-queue"]


def test_load_corpus_raises_all_errors_of_all_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("kind: standart\n", encoding="utf-8")
    with pytest.raises(SpecErrors) as raised:
        load_corpus([tmp_path])
    assert [(Path(e.location.path).name, e.code) for e in raised.value.errors] == [
        ("a.yaml", "empty"), ("b.yaml", "kind")]


def test_load_corpus_for_a_service_warns_of_the_files_it_does_not_need(tmp_path: Path) -> None:
    # issue 18: a broken draft anywhere below --specs stopped the commands on other services
    (tmp_path / "draft.yaml").write_text("kind: standard\nid: [\n", encoding="utf-8")
    other = VALID_SCHOOL_STANDARD.read_text(encoding="utf-8").replace("register_code:", "code:")
    (tmp_path / "other.yaml").write_text(other, encoding="utf-8")
    corpus, warnings = load_corpus_for([tmp_path, VALID_STANDARD], {"preschool-queue"})
    assert [s.id for s in corpus.standards] == ["preschool-queue"]
    assert [(Path(w.location.path).name, w.code, w.severity) for w in warnings] == [
        ("draft.yaml", "syntax", "warning"), ("other.yaml", "unknown-key", "warning")]
    with pytest.raises(SpecErrors) as raised:  # the school's own standard is broken
        load_corpus_for([tmp_path, VALID_STANDARD], {"school-admission"})
    assert {Path(e.location.path).name for e in raised.value.errors} == {"other.yaml"}
    (tmp_path / "draft.yaml").rename(tmp_path / "preschool-queue.yaml")
    with pytest.raises(SpecErrors):  # unreadable, but named for the service: its own
        load_corpus_for([tmp_path, VALID_STANDARD], {"preschool-queue"})


def test_a_regulation_without_its_standard(tmp_path: Path) -> None:
    result = check_paths([VALID_REGULATION, VALID_STANDARD])
    assert [str(e) for e in result.errors] == [
        f'{VALID_REGULATION}:7:11: standard: unknown standard "school-admission" (hint: defined: '
        'preschool-queue)']


def test_references_into_the_standard_are_located_at_the_item(tmp_path: Path) -> None:
    text = VALID_REGULATION.read_text(encoding="utf-8")
    text = text.replace("          next: issue_refusal\n",
                        "          ends: refusal\n          refusal_grounds: [court_bann]\n")
    text = text.replace("      duration: 5 min\n      source: seed 002, regulation 1, p. 5 1)",
                        "      duration: 5 min\n      documents: [eds_request, passport]\n"
                        "      source: seed 002, regulation 1, p. 5 1)")
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_paths([path, VALID_SCHOOL_STANDARD])
    assert [str(e) for e in result.errors] == [
        f'{path}:44:32: processes.provider_office[id=register].documents[1]: unknown document '
        '"passport" of standard "school-admission" (hint: defined: eds_request)',
        f'{path}:60:29: processes.provider_office[id=review].outcomes[id=refuse].refusal_grounds[0]'
        ': unknown refusal ground "court_bann" of standard "school-admission" (hint: defined: '
        "requirements_not_met, unreliable_documents)",
    ]


def test_overlapping_versions_point_at_the_newer_start(tmp_path: Path) -> None:
    school = VALID_SCHOOL_STANDARD.read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(_version(school, "2015-07-26", None, "1 wd"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(_version(school, "2019-01-01", None, "2 wd"), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(_version(school, "2019-01-01", None, "3 wd"), encoding="utf-8")
    messages = [str(e) for e in check_paths([tmp_path]).errors]
    assert messages == [
        f'{tmp_path}/b.yaml:20:13: valid_from: standard "school-admission" from 2019-01-01 overlaps '
        f"the version in {tmp_path}/a.yaml (valid 2015-07-26 to open end) (hint: give the older "
        "version a valid_to before 2019-01-01)",
        f'{tmp_path}/c.yaml:20:13: valid_from: standard "school-admission" from 2019-01-01 overlaps '
        f"the version in {tmp_path}/b.yaml (valid 2019-01-01 to open end) (hint: each version "
        "starts after the one before it ends; if one file is a copy, remove it)",
    ]


def test_versions_that_touch_do_not_overlap(versions: Path) -> None:
    assert check_paths([versions]).errors == []


# versions valid on a date ----------------------------------------------------------------


@pytest.mark.parametrize(("day", "term"), [
    ("2015-07-25", None), ("2015-07-26", "1 wd"), ("2020-04-30", "1 wd"), ("2020-05-01", "2 wd"),
    ("2030-01-01", "2 wd"),
])
def test_standard_on_picks_the_version_in_force(corpus: Corpus, day: str, term: str | None) -> None:
    standard = corpus.standard_on("school-admission", dt.date.fromisoformat(day))
    if term is None:
        assert standard is None
    else:
        assert standard is not None
        assert standard.channels["portal"].term == Duration(int(term.split()[0]), "wd")


def test_standard_versions_oldest_first(corpus: Corpus) -> None:
    assert [s.valid_from for s in corpus.standard_versions("school-admission")] == [
        dt.date(2015, 7, 26), dt.date(2020, 5, 1)]
    assert corpus.standard_versions("absent") == []
    assert corpus.standard_on("absent", dt.date(2020, 1, 1)) is None


@pytest.mark.parametrize(("day", "start"), [
    ("2015-07-26", dt.date(2015, 7, 26)), ("2020-02-17", dt.date(2015, 7, 26)),
    ("2020-02-18", None), ("2020-05-31", None), ("2020-06-01", dt.date(2020, 6, 1)),
])
def test_regulation_on_picks_the_version_in_force(corpus: Corpus, day: str,
                                                  start: dt.date | None) -> None:
    regulation = corpus.regulation_on("aktobe-school-admission", dt.date.fromisoformat(day))
    assert (regulation.valid_from if regulation else None) == start


def test_standard_of_a_regulation_is_the_version_in_force_when_it_started(corpus: Corpus) -> None:
    old, new = corpus.regulation_versions("aktobe-school-admission")
    old_standard, new_standard = corpus.standard_of(old), corpus.standard_of(new)
    assert old_standard is not None
    assert new_standard is not None
    assert old_standard.valid_from == dt.date(2015, 7, 26)
    assert new_standard.valid_from == dt.date(2020, 5, 1)


def test_regulations_for_a_standard(corpus: Corpus) -> None:
    assert len(corpus.regulations_for("school-admission")) == 2
    assert corpus.regulations_for("preschool-queue") == []


def test_the_reference_corpus_answers_by_date() -> None:
    corpus = load_corpus(reference_specs())
    on = dt.date(2020, 2, 10)  # the wordings in hand of both are in force (specs/README.md)
    standard = corpus.standard_on("preschool-queue", on)
    assert standard is not None
    assert standard.path == str(REFERENCE_STANDARD)
    regulation = corpus.regulation_on("aktobe-school-admission", on)
    assert regulation is not None
    assert regulation.path == str(REFERENCE_REGULATION)
    assert corpus.regulation_on("aktobe-school-admission", dt.date(2021, 1, 1)) is None
