"""Every minute of receipt of some days, held by the few minutes where the slack can turn.

A path in minutes or hours is checked on every minute of the reception windows of its
representative days (`engine.verify.day_patterns`). Its steps' end and its term's end are
non-decreasing functions of the moment of receipt made of pieces of slope 1 or 0
(`engine.verify.pieces`), and so is a composition of them: on a stretch of minutes where
every function composed stays on one piece, both ends are affine in the moment, and so is
the slack between them. An affine function of the minutes of a stretch takes its least
value, and first, at the stretch's first or last minute. `Points` keeps such minutes: the
first and last minute of every window to begin with; then, for each function composed on
what the earlier ones made of the points, every minute where it may change piece within a
stretch (`StepFunction.breaks`, pulled back to moments of receipt through the slope-1 piece
the stretch is on) with the minute before and after it. Between two consecutive points the
function then stays on one piece (it changes between a minute and the next only around a
break, and both are points), which `refine` checks again on the points themselves.

So the earliest moment of least slack over every minute of the windows is among the points:
any other minute lies strictly inside a stretch between two points on which the slack is
affine, and one of the two ends is as small and earlier, or smaller.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.verify.pieces import Beyond, StepFunction

__all__ = ["MINUTE", "Points", "refine"]

Int64Array = npt.NDArray[np.int64]
MINUTE = 60


@dataclass(frozen=True)
class Points:
    """Moments of receipt (ascending), the window each is in, and what the steps composed
    so far make of each (the moments themselves before any step)."""

    moments: Int64Array
    windows: Int64Array
    values: Int64Array

    @classmethod
    def of_windows(cls, starts: Int64Array, ends: Int64Array) -> Points:
        """The first and the last minute of each window [start, end)."""
        last = ends - MINUTE
        moments = np.stack([starts, last], axis=1).reshape(-1)
        windows = np.repeat(np.arange(starts.size, dtype=np.int64), 2)
        keep = np.r_[True, moments[1:] != moments[:-1]]
        return cls(moments[keep], windows[keep], moments[keep])

    def restart(self) -> Points:
        """The same moments, with nothing composed yet."""
        return Points(self.moments, self.windows, self.moments)


def _stretches(points: Points, piece: Int64Array) -> Int64Array:
    """The stretches (between point i and i + 1) whose function changes piece while the
    composition so far moves at slope 1; `Beyond` when the composition so far is not affine
    on a stretch (it always is: the pieces of the earlier functions hold)."""
    moments, values = points.moments, points.values
    apart = np.diff(moments)
    moved = np.diff(values)
    inside = (points.windows[1:] == points.windows[:-1]) & (apart > MINUTE)
    sloped = moved == apart
    if not (sloped | (moved == 0) | ~inside).all():
        raise Beyond
    return np.flatnonzero(inside & sloped & (piece[1:] != piece[:-1]))


def refine(points: Points, step: StepFunction) -> Points:
    """`points` with the minutes where `step` may change piece added, and `step` composed."""
    ends, piece = step.pieces(points.values)
    broken = _stretches(points, piece)
    if broken.size == 0:
        return Points(points.moments, points.windows, ends)
    moments, values = points.moments, points.values
    low, high = values[broken], values[broken + 1]
    owners, found = step.breaks(piece[broken], piece[broken + 1], low, high)
    moment: Int64Array = moments[broken][owners] + (found - low[owners])
    added: Int64Array = np.concatenate([moment - MINUTE, moment, moment + MINUTE])
    owners = np.concatenate([owners, owners, owners])
    keep = (added > moments[broken][owners]) & (added < moments[broken + 1][owners])
    added, owners = added[keep], owners[keep]
    order = np.argsort(added, kind="stable")
    added, owners = added[order], owners[order]
    fresh = np.r_[True, added[1:] != added[:-1]]
    added, owners = added[fresh], owners[fresh]
    composed: Int64Array = values[broken][owners] + (added - moments[broken][owners])
    new_ends, new_piece = step.pieces(composed)
    merged = np.concatenate([moments, added])
    order = np.argsort(merged, kind="stable")
    result = Points(merged[order],
                    np.concatenate([points.windows, points.windows[broken][owners]])[order],
                    np.concatenate([values, composed])[order])
    if _stretches(result, np.concatenate([piece, new_piece])[order]).size:
        raise Beyond  # a break was missed: never, by the argument above; compose it all
    return Points(result.moments, result.windows,
                  np.concatenate([ends, new_ends])[order])
