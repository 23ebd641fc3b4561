"""The JSON Schema (draft 2020-12) of every spec kind, and validation against it.

The schema is kept as data in `engine/spec/schemas/*.json`, one fragment per kind plus
shared definitions; `bundle()` joins them into the single document that
`reglament schema` prints and `engine/spec/reglament.schema.json` holds for editors.
Validation errors are translated into messages for people by
`engine.spec.schema_messages`.
"""

from __future__ import annotations

import json
import numbers
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema._utils import equal, uniq
from jsonschema.exceptions import ValidationError

__all__ = ["BUNDLE_PATH", "KINDS", "Validator", "bundle", "bundle_text", "validator_for"]

_FRAGMENTS = Path(__file__).with_name("schemas")
#: The bundled schema, committed so that editors can reference it by path.
BUNDLE_PATH = Path(__file__).with_name("reglament.schema.json")
#: Document kinds, each with its fragment in `engine/spec/schemas/<kind>.json`.
KINDS: tuple[str, ...] = tuple(
    sorted(p.stem for p in _FRAGMENTS.glob("*.json") if p.stem != "common")
)
SCHEMA_ID = "https://reglament.kz/schema/v1/reglament.schema.json"


def _rewrite(node: Any, prefix: str) -> Any:
    """Point the fragment's `$ref`s at the bundle's flat `$defs`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                out[key] = _target(value, prefix)
            else:
                out[key] = _rewrite(value, prefix)
        return out
    if isinstance(node, list):
        return [_rewrite(item, prefix) for item in node]
    return node


def _target(ref: str, prefix: str) -> str:
    if ref.startswith("common.json#/$defs/"):
        return "#/$defs/" + ref.removeprefix("common.json#/$defs/")
    if ref.startswith("#/$defs/"):
        name = ref.removeprefix("#/$defs/")
        return f"#/$defs/{name}" if prefix == "common" else f"#/$defs/{prefix}_{name}"
    if ref == "#":
        return f"#/$defs/{prefix}"
    raise ValueError(f"unsupported $ref {ref!r} in schema fragment {prefix}")


@cache
def bundle() -> dict[str, Any]:
    """The whole schema: one document that accepts any spec kind."""
    common = json.loads((_FRAGMENTS / "common.json").read_text(encoding="utf-8"))
    defs: dict[str, Any] = dict(_rewrite(common["$defs"], "common"))
    branches = []
    for kind in KINDS:
        fragment = json.loads((_FRAGMENTS / f"{kind}.json").read_text(encoding="utf-8"))
        fragment = _rewrite(fragment, kind)
        for name, definition in fragment.pop("$defs", {}).items():
            defs[f"{kind}_{name}"] = definition
        fragment.pop("$schema", None)
        defs[kind] = fragment
        branches.append({
            "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
            "then": {"$ref": f"#/$defs/{kind}"},
        })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Reglament spec (standard, regulation or calendar)",
        "description": "A public-service standard, a regional regulation implementing it, "
                       "or a working-time calendar. The `kind` key says which.",
        "type": "object",
        "properties": {"kind": {"enum": list(KINDS), "x-kind": "enum",
                                "description": "What this document is."}},
        "required": ["kind"],
        "allOf": branches,
        "$defs": dict(sorted(defs.items())),
    }


def bundle_text() -> str:
    """The bundled schema as deterministic, human-diffable JSON."""
    return json.dumps(bundle(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@cache
def _ecma(pattern: str) -> re.Pattern[str]:
    # ECMA-262's `$` (what JSON Schema means) matches only at the very end; Python's also
    # matches before a final newline, which let "preschool-queue\n" pass as an id.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Any:
    if isinstance(instance, str) and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Strict = validators.extend(Draft202012Validator, {"pattern": _pattern})


class Validator:
    """A validator of one kind: jsonschema's, behind a compiled test of validity.

    Nearly every spec is valid, and jsonschema takes tens of milliseconds to say so for
    a regulation. `valid` answers the same question exactly (see `_Compiler`) in a
    fraction of that; only a spec it finds invalid is walked by jsonschema, whose
    errors are the ones reported. Everything else is the jsonschema validator's.
    """

    def __init__(self, validator: Draft202012Validator, valid: _Check | None) -> None:
        self.validator = validator
        self.valid = valid

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        """Every validation error of `instance` (none, at once, when it is valid)."""
        if self.valid is not None and self.valid(instance):
            return iter(())
        errors: Iterator[ValidationError] = self.validator.iter_errors(instance)
        return errors

    def is_valid(self, instance: Any) -> bool:
        """Whether `instance` is valid."""
        if self.valid is not None:
            return self.valid(instance)
        return bool(self.validator.is_valid(instance))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.validator, name)


@cache
def validator_for(kind: str) -> Validator:
    """A validator of one document kind against its branch of the bundle."""
    whole = bundle()
    schema = {"$schema": whole["$schema"], "$ref": f"#/$defs/{kind}", "$defs": whole["$defs"]}
    strict: Draft202012Validator = _Strict(schema)
    try:
        valid: _Check | None = _Compiler(schema, type(strict).VALIDATORS).compile(schema)
    except _NoFastPath:  # a keyword the compiler does not know: jsonschema alone
        valid = None
    return Validator(strict, valid)


# -- the compiled test of validity -------------------------------------------------------

_Check = Callable[[Any], bool]
#: Keywords that only annotate (jsonschema asserts nothing for them).
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description",
                          "x-kind", "default", "examples", "deprecated"})
_TYPES: dict[str, _Check] = {  # as jsonschema's draft 2020-12 type checker
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, numbers.Number) and not isinstance(v, bool),
}


def _always(_: Any) -> bool:
    return True


def _never(_: Any) -> bool:
    return False


def _all(checks: list[_Check]) -> _Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]

    def check(value: Any) -> bool:
        return all(c(value) for c in checks)
    return check


class _NoFastPath(Exception):
    """A schema construct the compiler does not translate; jsonschema alone validates it."""


class _Compiler:
    """Compiles a schema into one function that is True exactly when jsonschema finds no error.

    Each keyword is compiled as jsonschema's draft 2020-12 implementation of it decides
    (types, `equal` and `uniq` for enum, const and uniqueItems, ECMA `$` in patterns).
    A keyword it does not know, or one the validator class implements differently,
    raises `_NoFastPath`: then there is no fast path, never a different answer.
    """

    def __init__(self, root: dict[str, Any], keywords: Mapping[str, Any]) -> None:
        self.root = root
        self.keywords = keywords
        self.done: dict[str, _Check] = {}
        self.started: set[str] = set()

    def compile(self, schema: Any) -> _Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise _NoFastPath(f"schema {schema!r}")
        checks = []
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or keyword in ("then", "else"):
                continue
            expected = _pattern if keyword == "pattern" else Draft202012Validator.VALIDATORS.get(keyword)
            method = getattr(self, "k_" + keyword.lstrip("$"), None)
            if method is None or expected is None or self.keywords.get(keyword) is not expected:
                raise _NoFastPath(f"keyword {keyword!r}")
            checks.append(method(value, schema))
        return _all(checks)

    def k_ref(self, ref: str, schema: dict[str, Any]) -> _Check:
        name = ref.removeprefix("#/$defs/")
        if name == ref or "/" in name or "~" in name:
            raise _NoFastPath(f"$ref {ref!r}")
        if name in self.done:
            return self.done[name]
        if name in self.started:  # a recursive definition: look it up when called
            return lambda value: self.done[name](value)
        self.started.add(name)
        self.done[name] = self.compile(self.root["$defs"][name])
        return self.done[name]

    def k_type(self, types: str | list[str], schema: dict[str, Any]) -> _Check:
        names = [types] if isinstance(types, str) else list(types)
        if any(name not in _TYPES for name in names):
            raise _NoFastPath(f"type {types!r}")
        checks = [_TYPES[name] for name in names]
        return checks[0] if len(checks) == 1 else lambda v: any(c(v) for c in checks)

    def k_properties(self, properties: dict[str, Any], schema: dict[str, Any]) -> _Check:
        table = {name: self.compile(sub) for name, sub in properties.items()}

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key, item in value.items():
                sub = table.get(key)
                if sub is not None and not sub(item):
                    return False
            return True
        return check

    def k_additionalProperties(self, extra: Any, schema: dict[str, Any]) -> _Check:
        if "patternProperties" in schema:
            raise _NoFastPath("patternProperties")
        known = frozenset(schema.get("properties", {}))
        if isinstance(extra, dict):
            sub = self.compile(extra)
            return lambda v: not isinstance(v, dict) or all(
                sub(item) for key, item in v.items() if key not in known)
        if extra:
            return _always
        return lambda v: not isinstance(v, dict) or all(key in known for key in v)

    def k_required(self, required: list[str], schema: dict[str, Any]) -> _Check:
        return lambda v: not isinstance(v, dict) or all(key in v for key in required)

    def k_propertyNames(self, names: Any, schema: dict[str, Any]) -> _Check:
        sub = self.compile(names)
        return lambda v: not isinstance(v, dict) or all(sub(key) for key in v)

    def k_items(self, items: Any, schema: dict[str, Any]) -> _Check:
        if "prefixItems" in schema:
            raise _NoFastPath("prefixItems")
        sub = self.compile(items)
        return lambda v: not isinstance(v, list) or all(sub(item) for item in v)

    def k_minItems(self, least: int, schema: dict[str, Any]) -> _Check:
        return lambda v: not isinstance(v, list) or len(v) >= least

    def k_minProperties(self, least: int, schema: dict[str, Any]) -> _Check:
        return lambda v: not isinstance(v, dict) or len(v) >= least

    def k_minLength(self, least: int, schema: dict[str, Any]) -> _Check:
        return lambda v: not isinstance(v, str) or len(v) >= least

    def k_uniqueItems(self, unique: bool, schema: dict[str, Any]) -> _Check:
        if not unique:
            return _always
        return lambda v: not isinstance(v, list) or bool(uniq(v))

    def k_enum(self, options: list[Any], schema: dict[str, Any]) -> _Check:
        if all(isinstance(option, str) for option in options):
            texts = frozenset(options)
            return lambda v: isinstance(v, str) and v in texts
        return lambda v: any(equal(option, v) for option in options)

    def k_const(self, const: Any, schema: dict[str, Any]) -> _Check:
        if isinstance(const, str):
            return lambda v: isinstance(v, str) and v == const
        return lambda v: bool(equal(v, const))

    def k_pattern(self, pattern: str, schema: dict[str, Any]) -> _Check:
        regex = _ecma(pattern)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None

    def k_minimum(self, least: Any, schema: dict[str, Any]) -> _Check:
        number = _TYPES["number"]
        return lambda v: not number(v) or not v < least

    def k_maximum(self, most: Any, schema: dict[str, Any]) -> _Check:
        number = _TYPES["number"]
        return lambda v: not number(v) or not v > most

    def k_if(self, condition: Any, schema: dict[str, Any]) -> _Check:
        test, then = self.compile(condition), self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))
        return lambda v: then(v) if test(v) else otherwise(v)

    def k_allOf(self, schemas: list[Any], schema: dict[str, Any]) -> _Check:
        return _all([self.compile(sub) for sub in schemas])

    def k_oneOf(self, schemas: list[Any], schema: dict[str, Any]) -> _Check:
        checks = [self.compile(sub) for sub in schemas]
        return lambda v: sum(1 for c in checks if c(v)) == 1
