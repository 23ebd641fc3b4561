"""A scaled corpus of realistic synthetic specs, for performance work and tests.

    python benchmarks/generate_corpus.py 1000 /tmp/corpus --seed 7

writes N specs below OUT_DIR, standards and regulations in pairs
(`standards/<id>.yaml`, `regulations/<region>/<id>.yaml`; an odd N gets one more
standard), and a copy of `specs/calendars/kz.yaml` in `calendars/`, so that
`reglament check OUT_DIR` needs nothing else. Specs are built from the real Kazakh
and Russian phrases of `benchmarks/vocabulary.json`: built-in and author-defined
channels, 3-20 steps per channel, decisions whose refusals cite grounds of the
standard, bounded return loops, portal processes and conditions, durations in
every unit, terms that sometimes fit and sometimes do not, and some steps the
text gives no time limit. The same seed gives byte-identical files.

Importable: `generate(n, out_dir, seed)` returns the paths of the specs it wrote.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["generate", "main"]

ROOT = Path(__file__).resolve().parents[1]
CALENDAR = ROOT / "specs" / "calendars" / "kz.yaml"
VOCABULARY = Path(__file__).with_name("vocabulary.json")

Data = dict[str, Any]
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

#: Tasks that fill a channel's process between its first and last step, in the order
#: a regulation lists them.
_FILLERS = {
    "office": ("assign", "request_data", "inspect", "approval", "prepare_result", "endorse",
               "sign_result", "register_result", "notify"),
    "gov_corp": ("send_to_provider", "register", "assign", "request_data", "inspect",
                 "prepare_result", "endorse", "sign_result", "return_to_gov_corp"),
    "portal": ("assign", "request_data", "prepare_result", "endorse", "sign_result"),
}
_DECISIONS = {"office": ("check_data", "review", "commission_review"),
              "gov_corp": ("review", "check_data"), "portal": ("check_documents", "review")}
_FIRST = {"office": "register", "gov_corp": "accept_documents"}
_LAST = {"office": "issue_result", "gov_corp": "issue_at_gov_corp", "portal": "deliver_result"}
_REFUSAL_TAIL = {"office": ("prepare_refusal", "sign_refusal", "issue_refusal"),
                 "gov_corp": ("prepare_refusal", "sign_refusal", "issue_refusal"),
                 "portal": ("prepare_refusal", "deny_request")}
#: Portal steps before the provider's part, by how likely a regulation describes them.
_PORTAL_PRIORITY = ("fill_request", "send_request", "check_signature", "authorise",
                    "check_credentials")
_PORTAL_ORDER = ("authorise", "check_credentials", "fill_request", "check_signature",
                 "send_request")
_PORTAL_SIDE = frozenset({*_PORTAL_ORDER, "deliver_result", "deny_request"})
#: Outcomes of each decision: (go on, refuse, how the refusal ends).
_OUTCOMES = {"accept_documents": ("complete", "incomplete", "refusal_to_accept"),
             "check_credentials": ("valid", "invalid", "refusal_to_accept"),
             "check_signature": ("valid", "invalid", "refusal_to_accept"),
             "check_documents": ("compliant", "violations", "refusal")}
_DEFAULT_OUTCOMES = ("accept", "refuse", "refusal")
#: Working minutes a unit stands for when a term is chosen (a provider's day is 8.5 h).
_WEIGHT = {"min": 1.0, "h": 60.0, "wd": 510.0, "cd": 510.0 * 5 / 7}


@cache
def _vocabulary() -> Data:
    data: Data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    return data


class _Writer:
    """Builds one standard and its regulation from one random stream."""

    def __init__(self, rng: random.Random, seed: int, index: int) -> None:
        self.rng = rng
        self.words = _vocabulary()
        self.cite_base = f"synthetic corpus (seed {seed}), item {index}"
        self.index = index
        self.paragraph = 0
        #: A same-day service (a queue number, a certificate at the counter): every step
        #: takes minutes or hours, and so does the term.
        self.same_day = index % 3 == 1 or rng.random() < 0.1

    # -- texts and citations ------------------------------------------------------------

    def cite(self, where: str | None = None) -> str:
        if where is None:
            self.paragraph += 1
            where = f"p. {self.paragraph}"
        return f"{self.cite_base}, {where}"

    def text(self, kk: str, ru: str, cited: bool = True) -> Data:
        out: Data = {"kk": kk, "ru": ru}
        if cited:
            source = self.cite()
            out["source"] = source if self.rng.random() < 0.5 else {"kk": source, "ru": "translation"}
        return out

    def phrase(self, entry: Data, cited: bool = True) -> Data:
        return self.text(entry["kk"], entry["ru"], cited)

    def duration_text(self, duration: str) -> Data | None:
        amount, unit = duration.split()
        numeral = self.words["numerals"].get(amount)
        if numeral is None:
            return None
        words = self.words["units"][unit]
        ru_number = numeral.get("ru_feminine", numeral["ru"]) if unit == "min" else numeral["ru"]
        ru_unit = words["ru_one"] if amount == "1" else words["ru_many"]
        return self.text(f"{amount} ({numeral['kk']}) {words['kk']} ішінде",
                         f"в течение {amount} ({ru_number}) {ru_unit}")

    def date(self, first_year: int, last_year: int) -> str:
        year = self.rng.randint(first_year, last_year)
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def act(self, kk: str, ru: str, date: str) -> Data:
        act: Data = {"title": self.text(kk, ru), "number": str(self.rng.randint(1, 700)),
                     "date": date}
        if self.rng.random() < 0.5:
            act["registration"] = str(self.rng.randint(1000, 20000))
        act["source"] = self.cite()
        return act

    # -- the pair -----------------------------------------------------------------------

    def pair(self) -> tuple[Data, Data, str]:
        rng, words = self.rng, self.words
        service = rng.choice(words["services"])
        region = rng.choice(words["regions"])
        standard_id = f"{service['slug']}-{self.index:04d}"
        channels = self.channels()
        grounds = self.grounds()
        documents = self.documents([name for name, _, _, _ in channels])
        results = rng.sample(words["results"], rng.randint(1, 2))
        processes: dict[str, list[Data]] = {}
        terms: dict[str, list[str]] = {}
        for name, kind, _, _ in channels:
            processes[name], terms[name] = self.process(kind, name, documents,
                                                        [r["id"] for r in results],
                                                        [_ground_id(g) for g in grounds])
        standard = self.standard(standard_id, service, channels, terms, documents, results,
                                 grounds)
        regulation = self.regulation(standard, service, region, processes)
        return standard, regulation, region["slug"]

    def channels(self) -> list[tuple[str, str, str, Data | None]]:
        """(name, kind, schedule, title) of each channel; every kind turns up within 4 items."""
        rng = self.rng
        chosen: list[tuple[str, str, str, Data | None]] = []
        if rng.random() < 0.8 or self.index % 4 == 0:
            chosen.append(("provider_office", "office",
                           "provider" if rng.random() < 0.75 else "provider_0900_1800", None))
        if rng.random() < 0.65 or self.index % 4 == 1:
            chosen.append(("gov_corp", "gov_corp", "gov_corp", None))
        if rng.random() < 0.55 or self.index % 4 == 2:
            chosen.append(("portal", "portal", "portal", None))
        if rng.random() < 0.15 or self.index % 4 == 3:
            custom = rng.choice(self.words["custom_channels"])
            chosen.append((custom["id"], custom["kind"], custom["schedule"],
                           self.phrase(custom, cited=False)))
        return chosen

    def grounds(self) -> list[Data]:
        rng = self.rng
        statutory = rng.sample(self.words["statutory_grounds"], rng.randint(2, 4))
        grounds: list[Data] = [{"statutory": name} for name in sorted(statutory)]
        for ground in grounds:
            if rng.random() < 0.4:
                ground["source"] = self.cite()
        if rng.random() < 0.3:
            specific = rng.choice(self.words["specific_grounds"])
            paragraph = rng.randint(8, 12)
            grounds.append({"id": specific["id"], "title": self.phrase(specific),
                            "citation": self.text(f"Стандарттың {paragraph}-тармағы",
                                                  f"пункт {paragraph} Стандарта"),
                            "source": self.cite()})
        return grounds

    def documents(self, channels: list[str]) -> list[Data]:
        rng = self.rng
        counter = [c for c in channels if c != "portal"]
        pool = [d for d in self.words["documents"] if not d.get("portal")]
        chosen = [pool[0], *rng.sample(pool[1:], rng.randint(1, 4))]
        if "portal" in channels:
            chosen.append(next(d for d in self.words["documents"] if d.get("portal")))
        out = []
        for entry in chosen:
            document: Data = {"id": entry["id"], "title": self.phrase(entry)}
            if entry.get("portal"):
                document["channels"] = ["portal"]
                document["copy"] = "electronic"
            elif entry.get("counter") and counter:
                document["channels"] = counter
                document["copy"] = "original"
            if entry.get("gateway"):
                document["provision"] = "gateway"
            if entry.get("conditional"):
                document["condition"] = self.phrase(self.words["condition"], cited=False)
            document["source"] = self.cite()
            out.append(document)
        return out

    # -- processes ----------------------------------------------------------------------

    def process(self, kind: str, channel: str, documents: list[Data], results: list[str],
                grounds: list[str]) -> tuple[list[Data], list[str]]:
        """The steps of one channel, and the durations of its main line (to set the term)."""
        rng = self.rng
        size = min(20, max(3, round(rng.triangular(3, 12 if self.same_day else 20, 7))))
        tail = rng.randint(1, min(len(_REFUSAL_TAIL[kind]), size - 5)) \
            if size >= 6 and rng.random() < 0.6 else 0
        roles = self.main_roles(kind, size - tail)
        if tail and not any(_refuses(r) for r in roles):
            tail, roles = 0, self.main_roles(kind, size)
        tail_roles = list(_REFUSAL_TAIL[kind][-tail:]) if tail else []
        ids = _unique_ids([*roles, *tail_roles])
        untimed_portal = kind == "portal" and rng.random() < 0.25
        numbers: dict[str, int] = {}
        steps = [self.step(role, ident, numbers, untimed_portal and role in _PORTAL_SIDE)
                 for role, ident in zip([*roles, *tail_roles], ids, strict=True)]
        main, rest = steps[:len(roles)], steps[len(roles):]
        self.link(main, rest, grounds)
        submitted = [d["id"] for d in documents
                     if d.get("provision") != "gateway" and channel in d.get("channels", [channel])]
        first = next((s for s in main if s["actor"] != "portal"), main[0])
        if submitted and kind != "portal":
            first["documents"] = sorted(rng.sample(submitted, min(len(submitted),
                                                                  rng.randint(1, 3))))
        elif kind == "portal" and "eds_request" in submitted:
            filling = next((s for s in main if s["id"] == "fill_request"), None)
            if filling is not None:
                filling["documents"] = ["eds_request"]
        main[-1]["results"] = sorted(rng.sample(results, rng.randint(1, len(results))))
        main[-1]["ends"] = "result"
        return [_source_last(s) for s in steps], [s["duration"] for s in main if "duration" in s]

    def main_roles(self, kind: str, size: int) -> list[str]:
        """The roles of the main line: intake, tasks and decisions, issue of the result."""
        rng = self.rng
        if kind == "portal":
            prefix = min(5, size - 2)
            chosen = set(_PORTAL_PRIORITY[:prefix])
            head = [r for r in _PORTAL_ORDER if r in chosen]
            inner_size = size - 1 - prefix
            decisions = [rng.choice(_DECISIONS["portal"])]
        else:
            head = [_FIRST[kind]]
            inner_size = size - 2
            wanted = (0 if kind == "gov_corp" and (inner_size < 3 or rng.random() < 0.2) else 1) \
                + (inner_size >= 6 and rng.random() < 0.5) + (inner_size >= 12 and rng.random() < 0.5)
            decisions = rng.sample(_DECISIONS[kind], min(wanted, len(_DECISIONS[kind])))
        fillers = self.fillers(_FILLERS[kind], inner_size - len(decisions))
        at = sorted(rng.sample(range(inner_size), len(decisions)))
        inner = list(fillers)
        for position, decision in zip(at, decisions, strict=True):
            inner.insert(position, decision)
        return [*head, *inner, _LAST[kind]]

    def fillers(self, pool: Sequence[str], count: int) -> list[str]:
        rng = self.rng
        if count <= len(pool):
            return [pool[i] for i in sorted(rng.sample(range(len(pool)), count))]
        chosen = list(pool)
        for _ in range(count - len(pool)):  # a second request, a second inspection...
            chosen.insert(rng.randint(1, len(chosen) - 1), rng.choice(pool[1:-1]))
        return chosen

    def step(self, role: str, ident: str, numbers: dict[str, int], untimed: bool) -> Data:
        rng = self.rng
        template = self.words["steps"][role]
        step: Data = {"id": ident}
        kind = template.get("kind")
        if kind:
            step["kind"] = kind
        if kind in ("process", "condition"):
            numbers[kind] = numbers.get(kind, 0) + 1
            step["number"] = numbers[kind]
        step["actor"] = template["actor"]
        step["action"] = self.phrase(template)
        if "unbounded_kk" in template and rng.random() < 0.25:
            step["unbounded"] = self.text(template["unbounded_kk"], template["unbounded_ru"])
        elif not untimed and rng.random() > 0.01:
            options = template["durations"]
            if self.same_day:
                options = [d for d in options if d.endswith(("min", " h"))] or ["30 min", "1 h"]
            step["duration"] = rng.choice(options)
            if rng.random() < 0.3:
                worded = self.duration_text(step["duration"])
                if worded is not None:
                    step["duration_text"] = worded
        if "result_kk" in template and rng.random() < 0.6:
            step["result"] = self.text(template["result_kk"], template["result_ru"])
        step["source"] = self.cite(f"p. {rng.randint(5, 9)} {rng.randint(1, 12)})")
        return step

    def link(self, main: list[Data], tail: list[Data], grounds: list[str]) -> None:
        """Outcomes of the decisions; the refusal tail hangs off the last refusing decision."""
        rng = self.rng
        refusing = [i for i, s in enumerate(main) if _refuses(s["id"].split("__")[0])]
        tail_from = refusing[-1] if tail and refusing else None
        looping = [i for i in refusing if i > 0 and "kind" in main[i]]
        loop_at = rng.choice(looping) if looping and rng.random() < 0.15 else None
        for index, step in enumerate(main[:-1]):
            if step.get("kind") not in ("decision", "condition"):
                continue
            go, stop, ending = _OUTCOMES.get(step["id"].split("__")[0], _DEFAULT_OUTCOMES)
            outcomes = [self.outcome(go, next_step=main[index + 1]["id"])]
            if index == tail_from:
                outcomes.append(self.outcome(stop, next_step=tail[0]["id"]))
            else:
                outcomes.append(self.outcome(stop, ending=ending, grounds=grounds))
            if index == loop_at:
                outcomes.append(self.outcome("return", next_step=main[rng.randrange(index)]["id"],
                                             repeats=rng.choice((1, 2))))
            step["outcomes"] = outcomes
        if tail:
            tail[-1]["ends"] = "refusal"
            tail[-1]["refusal_grounds"] = self.cited_grounds(grounds)

    def outcome(self, name: str, *, next_step: str | None = None, ending: str | None = None,
                grounds: list[str] | None = None, repeats: int | None = None) -> Data:
        outcome: Data = {"id": name, "label": self.phrase(self.words["outcomes"][name])}
        if next_step is not None:
            outcome["next"] = next_step
        if ending is not None:
            outcome["ends"] = ending
            if ending == "refusal" and grounds:
                outcome["refusal_grounds"] = self.cited_grounds(grounds)
        if repeats is not None:
            outcome["max_repeats"] = repeats
        return outcome

    def cited_grounds(self, grounds: list[str]) -> list[str]:
        return sorted(self.rng.sample(grounds, self.rng.randint(1, min(2, len(grounds)))))

    # -- the documents ------------------------------------------------------------------

    def term(self, durations: list[str]) -> str:
        """A term near the main line's length: roomy, exact or short (so some paths exceed)."""
        rng = self.rng
        units = [d.split()[1] for d in durations]
        total = sum(int(d.split()[0]) * _WEIGHT[u] for d, u in zip(durations, units, strict=True))
        mood = rng.choices(("fits", "tight", "short"), weights=(6, 2, 2))[0]
        if not any(u in ("wd", "cd") for u in units) and total <= 480:
            if total <= 60 or rng.random() < 0.4:
                base = max(5, round(total))
                amount = {"fits": base + rng.choice((10, 15, 30)), "tight": base,
                          "short": max(5, base - rng.choice((5, 10, 15)))}[mood]
                return f"{amount} min"
            hours = math.ceil(total / 60)
            amount = {"fits": hours + rng.randint(0, 2), "tight": hours,
                      "short": max(1, hours - 1)}[mood]
            return f"{amount} h"
        days = math.ceil(total / _WEIGHT["wd"])
        amount = {"fits": days + rng.randint(1, 5), "tight": days,
                  "short": max(1, days - rng.randint(1, 3))}[mood]
        if rng.random() < 0.25:
            return f"{math.ceil(amount * 7 / 5)} cd"
        return f"{amount} wd"

    def standard(self, standard_id: str, service: Data, channels: list[tuple[str, str, str, Data | None]],
                 terms: dict[str, list[str]], documents: list[Data], results: list[Data],
                 grounds: list[Data]) -> Data:
        rng, words = self.rng, self.words
        ministry = rng.choice(words["ministries"])
        channel_specs: Data = {}
        for name, kind, schedule, title in channels:
            spec: Data = {}
            if title is not None:
                spec["title"] = title
            spec["term"] = self.term(terms[name])
            if rng.random() < 0.2:
                worded = self.duration_text(spec["term"])
                if worded is not None:
                    spec["term_text"] = worded
            if kind != "portal" and rng.random() < 0.5:
                spec["max_wait"] = rng.choice(("15 min", "20 min", "30 min"))
                spec["max_service"] = rng.choice(("15 min", "20 min", "30 min"))
            spec["schedule"] = schedule
            if kind == "gov_corp" and spec["term"].endswith("wd") and rng.random() < 0.3:
                spec["acceptance_day_excluded"] = True
            spec["source"] = self.cite()
            channel_specs[name] = spec
        paid = rng.random() < 0.25
        cost: Data = {"kind": "paid" if paid else "free"}
        if paid:
            cost["amount"] = rng.choice((345, 690, 1380, 3692))
            cost["basis"] = self.phrase(words["fee_basis"])
        cost["source"] = self.cite()
        standard: Data = {
            "kind": "standard",
            "id": standard_id,
            "register_code": f"{rng.randint(100000, 999999)}",
            "title": self.phrase(service),
            "legal_basis": [self.act(f"«Мемлекеттік көрсетілетін қызметтер стандарттарын бекіту "
                                     f"туралы» {ministry['kk']}",
                                     f"{ministry['ru']} «Об утверждении стандартов государственных "
                                     "услуг»", self.date(2015, 2016))],
            "valid_from": self.date(2015, 2016),
            "source": self.cite("passport"),
            "provider": {"title": self.phrase(rng.choice(words["providers"])),
                         "source": self.cite()},
            "recipients": rng.choice((["individuals"], ["individuals", "legal_entities"],
                                      ["legal_entities"])),
            "cost": cost,
            "forms": rng.choice((["paper"], ["electronic_partial", "paper"],
                                 ["electronic_full", "paper"])),
            "channels": channel_specs,
            "documents": documents,
            "results": [{"id": r["id"], "title": self.phrase(r),
                         "form": rng.choice((["paper"], ["electronic"], ["paper", "electronic"])),
                         "source": self.cite()} for r in results],
            "refusal_grounds": grounds,
        }
        if rng.random() < 0.6:
            standard["appeal"] = {"text": self.phrase(words["appeal"]), "provider_term": "5 wd",
                                  "agency_term": "15 wd",
                                  "source": "Law 88-V \"On public services\", art. 25 p. 2"}
        return standard

    def regulation(self, standard: Data, service: Data, region: Data,
                   processes: dict[str, list[Data]]) -> Data:
        rng, words = self.rng, self.words
        approved = self.date(2016, 2018)
        regulation: Data = {
            "kind": "regulation",
            "id": f"{region['slug']}-{standard['id']}",
            "standard": standard["id"],
            "title": self.text(f"«{service['kk']}» мемлекеттік көрсетілетін қызмет регламенті",
                               f"Регламент государственной услуги «{service['ru']}»"),
            "region": self.text(region["kk"], region["ru"]),
            "approved_by": self.act(f"«Мемлекеттік көрсетілетін қызметтер регламенттерін бекіту "
                                    f"туралы» {region['kk']} әкімдігінің қаулысы",
                                    f"Постановление акимата {region['of']} «Об утверждении "
                                    "регламентов государственных услуг»", approved),
            "valid_from": approved,
        }
        if rng.random() < 0.2:
            repealed = self.date(2020, 2022)
            regulation["valid_to"] = repealed
            regulation["repealed_by"] = self.act(f"{region['kk']} әкімдігінің қаулысы",
                                                 f"Постановление акимата {region['of']}", repealed)
        if rng.random() < 0.3:
            dates = sorted(self.date(2019, 2019) for _ in range(rng.randint(1, 2)))
            regulation["amendments"] = [
                {"date": date,
                 "act": self.act(f"{region['kk']} әкімдігінің қаулысы",
                                 f"Постановление акимата {region['of']}", date),
                 "note": self.text(f"{rng.randint(3, 9)} тармақ жаңа редакцияда",
                                   f"Пункт {rng.randint(3, 9)} в новой редакции"),
                 "source": self.cite()}
                for date in dates]
        regulation["source"] = self.cite("pp. 1-9 and appendices")
        used = {s["actor"] for steps in processes.values() for s in steps}
        regulation["actors"] = [self.actor(name, entry) for name, entry in words["actors"].items()
                                if name in used]
        regulation["processes"] = processes
        return regulation

    def actor(self, name: str, entry: Data) -> Data:
        actor: Data = {"id": name, "kind": entry["kind"], "title": self.phrase(entry)}
        if "schedule" in entry:
            actor["schedule"] = entry["schedule"]
        if entry["kind"] != "applicant":
            actor["source"] = self.cite()
        return actor


