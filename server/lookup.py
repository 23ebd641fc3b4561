"""What every route looks up: the served state, and the 404 problem of an unknown id.

An id from a URL is only ever a key looked up among the specs (or the journal's cases),
never part of a file path: `..%2F..%2Fetc%2Fpasswd` is an id like any other, and unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from fastapi import Request

from engine.spec import did_you_mean
from engine.verify import today
from server.problems import Problem
from server.state import ServerState

__all__ = ["day_of", "state_of", "unknown"]


def state_of(request: Request) -> ServerState:
    """The `ServerState` the app serves from."""
    state: ServerState = request.app.state.reglament
    return state


def unknown(noun: str, name: str, known: Iterable[str], listing: str) -> Problem:
    """The 404 problem for an unknown id, with the nearest known ones and where they are listed.

    Examples:
        >>> unknown("regulation", "x", ["y"], "/regulations").detail
        "no regulation 'x' (hint: GET /regulations lists them)"
    """
    names = set(known)
    near = did_you_mean(name, names)
    hint = near if near.startswith("did you mean") else f"GET {listing} lists them"
    return Problem(404, f"no {noun} {name!r} (hint: {hint})", kind=f"unknown-{noun}")


def day_of(on: str | None) -> dt.date:
    """The ISO date `on`, today without it ($REGLAMENT_TODAY when set); a 400 problem when
    it does not parse."""
    if on is None:
        return today()
    try:
        return dt.date.fromisoformat(on)
    except ValueError:
        raise Problem(400, f"on: expected a date like 2025-01-31, got {on!r}") from None
