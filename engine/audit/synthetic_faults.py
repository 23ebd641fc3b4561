"""The faults a synthetic log can carry, their rates, and which cases get them.

A fault is given as a share of the cases (`--faults late=0.05,skip=0.01`). Each case gets
at most one, drawn from the seed: of the cases a fault can happen to (`eligible`: a late
step needs a step with a limit, a refusal without a ground a path that ends in a refusal,
...), each gets it with the probability that makes the expected count the share asked of
all cases (capped at all of them). The kinds (`FAULTS`):

- `late`: a step completes past its limit, by some working minutes;
- `skip`: a step without outcomes is never done (its event is missing);
- `repeat`: a step's event is written twice (the second within the step's limit);
- `order`: two consecutive events carry each other's timestamps;
- `slow`: the case's steps of one actor are done by the slow person, each one late;
- `outcome`: a decision's event carries no outcome the step defines;
- `ground`: a reasoned refusal cites no ground;
- `term`: the case finishes past its term;
- `holiday`: not a fault: the case is received on the eve of a holiday and runs over it,
  so that counting in 24-hour days would call it late; it is on time;
- `reading`: a step limited in working days completes after its due instant under the
  elapsed reading and by the one under the civil reading: late under the elapsed reading
  only (`late_step_depends`, docs/calendar.md "Two readings of a step's day limit").
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.spec.checks import did_you_mean
from engine.spec.duration import Duration

__all__ = ["FAULTS", "FaultError", "assign", "naive_seconds", "parse_faults"]

#: Every kind of fault, in the order they are drawn; a case's fault is its position + 1.
FAULTS = ("late", "skip", "repeat", "order", "slow", "outcome", "ground", "term", "holiday",
          "reading")
#: Faults after which a case still meets its term (it is drawn again faster if not).
ON_TIME = frozenset({0, *(FAULTS.index(k) + 1 for k in ("skip", "repeat", "order", "outcome",
                                                        "ground", "holiday", "reading"))})
_NAIVE = {"min": 60, "h": 3600, "wd": 86_400, "cd": 86_400, "bd": 86_400, "mo": 30 * 86_400}


class FaultError(ValueError):
    """Fault rates that cannot be read (an unknown kind, a share outside 0..1)."""


def parse_faults(text: str | None) -> dict[str, float]:
    """`"late=0.05,skip=0.01"` as `{"late": 0.05, "skip": 0.01}`.

    Raises:
        FaultError: an item that is not KIND=SHARE, an unknown kind, a share outside 0..1
            or shares adding up to more than 1.

    Examples:
        >>> parse_faults("late=0.05, holiday=0.1")
        {'late': 0.05, 'holiday': 0.1}
        >>> parse_faults("lat=0.05")
        Traceback (most recent call last):
        ...
        engine.audit.synthetic_faults.FaultError: --faults: unknown fault "lat" (hint: did you mean "late"?)
    """
    rates: dict[str, float] = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        kind, sep, value = (part.strip() for part in item.partition("="))
        if not sep:
            raise FaultError(f'--faults: expected KIND=SHARE, e.g. "late=0.05", got "{item}"')
        if kind not in FAULTS:
            raise FaultError(f'--faults: unknown fault "{kind}" (hint: '
                             f"{did_you_mean(kind, FAULTS)})")
        try:
            share = float(value)
        except ValueError:
            raise FaultError(f'--faults: {kind}: expected a share between 0 and 1, got '
                             f'"{value}"') from None
        if not 0 <= share <= 1:
            raise FaultError(f"--faults: {kind}: expected a share between 0 and 1, got {value}")
        rates[kind] = share
    if sum(rates.values()) > 1:
        raise FaultError(f"--faults: the shares add up to {sum(rates.values()):g}, more than "
                         "all the cases (hint: each case gets one fault at most)")
    return rates


def assign(rates: dict[str, float], eligible: dict[str, npt.NDArray[np.bool_]],
           draws: npt.NDArray[np.float64], total: int) -> npt.NDArray[np.int8]:
    """Each case's fault (0: none; else the position in `FAULTS` + 1).

    Args:
        eligible: per kind, which cases it can happen to.
        draws: one uniform draw per case and kind, shape (cases, len(FAULTS)).
        total: the cases the shares are of (those of the whole chunk).
    """
    cases = draws.shape[0]
    fault = np.zeros(cases, dtype=np.int8)
    for column, kind in enumerate(FAULTS):
        share = rates.get(kind, 0.0)
        if share <= 0:
            continue
        free = eligible.get(kind, np.zeros(cases, dtype=bool)) & (fault == 0)
        count = int(free.sum())
        if count == 0:
            continue
        chance = min(1.0, share * total / count)
        fault[free & (draws[:, column] < chance)] = column + 1
    return fault


def naive_seconds(duration: Duration) -> int:
    """A limit counted naively: days of 24 hours, minutes of the clock.

    Examples:
        >>> from engine.spec.duration import parse_duration
        >>> naive_seconds(parse_duration("2 wd")), naive_seconds(parse_duration("30 min"))
        (172800, 1800)
    """
    return duration.amount * _NAIVE.get(duration.unit, 86_400)
