"""The four formats of a synthetic log: XES valid against the IEEE 1849-2016 schema, OCEL
valid against the OCEL 2.0 JSON schema, and CSV, Parquet, XES and OCEL holding the same
events."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from lxml import etree

from tests.audit.synthetic_support import write

DATA = Path(__file__).resolve().parents[1] / "data"
Event = tuple[str, str, int, str, str, str, str, str]


def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(DATA / "xes" / "xes-ieee-1849-2016.xsd")))


def test_xes_validates_against_the_standard_schema(tmp_path: Path) -> None:
    written = write(tmp_path, "xes", cases=60)
    document = etree.parse(str(written.log))
    schema = _schema()
    assert schema.validate(document), schema.error_log
    assert len(document.getroot().findall("trace")) == 60


@pytest.mark.parametrize(("before", "after"), [
    ('<log xes.version="2.0">', "<log>"),  # the version is required
    ('<date key="time:timestamp" value="2019-', '<date key="time:timestamp" value="19-'),
    ('<string key="org:resource"', '<text key="org:resource"'),  # no such attribute type
])
def test_a_broken_xes_is_rejected_by_the_schema(tmp_path: Path, before: str, after: str) -> None:
    written = write(tmp_path, "xes", cases=5)
    text = written.log.read_text(encoding="utf-8")
    assert before in text
    broken = etree.fromstring(text.replace(before, after, 1).encode())
    assert not _schema().validate(broken)


def test_ocel_validates_against_the_ocel_2_schema(tmp_path: Path) -> None:
    written = write(tmp_path, "ocel", cases=60)
    schema = json.loads((DATA / "ocel" / "ocel20-schema-json.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    document = json.loads(written.log.read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(document)] == []
    assert len(document["objects"]) == 60
    document["events"][0]["time"] = 7
    assert list(validator.iter_errors(document))


def _seconds(text: str) -> int:
    return int(dt.datetime.fromisoformat(text).timestamp())


def _csv(path: Path) -> list[Event]:
    options = pacsv.ConvertOptions(column_types={"timestamp": "string"}, strings_can_be_null=True)
    rows = pacsv.read_csv(path, convert_options=options).to_pylist()
    return [(r["case_id"], r["activity"], _seconds(r["timestamp"]), r["resource"], r["service"],
             r["channel"], r["outcome"] or "", r["ground"] or "") for r in rows]


def _parquet(path: Path) -> list[Event]:
    return [(r["case_id"], r["activity"], int(r["timestamp"].timestamp()), r["resource"],
             r["service"], r["channel"], r["outcome"] or "", r["ground"] or "")
            for r in pq.read_table(path).to_pylist()]


def _xes(path: Path) -> list[Event]:
    found = []
    for trace in etree.parse(str(path)).getroot().iter("trace"):
        head = {a.get("key"): a.get("value") for a in trace if a.tag == "string"}
        for event in trace.iter("event"):
            values = {a.get("key"): a.get("value") for a in event}
            found.append((head["concept:name"], values["concept:name"],
                          _seconds(values["time:timestamp"]), values["org:resource"],
                          head["service"], head["channel"], values.get("outcome", ""),
                          values.get("ground", "")))
    return found


def _ocel(path: Path) -> list[Event]:
    document = json.loads(path.read_text(encoding="utf-8"))
    cases = {o["id"]: {a["name"]: a["value"] for a in o["attributes"]}
             for o in document["objects"]}
    found = []
    for event in document["events"]:
        values = {a["name"]: a["value"] for a in event["attributes"]}
        case = event["relationships"][0]["objectId"]
        found.append((case, event["type"], _seconds(event["time"]), values["resource"],
                      cases[case]["service"], cases[case]["channel"], values.get("outcome", ""),
                      values.get("ground", "")))
    return found


def test_every_format_holds_the_same_events(tmp_path: Path) -> None:
    logs = {fmt: write(tmp_path, fmt, cases=200, name=f"log-{fmt}").log
            for fmt in ("csv", "parquet", "xes", "ocel")}
    parquet = _parquet(logs["parquet"])
    assert len(parquet) > 1000
    assert {e[6] for e in parquet} > {""}
    assert {e[7] for e in parquet} > {""}
    assert _csv(logs["csv"]) == parquet
    assert _xes(logs["xes"]) == parquet
    assert _ocel(logs["ocel"]) == parquet
    # CSV timestamps carry the offset in force: +06:00 in 2019 (Almaty, before 1 March 2024)
    line = logs["csv"].read_text(encoding="utf-8").splitlines()[1]
    assert "+06:00" in line
