"""The one reader of spec, calendar and scenario files: regular files only, never too much.

Every test that could block (a named pipe) runs the reader on a daemon thread and gives up
after a few seconds, so that a regression fails the test instead of hanging the run.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.scenarios.files import read_scenario_file
from engine.spec import MAX_BYTES, read_yaml
from engine.support import MAX_FILE_BYTES, FileRefused, bounded_read, file_digest, read_regular_file

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev are POSIX")


def within(seconds: float, call: Callable[[], Any]) -> Any:
    """What `call()` returns or raises, or a failure when it has not returned in `seconds`."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # handed back to the test below
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still reading after {seconds} s: the read blocks"
    if "error" in box:
        raise box["error"]
    return box.get("value")


def refusal(path: str | Path, limit: int = MAX_BYTES) -> FileRefused:
    with pytest.raises(FileRefused) as raised:
        within(10, lambda: read_regular_file(path, limit))
    return raised.value


def test_the_limit_is_the_loaders() -> None:
    assert MAX_BYTES == MAX_FILE_BYTES


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"kind: standard\n")
    assert read_regular_file(path, 100) == b"kind: standard\n"


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"#" * 1000)
    assert len(read_regular_file(path, 1000)) == 1000
    refused = refusal(path, 999)
    assert (refused.code, refused.reason) == ("too-large", "file is 1000 bytes, over the limit of 999")


@posix_only
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    refused = refusal(pipe)
    assert refused.code == "not-a-file"
    assert "named pipe (FIFO)" in str(refused)
    assert "hint:" in str(refused)


@posix_only
def test_a_device_is_refused() -> None:
    refused = refusal("/dev/zero")
    assert (refused.code, refused.reason) == (
        "not-a-file", "not a regular file but a character device: it is not read")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path).reason == "not a regular file but a directory: it is not read"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    refused = refusal(tmp_path / "absent.yaml")
    assert refused.code == "io"
    assert refused.reason.startswith("cannot read the file: ")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_bytes_are_counted_whatever_the_size_says() -> None:
    # a file of /proc says it is 0 bytes long, whatever it holds
    assert os.stat("/proc/self/status").st_size == 0
    refused = refusal("/proc/self/status", 16)
    assert refused.reason == "file holds more than 16 bytes, over the limit of 16"
    assert len(read_regular_file("/proc/self/status", 1_000_000)) > 16


@posix_only
def test_a_pipe_put_in_place_of_the_file_after_the_first_look_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = tmp_path / "swapped.yaml"
    os.mkfifo(pipe)
    regular = os.stat(__file__)
    real_stat = os.stat

    def first_look(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        return regular if Path(path) == pipe else real_stat(path, *args, **kwargs)

    monkeypatch.setattr(bounded_read.os, "stat", first_look)
    assert stat.S_ISREG(bounded_read.os.stat(pipe).st_mode)
    assert refusal(pipe).code == "not-a-file"  # opened without blocking, then looked at again


@posix_only
def test_the_loaders_refuse_a_pipe_with_a_located_error(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    for read in (read_yaml, read_scenario_file):
        errors = within(10, lambda read=read: read(pipe)).errors  # type: ignore[misc]
        assert [(e.location.line, e.location.col, e.code) for e in errors] == [(1, 1, "not-a-file")]
        assert str(errors[0]).startswith(f"{pipe}:1:1: not a regular file but a named pipe")


@posix_only
def test_the_digest_of_the_verdict_cache_does_not_read_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    assert within(10, lambda: file_digest(pipe)) is None
    regular = tmp_path / "f.yaml"
    regular.write_bytes(b"x")
    assert file_digest(regular) is not None
