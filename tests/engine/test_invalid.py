"""One broken spec per error kind, with the complete list of messages it must produce.

Each case in `tests/data/invalid/` (a file, or a folder for cross-file errors) has
`<name>.expected` beside it: every message of `check_paths`, in order, with path, line
and column. Regenerate with `pytest tests/engine/test_invalid.py --regen-golden` and
review the diff (see tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.corpus import check_paths
from tests.specdata import GENERATED, INVALID, expected_file, invalid_cases, materialise

CASES = invalid_cases()


def _messages(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(materialise(case, tmp_path))
    result = check_paths([case])
    assert not result.ok
    for error in result.errors:
        assert error.location.path.startswith(case), error
        assert error.location.line >= 1, error
        assert error.location.col >= 1, error
    return [str(error) for error in result.errors]


@pytest.mark.parametrize("case", CASES)
def test_messages_of_broken_spec(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 regen_golden: bool) -> None:
    messages = _messages(case, tmp_path, monkeypatch)
    golden = expected_file(case)
    if regen_golden:
        golden.write_text("".join(f"{m}\n" for m in messages), encoding="utf-8")
        return
    assert golden.exists(), f"no {golden.name}: run pytest with --regen-golden and review it"
    assert messages == golden.read_text(encoding="utf-8").splitlines()


def test_there_is_a_broken_spec_per_error_kind() -> None:
    assert len(CASES) >= 30


def test_every_golden_file_has_its_case() -> None:
    stale = sorted(p.name for p in INVALID.glob("*.expected")
                   if p.stem not in {c.removesuffix(".yaml") for c in CASES})
    assert stale == []


def test_generated_cases_are_not_committed() -> None:
    assert not [name for name in GENERATED if (INVALID / name).exists()]
