"""A schema compiled into Python source: one function that answers exactly as jsonschema does.

`engine.spec.schema.validator_for` asks this test first: nearly every spec is valid, and
jsonschema takes tens of milliseconds to say so for a regulation (and about as long to be
imported). `compile_check` writes one Python function per subschema, each keyword inlined
as jsonschema's draft 2020-12 implementation decides it (types as its type checker, `equal`
and `uniq` for enum, const and uniqueItems, ECMA-262's `$` in patterns: `ecma`), and
compiles them together. A construct it does not know raises `NoFastPath`, and then
jsonschema alone validates: there is no fast path then, never a different answer.

The answer is exact both ways, not merely safe one way: a subschema's test is negated
inside `oneOf` and `if`, so a test stricter than jsonschema would accept there what
jsonschema rejects. `tests/engine/test_schema_compiler.py` holds the two to the same
answers on every YAML file of the repository and on mutated documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from numbers import Number
from typing import Any

__all__ = ["KEYWORDS", "Check", "NoFastPath", "compile_check", "ecma", "pattern_keyword"]

#: A compiled test of validity: True exactly when jsonschema finds no error.
Check = Callable[[Any], bool]


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
        from jsonschema.exceptions import ValidationError

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


class NoFastPath(Exception):
    """A schema construct the compiler does not translate; jsonschema alone validates it."""


#: Keywords that only annotate: jsonschema asserts nothing for them.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description",
                          "x-kind", "default", "examples", "deprecated", "then", "else"})
#: The asserting keywords compiled, each as jsonschema's Draft202012Validator implements it
#: (`pattern` as `pattern_keyword`): a test holds the strict validator to that.
KEYWORDS = frozenset({"$ref", "type", "properties", "additionalProperties", "required",
                      "propertyNames", "minProperties", "items", "minItems", "uniqueItems",
                      "minLength", "pattern", "enum", "const", "minimum", "maximum", "if",
                      "allOf", "anyOf", "oneOf"})
#: Each JSON type as jsonschema's draft 2020-12 type checker decides it, on a value `{}`.
_TYPES = {
    "object": "isinstance({}, dict)",
    "array": "isinstance({}, list)",
    "string": "isinstance({}, str)",
    "boolean": "isinstance({}, bool)",
    "null": "{} is None",
    "integer": "(isinstance({0}, int) and not isinstance({0}, bool) "
               "or isinstance({0}, float) and {0}.is_integer())",
    "number": "(isinstance({0}, Number) and not isinstance({0}, bool))",
}
#: The keywords that assert only on one type, and the test of that type.
_APPLIES_TO = {
    **dict.fromkeys(("properties", "additionalProperties", "required", "propertyNames",
                     "minProperties"), "object"),
    **dict.fromkeys(("items", "minItems", "uniqueItems"), "array"),
    **dict.fromkeys(("minLength", "pattern"), "string"),
    **dict.fromkeys(("minimum", "maximum"), "number"),
}


def _equal(one: Any, two: Any) -> bool:
    from jsonschema._utils import equal  # only for enum and const of other values than text

    return bool(equal(one, two))


def _unique(items: list[Any]) -> bool:
    if all(isinstance(item, str) for item in items):
        return len(set(items)) == len(items)  # what jsonschema's `uniq` finds for texts
    from jsonschema._utils import uniq

    return bool(uniq(items))


def _always(_: Any) -> bool:
    return True


class _Source:
    """The functions of one schema's subschemas, as Python source, and the values they use."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.names: dict[int, str] = {}
        self.following: set[int] = set()  # references alone being followed
        self.functions: list[str] = []
        self.values: dict[str, Any] = {"Number": Number, "_equal": _equal, "_unique": _unique}
        #: The tables of `properties`: each property's function, by name until compiled.
        self.tables: dict[str, dict[str, str]] = {}

    def value(self, value: Any) -> str:
        name = f"_v{len(self.values)}"
        self.values[name] = value
        return name

    def function(self, schema: Any) -> str:
        """The name of the function `name(v) -> bool` testing `schema` (written once)."""
        if schema is True or schema == {}:
            return "_always"
        if id(schema) in self.names:
            return self.names[id(schema)]
        if isinstance(schema, dict) and set(schema) - _ANNOTATIONS == {"$ref"}:
            if id(schema) in self.following:
                raise NoFastPath("a $ref that leads back to itself")
            self.following.add(id(schema))
            self.names[id(schema)] = self.target(schema["$ref"])
            return self.names[id(schema)]  # a reference alone: the definition's own function
        name = f"_s{len(self.names)}"
        self.names[id(schema)] = name  # before the body: a recursive definition calls it
        body = self.body(schema)
        self.functions.append("\n".join([f"def {name}(v):", *(f"    {line}" for line in body)]))
        return name

    def body(self, schema: Any) -> list[str]:
        if schema is False:
            return ["return False"]
        if not isinstance(schema, dict):
            raise NoFastPath(f"schema {schema!r}")
        unknown = [k for k in schema if k not in KEYWORDS and k not in _ANNOTATIONS]
        if unknown:
            raise NoFastPath(f"keyword {unknown[0]!r}")
        lines: list[str] = []
        if "type" in schema:
            names = [schema["type"]] if isinstance(schema["type"], str) else list(schema["type"])
            if not names or any(not isinstance(n, str) or n not in _TYPES for n in names):
                raise NoFastPath(f"type {schema['type']!r}")
            lines.append(f"if not ({' or '.join(_TYPES[n].format('v') for n in names)}): "
                         "return False")
        known = [schema["type"]] if isinstance(schema.get("type"), str) else []
        for kind in ("object", "array", "string", "number"):
            group = [k for k in schema if _APPLIES_TO.get(k) == kind]
            if not group:
                continue
            inner = [line for k in group for line in getattr(self, f"k_{k}")(schema[k], schema)]
            if not inner:
                continue
            if known == [kind] or (kind == "number" and known == ["integer"]):
                lines.extend(inner)  # the type was tested above
            else:
                lines.append(f"if {_TYPES[kind].format('v')}:")
                lines.extend(f"    {line}" for line in inner)
        for keyword in schema:
            if keyword not in _APPLIES_TO and keyword != "type" and keyword not in _ANNOTATIONS:
                lines.extend(getattr(self, "k_" + keyword.lstrip("$"))(schema[keyword], schema))
        return [*lines, "return True"]

    def target(self, ref: Any) -> str:
        """The function of the definition `ref` points at (`#/$defs/<name>` only)."""
        name = ref.removeprefix("#/$defs/") if isinstance(ref, str) else ""
        if not name or name == ref or "/" in name or "~" in name or "%" in name \
                or name not in self.root.get("$defs", {}):
            raise NoFastPath(f"$ref {ref!r}")
        return self.function(self.root["$defs"][name])

    def k_ref(self, ref: Any, schema: dict[str, Any]) -> list[str]:
        return [f"if not {self.target(ref)}(v): return False"]

    def k_properties(self, properties: dict[str, Any], schema: dict[str, Any]) -> list[str]:
        if "patternProperties" in schema:
            raise NoFastPath("patternProperties")
        table = f"_t{len(self.tables)}"
        self.tables[table] = {}  # named before its subschemas, which may hold tables too
        self.tables[table].update((key, self.function(sub)) for key, sub in properties.items())
        extra = schema.get("additionalProperties", True)
        if extra is True or extra == {}:
            missing = ["    continue"]
        elif extra is False:
            missing = ["    return False"]
        else:
            missing = [f"    if not {self.function(extra)}(x): return False", "    continue"]
        return ["for k, x in v.items():", f"    f = {table}.get(k)", "    if f is None:",
                *(f"    {line}" for line in missing), "    if not f(x): return False"]

    def k_additionalProperties(self, extra: Any, schema: dict[str, Any]) -> list[str]:
        if "properties" in schema:
            return []  # compiled with them
        if extra is False:
            return ["if v: return False"]
        if extra is True or extra == {}:
            return []
        return ["for x in v.values():", f"    if not {self.function(extra)}(x): return False"]

    def k_required(self, required: list[str], schema: dict[str, Any]) -> list[str]:
        if not all(isinstance(key, str) for key in required):
            raise NoFastPath("required")
        return [f"if {key!r} not in v: return False" for key in required]

    def k_propertyNames(self, names: Any, schema: dict[str, Any]) -> list[str]:
        return ["for k in v:", f"    if not {self.function(names)}(k): return False"]

    def k_minProperties(self, least: int, schema: dict[str, Any]) -> list[str]:
        return [f"if len(v) < {self.value(least)}: return False"]

    def k_items(self, items: Any, schema: dict[str, Any]) -> list[str]:
        if "prefixItems" in schema:
            raise NoFastPath("prefixItems")
        return ["for x in v:", f"    if not {self.function(items)}(x): return False"]

    def k_minItems(self, least: int, schema: dict[str, Any]) -> list[str]:
        return [f"if len(v) < {self.value(least)}: return False"]

    def k_uniqueItems(self, unique: bool, schema: dict[str, Any]) -> list[str]:
        return ["if not _unique(v): return False"] if unique else []

    def k_minLength(self, least: int, schema: dict[str, Any]) -> list[str]:
        return [f"if len(v) < {self.value(least)}: return False"]

    def k_pattern(self, pattern: str, schema: dict[str, Any]) -> list[str]:
        return [f"if {self.value(ecma(pattern))}.search(v) is None: return False"]

    def k_minimum(self, least: Any, schema: dict[str, Any]) -> list[str]:
        return [f"if v < {self.value(least)}: return False"]

    def k_maximum(self, most: Any, schema: dict[str, Any]) -> list[str]:
        return [f"if v > {self.value(most)}: return False"]

    def k_enum(self, options: list[Any], schema: dict[str, Any]) -> list[str]:
        if all(isinstance(option, str) for option in options):
            return [f"if not isinstance(v, str) or v not in {self.value(frozenset(options))}: "
                    "return False"]
        return [f"if not any(_equal(o, v) for o in {self.value(list(options))}): return False"]

    def k_const(self, const: Any, schema: dict[str, Any]) -> list[str]:
        if isinstance(const, str):
            return [f"if v != {const!r}: return False"]  # jsonschema's `equal` with a text
        return [f"if not _equal(v, {self.value(const)}): return False"]

    def k_if(self, condition: Any, schema: dict[str, Any]) -> list[str]:
        test = self.function(condition)
        then, otherwise = self.function(schema.get("then", True)), self.function(schema.get("else", True))
        return [f"if {test}(v):", f"    if not {then}(v): return False",
                f"elif not {otherwise}(v): return False"]

    def k_allOf(self, schemas: list[Any], schema: dict[str, Any]) -> list[str]:
        return [f"if not {self.function(sub)}(v): return False" for sub in schemas]

    def k_anyOf(self, schemas: list[Any], schema: dict[str, Any]) -> list[str]:
        return [f"if not ({' or '.join(f'{self.function(sub)}(v)' for sub in schemas)}): "
                "return False"]

    def k_oneOf(self, schemas: list[Any], schema: dict[str, Any]) -> list[str]:
        # Each test is a bool; their sum counts the subschemas that hold.
        return [f"if ({' + '.join(f'{self.function(sub)}(v)' for sub in schemas)}) != 1: "
                "return False"]


def compile_check(schema: dict[str, Any]) -> Check:
    """The test of validity of `schema` (whose `$ref`s point into its own `$defs`).

    Raises:
        NoFastPath: for a construct the compiler does not translate.
    """
    source = _Source(schema)
    entry = source.function(schema)
    namespace: dict[str, Any] = {**source.values, "_always": _always}
    exec(compile("\n\n".join(source.functions), f"<schema {schema.get('$ref', '')}>", "exec"),
         namespace)
    for table, functions in source.tables.items():
        namespace[table] = {key: namespace[name] for key, name in functions.items()}
    check: Check = namespace[entry]
    return check
