"""Property: whatever the bytes, the loader answers with a spec or with located errors.

Random text and bytes, random edits of the reference specs (lines deleted, duplicated,
swapped, re-indented, values replaced, characters inserted, truncation), random
changes of their data tree, and (d) changes of the structure of every real spec made
with the grammar of YAML (`fuzz_mutations`: keys, tags, escapes, durations, loops, huge
numbers, the hours of schedules files) all go
through `read_document_bytes` and `check_paths`: the only outcomes allowed are a document
without errors (which then builds into the model) or a list of `SpecError`s located in the
file. An exception escaping is a bug. Runs are derandomized, so a failure reproduces.
"""

from __future__ import annotations

import re
import string
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.calendar import calendar_errors, read_schedule_set
from engine.corpus import check_paths
from engine.spec import BUILDERS, KINDS, Document, SpecError, read_document_bytes
from tests.engine.fuzz_grammar import SCHEDULES, assert_inside
from tests.engine.fuzz_mutations import mutated_specs
from tests.specdata import (
    REFERENCE_REGULATION,
    REFERENCE_STANDARD,
    VALID_REGULATION,
    VALID_SCHOOL_STANDARD,
    VALID_STANDARD,
    school_admission_standard,
)

#: Cheap examples (one short parse) and expensive ones (schema validation of a whole spec and
#: a corpus check, ~0.1 s each): together well under 30 s.
FUZZ = settings(max_examples=200, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FUZZ_SPECS = settings(FUZZ, max_examples=30)
#: The reference specs and their trimmed copies (smaller, so cheaper to mutate).
BASES = [pytest.param(REFERENCE_STANDARD, id="reference-standard"),
         pytest.param(REFERENCE_REGULATION, id="reference-regulation"),
         pytest.param(VALID_STANDARD, id="trimmed-standard"),
         pytest.param(VALID_REGULATION, id="trimmed-regulation"),
         pytest.param(Path(__file__).parents[1] / "calendar" / "authored-offices.yaml",
                      id="schedules")]
NAME = "fuzzed.yaml"

#: Characters that matter to YAML and to our reader, mixed with ordinary letters.
_SPECIAL = list(":-[]{}&*!|>'\"#%@`,?~<= \n\t\r\x00\x0c\x7f\ufeff\u0085\u2028\ufffe")
_LETTERS = list(string.ascii_letters + string.digits + "кеңсеәіңғүұқөһ" + "eiəa")
YAMLISH = st.text(alphabet=st.sampled_from(_SPECIAL + _LETTERS), max_size=200)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**12), st.floats(allow_nan=True),
    st.text(max_size=30), YAMLISH.map(lambda s: s[:30]),
    st.sampled_from(["15 min", "1 day", "2024-02-30", "2015-07-26", "18:30", "no", "0123",
                     "refusal", "result", "decision", "condition", "process", "task", "",
                     "requirements_not_met", "court_ban", "portal", "gov_corp", "executor",
                     "head", "register", "review", "standard", "regulation", "calendar",
                     "x" * 70]),
)


def assert_located(document: Document, name: str) -> None:
    """The property: no errors and a model that builds, or errors located in the file."""
    for error in document.errors:
        assert isinstance(error, SpecError)
        assert error.location.path == name
        assert error.location.line >= 0
        assert error.location.col >= 0
        assert error.message
        assert str(error).startswith(f"{name}:")
        assert "\n" not in str(error)
    if not document.errors:
        assert document.kind in KINDS
        if document.kind in BUILDERS:
            BUILDERS[document.kind](document.parsed)
    if not document.blocking and document.kind in ("calendar", "schedules"):
        # what `check_paths` does next with them: the calendar's and the offices' own checks
        found = calendar_errors(document) if document.kind == "calendar" \
            else read_schedule_set(document)[1]
        for error in found:
            assert isinstance(error, SpecError)
            assert str(error).startswith(f"{name}:")


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    # hypothesis re-runs the test body; a function-scoped tmp_path would be shared anyway
    with tempfile.TemporaryDirectory(prefix="reglament-fuzz-") as name:
        yield Path(name)


