"""The spec root: the directory of specs a file belongs to, found from the file's location.

A standard, a regulation or a scenario is read against the specs around it: a regulation
names its standard by id, an office its schedule, every term needs the calendar. One file
given alone (`reglament check FILE`, `reglament test FILE`, a pre-commit hook on the changed
files) is therefore read with the other specs of its root, which is **the nearest directory
at or above the file that holds a file named `.reglament-root` or is itself named `specs`**.
The marker is for layouts whose specs are not in a `specs/` directory; it may be empty (its
content is not read). A file with no root is read alone.

Examples:
    >>> from pathlib import Path
    >>> spec_root(Path("specs/regulations/aktobe/school-admission.yaml"))
    PosixPath('specs')
    >>> spec_root(Path("/nowhere/service.yaml")) is None
    True
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ROOT_MARKER", "spec_root"]

#: The file that makes its directory a spec root (besides being named `specs`).
ROOT_MARKER = ".reglament-root"
_ROOT_NAME = "specs"


def _is_root(directory: Path) -> bool:
    return directory.name == _ROOT_NAME or (directory / ROOT_MARKER).is_file()


def spec_root(path: str | Path) -> Path | None:
    """The spec root of `path` (a file, or a directory: itself counts), or None.

    The root is given as the path was: relative to the working directory when the path
    is relative (so located messages keep the paths a user typed), absolute otherwise.
    """
    given = Path(path)
    resolved = given.resolve()
    start = resolved if resolved.is_dir() else resolved.parent
    for directory in (start, *start.parents):
        if _is_root(directory):
            if given.is_absolute():
                return directory
            return Path(os.path.relpath(directory))
    return None
