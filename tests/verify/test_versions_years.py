"""Issue 17, item 2: `reglament check` verifies each version of a standard on its own years.

A standard's versions are files with the same `id` and their own `valid_from`/`valid_to`
(docs/authoring.md, "Versions"). A regulation in force across two versions of its standard
is held against each of them on the days both are in force: a term shortened by the later
version is checked against the same steps from the day it applies, and the counterexample
of a late path lies inside the version that makes it late.

The data: the trimmed school-admission regulation of `tests/data/valid/` (provider's office:
5 + 10 + 5 minutes = 20 minutes on every path) and two versions of its standard, 30 minutes
until 2017-12-31 and 15 minutes from 2018-01-01 (invented terms: the point is the dating).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from engine.corpus import load_corpus
from engine.verify import check_corpus
from tests.conftest import DATA, SPECS

REGULATION = DATA / "valid" / "regulations" / "aktobe-school-admission.yaml"
STANDARD = DATA / "valid" / "standards" / "school-admission.yaml"


def _versions(directory: Path, later_term: str) -> Path:
    """The regulation and two versions of its standard, the later with `later_term`."""
    text = STANDARD.read_text(encoding="utf-8")
    assert text.count("valid_from: 2015-07-26\n") == 1
    assert text.count("term: 30 min") == 1
    older = text.replace("valid_from: 2015-07-26\n",
                         "valid_from: 2015-07-26\nvalid_to: 2017-12-31\n")
    newer = text.replace("valid_from: 2015-07-26\n", "valid_from: 2018-01-01\n") \
        .replace("term: 30 min", f"term: {later_term}")
    (directory / "school-admission.yaml").write_text(older, encoding="utf-8")
    (directory / "school-admission-2018.yaml").write_text(newer, encoding="utf-8")
    (directory / "aktobe-school-admission.yaml").write_text(
        REGULATION.read_text(encoding="utf-8"), encoding="utf-8")
    return directory


def test_the_corpus_knows_both_versions_during_the_regulation(tmp_path: Path) -> None:
    corpus = load_corpus([_versions(tmp_path, "15 min")])
    regulation = corpus.regulations[0]
    assert [s.valid_from for s in corpus.standards_during(regulation)] == [
        dt.date(2015, 7, 26), dt.date(2018, 1, 1)]
    assert corpus.standard_of(regulation).valid_from == dt.date(2015, 7, 26)  # type: ignore[union-attr]


def test_a_later_version_with_a_shorter_term_is_verified_on_its_own_years(
        tmp_path: Path) -> None:
    report = check_corpus([_versions(tmp_path, "15 min"), SPECS / "calendars"])
    assert report.failed()
    late = [v for v in report.verdicts if v.status == "exceeded"]
    fitting = [v for v in report.verdicts if v.status == "ok"]
    # every path is late against the 15-minute version, and fits the 30-minute one
    assert {str(v.term) for v in late} == {"15 min"}
    assert {str(v.term) for v in fitting} == {"30 min"}
    assert len(late) == len(fitting) == 2
    for verdict in late:
        assert verdict.worst is not None
        received = verdict.worst.received
        assert dt.date(received.year, received.month, received.day) >= dt.date(2018, 1, 1), \
            "a counterexample of the 2018 version dated before it applies"
    for verdict in fitting:
        assert verdict.worst is not None
        received = verdict.worst.received
        assert dt.date(received.year, received.month, received.day) <= dt.date(2017, 12, 31)
    messages = [f.message for f in report.findings if f.code == "deadline"]
    assert len(messages) == 2
    assert all("term 15 min" in m for m in messages)


@pytest.mark.parametrize("later_term", ["20 min", "45 min"])
def test_versions_that_both_fit_give_no_finding(tmp_path: Path, later_term: str) -> None:
    report = check_corpus([_versions(tmp_path, later_term), SPECS / "calendars"])
    assert not report.failed()
    assert len(report.verdicts) == 4
    assert {v.status for v in report.verdicts} == {"ok"}
