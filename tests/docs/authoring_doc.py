"""The generated parts of docs/authoring.md, and how to regenerate them.

The guide is hand-written prose with generated blocks between
`<!-- BEGIN GENERATED <name> -->` and `<!-- END GENERATED <name> -->`:

- `keys/<table>`: a table of every key of one object of the format, read from the
  JSON Schema fragments in `engine/spec/schemas/` (standard, regulation, common);
- `sources`: where `source:` is required and where it is optional;
- `message/<case>`: the findings `reglament check` prints for the broken spec in
  `tests/docs/snippets/<case>/` (checked together with `snippets/_base/`);
- `report/<case>`: the whole text report for such a case;
- `examples-check`: the report for the annotated examples of the guide;
- `invalid/<case>`: the messages of the broken spec `tests/data/invalid/<case>.yaml` (its
  golden file, which `tests/engine/test_invalid.py` holds to what the loader prints);
- `refusal/pipe`: what `reglament check` prints for a named pipe given as a spec;
- `limits`: the table of the loader's limits, read from the engine's constants.

Paths in printed messages are shown as `specs/...`, where the files would live.

After a change to the schema or to a message, run

    python tests/docs/authoring_doc.py

to rewrite the blocks; `tests/docs/test_authoring_doc.py` fails while they are stale.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # when run as a script
    sys.path.insert(0, str(ROOT))

DOC = ROOT / "docs" / "authoring.md"
SCHEMAS = ROOT / "engine" / "spec" / "schemas"
SNIPPETS = Path(__file__).resolve().with_name("snippets")
BASE = SNIPPETS / "_base"
#: The fragments the guide documents key by key (the calendar has docs/calendar.md).
FRAGMENTS = ("standard", "regulation", "common")
#: The `oversized` case is padded to this size when it is checked (git keeps it small).
OVERSIZED_BYTES = 1_100_000
#: The broken specs of the loader's golden test.
INVALID = ROOT / "tests" / "data" / "invalid"

_BLOCK = re.compile(r"(<!-- BEGIN GENERATED (\S+) -->\n)(.*?)(<!-- END GENERATED \2 -->)", re.DOTALL)
_EXAMPLE = re.compile(r"<!-- EXAMPLE (\S+) -->\n```yaml\n(.*?)```", re.DOTALL)


# --------------------------------------------------------------------------- the key tables

@dataclass(frozen=True)
class Table:
    """One object of the format: where it stands in its fragment, and its title."""

    name: str
    fragment: str
    pointer: tuple[str | int, ...]
    title: str

    def node(self) -> dict[str, Any]:
        node: Any = fragment(self.fragment)
        for part in self.pointer:
            node = node[part]
        return dict(node)


#: Titles and anchors of the tables, in the order of the guide. An object of the
#: schema that is not listed here gets a table named after its place in the schema.
TITLES: dict[tuple[str, tuple[str | int, ...]], tuple[str, str]] = {
    ("standard", ()): ("standard", "A standard (top level)"),
    ("standard", ("properties", "provider")): ("provider", "`provider`"),
    ("standard", ("properties", "cost")): ("cost", "`cost`"),
    ("standard", ("properties", "appeal")): ("appeal", "`appeal`"),
    ("standard", ("$defs", "channel")): ("channel", "A channel (each entry of `channels`)"),
    ("standard", ("$defs", "channel", "properties", "term_counted_on")):
        ("term-counted-on", "`term_counted_on` (of a channel)"),
    ("standard", ("$defs", "document")): ("document", "A document (each item of `documents`)"),
    ("standard", ("$defs", "result")): ("result", "A result (each item of `results`)"),
    ("standard", ("$defs", "refusal_ground", "oneOf", 0)):
        ("statutory-ground", "A statutory refusal ground (item of `refusal_grounds`)"),
    ("standard", ("$defs", "refusal_ground", "oneOf", 1)):
        ("specific-ground", "A service-specific refusal ground (item of `refusal_grounds`)"),
    ("regulation", ()): ("regulation", "A regulation (top level)"),
    ("regulation", ("$defs", "amendment")): ("amendment", "An amendment (each item of `amendments`)"),
    ("regulation", ("properties", "day_limits")): ("day-limits", "`day_limits`"),
    ("regulation", ("$defs", "actor")): ("actor", "An actor (each item of `actors`)"),
    ("regulation", ("$defs", "actor", "properties", "assumed_limit")):
        ("assumed-limit", "`assumed_limit` (of an actor)"),
    ("regulation", ("$defs", "step")): ("step", "A step (each item of a channel in `processes`)"),
    ("regulation", ("$defs", "waits_for")): ("waits-for", "`waits_for` (of a step)"),
    ("regulation", ("$defs", "waits_for", "properties", "monthly")):
        ("monthly", "`monthly` (of `waits_for`)"),
    ("regulation", ("$defs", "outcome")): ("outcome", "An outcome (each item of `outcomes`)"),
    ("regulation", ("$defs", "acknowledgement")):
        ("acknowledgement", "An acknowledgement (each item of `acknowledgements`)"),
    ("common", ("$defs", "text")): ("text", "A text"),
    ("common", ("$defs", "act")): ("act", "An act"),
}
#: Objects documented inside another table: the per-language `source` of a text.
INLINE = {("common", ("$defs", "text", "properties", "source", "oneOf", 1))}

#: Meanings of keys the schema leaves without a description.
MEANINGS: dict[tuple[str, str], str] = {
    ("provider", "title"): "Name of the provider as the standard gives it.",
    ("provider", "source"): "Where the provider is named.",
    ("cost", "kind"): "`free` or `paid`.",
    ("cost", "source"): "Where the fee is stated.",
    ("appeal", "text"): "The appeal procedure as the standard words it.",
    ("appeal", "source"): "Where the appeal procedure is stated.",
    ("channel", "source"): "Where the term and schedule of this channel are stated.",
    ("document", "id"): "Name of the document, unique in the standard; steps refer to it (`documents: [...]`).",
    ("document", "title"): "The document as the standard names it.",
    ("document", "source"): "Where the document is listed.",
    ("result", "id"): "Name of the result, unique in the standard; steps refer to it (`results: [...]`).",
    ("result", "title"): "The result as the standard words it.",
    ("result", "template"): "Name of the form template that renders the result.",
    ("result", "source"): "Where the result is stated.",
    ("statutory-ground", "source"): "Where the standard invokes the ground, if it does so explicitly.",
    ("specific-ground", "id"): "Name of the ground, unique in the standard; refusals cite it.",
    ("specific-ground", "title"): "The ground as the standard words it.",
    ("specific-ground", "source"): "Where the ground is stated.",
    ("amendment", "source"): "Where the amendment note is.",
    ("actor", "id"): "Name of the unit, unique in the regulation; steps refer to it (`actor:`).",
    ("actor", "title"): "The unit as the text names it.",
    ("actor", "source"): "Where the unit is named (the list of units of the regulation).",
    ("outcome", "id"): "Name of the outcome, unique within its step.",
    ("outcome", "label"): "The outcome as the text words it.",
    ("step", "id"): "Name of the step, unique in its channel; `next:` refers to it.",
    ("step", "source"): "The paragraph of the text the step comes from.",
    ("act", "source"): "Where the act is cited.",
}

#: An example value for every key: YAML as it is written after `key: `. `None` means
#: the value is a structure documented in its own table.
EXAMPLES: dict[tuple[str, str], str | None] = {
    ("standard", "kind"): "standard",
    ("standard", "id"): "preschool-queue",
    ("standard", "register_code"): '"403001"',
    ("standard", "title"): "{kk: Мектепке дейінгі ..., ru: Постановка на очередь ...}",
    ("standard", "legal_basis"): None,
    ("standard", "valid_from"): "2015-07-26",
    ("standard", "valid_to"): "2020-02-17",
    ("standard", "provider"): None,
    ("standard", "recipients"): "[individuals]",
    ("standard", "cost"): None,
    ("standard", "forms"): "[electronic_full, paper]",
    ("standard", "channels"): None,
    ("standard", "documents"): None,
    ("standard", "results"): None,
    ("standard", "refusal_grounds"): None,
    ("standard", "appeal"): None,
    ("standard", "source"): "seed 004, passport 12.1 (kk and ru)",
    ("provider", "title"): "{kk: жергілікті атқарушы органдар, ru: местные исполнительные органы}",
    ("provider", "source"): "seed 004, passport 12.1",
    ("cost", "kind"): "free",
    ("cost", "amount"): "1250",
    ("cost", "basis"): "{kk: Салық кодексінің 615-бабы, ru: статья 615 Налогового кодекса}",
    ("cost", "source"): "seed 004, passport 12.1, «Қызметтің құны»",
    ("appeal", "text"): "{kk: Шағым ... беріледі., ru: Жалоба подается ...}",
    ("appeal", "provider_term"): "5 wd",
    ("appeal", "agency_term"): "15 wd",
    ("appeal", "source"): 'Law 88-V "On public services", art. 25 p. 2',
    ("channel", "title"): '{kk: "Кент, ауыл, ауылдық округ әкімдігі", ru: "Акимат поселка, села, сельского округа"}',
    ("channel", "term"): "30 min",
    ("channel", "term_text"): "{kk: 30 минут, ru: 30 минут}",
    ("channel", "max_wait"): "15 min",
    ("channel", "max_wait_result"): "15 min",
    ("channel", "max_service"): "15 min",
    ("channel", "schedule"): "provider",
    ("channel", "reception"): "provider_reception",
    ("channel", "acceptance_day_excluded"): "true",
    ("channel", "term_counted_on"): None,
    ("term-counted-on", "week"): "six_day",
    ("term-counted-on", "source"): "the standard's words that count the term on the six-day week, and where",
    ("channel", "source"): "seed 004, passport 12.1, «Қызмет көрсету мерзімі» 1)",
    ("document", "id"): "birth_certificate",
    ("document", "title"): "{kk: баланың туу туралы куәлігі, ru: свидетельство о рождении ребенка}",
    ("document", "channels"): "[provider_office, gov_corp]",
    ("document", "provision"): "gateway",
    ("document", "from"): "{kk: Ауылдық округ әкімінің аппараты, ru: Аппарат акима сельского округа}",
    ("document", "copy"): "original_and_copy",
    ("document", "condition"): "{kk: бар болғанда, ru: при наличии}",
    ("document", "template"): "application_form",
    ("document", "source"): "seed 004, passport 12.1, «Қажетті құжаттар» 2)",
    ("result", "id"): "queue_notice",
    ("result", "title"): "{kk: кезекке қою туралы хабарлама, ru: уведомление о постановке на очередь}",
    ("result", "form"): "[paper, electronic]",
    ("result", "template"): "referral",
    ("result", "source"): "seed 004, passport 12.1, «Мемлекеттік қызметтің нәтижесі»",
    ("statutory-ground", "statutory"): "unreliable_documents",
    ("statutory-ground", "source"): "seed 004, passport 12.1, «Қажетті құжаттар»",
    ("specific-ground", "id"): "age_over_six",
    ("specific-ground", "title"): "{kk: баланың жасы 6-дан асқан, ru: возраст ребенка старше 6 лет}",
    ("specific-ground", "citation"): "{kk: Стандарттың 10-тармағы, ru: пункт 10 стандарта}",
    ("specific-ground", "source"): "standard, p. 10",
    ("regulation", "kind"): "regulation",
    ("regulation", "id"): "aktobe-school-admission",
    ("regulation", "standard"): "school-admission",
    ("regulation", "title"): "{kk: ... регламенті, ru: Регламент ...}",
    ("regulation", "scope"): "national",
    ("regulation", "region"): "{kk: Ақтөбе облысы, ru: Актюбинская область}",
    ("regulation", "approved_by"): None,
    ("regulation", "valid_from"): "2015-07-26",
    ("regulation", "valid_to"): "2020-02-17",
    ("regulation", "repealed_by"): None,
    ("regulation", "amendments"): None,
    ("regulation", "actors"): None,
    ("regulation", "processes"): None,
    ("regulation", "source"): "seed 002, regulation 1 (pp. 1–9 and appendices 1–2)",
    ("regulation", "acknowledgements"): None,
    ("regulation", "day_limits"): None,
    ("day-limits", "reading"): "elapsed",
    ("day-limits", "source"): "\"the paragraph whose words fix it, e.g. «құжаттар түскен сәттен бастап»\"",
    ("amendment", "date"): "2018-07-20",
    ("amendment", "act"): None,
    ("amendment", "effective"): "2018-08-13",
    ("amendment", "note"): "{kk: 3 тармақ жаңа редакцияда, ru: Пункт 3 в новой редакции}",
    ("amendment", "source"): "seed 002, regulation 1, note to p. 3",
    ("actor", "id"): "executor",
    ("actor", "kind"): "person",
    ("actor", "title"): "{kk: Жауапты орындаушы, ru: Ответственный исполнитель}",
    ("actor", "schedule"): "portal",
    ("actor", "assumed_limit"): None,
    ("assumed-limit", "duration"): "1 h",
    ("assumed-limit", "source"): "the system's service level agreement, p. 3",
    ("actor", "source"): "seed 002, regulation 1, p. 6",
    ("step", "waits_for"): "{meeting: {kk: Комиссия отырысы, ru: Заседание комиссии}, every: [tue], source: ...}",
    ("waits-for", "meeting"): "{kk: Аттестаттау комиссиясының отырысы, ru: Заседание аттестационной комиссии}",
    ("waits-for", "every"): "[tue, thu]",
    ("waits-for", "monthly"): None,
    ("waits-for", "dates"): "[2026-01-30, 2026-02-27]",
    ("waits-for", "at_least"): "once_a_month",
    ("waits-for", "if_day_off"): "next",
    ("waits-for", "source"): "the Rules' paragraph that says when the commission meets",
    ("monthly", "nth"): "last",
    ("monthly", "weekday"): "fri",
    ("step", "id"): "register",
    ("step", "kind"): "decision",
    ("step", "number"): "2",
    ("step", "actor"): "executor",
    ("step", "action"): "{kk: Құжаттарды қабылдайды, ru: Принимает документы}",
    ("step", "duration"): "5 min",
    ("step", "duration_text"): "{kk: 5 (бес) минут ішінде, ru: в течение 5 (пяти) минут}",
    ("step", "unbounded"): "{kk: комиссия отырысына дейін, ru: до заседания комиссии}",
    ("step", "result"): "{kk: Құжаттарды басшыға жолдайды, ru: Направляет документы руководителю}",
    ("step", "documents"): "[eds_request]",
    ("step", "results"): "[receipt]",
    ("step", "obtains"): "[residence_certificate]",
    ("step", "at_counter"): "true",
    ("step", "next"): "sign_receipt",
    ("step", "ends"): "refusal_to_accept",
    ("step", "refusal_grounds"): "[requirements_not_met]",
    ("step", "outcomes"): None,
    ("step", "source"): "seed 002, regulation 1, p. 5 1) and p. 7",
    ("outcome", "id"): "accept",
    ("outcome", "label"): "{kk: Қолхат ресімделеді, ru: Оформляется расписка}",
    ("outcome", "next"): "sign_receipt",
    ("outcome", "ends"): "refusal",
    ("outcome", "refusal_grounds"): "[requirements_not_met, unreliable_documents]",
    ("outcome", "max_repeats"): "3",
    ("outcome", "duration"): "1 wd",
    ("outcome", "duration_text"): "{kk: 1 (бір) жұмыс күні ішінде, ru: в течение 1 (одного) рабочего дня}",
    ("outcome", "action"): "{kk: Құжаттарды қайтарады, ru: Возвращает документы}",
    ("outcome", "actor"): "clerk",
    ("outcome", "source"): "the regulation's paragraph that gives the time, e.g. p. 5 3)",
    ("acknowledgement", "check"): "deadline",
    ("acknowledgement", "channel"): "gov_corp",
    ("acknowledgement", "path_end"): "issue_result",
    ("acknowledgement", "accepts"): "1 wd",
    ("acknowledgement", "reason"): "{kk: Өзгерістер дайындалуда, ru: Готовятся изменения}",
    ("acknowledgement", "reference"): "letter No. 12-3/456 of 2024-02-01",
    ("text", "kk"): "Өтініш",
    ("text", "ru"): "Заявление",
    ("text", "en"): "Application",
    ("text", "source"): '{kk: "seed 002, regulation 1, p. 5 1)", ru: translation}',
    ("act", "title"): "{kk: Ақтөбе облысы әкімдігінің қаулысы, ru: Постановление акимата Актюбинской области}",
    ("act", "number"): '"232"',
    ("act", "date"): "2015-06-29",
    ("act", "registration"): '"4437"',
    ("act", "paragraph"): "art. 25 p. 2",
    ("act", "source"): "seed 002, heading",
}

#: When a key that the schema does not require is required all the same (by the checks).
REQUIRED_WHEN: dict[tuple[str, str], str] = {
    ("channel", "title"): "for a channel other than `provider_office`, `gov_corp`, `portal`",
    ("outcome", "next"): "`next` or `ends`",
    ("outcome", "ends"): "`next` or `ends`",
    ("outcome", "refusal_grounds"): "with `ends: refusal`",
    ("outcome", "source"): "with `duration`",
    ("outcome", "actor"): "no; only with `duration`",
    ("outcome", "action"): "no; only with `duration`",
    ("outcome", "duration_text"): "no; only with `duration`",
    ("step", "refusal_grounds"): "with `ends: refusal`",
    ("step", "outcomes"): "for `kind: decision` and `kind: condition`",
    ("step", "number"): "for `kind: process` and `kind: condition`",
}

_EXAMPLE_SECTION = {
    "standard": "see [§2](#an-annotated-standard)",
    "regulation": "see [§3](#an-annotated-regulation)",
    "common": "see [§2](#an-annotated-standard)",
}
_VALUE_FORMS = {
    "text": "[text](#texts)",
    "source": "[citation](#citing-sources)",
    "id": "[id](#value-forms)",
    "date": "[date](#value-forms)",
    "duration": "[duration](#durations)",
    "act": "[act](#keys-act)",
}


@cache
def fragment(name: str) -> dict[str, Any]:
    """One schema fragment of `engine/spec/schemas/`, parsed."""
    return dict(json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8")))


def _objects(node: Any, pointer: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every object definition with `properties` below `node`, with its pointer."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict) and node.get("type", "object") == "object" \
                and "additionalProperties" in node:
            yield pointer, node
        for key, value in node.items():
            yield from _objects(value, (*pointer, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, (*pointer, index))


@cache
def tables() -> list[Table]:
    """Every object of the documented fragments, as a table, in the guide's order."""
    found: list[Table] = []
    for name in FRAGMENTS:
        for pointer, _node in _objects(fragment(name), ()):
            if (name, pointer) in INLINE:
                continue
            anchor, title = TITLES.get((name, pointer), ("-".join(map(str, (name, *pointer[-1:]))),
                                                         f"`{'/'.join(map(str, pointer))}` of {name}"))
            found.append(Table(anchor, name, pointer, title))
    order = {key: index for index, key in enumerate(TITLES)}
    return sorted(found, key=lambda t: order.get((t.fragment, t.pointer), len(order)))


