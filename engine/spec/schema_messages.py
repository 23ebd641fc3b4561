"""Turn JSON Schema validation errors into messages for analysts.

jsonschema says "'403003' is not of type 'string'"; an analyst needs
"expected text, got the number 403003 (hint: quote it: "403003")" at the line of
the value. Each error becomes a located `SpecError` with a breadcrumb.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from engine.spec.duration import DurationError, parse_duration
from engine.spec.errors import SpecError, breadcrumb
from engine.spec.yamlsource import Parsed

if TYPE_CHECKING:  # jsonschema is imported only when a document has errors
    from jsonschema.exceptions import ValidationError

__all__ = ["schema_errors"]

_LANGUAGES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}
_TYPE_WORDS = {
    "string": "text", "object": "a mapping of keys", "array": "a list",
    "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "null": "nothing",
}


def schema_errors(parsed: Parsed, kind: str, errors: Iterator[ValidationError]) -> list[SpecError]:
    """Translate all validation errors of one document."""
    out: list[SpecError] = []
    for error in errors:
        out.extend(_translate(parsed, error))
    return out


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _quoted(value: str) -> str:
    """A value as a message quotes it: whole when short, its start and length when long (a
    hostile value of thousands of characters must not make a message of as many)."""
    return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}..." ({len(value)} characters)'


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    return "expected one of: " + ", ".join(options)


def _translate(parsed: Parsed, error: ValidationError) -> list[SpecError]:
    path = tuple(error.absolute_path)
    if "propertyNames" in error.absolute_schema_path and isinstance(error.instance, str):
        # the error is about a key of the mapping at `path`: point at that key
        key_path = (*path, error.instance)
        return [SpecError(parsed.location(key_path), breadcrumb(key_path, parsed.data),
                          message.message, message.code)
                for message in _translate_value(parsed, error, path)]
    return _translate_value(parsed, error, path)


def _translate_value(parsed: Parsed, error: ValidationError,
                     path: tuple[Any, ...]) -> list[SpecError]:
    crumb = breadcrumb(path, parsed.data)
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = schema.get("x-kind")
    validator = error.validator
    value = error.instance

    def located(message: str, code: str, at: tuple[Any, ...] = path, key: bool = False,
                crumb_text: str = crumb) -> SpecError:
        return SpecError(parsed.location(at, value=not key), crumb_text, message, code)

    if validator == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        extras = [k for k in value if k not in schema.get("properties", {})]
        found = []
        for extra in extras:
            hint = _suggest(extra, allowed) if allowed else "no keys are allowed here"
            if " " in extra and allowed and not any(" " in a for a in allowed):
                hint += ("; if it is part of a text in {...}, the comma before it split the "
                         "text: put the whole text in quotes")
            found.append(located(f'unknown key "{extra}" (hint: {hint})', "unknown-key",
                                 (*path, extra), key=True,
                                 crumb_text=breadcrumb((*path, extra), parsed.data)))
        return found
    if validator == "required":
        missing = str(error.message).split("'")[1] if "'" in str(error.message) else "?"
        if kind == "text" and missing in _LANGUAGES:
            message = (f"missing translation: the {_LANGUAGES[missing]} ({missing}) text "
                       f'(hint: every text needs both "kk" and "ru")')
            return [located(message, "missing-translation")]
        description = schema.get("properties", {}).get(missing, {}).get("description", "")
        hint = f'add "{missing}:"'
        if isinstance(value, dict) and value.get("kind") == "paid" and missing in ("amount", "basis"):
            hint += ', required because kind is "paid"'
        elif isinstance(value, dict) and value.get("provision") == "obtained" and missing == "from":
            hint += (', the organisation the provider obtains the document from, required because '
                     'provision is "obtained"')
        elif description:
            described = description.split(". ")[0].rstrip(".")  # the first sentence
            if described[1:2].islower():  # "What the applicant..." but not "EDS ..."
                described = described[0].lower() + described[1:]
            hint += f", {described}"
        return [located(f'missing required key "{missing}" (hint: {hint})', "missing-key")]
    if validator == "type":
        expected = error.validator_value
        names = [str(t) for t in (expected if isinstance(expected, list) else [expected])]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in names)
        hint = ""
        if kind == "duration" and isinstance(value, int | float) and not isinstance(value, bool):
            hint = f' (hint: add the unit: "{value} min", "{value} wd" ...)'
        elif expected == "string" and isinstance(value, int | float) and not isinstance(value, bool):
            hint = f' (hint: quote it: "{value}")'
        elif expected == "string" and isinstance(value, bool):
            hint = " (hint: quote it; YAML reads true/false as booleans)"
        elif expected == "boolean" and isinstance(value, str):
            hint = " (hint: write true or false)"
        elif value is None:
            hint = " (hint: write a value after the colon, or remove the key)"
        elif kind == "text" or (expected == "object" and isinstance(value, str)):
            hint = ' (hint: write the text as a mapping with "kk:" and "ru:")'
        return [located(f"expected {words}, got {_describe(value)}{hint}", "type")]
    if validator == "pattern" and isinstance(value, str):
        return [located(_pattern_message(kind, value), kind or "pattern")]
    if validator in ("enum", "const"):
        options = ([str(o) for o in error.validator_value] if validator == "enum"
                   else [str(error.validator_value)])
        message = f"expected {' or '.join(repr(o) for o in options[:1])}" if len(options) == 1 \
            else f"expected one of {', '.join(options)}"
        hint = _suggest(str(value), options) if isinstance(value, str) else "choose one of them"
        return [located(f"{message}, got {_describe(value)} (hint: {hint})", "enum")]
    if validator in ("minItems", "minProperties"):
        least = error.validator_value
        what = "item" if validator == "minItems" else "key"
        wanted = f"{least} {what}" + ("s" if least != 1 else "")
        if isinstance(value, list | dict) and value:
            return [located(f"expected at least {wanted}, got {len(value)}", "empty")]
        return [located(f"must not be empty (hint: give at least {wanted})", "empty")]
    if validator == "minLength":
        return [located("must not be empty (hint: write the text or remove the key)", "empty")]
    if validator == "uniqueItems" and isinstance(value, list):
        repeated = next((item for index, item in enumerate(value) if item in value[:index]), None)
        return [located(f"lists {_describe(repeated)} twice (hint: remove the duplicate)",
                        "duplicate")]
    if validator in ("minimum", "maximum"):
        word = "at least" if validator == "minimum" else "at most"
        return [located(f"expected {word} {error.validator_value}, got {_describe(value)}",
                        "range")]
    if validator == "oneOf" and error.context and all(
            sub.validator in ("type", "const") for sub in error.context) and any(
            sub.validator == "const" for sub in error.context):
        # a scalar of none of the forms of "a number, or the word unknown": name them all
        forms = list(dict.fromkeys(
            _TYPE_WORDS.get(str(sub.validator_value), str(sub.validator_value))
            if sub.validator == "type" else f'"{sub.validator_value}"' for sub in error.context))
        described = str(schema.get("description", "")).split(". ")[0].rstrip(".")
        hint = f" (hint: {described[0].lower()}{described[1:]})" if described else ""
        return [located(f"expected {' or '.join(forms)}, got {_describe(value)}{hint}", "type")]
    if validator == "oneOf" and error.context:
        return _translate(parsed, _branch_error(error))
    return [located(f"{error.message}", str(validator))]


def _branch_error(error: ValidationError) -> ValidationError:
    """For a failed `oneOf`, the error of the branch the author most likely meant."""
    context = list(error.context or [])
    instance = error.instance
    if isinstance(instance, dict):
        keys = set(instance)
        best_branch, best_score = None, -1
        for sub in context:
            branch_schema = error.schema["oneOf"][sub.schema_path[0]] if sub.schema_path else {}
            props = set(branch_schema.get("properties", {}))
            score = len(keys & props)
            if score > best_score:
                best_branch, best_score = sub.schema_path[0] if sub.schema_path else None, score
        branch = [sub for sub in context if sub.schema_path and sub.schema_path[0] == best_branch]
        if branch:
            return min(branch, key=lambda e: (e.validator != "additionalProperties", len(e.path)))
    # A scalar: the branch of its own type (-5 for a fee of "a number, or unknown") failed on
    # something else than its type, and that is what the author needs to hear.
    from jsonschema.exceptions import best_match  # loaded already: jsonschema found the error

    typed = [sub for sub in context if sub.validator not in ("type", "const", "enum")]
    return best_match(typed or context) or error


def _pattern_message(kind: Any, value: str) -> str:
    got = _quoted(value)
    if kind == "duration":
        try:
            parse_duration(value)
        except DurationError as exc:
            return str(exc)
        return f'expected a duration like "15 min", got {got}'
    if kind == "id":
        suggestion = "".join(c if (c.isalnum() and c.isascii()) or c in "-_" else "_"
                             for c in value.strip().lower())
        suggestion = suggestion.strip("_")[:64] or "step_1"
        if value.strip() != value and re.fullmatch(r"[a-z][a-z0-9_-]{0,63}", value.strip()):
            return (f'expected an identifier, got "{value.strip()}" with surrounding blank or '
                    f'line break (hint: write `{value.strip()}` on the key\'s own line, not as a '
                    "block | or > text)")
        return (f'expected an identifier (lower-case Latin letters, digits, "_" and "-", '
                f'starting with a letter), got {got} (hint: e.g. "{suggestion}")')
    if kind == "date":
        return f'expected a date YYYY-MM-DD, got {got} (hint: e.g. 2015-06-29)'
    if kind == "time_range":
        return (f'expected a span of local time "HH:MM-HH:MM", got {got} '
                '(hint: two digits for hours, e.g. "09:00-18:30")')
    if kind == "instant":
        return (f'expected an instant with its UTC offset, like "2016-03-18T17:00:00+06:00", '
                f'got {got} (hint: Almaty is at +06:00 before 1 March 2024, +05:00 from then)')
    if kind == "working_time":
        digits = re.match(r"[+-]?([0-9]*)", value)
        hint = " (hint: at most 9 digits)" if digits and len(digits.group(1)) > 9 else ""
        return (f'expected working time like "35 min" or "2 h" (a margin may be signed: '
                f'"-90 min"), got {got}{hint}')
    if kind == "identifier":
        return f'expected an ИИН or БИН of 12 digits, got {got} (hint: write it in quotes)'
    if kind == "register_code":
        return (f'expected the six-digit register code, got {got} '
                '(hint: e.g. "403003", in quotes)')
    if kind == "period":
        return (f"expected a year like 2016 or days like 2016-01-01..2016-06-30, got {got} "
                "(hint: the period as `reglament report --period` takes it)")
    return f"{got} does not have the expected form"
