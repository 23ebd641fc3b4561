"""docs/authoring.md must not fall behind the schema or the messages of the tool.

- every property of every object of the schema fragments is named in the guide;
- the key tables, the message catalogue and the sample reports are what the
  schema and `reglament check` produce today (regenerate them with
  `python tests/docs/authoring_doc.py`);
- every broken snippet of `tests/docs/snippets/` prints at least one message,
  and each printed message appears verbatim in the guide;
- the example value of every key is valid for that key, and the annotated
  example specs load without errors.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

sys.path.insert(0, str(Path(__file__).resolve().parent))

import authoring_doc as gen

from engine.spec import bundle, parse_text

_REGEN = "docs/authoring.md is stale: run `python tests/docs/authoring_doc.py` and review the diff"


@cache
def _doc() -> str:
    return gen.DOC.read_text(encoding="utf-8")


def _blocks() -> dict[str, str]:
    return {m.group(2): m.group(3) for m in gen._BLOCK.finditer(_doc())}


def _property_names(node: Any) -> set[str]:
    """Every property name of every object definition below `node`."""
    names: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            names.update(node["properties"])
        for value in node.values():
            names |= _property_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= _property_names(value)
    return names


@pytest.mark.parametrize("fragment", ["standard", "regulation", "common"])
def test_every_schema_key_is_named_in_the_guide(fragment: str) -> None:
    schema = json.loads((gen.SCHEMAS / f"{fragment}.json").read_text(encoding="utf-8"))
    missing = sorted(k for k in _property_names(schema) if f"`{k}`" not in _doc())
    assert not missing, f"keys of {fragment}.json missing from docs/authoring.md: {missing}"


def test_every_object_of_the_schema_has_its_table() -> None:
    names = set(_blocks())
    missing = [t.name for t in gen.tables() if f"keys/{t.name}" not in names]
    assert not missing, ("add a heading with `<a id=\"keys-NAME\"></a>` and a "
                         f"`<!-- BEGIN GENERATED keys/NAME -->` block for: {missing}")


def test_every_key_has_a_meaning_and_an_example() -> None:
    lacking = []
    for table in gen.tables():
        for key, prop in table.node()["properties"].items():
            if not prop.get("description") and (table.name, key) not in gen.MEANINGS:
                lacking.append(f"{table.name}.{key}: meaning")
            if (table.name, key) not in gen.EXAMPLES:
                lacking.append(f"{table.name}.{key}: example")
    assert not lacking, f"add to MEANINGS / EXAMPLES in tests/docs/authoring_doc.py: {lacking}"


def test_no_example_or_meaning_for_a_key_that_is_gone() -> None:
    known = {(t.name, key) for t in gen.tables() for key in t.node()["properties"]}
    stale = sorted(set(gen.EXAMPLES) - known) + sorted(set(gen.MEANINGS) - known)
    assert not stale, f"remove from tests/docs/authoring_doc.py: {stale}"


def _bundle_node(table: gen.Table) -> dict[str, Any]:
    """The object of `table` inside the bundled schema, where `$ref`s resolve."""
    defs = bundle()["$defs"]
    pointer = table.pointer
    if table.fragment == "common":
        node: Any = defs[str(pointer[1])]
        pointer = pointer[2:]
    elif pointer[:1] == ("$defs",):
        node = defs[f"{table.fragment}_{pointer[1]}"]
        pointer = pointer[2:]
    else:
        node = defs[table.fragment]
    for part in pointer:
        node = node[part]
    return dict(node)


def _examples() -> list[tuple[str, str, str]]:
    return [(t.name, key, value) for t in gen.tables() for key in t.node()["properties"]
            if (value := gen.EXAMPLES.get((t.name, key))) is not None]


@pytest.mark.parametrize(("table", "key", "example"), _examples())
def test_example_of_a_key_is_valid_for_it(table: str, key: str, example: str) -> None:
    parsed = parse_text(f"{key}: {example}\n", "example")
    assert not parsed.errors, [str(e) for e in parsed.errors]
    node = _bundle_node(next(t for t in gen.tables() if t.name == table))
    schema = {"$defs": bundle()["$defs"], **node["properties"][key]}
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(parsed.data[key])]
    assert not errors, f"example of {table}.{key} is invalid: {errors}"


def test_generated_blocks_are_up_to_date() -> None:
    stale = [name for name, content in _blocks().items() if content != gen.block(name, _doc())]
    assert not stale, f"{_REGEN}; stale blocks: {stale}"


def test_every_snippet_is_in_the_catalogue() -> None:
    used = {name.partition("/")[2] for name in _blocks()
            if name.partition("/")[0] in ("message", "report", "first-finding")}
    assert set(gen.case_names()) <= used, \
        f"snippets without a message block: {sorted(set(gen.case_names()) - used)}"
    assert used <= set(gen.case_names()), \
        f"message blocks without a snippet: {sorted(used - set(gen.case_names()))}"


@pytest.mark.parametrize("case", gen.case_names())
def test_each_message_of_a_snippet_appears_verbatim(case: str) -> None:
    printed = gen.findings(gen.case_output(case))
    assert printed, f"tests/docs/snippets/{case} prints no finding: the snippet is no longer broken"
    missing = [line for line in printed if line not in _doc()]
    assert not missing, f"{_REGEN}; not in the guide: {missing}"


def test_annotated_examples_load_without_errors() -> None:
    examples = gen.doc_examples(_doc())
    assert set(examples) == {"specs/standards/preschool-queue.yaml",
                             "specs/regulations/aktobe/school-admission.yaml"}
    report = gen.examples_output(_doc())
    errors = [line for line in gen.findings(report)
              if ": warning: " not in line and ": acknowledged: " not in line]
    assert not errors, errors
    assert " 0 error(s)" in report
