"""The compiled test of validity answers exactly as jsonschema does.

`engine.spec.schema.validator_for` skips jsonschema's walk (and its import) for documents
its compiled test finds valid (`engine.spec.schema_compiler`, Python written from the
schema). That is only right if the test agrees with jsonschema on every document, valid
or not: here on every YAML file of the repository (specs/, tests/data/ with its invalid
specs) and of a generated corpus, each against every kind, and on random mutations of
valid specs; `tests/engine/test_schema_compiler.py` does the same on random schemas.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate_corpus import generate
from engine.spec import KINDS, read_yaml, validator_for

ROOT = Path(__file__).resolve().parents[2]


def _documents(*folders: Path) -> list[Any]:
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.yaml")):
            parsed = read_yaml(path)
            if not parsed.errors:
                found.append(parsed.data)
    return found


def _agree(data: Any) -> None:
    for kind in KINDS:
        validator = validator_for(kind)
        assert validator.valid is not None, f"no fast path for {kind}"
        assert validator.valid(data) == validator.validator.is_valid(data), (kind, data)


def test_every_kind_has_a_fast_path() -> None:
    assert all(validator_for(kind).valid is not None for kind in KINDS)


def test_agrees_on_every_yaml_file_of_the_repository() -> None:
    documents = _documents(ROOT / "specs", ROOT / "tests")
    assert len(documents) > 50
    for data in documents:
        _agree(data)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    root = tmp_path_factory.mktemp("corpus")
    generate(16, root, seed=3)
    return _documents(root)


def test_agrees_on_a_generated_corpus(generated: list[Any]) -> None:
    for data in generated:
        _agree(data)
    kinds = [data["kind"] for data in generated]
    assert all(validator_for(kind).is_valid(data) for kind, data in zip(kinds, generated, strict=True))


BOUNDARIES: list[Any] = [None, True, False, 0, -1, 101, 1.5, 2.0, "", "id\n", ["x", "x"], {}]


def test_agrees_on_every_leaf_set_to_a_boundary_value(generated: list[Any]) -> None:
    # one of each kind, small, with every constrained value: a fee, a numbered step, a bound
    standard = copy.deepcopy(min((d for d in generated if d["kind"] == "standard"),
                                 key=lambda d: len(str(d))))
    standard["cost"] = {"kind": "paid", "amount": 690, "basis": {"kk": "Баж", "ru": "Пошлина"},
                        "source": "x"}
    regulation = copy.deepcopy(next(d for d in generated if d["kind"] == "regulation"))
    steps = [s for steps in regulation["processes"].values() for s in steps]
    decision = next(s for s in steps if "outcomes" in s)
    decision["outcomes"][0]["max_repeats"] = 2
    regulation["processes"] = {"provider_office": [{**steps[0], "number": 1}, decision]}
    for spec in (standard, regulation):
        for path in _paths(spec)[1:]:
            for value in BOUNDARIES:
                mutated = copy.deepcopy(spec)
                parent = mutated
                for part in path[:-1]:
                    parent = parent[part]
                parent[path[-1]] = value
                validator = validator_for(spec["kind"])
                assert validator.valid is not None
                assert validator.valid(mutated) == validator.validator.is_valid(mutated), (path, value)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_paths(value, (*prefix, index)))
    return out


values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 200) | st.floats(allow_nan=False, width=32)
    | st.sampled_from(["", "x", "15 min", "2024-02-30", "provider", "statutory", "Мәтін", "a b",
                       "requirements_not_met", "paper", "403001", "id\n"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["kk", "ru", "id", "source", "term", "title", "x"]), inner, max_size=3),
    max_leaves=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_agrees_on_mutated_specs(generated: list[Any], data: st.DataObject) -> None:
    spec = copy.deepcopy(data.draw(st.sampled_from(generated)))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(spec)[1:]))
        parent = spec
        for part in path[:-1]:
            parent = parent[part]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = data.draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "en", "title", "next"]))] = data.draw(values)
        else:
            parent.append(data.draw(values))
    _agree(spec)
