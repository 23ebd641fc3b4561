"""The fast reader gives what the PyYAML path gives, or leaves the file to it.

For every YAML file of the repository, for hand-picked texts at the edges of what the fast
reader takes, and for generated spec-like texts (`yaml_texts`), `parse_text` with and without
`fast` must give equal data (with equal types, and keys in the same order), positions, value
positions, spans and errors.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from engine.spec import yamlfast, yamlsource
from engine.spec.yamlsource import Parsed, parse_bytes, parse_text
from tests.engine.yaml_texts import yaml_texts

ROOT = Path(__file__).resolve().parents[2]
#: Folders of tools and downloads, not of the project (tests/.cache holds npm packages).
_SKIPPED = {".git", ".cache", "node_modules", ".venv", "venv", ".hypothesis", ".mypy_cache",
            ".ruff_cache", "build", "dist"}


def _yaml_files() -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in _SKIPPED]
        found += [Path(folder, name) for name in names if name.endswith((".yaml", ".yml"))]
    return sorted(path for path in found if path.is_file())


YAML_FILES = _yaml_files()


def assert_same(fast: Parsed, slow: Parsed) -> None:
    """Equal results, down to the types of values and the order of keys and positions."""
    assert repr(fast.data) == repr(slow.data)
    assert fast.data == slow.data
    for table in ("positions", "value_positions", "spans"):
        assert list(getattr(fast, table).items()) == list(getattr(slow, table).items()), table
    assert fast.errors == slow.errors
    assert fast.text == slow.text
    assert fast.path == slow.path


def assert_both_read(text: str) -> Parsed:
    fast = parse_text(text, "f.yaml")
    assert_same(fast, parse_text(text, "f.yaml", fast=False))
    return fast


def test_the_repository_has_yaml_files_to_compare() -> None:
    names = {path.relative_to(ROOT).parts[0] for path in YAML_FILES}
    assert {"specs", "tests"} <= names
    assert len(YAML_FILES) > 200


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository_reads_the_same(path: Path) -> None:
    raw = path.read_bytes()
    assert_same(parse_bytes(raw, str(path)), parse_bytes(raw, str(path), fast=False))


def test_the_fast_reader_reads_most_specs_themselves() -> None:
    """Standards, regulations and catalogues as written in specs/: the fast reader must not
    quietly give them up (which would be correct, and slow). A spec may use a construct it
    leaves to PyYAML (a block scalar, say), so most is asked, not all."""
    specs = [path for path in (ROOT / "specs").rglob("*.yaml")
             if "scenarios" not in path.parts and "calendars" not in path.parts]
    assert len(specs) > 10
    unread = [path.name for path in specs
              if yamlfast.scan(path.read_text(encoding="utf-8"), str(path)) is None]
    assert len(unread) <= len(specs) // 5, unread


def test_fast_false_never_calls_the_fast_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, name: str) -> None:
        raise AssertionError("the fast reader was called")
    monkeypatch.setattr(yamlsource.yamlfast, "scan", refuse)
    assert parse_text("a: 1\n", "f.yaml", fast=False).data == {"a": 1}
    assert parse_bytes(b"a: 1\n", "f.yaml", fast=False).data == {"a": 1}


# the edges of what the fast reader takes ---------------------------------------------------

READ_FAST = [
    "a: 1\n",
    "a:\n",  # a null at the end of the file, at the ":"
    "a:\nb: 2\n",
    "a:   # a comment\nb:\n",
    "a:\n  b:\n    c: x\n  d: y\ne: z",
    "list:\n- a\n- b\nnext: 1\n",  # a list at its key's column
    "list:\n  - a\n  -\n  - {}\n  - []\n",
    "- a\n- b: 1\n  c: 2\n-\n",
    "- id: a\n  outcomes:\n  - x\n  - y\n- id: b\n",
    "-   id: a\n    kind: b\n",
    "a:\n-\n-\nb:\n",
    "# comment\n\nkind: standard # trailing\n  # indented comment\nid: x\n",
    "v: 'it''s'\nw: \"say \\\"hi\\\" \\\\ o\"\nx: ''\ny: \"\"\n",
    "v: a #b\nw: a#b\nx: http://x.kz/a?b=c#d\ny: 09:00\nz: 18:30:00\n",
    "v: [a, 'b, c', \"d\", [e, {f: g}], {}]\nw: {kk: \"seed 002, p. 5\", ru: translation}\n",
    "yes: no\non: off\ny: n\nNo: Yes\n",
    "a: true\nb: False\nc: null\nd: ~\ne: 0123\nf: 1_000\ng: 0x1F\nh: .inf\ni: -.5\nj: 1e3\n",
    "a: 2015-07-26\nb: 2015-07-26 10:00:00\nc: 123456789012345\nd: +12\ne: -0\n",
    "2019-01-01: a\n1_0: b\na.b: c\na-b: d\n",
    "title:\n  kk: Баланың тууын мемлекеттік тіркеу\n  ru: «Государственная регистрация» № 5\n",
    "a: x   \nb: 'y'   \nc: [z]   # c\n",
    "a: -x\nb: ?x\nc: :x\nd: a:b\ne: a, b\nf: a]\n",
    "a: b > c | d\nb: '|'\nc: x>\nd: \">\"\n",  # "|" and ">" in text, not block scalars
    "a: Жаңа жыл \u2014 \U0001F600\n",  # beyond the basic plane: left to PyYAML
]

LEFT_TO_PYYAML = [
    "", "# only a comment\n", "just text\n", "a: 1\nb\n", "  a: 1\n",
    "a: b\n  c\n",  # a plain scalar over two lines
    "a: 'b\n  c'\n", "a: [b,\n  c]\n", "a: {b: c,\n  d: e}\n",
    "a: |\n  text\n", "a: >-\n  text\n", "- |2\n   x\n", "a:\n- >  # c\n  x\n",
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\n",
    "a: 1\na: 2\n", "a: {b: 1, b: 2}\n", "? a\n: b\n", "'a': 1\n", "\"a\": 1\n", "a b: 1\n",
    "%YAML 1.2\n---\na: 1\n", "---\na: 1\n", "a: 1\n...\n", "a: 1\n---\nb: 2\n",
    "a:\tb\n", "a: 1\r\nb: 2\r\n", "a: 1\u2028b: 2\n", "a: 1\n\ufeffb: 2\n", "a: \x1b\n",
    "a: \"\\n\"\n", "a: \"\\x01\"\n", "a: 2015-02-30\n", "a: 1234567890123456\n", "a: 1.0e+400\n",
    "true: 1\n", "1: a\n", "null: a\n", "a: - b\n", "a: b: c\n", "a: b:\n", "a:b\n",
    "a: [b,]\n", "a: [b: c]\n", "a: {b}\n", "a: [a:b]\n", "a: `b\n", "a: @b\n", "a: %b\n",
    "a:\n  - b\n c: 1\n", "a:\n    b: 1\n  c: 2\n", "- a\nb: 1\n", "a: 1\n- b\n",
    "a: " + "[" * 9 + "]" * 9 + "\n", "a:\n" + "".join(" " * i + "- \n" for i in range(70)),
]


@pytest.mark.parametrize("text", READ_FAST)
def test_what_the_fast_reader_takes_reads_the_same(text: str) -> None:
    assert_both_read(text)
    beyond_the_basic_plane = "\U0001F600" in text
    assert (yamlfast.scan(text, "f.yaml") is None) == beyond_the_basic_plane


@pytest.mark.parametrize("text", LEFT_TO_PYYAML)
def test_what_the_fast_reader_leaves_reads_the_same(text: str) -> None:
    assert yamlfast.scan(text, "f.yaml") is None
    assert_both_read(text)


def test_a_null_stands_where_pyyaml_puts_it() -> None:
    parsed = assert_both_read("a:\n- \nb:   # c\n")
    assert parsed.data == {"a": [None], "b": None}
    assert parsed.value_positions[("a", 0)] == (2, 2)
    assert parsed.value_positions[("b",)] == (3, 3)
    assert parsed.spans[("b",)] == (8, 8)


def test_lines_met_before_are_read_from_memory_and_give_fresh_values() -> None:
    text = "a:\n  b: [x, {c: d}]\n"
    first, second = assert_both_read(text), assert_both_read(text)
    assert first.data == second.data
    assert first.data["a"]["b"] is not second.data["a"]["b"]
    assert first.data["a"]["b"][1] is not second.data["a"]["b"][1]


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(yaml_texts())
def test_spec_like_texts_read_the_same(text: str) -> None:
    assert_both_read(text)