def schema_keys() -> set[str]:
    """Every property name of every object definition of the documented fragments."""
    keys: set[str] = set()
    for name in FRAGMENTS:
        for _pointer, node in _objects(fragment(name), ()):
            keys.update(node["properties"])
    return keys


def _form(prop: dict[str, Any], fragment_name: str) -> str:
    """How a value is written, in words, with links to where the form is explained."""
    ref = prop.get("$ref")
    if isinstance(ref, str):
        target = ref.rsplit("/", 1)[-1]
        if ref.startswith("common.json") or fragment_name == "common":
            return _VALUE_FORMS.get(target, f"`{target}`")
        branches = [t.name for t in tables()
                    if t.fragment == fragment_name and t.pointer[:2] == ("$defs", target)
                    and (len(t.pointer) == 2 or t.pointer[2] == "oneOf")]
        if len(branches) == 1:
            return f"[{target.replace('_', ' ')}](#keys-{branches[0]})"
        return " or ".join(f"[{name.replace('-', ' ')}](#keys-{name})" for name in branches)
    if "const" in prop:
        return f"always `{prop['const']}`"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        items = _form(prop["items"], fragment_name)
        extras = []
        if prop.get("minItems"):
            extras.append(f"at least {prop['minItems']}")
        if prop.get("uniqueItems"):
            extras.append("no repeats")
        return f"list of {items}" + (f" ({', '.join(extras)})" if extras else "")
    if kind == "object" and "properties" in prop:
        return "mapping, see below"
    if kind == "object":
        value = prop.get("additionalProperties", {})
        return f"mapping: channel name → {_form(value, fragment_name)}"
    if kind == "string" and prop.get("x-kind") == "register_code":
        return "six digits, in quotes"
    if kind == "string":
        return "text, one line"
    if kind == "number":
        return "number" + (f" ≥ {prop['minimum']}" if "minimum" in prop else "")
    if kind == "integer":
        low, high = prop.get("minimum"), prop.get("maximum")
        if low is not None and high is not None:
            return f"whole number {low}–{high}"
        return "whole number" + (f" ≥ {low}" if low is not None else "")
    if kind == "boolean":
        return "`true` or `false`"
    if "oneOf" in prop and any("const" in branch for branch in prop["oneOf"]):
        return " or ".join(_form(branch, fragment_name) if "const" not in branch
                           else f"`{branch['const']}`" for branch in prop["oneOf"])
    if "oneOf" in prop:
        return "[citation](#citing-sources), or one per language: `{kk: ..., ru: ...}`"
    return "see below"