def _companion(base: Path) -> Path:
    """The standard a mutated spec is checked beside (a regulation's own standard)."""
    return VALID_SCHOOL_STANDARD if base.is_relative_to(VALID_STANDARD.parents[1]) \
        else school_admission_standard()


def assert_corpus_never_raises(workdir: Path, raw: bytes, base: Path) -> None:
    """`check_paths` on the file and a standard beside it: located errors, never an exception.

    `check_paths` reads, checks and builds the file, so this is the property of
    `assert_located` too, plus the cross-file checks.
    """
    (workdir / NAME).write_bytes(raw)
    (workdir / "companion.yaml").write_bytes(_companion(base).read_bytes())
    result = check_paths([workdir])
    for error in result.errors:
        assert error.location.path in (str(workdir / NAME), str(workdir / "companion.yaml")), error
        assert error.location.line >= 0
        assert error.location.col >= 0
        assert str(error).startswith(error.location.path)


# (a) random input ------------------------------------------------------------------------


@FUZZ
@given(st.one_of(st.text(max_size=300), YAMLISH))
def test_random_text(text: str) -> None:
    assert_located(read_document_bytes(text.encode("utf-8", errors="surrogatepass"), NAME), NAME)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(raw: bytes) -> None:
    assert_located(read_document_bytes(raw, NAME), NAME)


@FUZZ
@given(st.binary(max_size=40), st.sampled_from(["standard", "regulation"]))
def test_random_bytes_after_a_valid_start(raw: bytes, kind: str) -> None:
    assert_located(read_document_bytes(f"kind: {kind}\nid: x\n".encode() + raw, NAME), NAME)


# (b) line-level mutations of the reference specs -----------------------------------------


def _mutate(data: st.DataObject, text: str) -> str:
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        operation = data.draw(st.sampled_from(["delete", "duplicate", "swap", "indent",
                                               "dedent", "replace", "insert", "truncate"]))
        if operation == "delete":
            del lines[i]
        elif operation == "duplicate":
            lines.insert(i, lines[i])
        elif operation == "swap":
            j = data.draw(st.integers(0, len(lines) - 1), label="other line")
            lines[i], lines[j] = lines[j], lines[i]
        elif operation == "indent":
            lines[i] = " " * data.draw(st.integers(1, 4)) + lines[i]
        elif operation == "dedent":
            lines[i] = lines[i][data.draw(st.integers(1, 4)):]
        elif operation == "replace" and ": " in lines[i]:
            key = lines[i].split(": ", 1)[0]
            value = data.draw(st.one_of(YAMLISH, st.sampled_from(
                ["15 min", "1 day", "2024-02-30", '"2024-02-30"', "'0123'", "[]", "{}", "~",
                 "[a, b]", "{kk: а}", "&a x", "*a", "!!binary aGk=", "|", ">-", "- x"])))
            lines[i] = f"{key}: {value.replace(chr(10), ' ')}"
        elif operation == "insert":
            at = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + data.draw(YAMLISH.map(lambda s: s[:5])) + lines[i][at:]
        elif operation == "truncate":
            joined = "\n".join(lines)
            cut = data.draw(st.integers(0, len(joined)))
            lines = joined[:cut].split("\n")
    return "\n".join(lines)


@pytest.mark.parametrize("base", BASES)
@FUZZ_SPECS
@given(data=st.data())
def test_mutated_reference_specs(workdir: Path, base: Path, data: st.DataObject) -> None:
    raw = _mutate(data, base.read_text(encoding="utf-8")).encode()
    assert_corpus_never_raises(workdir, raw, base)


# (c) changes of the data tree, dumped back to YAML ---------------------------------------


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(_paths(item, (*path, index)))
    return found


DATES = st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(1990, 2040), st.integers(0, 13),
                  st.integers(0, 32))
