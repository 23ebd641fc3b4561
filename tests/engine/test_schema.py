"""The JSON Schema: a valid 2020-12 schema, never stale, accepting the corpus, refusing junk."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from engine.spec import (
    BUNDLE_PATH,
    DURATION_PATTERN,
    KINDS,
    bundle,
    bundle_text,
    read_document_bytes,
    read_yaml,
    validator_for,
)
from tests.specdata import REFERENCE_REGULATION, REFERENCE_STANDARD, SPECS, VALID_STANDARD

SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")
SPEC_FILES = sorted(p for p in SPECS.rglob("*.y*ml") if "scenarios" not in p.parts)
#: Properties that have no description yet (VS Code shows none): each entry is a request to
#: the schema's owner; the test fails once it is documented, so the entry gets removed.
UNDOCUMENTED: set[str] = set()


def _spec_id(path: Path) -> str:
    return str(path.relative_to(SPECS))


def test_bundle_is_a_valid_2020_12_schema() -> None:
    schema = bundle()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_validators_of_every_kind_are_valid_schemas() -> None:
    for kind in KINDS:
        Draft202012Validator.check_schema(validator_for(kind).schema)


def test_kinds_include_standard_and_regulation() -> None:
    assert {"standard", "regulation"} <= set(KINDS)
    assert bundle()["properties"]["kind"]["enum"] == list(KINDS)


def test_committed_schema_is_the_bundle() -> None:
    assert BUNDLE_PATH.read_text(encoding="utf-8") == bundle_text(), (
        "engine/spec/reglament.schema.json is stale: run `reglament schema > "
        "engine/spec/reglament.schema.json`")


def test_bundle_text_is_deterministic_json() -> None:
    text = bundle_text()
    assert json.loads(text) == bundle()
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_all_refs_resolve_inside_the_bundle() -> None:
    defs = bundle()["$defs"]
    refs = re.findall(r'"\$ref": "([^"]+)"', bundle_text())
    assert refs
    for ref in refs:
        assert ref.startswith("#/$defs/"), ref
        assert ref.removeprefix("#/$defs/") in defs, ref


def test_duration_pattern_of_schema_and_parser_agree() -> None:
    assert bundle()["$defs"]["duration"]["pattern"] == DURATION_PATTERN


@pytest.mark.parametrize("path", SPEC_FILES, ids=_spec_id)
def test_every_spec_of_the_corpus_is_accepted(path: Path) -> None:
    parsed = read_yaml(path)
    assert parsed.errors == []
    kind = parsed.data["kind"]
    assert kind in KINDS, f"{path}: kind {kind!r} has no schema"
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in Draft202012Validator(bundle()).iter_errors(parsed.data)]
    assert errors == []
    assert list(validator_for(kind).iter_errors(parsed.data)) == []


def test_corpus_holds_the_reference_specs() -> None:
    assert REFERENCE_STANDARD in SPEC_FILES
    assert REFERENCE_REGULATION in SPEC_FILES


@pytest.mark.parametrize("path", SPEC_FILES, ids=_spec_id)
def test_every_spec_starts_with_the_schema_line_of_an_existing_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    match = SCHEMA_LINE.match(text)
    assert match, f"{path} must start with `# yaml-language-server: $schema=...`"
    target = (path.parent / match.group(1)).resolve()
    assert target == BUNDLE_PATH.resolve()
    assert target.exists()


def _properties(node: Any, path: str) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, value in node.items():
            if name in ("if", "not"):
                continue  # conditions restate keys; their documentation is where they are defined
            where = f"{path}/{name}" if path else name
            if name == "properties" and isinstance(value, dict):
                found.extend((f"{where}/{key}", sub) for key, sub in value.items())
            found.extend(_properties(value, where))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(_properties(item, f"{path}/{index}"))
    return found


def test_every_key_is_documented_for_the_editor() -> None:
    defs = bundle()["$defs"]

    def described(schema: dict[str, Any]) -> bool:
        ref = schema.get("$ref", "")
        return "description" in schema or "description" in defs.get(ref.removeprefix("#/$defs/"), {})

    undocumented = {path for path, schema in _properties(bundle(), "") if not described(schema)}
    assert undocumented == UNDOCUMENTED


@pytest.mark.parametrize("kind", KINDS)
def test_bundle_dispatches_on_kind(kind: str) -> None:
    validator = Draft202012Validator(bundle())
    # an empty document of a kind fails on that kind's required keys, not on another's
    messages = [e.message for e in validator.iter_errors({"kind": kind})]
    assert messages
    assert all("is a required property" in m for m in messages)


def test_bundle_refuses_an_unknown_kind_and_a_missing_kind() -> None:
    validator = Draft202012Validator(bundle())
    assert not validator.is_valid({"kind": "standart"})
    assert not validator.is_valid({"id": "x"})


def _one_error(text: str) -> str:
    document = read_document_bytes(text.encode(), "f.yaml")
    assert len(document.errors) == 1, document.errors
    return str(document.errors[0])


def _standard_with(old: str, new: str) -> str:
    """The trimmed reference standard of tests/data/valid with one thing changed."""
    text = VALID_STANDARD.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_message_for_wrong_type_suggests_quotes() -> None:
    message = _one_error(_standard_with('register_code: "403001"', "register_code: 403001"))
    assert message == ('f.yaml:6:16: register_code: expected text, got the number 403001 '
                       '(hint: quote it: "403001")')


def test_message_for_a_boolean_where_text_is_expected() -> None:
    message = _one_error(_standard_with('number: "198"', "number: true"))
    assert message.endswith('legal_basis[0].number: expected text, got the boolean true '
                            "(hint: quote it; YAML reads true/false as booleans)")


def test_unknown_key_is_located_at_the_key_with_did_you_mean() -> None:
    message = _one_error(_standard_with("    max_wait: 15 min\n    max_service: 15 min\n    "
                                         "schedule: gov_corp",
                                         "    max_wait: 15 min\n    max_servise: 15 min\n    "
                                         "schedule: gov_corp"))
    assert message == ('f.yaml:34:5: channels.gov_corp.max_servise: unknown key "max_servise" '
                       '(hint: did you mean "max_service"?)')


def test_unknown_key_without_close_match_lists_the_keys() -> None:
    message = _one_error(_standard_with("  kind: free\n", "  kind: free\n  zzz: 0\n"))
    assert message.endswith('cost.zzz: unknown key "zzz" (hint: expected one of: amount, basis, '
                            "kind, source)")


def test_statutory_ground_with_extra_key_is_explained_by_its_branch() -> None:
    message = _one_error(_standard_with("  - statutory: unreliable_documents\n",
                                         "  - statutory: unreliable_documents\n    note: x\n"))
    assert message.endswith('refusal_grounds[0].note: unknown key "note" '
                            "(hint: expected one of: source, statutory)")


def test_paid_cost_requires_amount_and_basis() -> None:
    text = _standard_with("  kind: free\n", "  kind: paid\n")
    document = read_document_bytes(text.encode(), "f.yaml")
    assert [f"{e.breadcrumb}: {e.message}" for e in document.errors] == [
        'cost: missing required key "amount" (hint: add "amount:", required because kind is "paid")',
        'cost: missing required key "basis" (hint: add "basis:", required because kind is "paid")',
    ]


def test_minimum_is_explained() -> None:
    text = _standard_with("  kind: free\n", "  kind: paid\n  amount: -5\n  basis: {kk: а, ru: б}\n")
    assert _one_error(text).endswith("cost.amount: expected at least 0, got the number -5")


def test_missing_key_hint_uses_its_description() -> None:
    text = _standard_with("forms: [electronic_full, paper]\n", "")
    assert _one_error(text) == (
        'f.yaml:4:1: missing required key "forms" (hint: add "forms:", form of the service: '
        "`electronic_full` (fully automated), `electronic_partial` (partially automated), "
        "`paper`)")
