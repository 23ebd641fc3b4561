"""A schema compiled into one function that answers exactly as jsonschema does.

`engine.spec.schema.validator_for` asks this test first: nearly every spec is valid, and
jsonschema takes tens of milliseconds to say so for a regulation. `Compiler` translates
each keyword as jsonschema's draft 2020-12 implementation decides it, with the ECMA-262
meaning of `$` in patterns (`ecma`, `pattern_keyword`, which the strict validator uses
too); a construct it does not know raises `NoFastPath`, and then jsonschema alone
validates.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema._utils import equal, uniq
from jsonschema.exceptions import ValidationError

__all__ = ["Check", "Compiler", "NoFastPath", "ecma", "pattern_keyword"]


@cache
def ecma(pattern: str) -> re.Pattern[str]:
    # ECMA-262's `$` (what JSON Schema means) matches only at the very end; Python's also
    # matches before a final newline, which let "preschool-queue\n" pass as an id.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def pattern_keyword(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Any:
    """jsonschema's `pattern` keyword with ECMA-262's `$` (the strict validator's)."""
    if isinstance(instance, str) and not ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


#: A compiled test of validity: True exactly when jsonschema finds no error.
Check = Callable[[Any], bool]
#: Keywords that only annotate (jsonschema asserts nothing for them).
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description",
                          "x-kind", "default", "examples", "deprecated"})
_TYPES: dict[str, Check] = {  # as jsonschema's draft 2020-12 type checker
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


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]

    def check(value: Any) -> bool:
        return all(c(value) for c in checks)
    return check


class NoFastPath(Exception):
    """A schema construct the compiler does not translate; jsonschema alone validates it."""


class Compiler:
    """Compiles a schema into one function that is True exactly when jsonschema finds no error.

    Each keyword is compiled as jsonschema's draft 2020-12 implementation of it decides
    (types, `equal` and `uniq` for enum, const and uniqueItems, ECMA `$` in patterns).
    A keyword it does not know, or one the validator class implements differently,
    raises `NoFastPath`: then there is no fast path, never a different answer.
    """

    def __init__(self, root: dict[str, Any], keywords: Mapping[str, Any]) -> None:
        self.root = root
        self.keywords = keywords
        self.done: dict[str, Check] = {}
        self.started: set[str] = set()

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise NoFastPath(f"schema {schema!r}")
        checks = []
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or keyword in ("then", "else"):
                continue
            expected = pattern_keyword if keyword == "pattern" else Draft202012Validator.VALIDATORS.get(keyword)
            method = getattr(self, "k_" + keyword.lstrip("$"), None)
            if method is None or expected is None or self.keywords.get(keyword) is not expected:
                raise NoFastPath(f"keyword {keyword!r}")
            checks.append(method(value, schema))
        return _all(checks)

    def k_ref(self, ref: str, schema: dict[str, Any]) -> Check:
        name = ref.removeprefix("#/$defs/")
        if name == ref or "/" in name or "~" in name:
            raise NoFastPath(f"$ref {ref!r}")
        if name in self.done:
            return self.done[name]
        if name in self.started:  # a recursive definition: look it up when called
            return lambda value: self.done[name](value)
        self.started.add(name)
        self.done[name] = self.compile(self.root["$defs"][name])
        return self.done[name]

    def k_type(self, types: str | list[str], schema: dict[str, Any]) -> Check:
        names = [types] if isinstance(types, str) else list(types)
        if any(name not in _TYPES for name in names):
            raise NoFastPath(f"type {types!r}")
        checks = [_TYPES[name] for name in names]
        return checks[0] if len(checks) == 1 else lambda v: any(c(v) for c in checks)

    def k_properties(self, properties: dict[str, Any], schema: dict[str, Any]) -> Check:
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

    def k_additionalProperties(self, extra: Any, schema: dict[str, Any]) -> Check:
        if "patternProperties" in schema:
            raise NoFastPath("patternProperties")
        known = frozenset(schema.get("properties", {}))
        if isinstance(extra, dict):
            sub = self.compile(extra)
            return lambda v: not isinstance(v, dict) or all(
                sub(item) for key, item in v.items() if key not in known)
        if extra:
            return _always
        return lambda v: not isinstance(v, dict) or all(key in known for key in v)

    def k_required(self, required: list[str], schema: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, dict) or all(key in v for key in required)

    def k_propertyNames(self, names: Any, schema: dict[str, Any]) -> Check:
        sub = self.compile(names)
        return lambda v: not isinstance(v, dict) or all(sub(key) for key in v)

    def k_items(self, items: Any, schema: dict[str, Any]) -> Check:
        if "prefixItems" in schema:
            raise NoFastPath("prefixItems")
        sub = self.compile(items)
        return lambda v: not isinstance(v, list) or all(sub(item) for item in v)

    def k_minItems(self, least: int, schema: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, list) or len(v) >= least

    def k_minProperties(self, least: int, schema: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, dict) or len(v) >= least

    def k_minLength(self, least: int, schema: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= least

    def k_uniqueItems(self, unique: bool, schema: dict[str, Any]) -> Check:
        if not unique:
            return _always
        return lambda v: not isinstance(v, list) or bool(uniq(v))

    def k_enum(self, options: list[Any], schema: dict[str, Any]) -> Check:
        if all(isinstance(option, str) for option in options):
            texts = frozenset(options)
            return lambda v: isinstance(v, str) and v in texts
        return lambda v: any(equal(option, v) for option in options)

    def k_const(self, const: Any, schema: dict[str, Any]) -> Check:
        if isinstance(const, str):
            return lambda v: isinstance(v, str) and v == const
        return lambda v: bool(equal(v, const))

    def k_pattern(self, pattern: str, schema: dict[str, Any]) -> Check:
        regex = ecma(pattern)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None

    def k_minimum(self, least: Any, schema: dict[str, Any]) -> Check:
        number = _TYPES["number"]
        return lambda v: not number(v) or not v < least

    def k_maximum(self, most: Any, schema: dict[str, Any]) -> Check:
        number = _TYPES["number"]
        return lambda v: not number(v) or not v > most

    def k_if(self, condition: Any, schema: dict[str, Any]) -> Check:
        test, then = self.compile(condition), self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))
        return lambda v: then(v) if test(v) else otherwise(v)

    def k_allOf(self, schemas: list[Any], schema: dict[str, Any]) -> Check:
        return _all([self.compile(sub) for sub in schemas])

    def k_oneOf(self, schemas: list[Any], schema: dict[str, Any]) -> Check:
        checks = [self.compile(sub) for sub in schemas]
        return lambda v: sum(1 for c in checks if c(v)) == 1
