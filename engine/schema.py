"""The JSON Schema (draft 2020-12) of every spec kind, and validation against it.

The schema is kept as data in `engine/schemas/*.json`, one fragment per kind plus
shared definitions; `bundle()` joins them into the single document that
`reglament schema` prints and `engine/reglament.schema.json` holds for editors.
Validation errors are translated into messages for people by
`engine.schema_messages`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

__all__ = ["BUNDLE_PATH", "KINDS", "bundle", "bundle_text", "validator_for"]

_FRAGMENTS = Path(__file__).with_name("schemas")
#: The bundled schema, committed so that editors can reference it by path.
BUNDLE_PATH = Path(__file__).with_name("reglament.schema.json")
#: Document kinds, each with its fragment in `engine/schemas/<kind>.json`.
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


@cache
def validator_for(kind: str) -> Draft202012Validator:
    """A validator of one document kind against its branch of the bundle."""
    whole = bundle()
    schema = {"$schema": whole["$schema"], "$ref": f"#/$defs/{kind}", "$defs": whole["$defs"]}
    strict: Draft202012Validator = _Strict(schema)
    return strict
