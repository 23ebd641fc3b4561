"""Random valid process graphs as model objects (no YAML): the properties' inputs.

A process is a list of steps run in order; optionally one decision either refuses
(ending with a statutory ground) or returns to an earlier step for correction
(`max_repeats` 1–2). Durations are drawn in every unit; each step's actor counts
on `provider` or `gov_corp`, or on the channel's schedule (`provider`, `gov_corp` or
`portal`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hypothesis import strategies as st

from engine.spec import (
    Act,
    Actor,
    Channel,
    Cost,
    Duration,
    Location,
    Outcome,
    RefusalGround,
    Regulation,
    Standard,
    Step,
    Text,
    Unit,
)

__all__ = ["Plan", "StepPlan", "build", "durations", "plans"]

SCHEDULES = ("provider", "gov_corp")
#: The portal takes applications 24/7 and counts on the provider's working time.
CHANNEL_SCHEDULES = (*SCHEDULES, "portal")
T = Text("Мәтін", "Текст")
GROUND = "requirements_not_met"
REG_PATH = "regulations/random.yaml"
STD_PATH = "standards/random.yaml"


@dataclass(frozen=True)
class StepPlan:
    duration: Duration
    actor_schedule: str | None  # None: the channel's schedule


@dataclass(frozen=True)
class Plan:
    """A channel: its term and schedule, its steps, and an optional decision."""

    schedule: str
    term: Duration
    steps: tuple[StepPlan, ...]
    acceptance_day_excluded: bool = False
    decision_at: int | None = None  # index of the deciding step
    returns_to: int | None = None  # a correction loop back to this index; else a refusal
    max_repeats: int = 1

    def with_step(self, index: int, step: StepPlan) -> Plan:
        """The same process with `step` inserted before position `index`."""
        steps = (*self.steps[:index], step, *self.steps[index:])

        def shift(i: int | None) -> int | None:
            return i if i is None or i < index else i + 1

        return replace(self, steps=steps, decision_at=shift(self.decision_at),
                       returns_to=shift(self.returns_to))


_AMOUNTS: dict[Unit, tuple[int, int]] = {"min": (1, 120), "h": (1, 10), "wd": (1, 5), "cd": (1, 7)}


@st.composite
def durations(draw: st.DrawFn, units: Sequence[Unit] = ("min", "h", "wd", "cd")) -> Duration:
    unit: Unit = draw(st.sampled_from(units))
    low, high = _AMOUNTS[unit]
    return Duration(draw(st.integers(low, high)), unit)


@st.composite
def step_plans(draw: st.DrawFn) -> StepPlan:
    return StepPlan(draw(durations()), draw(st.sampled_from((None, *SCHEDULES))))


@st.composite
def plans(draw: st.DrawFn, *, decisions: bool = True, max_steps: int = 8) -> Plan:
    steps = tuple(draw(st.lists(step_plans(), min_size=1, max_size=max_steps)))
    term = draw(st.one_of(durations(("min", "h")), st.builds(
        Duration, st.integers(1, 15), st.sampled_from(("wd", "cd")))))
    plan = Plan(draw(st.sampled_from(CHANNEL_SCHEDULES)), term, steps,
                acceptance_day_excluded=draw(st.booleans()))
    if decisions and len(steps) >= 2 and draw(st.booleans()):
        at = draw(st.integers(0, len(steps) - 2))
        loop = draw(st.booleans())
        plan = replace(plan, decision_at=at,
                       returns_to=draw(st.integers(0, at)) if loop else None,
                       max_repeats=draw(st.integers(1, 2)))
    return plan


def _loc(line: int, path: str = REG_PATH) -> Location:
    return Location(path, line, 5)


def build(plan: Plan, channel: str = "provider_office", *,
          schedules: Sequence[str] = SCHEDULES,
          valid: tuple[dt.date, dt.date | None] = (dt.date(2015, 1, 1), None)
          ) -> tuple[Regulation, Standard]:
    """The regulation and standard of one channel following `plan`, with an actor on each
    of `schedules` (a step's `actor_schedule` names one), both in force over `valid`."""
    actors = [Actor("clerk", "person", T, _loc(2))]
    actors += [Actor(f"on_{name}", "person", T, _loc(3 + i), schedule=name)
               for i, name in enumerate(schedules)]
    steps = []
    for index, item in enumerate(plan.steps):
        ident = f"s{index}"
        actor = "clerk" if item.actor_schedule is None else f"on_{item.actor_schedule}"
        step = Step(ident, "task", actor, T, "тест", _loc(10 + index), duration=item.duration)
        if index == plan.decision_at:
            onward = Outcome("accept", T, _loc(10 + index), next=f"s{index + 1}")
            other = (Outcome("refuse", T, _loc(10 + index), ends="refusal",
                             refusal_grounds=(GROUND,))
                     if plan.returns_to is None else
                     Outcome("correct", T, _loc(10 + index), next=f"s{plan.returns_to}",
                             max_repeats=plan.max_repeats))
            step = replace(step, kind="decision", outcomes=(onward, other))
        steps.append(step)
    info = Channel(channel, T, plan.term, plan.schedule, "тест", Location(STD_PATH, 5, 3),
                   acceptance_day_excluded=plan.acceptance_day_excluded)
    act = Act(T, "1", dt.date(2015, 1, 1), "тест")
    standard = Standard("random", "000001", T, (act,), valid[0], valid[1], T, (),
                        Cost("free", "тест"), (), {channel: info}, (), (),
                        (RefusalGround(GROUND, T, T, "тест", Location(STD_PATH, 9, 3), 2),),
                        None, "тест", STD_PATH)
    regulation = Regulation("random-reg", "random", T, T, act, valid[0], valid[1], None,
                            (), tuple(actors), {channel: tuple(steps)}, "тест", REG_PATH)
    return regulation, standard
