"""A verdict on one path: fits, exceeds, depends on the reading, or cannot be verified.

A verdict names what it rests on: the reading of the steps' day limits (`civil`,
`elapsed`, or both), the week the term's days are counted on and the weeks of the
steps, and every assumption made for steps of information systems without a limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from engine.calendar import LEGAL_WEEK
from engine.process.paths import Path
from engine.spec.duration import Duration
from engine.spec.errors import Location
from engine.verify.worst_case import Worst, show

__all__ = ["READINGS", "Reading", "Status", "Verdict"]

#: ok: fits on every receipt; exceeded: late on some receipt under every reading checked;
#: depends: late under the civil reading of the day limits, in time under the elapsed one;
#: unverifiable: a step of a person has no limit; uncovered: the calendar lacks the years.
Status = Literal["ok", "exceeded", "depends", "unverifiable", "uncovered"]
Reading = Literal["civil", "elapsed", "both"]

#: The two readings of a step limited to N working days, as reports word them.
READINGS = {
    "civil": "civil reading: a step of N wd ends at the close of business of the N-th working "
             "day after the day it starts",
    "elapsed": "elapsed reading: a step of N wd ends when N working days of working time have "
               "passed since it started",
}


@dataclass(frozen=True)
class Verdict:
    """Whether one path of one channel fits its term, with the worst case."""

    regulation: str
    channel: str
    path: Path
    term: Duration
    status: Status
    location: Location
    worst: Worst | None = None
    plain_sum: str | None = None
    reason: str = ""
    candidates: int = 0
    unbounded: tuple[str, ...] = field(default_factory=tuple)
    #: The reading of the day limits the verdict rests on ("both": they agree, or the path
    #: has no step limited in working days).
    reading: Reading = "both"
    #: The worst case under the elapsed reading, when it differs from the civil one.
    elapsed_worst: Worst | None = None
    #: The week whose working days the term counts, and the weeks the steps count on.
    term_week: str = ""
    step_weeks: tuple[str, ...] = ()
    #: What was assumed of steps of information systems without a limit.
    assumptions: tuple[str, ...] = ()
    #: How late the worst case is, in the term's unit (exceeded and depends verdicts).
    overrun: Duration | None = None

    def message(self) -> str:
        """The one-line verdict a report prints."""
        head = f"path {self.path.describe()}"
        if self.status in ("unverifiable", "uncovered"):
            return f"{head} cannot be verified against the term {self.term}: {self.reason}"
        assert self.worst is not None
        worst = self.worst
        summary = f"; {self.plain_sum}" if self.plain_sum else ""
        tail = self._rests_on()
        if self.status == "depends":
            assert self.elapsed_worst is not None
            fits = self.elapsed_worst
            return (f"{head} depends on how its day limits are read: under the civil reading it "
                    f"takes up to {worst.takes}; term {self.term}; exceeded when received "
                    f"{show(worst.received)}{worst.context}: steps end {show(worst.steps_end)}, "
                    f"term ends {show(worst.term_end)}; under the elapsed reading it fits "
                    f"(tightest: received {show(fits.received)}, steps end "
                    f"{show(fits.steps_end)}, term ends {show(fits.term_end)}){tail}")
        if self.status == "exceeded" and self.unbounded:
            return (f"{head} exceeds its term even if step(s) {', '.join(self.unbounded)}, "
                    f"with no time limit, took no time: takes at least {worst.takes}; term "
                    f"{self.term}; exceeded when received {show(worst.received)}{worst.context}: "
                    f"steps end {show(worst.steps_end)}, term ends {show(worst.term_end)}{tail}")
        if self.status == "exceeded":
            return (f"{head} takes up to {worst.takes}; term {self.term}{summary}; exceeded when "
                    f"received {show(worst.received)}{worst.context}: steps end "
                    f"{show(worst.steps_end)}, term ends {show(worst.term_end)}{tail}")
        return (f"{head} takes up to {worst.takes}; term {self.term}{summary}; fits on every "
                f"receipt (tightest: received {show(worst.received)}, steps end "
                f"{show(worst.steps_end)}, term ends {show(worst.term_end)}){tail}")

    def _rests_on(self) -> str:
        """What the verdict rests on, in words: the reading, the weeks, the assumptions."""
        parts = []
        if self.reading == "civil" and self.status != "depends":
            parts.append("under the civil reading of its day limits (fixed by the regulation)")
        elif self.reading == "elapsed":
            parts.append("under the elapsed reading of its day limits (fixed by the regulation)")
        elif self.status == "exceeded" and self.elapsed_worst is not None:
            parts.append("under both readings of its day limits")
        other = sorted(set(self.step_weeks) - {self.term_week})
        if self.term_week and other:
            source = ("of the production calendar" if self.term_week == LEGAL_WEEK
                      else "named by the standard")
            parts.append(f"the term's days count on the {_week(self.term_week)} {source}, the "
                         f"steps on the {' and the '.join(_week(w) for w in other)} of their "
                         "actors")
        parts += self.assumptions
        return f" [{'; '.join(parts)}]" if parts else ""


def _week(week: str) -> str:
    return {"five_day": "five-day week", "six_day": "six-day week"}.get(week, f"{week} week")
