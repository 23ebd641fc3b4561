"""Writing the files of `reglament render`, `diagram` and `export`: whole or not at all.

Every command that writes files treats `--out` the same way (`write_output`): a missing
directory on the way to the file is created, with its parents, and each path written is
printed on standard output, one per line, nothing else, so that a script can read them.

`write_file` writes to a temporary file in the target's directory, flushes it to the disk,
then renames it over the target: a full disk, a read-only directory or a path under a regular
file leave no partial output behind (and an older file of that name as it was, whose
permissions the new one keeps; a symbolic link is followed to the file it names). A target
that exists and is not a regular file is not replaced: a directory is refused, and a device
(`/dev/null`, `/dev/stdout`, `/dev/full`) is written in place, as there is nothing to leave
half-written. Every failure is a `CommandError` of one line naming the path, with the exit
code of the commands' other failures (1).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TextIO

from commands.workspace import EXIT_FAILED, CommandError
from engine.support import replace_atomically

__all__ = ["make_directory", "names_directory", "write_file", "write_output"]


def write_output(path: Path, data: str | bytes, stdout: TextIO, *, option: str = "--out") -> None:
    """Write `data` to `path` as `write_file` does, creating the missing directories on the
    way to it, and print the path.

    Raises:
        CommandError: a directory cannot be created or the file cannot be written (exit 1).
    """
    make_directory(path.parent, parents=True, option=option)
    write_file(path, data, option=option)
    stdout.write(f"{path}\n")


def names_directory(out: str) -> bool:
    """Whether `--out OUT` names a directory: one that exists, or a path ending in a slash."""
    return out.endswith(("/", os.sep)) or Path(out).is_dir()


def write_file(path: Path, data: str | bytes, *, option: str = "--out") -> None:
    """Write `data` (text as UTF-8, newlines as given) to `path`, atomically for a regular file.

    Raises:
        CommandError: the file cannot be written (exit 1); `path` is left as it was (absent,
            or the older file), and no temporary file is left beside it.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        real = path.resolve() if path.is_symlink() else path
        mode: int | None = real.stat().st_mode
    except FileNotFoundError:
        mode = None
    except (OSError, RuntimeError) as error:  # under a regular file, a loop of links, no permission
        raise _failure(path, error, option) from None
    if mode is None:
        _write_and_rename(path, real, payload, 0o666 & ~_umask(), option)
    elif stat.S_ISDIR(mode):
        raise CommandError(f"{option}: cannot write {path}: it is a directory", EXIT_FAILED)
    elif stat.S_ISREG(mode):
        _write_and_rename(path, real, payload, stat.S_IMODE(mode), option)
    else:
        _write_in_place(path, payload, option)


def make_directory(path: Path, *, parents: bool = False, option: str = "--out") -> None:
    """Create the directory `path` (and its parents if asked); an existing one is kept.

    Raises:
        CommandError: it cannot be created (exit 1), naming the path.
    """
    try:
        path.mkdir(parents=parents, exist_ok=True)
    except FileExistsError:
        raise CommandError(f"{option}: cannot create the directory {path}: a file of that name "
                           "exists", EXIT_FAILED) from None
    except OSError as error:
        raise CommandError(f"{option}: cannot create the directory {path}: "
                           f"{error.strerror or error}", EXIT_FAILED) from None


def _write_and_rename(path: Path, real: Path, payload: bytes, mode: int, option: str) -> None:
    try:
        replace_atomically(real, payload, mode=mode, durable=True)
    except OSError as error:
        raise _failure(path, error, option) from None


def _write_in_place(path: Path, payload: bytes, option: str) -> None:
    try:
        with path.open("wb") as stream:
            stream.write(payload)
    except OSError as error:
        raise _failure(path, error, option) from None


def _failure(path: Path, error: OSError | RuntimeError, option: str) -> CommandError:
    reason = getattr(error, "strerror", None) or str(error)
    return CommandError(f"{option}: cannot write {path}: {reason}", EXIT_FAILED)


def _umask() -> int:
    """The process's umask (a new file's permissions are 0666 without it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
