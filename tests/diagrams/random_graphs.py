"""Random compiled channel graphs for the layout properties (model objects, no YAML).

A process of 2..N steps shared among an applicant and up to five units; about a
quarter of the steps are decisions whose second outcome refuses (ending the case),
skips ahead, or returns to an earlier step (a bounded correction loop, possibly to
itself); some steps end the case early. Texts are drawn from Kazakh and Russian
words of every length, including one longer than a box is wide, so wrapping and
cutting are exercised. `chain(n)` is a plain process of n steps over four units,
with a decision every seventh step, for the scaling checks.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
from hypothesis import strategies as st

from engine.process import compile_regulation
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
)

__all__ = ["chain", "graphs"]

GROUND = "requirements_not_met"
WORDS = ("құжаттарды", "қабылдайды", "және", "тіркейді", "басшы", "ЭЦҚ", "Проверяет",
         "документы", "и", "направляет", "руководителю", "услугодателя", "«портал»",
         "Мемлекеттіккорпорациясыныңжинақтаушыбөліміарқылыжолданады", "5", "ЖСН/БСН")
UNITS = ("clerk", "head", "executor", "commission", "gateway")


def _loc(line: int) -> Location:
    return Location("regulations/random.yaml", line, 5)


def _text(words: list[str]) -> Text:
    phrase = " ".join(words)
    return Text(phrase, phrase.upper() if len(phrase) < 20 else phrase)


_phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14)


def _actors() -> tuple[Actor, ...]:
    actors = [Actor("applicant", "applicant", Text("Көрсетілетін қызметті алушы", "Услугополучатель"),
                    _loc(1))]
    actors += [Actor(unit, "system" if unit == "gateway" else "person",
                     Text(f"{unit} бөлімі", f"отдел {unit}"), _loc(2 + i))
               for i, unit in enumerate(UNITS)]
    return tuple(actors)


def _compiled(steps: list[Step], channel: str = "provider_office") -> nx.DiGraph:
    info = Channel(channel, Text("Арна", "Канал"), Duration(30, "wd"), "provider", "тест",
                   Location("standards/random.yaml", 5, 3))
    act = Act(Text("Қаулы", "Постановление"), "1", dt.date(2015, 1, 1), "тест")
    standard = Standard("random", "000001", Text("Қызмет", "Услуга"), (act,), dt.date(2015, 1, 1),
                        None, Text("Беруші", "Услугодатель"), (), Cost("free", "тест"), (),
                        {channel: info}, (), (),
                        (RefusalGround(GROUND, Text("Негіз", "Основание"), Text("Заң", "Закон"),
                                       "тест", Location("standards/random.yaml", 9, 3), 2),),
                        None, "тест", "standards/random.yaml")
    regulation = Regulation("random-reg", "random", Text("Регламент", "Регламент"),
                            Text("Облыс", "Область"), act, dt.date(2015, 1, 1), None, None, (),
                            _actors(), {channel: tuple(steps)}, "тест", "regulations/random.yaml")
    return compile_regulation(regulation, standard).graphs[channel]


@st.composite
def graphs(draw: st.DrawFn, max_steps: int = 24) -> nx.DiGraph:
    """A compiled graph of a random process with decisions, skips, refusals and returns."""
    count = draw(st.integers(2, max_steps))
    actors = ["applicant", *UNITS]
    steps = []
    for index in range(count):
        ident = f"s{index}"
        step = Step(ident, "task", draw(st.sampled_from(actors)), _text(draw(_phrases)), "тест",
                    _loc(10 + index),
                    duration=draw(st.one_of(st.none(), st.builds(
                        Duration, st.integers(1, 30), st.sampled_from(("min", "h", "wd", "cd"))))))
        last = index == count - 1
        if not last and draw(st.integers(0, 3)) == 0:
            onward = Outcome("go", _text(draw(_phrases)), _loc(10 + index), next=f"s{index + 1}")
            choice = draw(st.sampled_from(("refuse", "skip", "return")))
            if choice == "refuse":
                other = Outcome("refuse", _text(draw(_phrases)), _loc(10 + index), ends="refusal",
                                refusal_grounds=(GROUND,))
            elif choice == "skip":
                other = Outcome("skip", _text(draw(_phrases)), _loc(10 + index),
                                next=f"s{draw(st.integers(index + 1, count - 1))}")
            else:
                other = Outcome("back", _text(draw(_phrases)), _loc(10 + index),
                                next=f"s{draw(st.integers(0, index))}", max_repeats=1)
            kind = draw(st.sampled_from(("decision", "condition")))
            step = Step(ident, kind, step.actor, step.action, "тест", step.location,
                        duration=step.duration, outcomes=(onward, other))
        elif not last and draw(st.integers(0, 9)) == 0:
            step = Step(ident, step.kind, step.actor, step.action, "тест", step.location,
                        duration=step.duration, ends="refusal_to_accept")
        steps.append(step)
    return _compiled(steps)


def chain(count: int) -> nx.DiGraph:
    """A process of `count` steps over four units, a decision with a refusal every seventh step."""
    steps = []
    for index in range(count):
        ident = f"s{index}"
        action = _text(list(WORDS[index % 7: index % 7 + 6]))
        actor = UNITS[index % 4]
        if index % 7 == 3 and index < count - 1:
            outcomes = (Outcome("go", Text("Иә", "Да"), _loc(index), next=f"s{index + 1}"),
                        Outcome("refuse", Text("Жоқ", "Нет"), _loc(index), ends="refusal",
                                refusal_grounds=(GROUND,)))
            steps.append(Step(ident, "decision", actor, action, "тест", _loc(index),
                              duration=Duration(1 + index % 5, "wd"), outcomes=outcomes))
        else:
            steps.append(Step(ident, "task", actor, action, "тест", _loc(index),
                              duration=Duration(5 + index % 25, "min")))
    return _compiled(steps)