def _ground_id(ground: Data) -> str:
    return str(ground.get("statutory") or ground["id"])


def _refuses(role: str) -> bool:
    """Whether a decision of this role can refuse with a ground (and so lead to a tail)."""
    return role in ("review", "check_data", "commission_review", "check_documents")


def _unique_ids(roles: list[str]) -> list[str]:
    """Step ids from roles; a role used twice gets `__2`, `__3` (the role stays readable)."""
    seen: dict[str, int] = {}
    ids = []
    for role in roles:
        seen[role] = seen.get(role, 0) + 1
        ids.append(role if seen[role] == 1 else f"{role}__{seen[role]}")
    return ids


def _source_last(step: Data) -> Data:
    source = step.pop("source")
    step["source"] = source
    return step


def _dump(data: Data, note: str) -> str:
    body: str = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                          default_flow_style=False, width=4096)
    return f"# {note}\n{body}"


def generate(n: int, out_dir: str | Path, seed: int = 0) -> list[Path]:
    """Write `n` synthetic specs and a copy of the calendar below `out_dir`.

    Returns:
        The spec files written (standards and regulations, not the calendar), in order.
    """
    if n < 0:
        raise ValueError(f"the number of specs must not be negative, got {n}")
    out = Path(out_dir)
    (out / "calendars").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CALENDAR, out / "calendars" / "kz.yaml")
    written: list[Path] = []
    for index in range(n - n // 2):
        writer = _Writer(random.Random(f"reglament-corpus:{seed}:{index}"), seed, index)
        standard, regulation, region = writer.pair()
        note = f"Synthetic spec (benchmarks/generate_corpus.py, seed {seed}, item {index}); not a real act."
        files = [(out / "standards" / f"{standard['id']}.yaml", standard)]
        if index < n // 2:
            files.append((out / "regulations" / region / f"{regulation['id']}.yaml", regulation))
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_dump(data, note).encode("utf-8"))
            written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: `generate_corpus.py N OUT_DIR [--seed S]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, help="number of specs (standards + regulations)")
    parser.add_argument("out_dir", type=Path, help="directory to write them to")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must not be negative")
    written = generate(args.n, args.out_dir, args.seed)
    standards = sum(1 for p in written if p.parent.name == "standards")
    print(f"wrote {len(written)} specs ({standards} standards, {len(written) - standards} "
          f"regulations) and calendars/kz.yaml to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
