"""`dumps_indented` writes what `json.dumps(..., ensure_ascii=False, indent=2, sort_keys=True)`
writes, byte for byte (the reports of a check are compared as bytes in CI)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.support.json_text import dumps_indented


def _library(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=12)
_LEAVES = (st.none() | st.booleans() | st.integers() | _TEXT
           | st.floats(allow_nan=True, allow_infinity=True))
_VALUES = st.recursive(_LEAVES, lambda inner: st.lists(inner, max_size=4)
                       | st.tuples(inner, inner)
                       | st.dictionaries(_TEXT, inner, max_size=4), max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_same_text_as_the_library(value: Any) -> None:
    assert dumps_indented(value) == _library(value)


def test_keys_that_are_not_text_are_written_as_the_library_writes_them() -> None:
    value = {"b": {2: "two", 1: [True, None]}, "a": 2}
    assert dumps_indented(value) == _library(value)


def test_a_check_report_is_written_alike(tmp_path: Any) -> None:
    import io

    from commands.check import run_check

    out = io.StringIO()
    run_check(["specs"], "json", out, io.StringIO(), jobs=1)
    payload = json.loads(out.getvalue())
    assert out.getvalue() == _library(payload) + "\n"
    assert dumps_indented(payload) == _library(payload)
