"""The JSON Schema (draft 2020-12) of every spec kind, and validation against it.

The schema is kept as data in `engine/spec/schemas/*.json`, one fragment per kind plus
shared definitions; `bundle()` joins them into the single document that
`reglament schema` prints and `engine/spec/reglament.schema.json` holds for editors.
Validation errors are translated into messages for people by
`engine.spec.schema_messages`; the compiled test that answers first for valid specs is
`engine.spec.schema_compiler`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.spec.schema_compiler import Check, NoFastPath, compile_check, pattern_keyword

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
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
    if ref.startswith("calendar.json#/$defs/"):  # the schedules kind shares the calendar's
        return "#/$defs/calendar_" + ref.removeprefix("calendar.json#/$defs/")
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
def strict_validator_class() -> type[Draft202012Validator]:
    """jsonschema's draft 2020-12 validator with ECMA-262's `$` in patterns.

    Imported when first needed: a valid spec is answered by the compiled test alone, and
    `reglament check` of valid specs never loads jsonschema (issue 19).
    """
    from jsonschema import Draft202012Validator, validators

    strict: type[Draft202012Validator] = validators.extend(Draft202012Validator,
                                                            {"pattern": pattern_keyword})
    return strict


class Validator:
    """A validator of one kind: jsonschema's, behind a compiled test of validity.

    Nearly every spec is valid, and jsonschema takes tens of milliseconds to say so for
    a regulation. `valid` answers the same question exactly (`compile_check` in
    `engine.spec.schema_compiler`) in a fraction of that; only a spec it finds invalid is
    walked by jsonschema, whose errors are the ones reported. Everything else is the
    jsonschema validator's, made when first asked for.
    """

    def __init__(self, schema: dict[str, Any], valid: Check | None) -> None:
        self.schema = schema
        self.valid = valid
        self._validator: Draft202012Validator | None = None

    @property
    def validator(self) -> Draft202012Validator:
        """jsonschema's validator of this kind."""
        if self._validator is None:
            self._validator = strict_validator_class()(self.schema)
        return self._validator

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
    try:
        valid: Check | None = compile_check(schema)
    except NoFastPath:  # a keyword the compiler does not know: jsonschema alone
        valid = None
    return Validator(schema, valid)