def _required(table: Table, node: dict[str, Any], key: str) -> str:
    if key in node.get("required", []):
        return "**yes**"
    then = node.get("then", {})
    condition = node.get("if", {}).get("properties", {})
    if key in then.get("required", []) and condition:
        (name, test), = condition.items()
        return f"if `{name}: {test.get('const')}`"
    return REQUIRED_WHEN.get((table.name, key), "no")


def _meaning(table: Table, key: str, prop: dict[str, Any]) -> str:
    text = prop.get("description") or MEANINGS.get((table.name, key))
    return text or "**(undocumented)**"


def _example(table: Table, key: str, prop: dict[str, Any]) -> str:
    if (table.name, key) not in EXAMPLES:
        return "**(no example)**"
    value = EXAMPLES[(table.name, key)]
    if value is not None:
        return f"`{value}`"
    if prop.get("type") == "object" and "properties" in prop:
        return "see below"
    return _EXAMPLE_SECTION.get(table.fragment, "see the examples")


def key_table(table: Table) -> str:
    """The markdown table of one object's keys."""
    node = table.node()
    lines = ["| key | required | form | meaning | example |", "|---|---|---|---|---|"]
    for key, prop in node["properties"].items():
        cells = [f"`{key}`", _required(table, node, key), _form(prop, table.fragment),
                 _meaning(table, key, prop), _example(table, key, prop)]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def sources_block() -> str:
    """Where `source:` is required and where it may be left out."""
    required, optional = [], []
    for table in tables():
        node = table.node()
        if "source" in node["properties"]:
            label = table.title.split(" (")[0]
            (required if "source" in node.get("required", []) else optional).append(
                f"[{label[0].lower() + label[1:]}](#keys-{table.name})")
    return (f"- **required** on: {', '.join(required)};\n"
            f"- **optional** on: {', '.join(optional)}.\n")


