"""What the command line shows on a terminal only: colour, and a progress bar on stderr.

Colour follows the conventions people expect (https://no-color.org): it is used when the
stream is a terminal, unless `NO_COLOR` is set to anything but the empty string, `TERM` is
`dumb`, or `--no-color` was given; never in a pipe or a file, so logs and golden files hold
plain text. `use_colour` decides; the check's text report paints its errors red and its
warnings yellow (`engine.verify.write_report(..., colour=True)`).

`progress` draws an activity bar on stderr while slow work runs: it appears only after a
second and only when stderr is a terminal, and is erased when the work ends, so tests, CI
logs and anything piped stay byte-identical to a run without it.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

__all__ = ["disable_colour", "progress", "use_colour"]

_state = {"disabled": False}


def disable_colour(disabled: bool) -> None:
    """Record `--no-color` for this run (every run of the command line sets it anew)."""
    _state["disabled"] = disabled


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (OSError, ValueError):  # a closed or detached stream
        return False


def use_colour(stream: TextIO, *, no_color: bool | None = None,
               environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour what is written to `stream`.

    Args:
        stream: where the text goes; only a terminal is coloured.
        no_color: `--no-color`; None takes what `disable_colour` recorded.
        environ: the environment (default `os.environ`): a non-empty `NO_COLOR` or
            `TERM=dumb` turns colour off.

    Examples:
        >>> import io
        >>> use_colour(io.StringIO())
        False
    """
    env = os.environ if environ is None else environ
    if _state["disabled"] if no_color is None else no_color:
        return False
    if env.get("NO_COLOR", "") != "" or env.get("TERM") == "dumb":
        return False
    return _is_terminal(stream)


_WIDTH = 24
_DELAY = 1.0
_TICK = 0.2


@contextmanager
def progress(label: str, stream: TextIO | None = None, *, delay: float = _DELAY,
             streaming: TextIO | None = None) -> Iterator[None]:
    """Show an activity bar labelled `label` on `stream` (stderr) while the block runs.

    Nothing is drawn when the stream is not a terminal or the block ends within `delay`
    seconds; the line is erased when it ends. A command that prints results as it goes
    names its output as `streaming`: when that is a terminal too, the results are the
    progress and no bar is drawn over them. The bar is drawn by a daemon thread that only
    writes to the terminal.
    """
    out = sys.stderr if stream is None else stream
    if not _is_terminal(out) or (streaming is not None and _is_terminal(streaming)):
        yield
        return
    stop = threading.Event()
    drawn = threading.Event()

    def draw() -> None:
        if stop.wait(delay):
            return
        tick = 0
        while not stop.is_set():
            at = tick % (2 * _WIDTH - 2)
            at = at if at < _WIDTH else 2 * _WIDTH - 2 - at
            bar = " " * at + "=" + " " * (_WIDTH - at - 1)
            seconds = int(delay + tick * _TICK)
            out.write(f"\r{label} [{bar}] {seconds} s")
            out.flush()
            drawn.set()
            tick += 1
            stop.wait(_TICK)

    thread = threading.Thread(target=draw, name="reglament-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        if drawn.is_set():
            out.write("\r\x1b[2K")
            out.flush()
