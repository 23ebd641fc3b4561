"""Where the test data and the reference specs are, and broken specs made on the fly.

Broken specs that are too big to commit (over `MAX_BYTES`, or with more nodes than
`MAX_NODES`) are generated here, for the golden test and the CLI test alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from engine.spec import MAX_BYTES, MAX_NODES

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "specs"
DATA = ROOT / "tests" / "data"
#: One broken spec per error kind (a file, or a folder for cross-file errors), each with
#: `<name>.expected` beside it: the complete list of messages, one per line.
INVALID = DATA / "invalid"
#: Valid specs of the tests' own: trimmed copies of the reference specs (the bases of the
#: broken ones, with line numbers that stay put) and the standard the trimmed regulation needs.
VALID = DATA / "valid"
VALID_STANDARD = VALID / "standards" / "preschool-queue.yaml"
VALID_REGULATION = VALID / "regulations" / "aktobe-school-admission.yaml"
VALID_SCHOOL_STANDARD = VALID / "standards" / "school-admission.yaml"
#: The reference specs the loader was built around.
REFERENCE_STANDARD = SPECS / "standards" / "preschool-queue.yaml"
REFERENCE_REGULATION = SPECS / "regulations" / "aktobe" / "school-admission.yaml"


def school_admission_standard() -> Path:
    """The standard the reference regulation implements: the corpus's, else a stand-in."""
    corpus = SPECS / "standards" / "school-admission.yaml"
    return corpus if corpus.exists() else VALID_SCHOOL_STANDARD


def reference_specs() -> list[Path]:
    """The reference standard and regulation, with the standard the regulation needs."""
    return [REFERENCE_STANDARD, REFERENCE_REGULATION, school_admission_standard()]


def _oversized() -> bytes:
    spec = VALID_STANDARD.read_bytes()  # stable: the golden message gives the size
    padding = b"# padding, to push the file over the size limit\n"
    return spec + padding * ((MAX_BYTES - len(spec)) // len(padding) + 1)


def _too_many_nodes() -> bytes:
    return (b"# Broken on purpose: a list with more items than any spec could hold.\n"
            b"kind: standard\nid: many\nitems: [" + b"0, " * MAX_NODES + b"0]\n")


#: Broken specs generated at test time: file name -> its bytes.
GENERATED: dict[str, Callable[[], bytes]] = {
    "oversized.yaml": _oversized,
    "too-many-nodes.yaml": _too_many_nodes,
}


def invalid_cases() -> list[str]:
    """Names of the committed broken specs (files and folders) and the generated ones."""
    committed = [p.name for p in INVALID.iterdir() if p.suffix == ".yaml" or p.is_dir()]
    return sorted([*committed, *GENERATED])


def expected_file(case: str) -> Path:
    """The golden file of a broken spec: `name.expected` beside `name.yaml` or `name/`."""
    return INVALID / f"{case.removesuffix('.yaml')}.expected"


def materialise(case: str, tmp_path: Path) -> Path:
    """The folder to run a case from: `INVALID`, or `tmp_path` holding a generated file."""
    if case in GENERATED:
        (tmp_path / case).write_bytes(GENERATED[case]())
        return tmp_path
    return INVALID
