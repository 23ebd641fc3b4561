"""The compiled test of validity answers as jsonschema does, both ways, on any schema it compiles.

`engine.spec.schema_compiler.compile_check` writes Python from a schema; jsonschema's errors
are only computed for a document the compiled test rejects. Accepting what jsonschema rejects
would hide an error; rejecting what it accepts would be negated inside `oneOf` and `if` into
the same mistake. Here random schemas built from every keyword the compiler knows meet random
values, and the strict validator (ECMA-262's `$`) must give the same answer for each.
`tests/benchmarks/test_schema_fast_path.py` does the same for the real schema on every YAML
file of the repository, a generated corpus and mutated specs.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from engine.spec.schema import strict_validator_class
from engine.spec.schema_compiler import KEYWORDS, NoFastPath, compile_check, pattern_keyword


def _agree(schema: dict[str, Any], value: Any) -> None:
    expected = strict_validator_class()(schema).is_valid(value)
    assert compile_check(schema)(value) == expected, (schema, value)


def test_the_strict_validator_implements_each_compiled_keyword_as_jsonschema_does() -> None:
    strict = strict_validator_class().VALIDATORS
    for keyword in KEYWORDS:
        expected = pattern_keyword if keyword == "pattern" else Draft202012Validator.VALIDATORS[keyword]
        assert strict[keyword] is expected, keyword


def test_an_unknown_keyword_leaves_jsonschema_alone_to_answer() -> None:
    for schema in ({"patternProperties": {"^x": {}}}, {"type": "object", "format": "date"},
                   {"$ref": "#/$defs/missing", "$defs": {}}, {"$ref": "other.json#/x"},
                   {"type": "decimal"}, {"items": {}, "prefixItems": [{}]}):
        with pytest.raises(NoFastPath):
            compile_check(schema)


def test_a_valid_spec_is_answered_without_importing_jsonschema() -> None:
    import subprocess

    script = ("import sys\n"
              "from engine.spec import read_document\n"
              "document = read_document('specs/standards/preschool-queue.yaml')\n"
              "assert not document.errors, document.errors\n"
              "print('jsonschema' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "False"


#: Values where the draft's rules are easy to get wrong: 2.0 is an integer, True is no number,
#: "a\n" does not match "^a$", 1 and True are different items.
SCALARS = st.sampled_from([None, True, False, 0, 1, 2, -1, 2.0, 2.5, -0.0, "", "a", "ab", "a\n",
                           "b", "kk", "1", "Мәтін", float("inf")])
KEYS = st.sampled_from(["a", "b", "kk", "ru", "id", "x"])
values = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(KEYS, inner, max_size=4), max_leaves=10)


def _schemas(depth: int) -> st.SearchStrategy[Any]:
    keywords: st.SearchStrategy[dict[str, Any]] = st.one_of(
        st.builds(lambda t: {"type": t}, st.sampled_from(
            ["object", "array", "string", "boolean", "null", "integer", "number"])),
        st.builds(lambda t: {"type": t}, st.lists(st.sampled_from(
            ["string", "integer", "number", "null"]), min_size=1, max_size=3, unique=True)),
        st.builds(lambda e: {"enum": e}, st.lists(SCALARS, min_size=1, max_size=3)),
        st.builds(lambda c: {"const": c}, SCALARS | st.lists(SCALARS, max_size=2)),
        st.builds(lambda p: {"pattern": p}, st.sampled_from(["^a$", "^[a-z]+$", "b", "^\\d+$"])),
        st.builds(lambda n: {"minLength": n}, st.integers(0, 3)),
        st.builds(lambda n: {"minItems": n}, st.integers(0, 3)),
        st.builds(lambda n: {"minProperties": n}, st.integers(0, 3)),
        st.builds(lambda n: {"minimum": n}, st.sampled_from([0, 1, 1.5])),
        st.builds(lambda n: {"maximum": n}, st.sampled_from([0, 2, 2.5])),
        st.builds(lambda u: {"uniqueItems": u}, st.booleans()),
        st.builds(lambda r: {"required": r}, st.lists(KEYS, max_size=2, unique=True)),
    )
    leaf = st.booleans() | keywords
    if depth == 0:
        return leaf
    sub = _schemas(depth - 1)
    return st.one_of(
        leaf,
        st.builds(lambda p, extra: {"properties": p, **extra},
                  st.dictionaries(KEYS, sub, max_size=3),
                  st.sampled_from([{}, {"additionalProperties": False}])
                  | st.builds(lambda s: {"additionalProperties": s}, sub)),
        st.builds(lambda s: {"additionalProperties": s}, sub),
        st.builds(lambda s: {"propertyNames": s}, sub),
        st.builds(lambda s: {"items": s}, sub),
        st.builds(lambda c, t, e: {"if": c, **t, **e}, sub,
                  st.just({}) | st.builds(lambda s: {"then": s}, sub),
                  st.just({}) | st.builds(lambda s: {"else": s}, sub)),
        st.builds(lambda s: {"allOf": s}, st.lists(sub, min_size=1, max_size=3)),
        st.builds(lambda s: {"anyOf": s}, st.lists(sub, min_size=1, max_size=3)),
        st.builds(lambda s: {"oneOf": s}, st.lists(sub, min_size=1, max_size=3)),
        st.builds(lambda a, b: {**a, **b}, keywords, sub.filter(lambda s: isinstance(s, dict))),
    )


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schema=_schemas(3), value_list=st.lists(values, min_size=1, max_size=6))
def test_agrees_with_jsonschema_on_random_schemas_and_values(schema: Any,
                                                             value_list: list[Any]) -> None:
    whole = {"$ref": "#/$defs/it", "$defs": {"it": schema, "alias": {"$ref": "#/$defs/it"}}}
    for value in value_list:
        _agree(whole, value)
        _agree({"$ref": "#/$defs/alias", "$defs": whole["$defs"]}, value)


TRICKY = [
    ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 2.0),  # both: not one of
    ({"oneOf": [{"type": "integer"}, {"type": "string"}]}, True),
    ({"type": "integer"}, 2.5),
    ({"uniqueItems": True}, ["a", "b", "a"]),
    ({"uniqueItems": True}, [1, True]),
    ({"uniqueItems": True}, [1, 1.0]),
    ({"uniqueItems": True}, [{"a": 1}, {"a": True}]),
    ({"enum": [1, "a"]}, True),
    ({"enum": [1, "a"]}, 1.0),
    ({"const": False}, 0),
    ({"const": ["a"]}, ["a"]),
    ({"pattern": "^a$"}, "a\n"),
    ({"minimum": 0}, False),
    ({"minLength": 2}, "Мә"),
    ({"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": False}, {}),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "integer"}},
     {"a": "x", "b": 2.0}),
]


@pytest.mark.parametrize(("schema", "value"), TRICKY)
def test_agrees_where_the_draft_is_easy_to_get_wrong(schema: dict[str, Any], value: Any) -> None:
    for given_value in (value, [value], {"a": value}):
        _agree({"$ref": "#/$defs/it", "$defs": {"it": schema}}, given_value)
    _agree(schema, value)


def test_a_recursive_definition_is_followed_as_deep_as_the_value() -> None:
    tree = {"$ref": "#/$defs/node", "$defs": {"node": {
        "type": "object", "properties": {"children": {"type": "array",
                                                      "items": {"$ref": "#/$defs/node"}}},
        "additionalProperties": False}}}
    for value in ({}, {"children": [{}, {"children": []}]}, {"children": [{"x": 1}]},
                  {"children": [[]]}):
        _agree(tree, value)
