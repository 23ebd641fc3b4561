"""Write the spec pairs of `data/` (run once; the YAML is committed and reviewed).

    python tests/verify/build_data.py

Each case is a folder `data/<case>/` with `standards/service.yaml` and
`regulations/service.yaml`. The expected reports next to them are written by the
tests themselves with `pytest tests/verify --regen-golden` (see test_cases.py).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.verify.specgen import regulation_yaml, standard_yaml, text, write_pair

DATA = Path(__file__).resolve().parent / "data"
GROUND = ["requirements_not_met"]


def step(ident: str, duration: str | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": ident}
    if duration is not None:
        out["duration"] = duration
    out.update(extra)
    return out


def outcome(ident: str, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "label": text("Нәтиже"), **extra}


def decision(ident: str, duration: str | None, *outcomes: dict[str, Any]) -> dict[str, Any]:
    return step(ident, duration, kind="decision", outcomes=list(outcomes))


def office(term: str, **extra: Any) -> dict[str, dict[str, Any]]:
    return {"provider_office": {"term": term, "schedule": "provider", **extra}}


def review(duration: str | None = "10 min") -> dict[str, Any]:
    """A decision that accepts (to `issue`) or refuses with a ground."""
    return decision("review", duration, outcome("accept", next="issue"),
                    outcome("refuse", ends="refusal", refusal_grounds=GROUND))


CASES: dict[str, tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]],
                       list[dict[str, Any]]]] = {
    # --- structural errors -------------------------------------------------------------
    "unreachable": (office("30 min"), {"provider_office": [
        step("register", "5 min"), step("issue", "5 min", ends="result"),
        step("orphan", "5 min", ends="result")]}, []),
    "no-end": (office("30 min"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "5 min", outcome("accept", next="issue"),
                 outcome("correct", next="correct")),
        step("issue", "5 min", ends="result"),
        step("correct", "5 min", next="recheck"),
        step("recheck", "5 min", next="correct")]}, []),
    "decision-same-target": (office("30 min"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "10 min", outcome("accept", next="issue"),
                 outcome("also", next="issue")),
        step("issue", "5 min", ends="result")]}, []),
    "unbounded-cycle": (office("1 wd"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "10 min", outcome("accept", next="issue"),
                 outcome("correct", next="register")),
        step("issue", "5 min", ends="result")]}, []),
    "bounded-cycle": (office("1 wd"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "10 min", outcome("accept", next="issue"),
                 outcome("correct", next="register", max_repeats=2)),
        step("issue", "5 min", ends="result")]}, []),
    "refusal-without-ground": (office("30 min"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "10 min", outcome("accept", next="issue"),
                 outcome("refuse", ends="refusal")),
        step("issue", "5 min", ends="result")]}, []),
    "refusal-unknown-ground": (office("30 min"), {"provider_office": [
        step("register", "5 min"),
        decision("review", "10 min", outcome("accept", next="issue"),
                 outcome("refuse", ends="refusal", refusal_grounds=["court_ban"])),
        step("issue", "5 min", ends="result")]}, []),
    # --- deadline verdicts -------------------------------------------------------------
    "minutes-fit-exactly": (office("30 min"), {"provider_office": [
        step("register", "5 min"), step("assign", "5 min"), review(),
        step("issue", "5 min"), step("hand_over", "5 min", ends="result")]}, []),
    "minutes-exceed-by-one": (office("30 min"), {"provider_office": [
        step("register", "5 min"), step("assign", "5 min"), review(),
        step("issue", "5 min"), step("hand_over", "6 min", ends="result")]}, []),
    "working-days-exceed": (office("1 wd"), {"provider_office": [
        step("review", "1 wd"), step("issue", "1 wd", ends="result")]}, []),
    "mixed-units": (office("1 wd"), {"provider_office": [
        step("review", "1 wd"), step("issue", "2 h", ends="result")]}, []),
    "near-holiday": (office("4 cd"), {"provider_office": [
        step("register", "2 h"), step("issue", "1 wd", ends="result")]}, []),
    "gov-corp-acceptance-excluded": (
        {"gov_corp": {"term": "3 cd", "schedule": "gov_corp", "acceptance_day_excluded": True}},
        {"gov_corp": [step("register", "2 h"), step("issue", "1 wd", ends="result")]}, []),
    "gov-corp-acceptance-counted": (
        {"gov_corp": {"term": "3 cd", "schedule": "gov_corp"}},
        {"gov_corp": [step("register", "2 h"), step("issue", "1 wd", ends="result")]}, []),
    "untimed-step": (
        {"provider_office": {"term": "30 min", "schedule": "provider"},
         "gov_corp": {"term": "1 wd", "schedule": "gov_corp"}},
        {"provider_office": [step("register", "5 min"), review(None),
                             step("issue", "5 min", ends="result")],
         "gov_corp": [step("register"), step("forward"), step("issue", "1 h", ends="result")]},
        []),
    "unbounded-step": (office("15 wd"), {"provider_office": [
        step("register", "5 min"),
        step("commission", None, unbounded={"kk": "Комиссия отырысына дейін",
                                            "ru": "До заседания комиссии"}),
        step("issue", "1 wd", ends="result")]}, []),
    "acknowledged": (office("1 wd"), {"provider_office": [
        step("review", "1 wd"), step("issue", "1 wd", ends="result")]},
        [{"check": "deadline", "channel": "provider_office", "path_end": "issue",
          "reason": text("Өзгерту күтілуде"), "reference": "ISSUE-12"}]),
    "stale-acknowledgement": (office("2 wd"), {"provider_office": [
        step("review", "1 wd"), step("issue", "1 wd", ends="result")]},
        [{"check": "deadline", "channel": "provider_office",
          "reason": text("Өзгерту күтілуде"), "reference": "ISSUE-12"}]),
}


def main() -> None:
    for name, (channels, processes, acks) in CASES.items():
        write_pair(DATA / name, standard_yaml("service", channels),
                   regulation_yaml(f"reg-{name}", "service", processes,
                                   acknowledgements=acks or None))


if __name__ == "__main__":
    main()