# --------------------------------------------------------------------------- checking snippets

def case_names() -> list[str]:
    """Every broken-spec case of `tests/docs/snippets/` (directories not starting with `_`)."""
    return sorted(p.name for p in SNIPPETS.iterdir() if p.is_dir() and not p.name.startswith("_"))


@contextmanager
def _prepared(case: Path) -> Iterator[Path]:
    """The case directory, or for `oversized` a padded copy of it."""
    if case.name != "oversized":
        yield case
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / case.name
        shutil.copytree(case, copy)
        for spec in copy.rglob("*.yaml"):
            raw = spec.read_bytes()
            padding = b"# padding\n" * ((OVERSIZED_BYTES - len(raw)) // 10 + 1)
            spec.write_bytes((raw + padding)[:OVERSIZED_BYTES - 1] + b"\n")
        yield copy


def check_output(*roots: Path) -> str:
    """What `reglament check <roots>` prints, with each root shown as `specs/`.

    Calls the function behind the command (the CLI only parses the arguments), which
    is several times faster than going through the command-line layer.
    """
    from commands.check import run_check

    out, err = io.StringIO(), io.StringIO()
    run_check([str(root) for root in roots], "text", out, err)
    text = out.getvalue() + err.getvalue()
    for root in roots:
        text = text.replace(f"{root}/", "specs/").replace(f"{root}\\", "specs/")
    return text


@cache
def case_output(name: str) -> str:
    """The whole report for one case, checked with the base standard."""
    with _prepared(SNIPPETS / name) as case:
        return check_output(BASE, case)


def findings(report: str) -> list[str]:
    """The finding lines of a text report (indented under their file)."""
    return [line[2:] for line in report.splitlines() if line.startswith("  ")]


def doc_examples(doc: str) -> dict[str, str]:
    """The annotated example specs of the guide: path under `specs/` → YAML text."""
    return dict(_EXAMPLE.findall(doc))


def examples_output(doc: str) -> str:
    """The report for the guide's examples, checked with the base standard."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "specs"
        for path, text in doc_examples(doc).items():
            target = root / path.removeprefix("specs/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        shutil.copytree(BASE, root, dirs_exist_ok=True)
        return check_output(root)


# --------------------------------------------------------------------------- limits

def invalid_messages(case: str) -> str:
    """The messages of the broken spec `tests/data/invalid/<case>.yaml`, as its golden file has them."""
    return (INVALID / f"{case}.expected").read_text(encoding="utf-8")


def pipe_messages() -> str:
    """What `reglament check` prints for a named pipe where a spec is expected (POSIX)."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "standards").mkdir()
        os.mkfifo(Path(tmp) / "standards" / "pipe.yaml")
        return "\n".join(findings(check_output(Path(tmp))))


def limits_table() -> str:
    """The limits of reading a spec, with their values taken from the engine."""
    from engine.spec import MAX_AMOUNT, MAX_BYTES, MAX_DEPTH, MAX_NODES
    from engine.spec.yamlbuild import MAX_DIGITS

    rows = [
        ("Bytes of one file (spec, calendar, scenario file)", f"{MAX_BYTES:,}",
         "`engine.support.bounded_read.read_regular_file`, while reading: never more than one "
         "byte past the limit, whatever the file system says of the size"),
        ("Kind of file", "regular files only",
         "`read_regular_file`, before opening (`os.stat`) and after (`os.fstat`); opened "
         "without blocking"),
        ("Nesting of lists and mappings", f"{MAX_DEPTH} levels", "`engine.spec.yamlbuild`"),
        ("YAML nodes of one file", f"{MAX_NODES:,}", "`engine.spec.yamlbuild`"),
        ("Amount of a duration", f"{MAX_AMOUNT:,} (six digits), in any unit",
         "the schema's pattern; the message from `engine.spec.duration`"),
        ("Digits of a number written unquoted", f"{MAX_DIGITS}; finite (no overflow to "
         "infinity)", "`engine.spec.yamlbuild`, before any other check reads the number"),
    ]
    lines = ["| limit | value | checked by |", "|---|---|---|"]
    lines += [f"| {what} | {value} | {where} |" for what, value, where in rows]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the blocks

def _fenced(text: str, lang: str = "text") -> str:
    return f"```{lang}\n{text.rstrip()}\n```\n"


def block(name: str, doc: str) -> str:
    """The generated content of block `name`."""
    kind, _, arg = name.partition("/")
    if kind == "keys":
        table = next((t for t in tables() if t.name == arg), None)
        if table is None:
            raise KeyError(f"no table {arg!r} in the schema")
        return key_table(table)
    if kind == "sources":
        return sources_block()
    if kind == "message":
        return _fenced("\n".join(findings(case_output(arg))))
    if kind == "first-finding":
        return _fenced(findings(case_output(arg))[0])
    if kind == "report":
        return _fenced("$ reglament check specs/\n" + case_output(arg), "console")
    if kind == "examples-check":
        return _fenced("$ reglament check specs/\n" + examples_output(doc), "console")
    if kind == "invalid":
        return _fenced(invalid_messages(arg))
    if kind == "refusal" and arg == "pipe":
        return _fenced(pipe_messages())
    if kind == "limits":
        return limits_table()
    raise KeyError(f"unknown generated block {name!r}")


def block_names(doc: str) -> list[str]:
    """The names of the generated blocks of the guide, in order."""
    return [match.group(2) for match in _BLOCK.finditer(doc)]


def render(doc: str) -> str:
    """The guide with every generated block brought up to date."""
    return _BLOCK.sub(lambda m: m.group(1) + block(m.group(2), doc) + m.group(4), doc)


def main() -> int:
    """Rewrite the generated blocks of docs/authoring.md; print what changed."""
    doc = DOC.read_text(encoding="utf-8")
    new = render(doc)
    if new == doc:
        print("docs/authoring.md is up to date")
        return 0
    old_blocks = {m.group(2): m.group(3) for m in _BLOCK.finditer(doc)}
    for match in _BLOCK.finditer(new):
        if old_blocks.get(match.group(2)) != match.group(3):
            print(f"updated: {match.group(2)}")
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