DURATIONS = st.builds("{} {}".format, st.integers(-1, 10**7),
                      st.sampled_from(["min", "h", "wd", "cd", "day", "minutes", "d", "WD"]))


def _near(data: st.DataObject, value: Any, tree: Any) -> Any:
    """A value like `value`: another date, duration or number, or another text of the spec."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return data.draw(DATES, label="date")
    if isinstance(value, str) and re.fullmatch(r"[0-9]+ [a-z]+", value):
        return data.draw(DURATIONS, label="duration")
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return data.draw(st.integers(-2, 10**9), label="number")
    texts = sorted({v for v in _leaves(tree) if isinstance(v, str) and len(v) < 40})
    return data.draw(st.sampled_from(texts), label="other text") if texts else value


def _leaves(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for item in node:
            yield from _leaves(item)
    else:
        yield node


def _groups(tree: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Paths of the tree (but its root) by what they hold: dates, durations, other leaves, nodes."""
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for path in _paths(tree)[1:]:
        node = tree
        for part in path:
            node = node[part]
        if isinstance(node, dict | list):
            group = "node"
        elif isinstance(node, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", node):
            group = "date"
        elif isinstance(node, str) and re.fullmatch(r"[0-9]+ [a-z]+", node):
            group = "duration"
        else:
            group = "leaf"
        groups.setdefault(group, []).append(path)
    return groups


def _change(data: st.DataObject, tree: Any) -> Any:
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        groups = _groups(tree)
        if not groups:
            break
        # choose the kind of element first, so that the few dates and durations get their share
        group = data.draw(st.sampled_from(sorted(groups)), label="group")
        path = data.draw(st.sampled_from(groups[group]), label="path")
        parent = tree
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        operation = data.draw(st.sampled_from(["near", "near", "replace", "delete", "add",
                                               "empty"]))
        if operation == "near":
            parent[last] = _near(data, parent[last], tree)
        elif operation == "replace":
            parent[last] = data.draw(SCALARS)
        elif operation == "delete":
            del parent[last]
        elif operation == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["id", "next", "ends", "outcomes", "kind", "zz",
                                              "refusal_grounds", "duration", "number", "title",
                                              "valid_to", "channels", "unbounded"]))] = \
                data.draw(SCALARS)
        elif operation == "empty":
            parent[last] = data.draw(st.sampled_from([[], {}, [{}], {"kk": "а"}]))
    return tree


@pytest.mark.parametrize("base", BASES[2:])  # the trimmed copies: the same paths, faster
@settings(FUZZ, max_examples=50)
@given(data=st.data())
def test_changed_data_of_the_reference_specs(workdir: Path, base: Path,
                                             data: st.DataObject) -> None:
    tree = _change(data, read_document_bytes(base.read_bytes(), NAME).data)
    raw = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode()
    assert_located(read_document_bytes(raw, NAME), NAME)
    assert_corpus_never_raises(workdir, raw, base)


# (d) the structure of every real spec, changed with the grammar of YAML ------------------

#: The most one document may take to be read, checked and built (a real spec takes < 0.1 s).
SECONDS_PER_DOCUMENT = 5.0


def _assert_grammar_mutation(text: str) -> None:
    started = time.monotonic()
    document = read_document_bytes(text.encode("utf-8", errors="surrogatepass"), NAME)
    assert_located(document, NAME)
    assert time.monotonic() - started < SECONDS_PER_DOCUMENT
    assert_inside(document, text)


@settings(FUZZ, max_examples=150)
@given(mutated_specs())
def test_grammar_mutations_of_real_specs(case: tuple[str, str]) -> None:
    _assert_grammar_mutation(case[1])


@settings(FUZZ, max_examples=60)
@given(mutated_specs(SCHEDULES))
def test_grammar_mutations_of_schedules(case: tuple[str, str]) -> None:
    # issue 18: the offices' own hours (`kind: schedules`, issue 16) with their spans, weekdays,
    # weeks and intakes changed, tags and huge numbers among them
    _assert_grammar_mutation(case[1])
