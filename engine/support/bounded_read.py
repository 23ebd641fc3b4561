"""The one way the engine reads a file it is given: a regular file, and never too much of it.

A path given to `reglament check` (or found below one) may name anything: `/dev/zero`, which
never ends; a named pipe (FIFO), whose `open()` waits for a writer forever; a file in `/proc`
whose size says 0 whatever it holds; a directory. `read_regular_file` looks at what the path
is before opening it (`os.stat`, `S_ISREG`), opens it without blocking (`O_NONBLOCK`, which a
regular file ignores), looks again at what it opened (`os.fstat`: the path may have been
swapped meanwhile), and counts the bytes as it reads, stopping one past the limit whatever the
size said. Whatever it refuses is a `FileRefused` saying why and what to do.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["MAX_FILE_BYTES", "READ_CHUNK", "FileRefused", "read_regular_file"]

#: The most bytes the engine reads of one file of specs, calendars or scenarios (1 MiB; the
#: largest regulation of the corpus is under 100 KB). `engine.spec.MAX_BYTES` is this limit.
MAX_FILE_BYTES = 1_048_576
#: Bytes asked of the system per read.
READ_CHUNK = 65_536

_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
          | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


class FileRefused(Exception):
    """A file that is not read: what it is or why not (`reason`), what to do (`hint`), and
    a short `code`: `not-a-file`, `too-large` or `io`."""

    def __init__(self, reason: str, hint: str, code: str) -> None:
        super().__init__(f"{reason} (hint: {hint})")
        self.reason = reason
        self.hint = hint
        self.code = code


def _what(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a file of an unknown type"


def _refuse_kind(mode: int) -> FileRefused:
    return FileRefused(f"not a regular file but {_what(mode)}: it is not read",
                       "give the path of a YAML file, or of a directory holding them",
                       "not-a-file")


def _too_large(limit: int, size: int | None) -> FileRefused:
    found = f"file is {size} bytes" if size is not None else f"file holds more than {limit} bytes"
    return FileRefused(f"{found}, over the limit of {limit}",
                       "split the spec; a real regulation is far smaller", "too-large")


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at `path` (symbolic links followed), at most `limit`.

    Never blocks on a pipe or a device and never reads more than `limit + 1` bytes, whatever
    `stat()` says of the size.

    Raises:
        FileRefused: for anything but a regular file, a file over `limit` bytes, or a file
            the system will not let be read.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse_kind(info.st_mode)
        if info.st_size > limit:
            raise _too_large(limit, info.st_size)
        descriptor = os.open(path, _FLAGS)
    except OSError as exc:
        raise _io_error(exc) from exc
    try:
        opened = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(opened):  # swapped for something else since the first look
            raise _refuse_kind(opened)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(READ_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _io_error(exc) from exc
    finally:
        os.close(descriptor)
    if total > limit:
        raise _too_large(limit, None)
    return b"".join(chunks)


def _io_error(exc: OSError) -> FileRefused:
    return FileRefused(f"cannot read the file: {exc.strerror or exc}",
                       "check that the path is right and the file readable", "io")
