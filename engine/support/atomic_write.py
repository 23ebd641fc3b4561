"""Writing a file whole or not at all: a temporary file beside it, then a rename.

The one way the project replaces a regular file (the outputs of `reglament render`,
`diagram` and `export`; the entries of the check's cache): a failure part-way — a full
disk, a read-only directory — leaves the target as it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["replace_atomically"]


def replace_atomically(target: Path, payload: bytes, *, mode: int | None = None,
                       durable: bool = False) -> None:
    """Write `payload` to a temporary file in `target`'s directory, then rename it to `target`.

    Args:
        mode: the permissions the file gets (the temporary file's 0600 otherwise).
        durable: flush the bytes to the disk before the rename (for outputs people keep;
            a cache entry that is lost is only computed again).

    Raises:
        OSError: the file could not be written; `target` is as it was and the temporary
            file is removed.
    """
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                             suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
