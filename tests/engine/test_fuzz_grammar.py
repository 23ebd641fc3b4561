"""The grammar of the loader's fuzz (`fuzz_grammar`, `fuzz_mutations`) is itself right.

Unchanged, every real spec is written back to the same data with no error, so that what
the fuzz finds comes from its mutations and not from the way it writes YAML.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.spec import read_document_bytes
from tests.engine.fuzz_grammar import BASES, Map, Raw, Seq, base_data, emit, quote, to_tree


@pytest.mark.parametrize("base", BASES, ids=lambda p: p.name)
def test_the_grammar_writes_real_specs_back_as_they_were(base: Path) -> None:
    data = base_data(base)
    document = read_document_bytes(emit(to_tree(data)).encode(), "f.yaml")
    assert document.blocking == []
    assert document.data == data


def test_the_bases_are_the_real_specs() -> None:
    names = {p.name for p in BASES}
    assert {"kz.yaml", "school-admission.yaml", "aktobe-school-admission.yaml"} <= names
    assert not [p for p in BASES if "scenarios" in p.parts]


def test_a_key_written_twice_and_a_verbatim_scalar_are_written_as_such() -> None:
    tree = Map([["a", 1], ["a", Seq([Raw('"\\e"'), Raw(quote("x\u202ey")), "x\u202ey"])]])
    assert emit(tree) == 'a: 1\na:\n  - "\\e"\n  - "x\\u202ey"\n  - "x\\u202ey"\n'
