"""The machine-readable reports of `reglament check` and its command line.

A small corpus of five regulations (each with its own standard) covers every
severity: a deadline error, structural errors, unverifiable warnings, an
acknowledged finding and a clean regulation.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from typer.testing import CliRunner

from cli import app
from commands.check import run_check
from engine.verify import check_corpus
from tests.verify.build_data import CASES
from tests.verify.specgen import regulation_yaml, standard_yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS_CASES = ("acknowledged", "minutes-exceed-by-one", "minutes-fit-exactly", "no-end",
                "untimed-step")


def _write_corpus(folder: Path, cases: tuple[str, ...] = CORPUS_CASES) -> Path:
    (folder / "standards").mkdir(parents=True)
    (folder / "regulations").mkdir(parents=True)
    for case in cases:
        channels, processes, acks = CASES[case]
        (folder / "standards" / f"{case}.yaml").write_text(
            standard_yaml(f"svc-{case}", channels), encoding="utf-8")
        (folder / "regulations" / f"{case}.yaml").write_text(
            regulation_yaml(f"reg-{case}", f"svc-{case}", processes,
                            acknowledgements=acks or None), encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The corpus, as the relative path `corpus` (the working directory is its parent)."""
    _write_corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    return "corpus"


def _report(fmt: str, *paths: str, strict: bool = False,
            explain: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_check(list(paths), fmt, out, err, strict=strict, explain_spec=explain)
    return code, out.getvalue(), err.getvalue()


# --- the corpus itself: what each format must show -------------------------------------------

EXPECTED_SEVERITIES = {
    "corpus/regulations/acknowledged.yaml": ["acknowledged"],
    "corpus/regulations/minutes-exceed-by-one.yaml": ["error"],
    "corpus/regulations/no-end.yaml": ["error", "error", "error"],
    "corpus/regulations/untimed-step.yaml": ["warning", "warning"],
}


def test_the_corpus_has_one_finding_of_each_kind(corpus: str) -> None:
    report = check_corpus([corpus])
    got: dict[str, list[str]] = {}
    for finding in report.findings:
        got.setdefault(finding.location.path, []).append(finding.severity)
    assert got == EXPECTED_SEVERITIES
    assert len(report.result.files) == 10


# --- SARIF 2.1.0 -------------------------------------------------------------------------------

# The properties SARIF 2.1.0 defines on each object the report uses (a subset of the
# schema's `properties`, which is closed by `additionalProperties: false` on none of them,
# but an unknown key is ignored by every consumer: a typo would silently drop data).
SARIF_KEYS = {
    "log": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {"tool", "invocations", "conversion", "language", "versionControlProvenance",
            "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
            "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
            "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
            "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
            "translations", "policies", "webRequests", "webResponses", "specialLocations",
            "properties"},
    "tool": {"driver", "extensions", "properties"},
    "driver": {"guid", "name", "organization", "product", "productSuite", "shortDescription",
               "fullDescription", "fullName", "version", "semanticVersion",
               "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri",
               "globalMessageStrings", "notifications", "rules", "taxa", "locations",
               "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
               "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent",
               "translationMetadata", "supportedTaxonomies", "properties"},
    "rule": {"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
             "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration",
             "helpUri", "help", "relationships", "properties"},
    "result": {"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget",
               "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints",
               "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals",
               "relatedLocations", "suppressions", "baselineState", "rank", "attachments",
               "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
               "webResponse", "properties"},
    "message": {"text", "markdown", "id", "arguments", "properties"},
    "suppression": {"guid", "kind", "status", "justification", "location", "properties"},
    "location": {"id", "physicalLocation", "logicalLocations", "message", "annotations",
                 "relationships", "properties"},
    "physicalLocation": {"address", "artifactLocation", "region", "contextRegion", "properties"},
    "artifactLocation": {"uri", "uriBaseId", "index", "description", "properties"},
    "region": {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength",
               "byteOffset", "byteLength", "snippet", "message", "sourceLanguage",
               "properties"},
}


URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]+$")  # RFC 3986 characters


def _keys(obj: dict[str, Any], kind: str) -> None:
    assert isinstance(obj, dict), kind
    unknown = set(obj) - SARIF_KEYS[kind]
    assert not unknown, f"{kind}: keys SARIF 2.1.0 does not define: {unknown}"


def test_sarif_is_structurally_valid_2_1_0(corpus: str) -> None:
    code, out, _ = _report("sarif", corpus)
    assert code == 1
    log = json.loads(out)
    _keys(log, "log")
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    _keys(run, "run")
    _keys(run["tool"], "tool")
    driver = run["tool"]["driver"]
    _keys(driver, "driver")
    assert driver["name"] == "reglament"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    for rule in driver["rules"]:
        _keys(rule, "rule")
        _keys(rule["shortDescription"], "message")
        assert rule["shortDescription"]["text"]
    assert rule_ids == sorted(set(rule_ids))
    results = run["results"]
    assert {r["ruleId"] for r in results} == set(rule_ids)
    levels: dict[str, list[str]] = {}
    for result in results:
        _keys(result, "result")
        assert isinstance(result["ruleId"], str)
        assert result["level"] in {"none", "note", "warning", "error"}
        _keys(result["message"], "message")
        assert result["message"]["text"]
        (location,) = result["locations"]
        _keys(location, "location")
        physical = location["physicalLocation"]
        _keys(physical, "physicalLocation")
        _keys(physical["artifactLocation"], "artifactLocation")
        _keys(physical["region"], "region")
        uri = physical["artifactLocation"]["uri"]
        assert URI_REFERENCE.match(uri), uri
        assert not uri.startswith("/")  # relative to the checkout, as code scanning wants
        region = physical["region"]
        assert isinstance(region["startLine"], int)
        assert region["startLine"] >= 1
        assert isinstance(region["startColumn"], int)
        assert region["startColumn"] >= 1
        assert Path(uri).is_file()
        levels.setdefault(uri, []).append(result["level"])
        for suppression in result.get("suppressions", []):
            _keys(suppression, "suppression")
            assert suppression["kind"] in {"inSource", "external"}
        # an acknowledged finding is a suppressed note; nothing else is suppressed
        assert ("suppressions" in result) == (result["level"] == "note")
    assert levels == {path: [{"acknowledged": "note"}.get(s, s) for s in severities]
                      for path, severities in EXPECTED_SEVERITIES.items()}


def test_sarif_region_points_at_the_yaml_of_the_finding(corpus: str) -> None:
    log = json.loads(_report("sarif", corpus)[1])
    deadline = [r for r in log["runs"][0]["results"] if r["ruleId"] == "deadline"
                and r["level"] == "error"]
    (result,) = deadline
    physical = result["locations"][0]["physicalLocation"]
    lines = Path(physical["artifactLocation"]["uri"]).read_text(encoding="utf-8").splitlines()
    line = lines[physical["region"]["startLine"] - 1]
    assert line[physical["region"]["startColumn"] - 1:] == "id: register"  # the path's first step
    assert result["message"]["text"].startswith(
        "processes.provider_office: path register → assign → review[accept] → issue → hand_over "
        "takes up to 31 min; term 30 min; 5+5+10+5+6 min = 31 min > 30 min; exceeded when")


# --- JUnit -------------------------------------------------------------------------------------


def test_junit_is_well_formed_with_one_failure_per_errored_file(corpus: str) -> None:
    code, out, _ = _report("junit", corpus)
    assert code == 1
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root
    cases = suite.findall("testcase")
    assert len(cases) == 10
    assert root.get("tests") == suite.get("tests") == "10"
    errored = {path for path, s in EXPECTED_SEVERITIES.items() if "error" in s}
    assert root.get("failures") == suite.get("failures") == str(len(errored))
    for case in cases:
        name = case.get("name")
        failures = case.findall("failure")
        assert len(failures) == (1 if name in errored else 0), name
        assert [child.tag for child in case] == sorted(
            (child.tag for child in case), key=["failure", "system-out"].index)
        outs = case.findall("system-out")
        quiet = {path for path, s in EXPECTED_SEVERITIES.items() if set(s) - {"error"}}
        assert len(outs) == (1 if name in quiet else 0), name
    (no_end,) = [c for c in cases if c.get("name") == "corpus/regulations/no-end.yaml"]
    failure = no_end.find("failure")
    assert failure is not None
    assert failure.get("type") == "cycle"
    assert failure.get("message") == "3 errors"
    assert failure.text is not None
    assert [line.split(": ", 2)[1] for line in failure.text.splitlines()] == [
        "processes.provider_office[id=correct]", "processes.provider_office[id=correct]",
        "processes.provider_office[id=recheck]"]


def test_junit_of_a_clean_corpus_has_no_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    _write_corpus(tmp_path / "clean", ("minutes-fit-exactly", "bounded-cycle"))
    monkeypatch.chdir(tmp_path)
    code, out, _ = _report("junit", "clean")
    assert code == 0
    root = ET.fromstring(out.encode("utf-8"))
    assert root.get("failures") == "0"
    assert root.findall(".//failure") == []
    assert len(root.findall(".//testcase")) == 4


# --- GitHub annotations -----------------------------------------------------------------------

ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,:]+),line=([1-9]\d*),col=([1-9]\d*),"
                        r"title=reglament ([a-z-]+)::(\S.*)$")


def test_github_lines_are_workflow_annotations(corpus: str) -> None:
    code, out, _ = _report("github", corpus)
    assert code == 1
    *lines, summary = out.splitlines()
    assert summary == "reglament: 4 error(s), 2 warning(s)"
    seen: dict[str, list[str]] = {}
    for line in lines:
        match = ANNOTATION.match(line)
        assert match, line
        level, path, _, _, _, message = match.groups()
        assert "\n" not in message
        assert Path(path).is_file()
        seen.setdefault(path, []).append({"notice": "acknowledged"}.get(level, level))
    assert seen == EXPECTED_SEVERITIES
    assert ("::error file=corpus/regulations/no-end.yaml,line=68,col=5,title=reglament no-end::"
            'processes.provider_office[id=recheck]: step "recheck" never reaches an end (hint: a '
            "loop with no way out; give one outcome `ends:` or a `next` leading forward)") in lines


# --- JSON ---------------------------------------------------------------------------------------


def test_json_has_sorted_keys_and_every_path(corpus: str) -> None:
    code, out, _ = _report("json", corpus)
    assert code == 1
    payload = json.loads(out)
    assert out == json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert sorted(payload) == ["calendar", "files", "findings", "ok", "paths", "summary"]
    assert payload["calendar"]["id"] == "kz"
    assert payload["calendar"]["term_week"] == "five_day"
    assert payload["ok"] is False
    assert payload["summary"] == {"errors": 4, "regulations": 5, "standards": 5, "warnings": 2}
    assert len(payload["files"]) == 10
    paths = payload["paths"]
    # acknowledged 1 + exceed 2 + fit 2 + untimed 3 (no-end is not timed: structure fails)
    assert [(p["regulation"], p["channel"], p["ending"], p["status"]) for p in paths] == [
        ("reg-acknowledged", "provider_office", "result", "exceeded"),
        ("reg-minutes-exceed-by-one", "provider_office", "refusal", "ok"),
        ("reg-minutes-exceed-by-one", "provider_office", "result", "exceeded"),
        ("reg-minutes-fit-exactly", "provider_office", "refusal", "ok"),
        ("reg-minutes-fit-exactly", "provider_office", "result", "ok"),
        ("reg-untimed-step", "provider_office", "refusal", "unverifiable"),
        ("reg-untimed-step", "provider_office", "result", "unverifiable"),
        ("reg-untimed-step", "gov_corp", "result", "unverifiable"),
    ]
    fit = paths[4]
    assert fit == {
        "channel": "provider_office", "ending": "result",
        "outcomes": [None, None, "accept", None, None],
        "path": ["register", "assign", "review", "issue", "hand_over"],
        "plain_sum": "5+5+10+5+5 min = 30 min ≤ 30 min", "reason": None,
        "regulation": "reg-minutes-fit-exactly", "status": "ok", "term": "30 min",
        "reading": "both", "term_week": "five_day", "step_weeks": ["five_day"], "assumptions": [],
        "overrun": None, "elapsed_worst": None,
        "worst": {"received": "2015-07-27T09:00:00+06:00", "steps_end": "2015-07-27T09:30:00+06:00",
                  "takes": "30 min", "term_end": "2015-07-27T09:30:00+06:00"}}
    assert paths[5]["worst"] is None
    assert paths[5]["reason"] == ("step(s) review have no time limit (none is stated in the "
                                  "text)")
    findings = payload["findings"]
    assert findings == sorted(findings, key=lambda f: (f["path"], f["line"], f["column"]))
    assert {f["severity"] for f in findings} == {"error", "warning", "acknowledged"}


# --- determinism ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_two_runs_are_byte_identical(corpus: str, fmt: str) -> None:
    assert _report(fmt, corpus) == _report(fmt, corpus)


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Two processes with different string hashing print the same bytes (sets, cycles)."""
    _write_corpus(tmp_path / "corpus", ("no-end", "bounded-cycle", "untimed-step",
                                        "unbounded-cycle"))
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", "corpus",
                               "--format", "json"], cwd=tmp_path, env=env, capture_output=True,
                              check=False)
        assert done.returncode == 1, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert b"loop register \xe2\x86\x92 review \xe2\x86\x92 register has no bound" in outputs[0]


# --- --explain and the command line ---------------------------------------------------------


def test_explain_prints_the_timeline_of_the_critical_path(corpus: str) -> None:
    code, out, err = _report("text", corpus, explain="reg-minutes-exceed-by-one")
    assert (code, err) == (1, "")
    assert out == (
        "provider_office: critical path register → assign → review[accept] → issue → hand_over "
        "(exceeded; term 30 min, takes up to 31 min)\n"
        "  received                    2015-07-27 Mon 12:30\n"
        "  register   clerk     5 min  2015-07-27 Mon 12:30 → 2015-07-27 Mon 12:35\n"
        "  assign     clerk     5 min  2015-07-27 Mon 12:35 → 2015-07-27 Mon 12:40\n"
        "  review     clerk    10 min  2015-07-27 Mon 12:40 → 2015-07-27 Mon 12:50\n"
        "  issue      clerk     5 min  2015-07-27 Mon 12:50 → 2015-07-27 Mon 12:55\n"
        "  hand_over  clerk     6 min  2015-07-27 Mon 12:55 → 2015-07-27 Mon 14:01\n"
        "  term ends                   2015-07-27 Mon 13:00  (missed the term by 1 min)\n")


def test_explain_of_a_fitting_path_says_how_much_is_to_spare(corpus: str) -> None:
    code, out, err = _report("text", corpus, explain="reg-minutes-fit-exactly")
    assert (code, err) == (1, "")  # the other files of the corpus have findings
    assert out.splitlines()[-1].endswith("(met the term with no time to spare)")


def test_explain_takes_a_service_id(corpus: str) -> None:
    assert _report("text", corpus, explain="svc-minutes-exceed-by-one") == \
        _report("text", corpus, explain="reg-minutes-exceed-by-one")


def test_explain_as_json_keeps_numbers(corpus: str) -> None:
    code, out, err = _report("json", corpus, explain="reg-minutes-exceed-by-one")
    assert (code, err) == (1, "")
    [item] = json.loads(out)["explain"]
    assert (item["regulation"], item["channel"]) == ("reg-minutes-exceed-by-one",
                                                    "provider_office")
    critical = item["critical"]
    assert (critical["status"], critical["term"], critical["margin_minutes"],
            critical["overrun"]) == ("exceeded", "30 min", -1, "1 min")
    assert [e["step"] for e in critical["timeline"]] == ["register", "assign", "review", "issue",
                                                        "hand_over"]
    assert critical["term_end"] == "2015-07-27T13:00:00+06:00"


def test_explain_in_every_machine_format_carries_the_timeline(corpus: str) -> None:
    _, text, _ = _report("text", corpus, explain="reg-minutes-exceed-by-one")
    _, sarif, _ = _report("sarif", corpus, explain="reg-minutes-exceed-by-one")
    [result] = json.loads(sarif)["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("explain", "error")
    assert result["message"]["text"] == text.rstrip("\n")
    _, junit, _ = _report("junit", corpus, explain="reg-minutes-exceed-by-one")
    case = ET.fromstring(junit).find("./testsuite/testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert failure.text == text.rstrip("\n")
    assert failure.get("message") == "missed the term by 1 min"
    _, github, _ = _report("github", corpus, explain="reg-minutes-exceed-by-one")
    assert github.startswith("::error file=corpus/regulations/minutes-exceed-by-one.yaml,")
    assert github.rstrip("\n").endswith("(missed the term by 1 min)")
    assert github.count("\n") == 1


def test_explain_of_a_fitting_path_is_a_notice_in_github_format(corpus: str) -> None:
    _, github, _ = _report("github", corpus, explain="reg-minutes-fit-exactly")
    assert github.startswith("::notice file=corpus/regulations/minutes-fit-exactly.yaml,")


def test_explain_by_file_and_untimed_channels(corpus: str) -> None:
    by_id = _report("text", corpus, explain="reg-untimed-step")
    by_file = _report("text", corpus, explain="corpus/regulations/untimed-step.yaml")
    assert by_id == by_file
    assert by_id[1].splitlines()[0] == "gov_corp: no path can be timed"
    assert "provider_office: no path can be timed" in by_id[1].splitlines()


runner = CliRunner()


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_cli_exit_codes(corpus: str, tmp_path: Path) -> None:
    (tmp_path / "clean").mkdir()
    _write_corpus(tmp_path / "clean" / "fit", ("minutes-fit-exactly",))
    _write_corpus(tmp_path / "warned", ("untimed-step",))
    (tmp_path / "empty").mkdir()
    assert _cli("check", "clean")[0] == 0
    assert _cli("check", "clean", "--strict")[0] == 0
    assert _cli("check", "warned")[0] == 0
    assert _cli("check", "warned", "--strict")[0] == 1
    assert _cli("check", corpus)[0] == 1
    assert _cli("check", corpus, "--format", "sarif")[0] == 1
    code, output = _cli("check", "no/such/dir")
    assert code == 2
    assert "reglament check: no such file or directory: no/such/dir" in output
    code, output = _cli("check", corpus, "--explain", "reg-nowhere")
    assert code == 2
    assert ("reglament check: --explain: no verified regulation or service 'reg-nowhere' among "
            "the checked specs (hint: did you mean") in output
    assert _cli("check", corpus, "--explain", "reg-no-end")[0] == 2  # structure failed: not timed
    assert _cli("check", "empty")[0] == 2
    assert _cli("check", corpus, "--format", "xml")[0] == 2
    assert _cli("check")[0] == 2


def test_github_escapes_commas_and_colons_in_the_file_property(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _write_corpus(tmp_path / "c", ("minutes-exceed-by-one",))
    (folder / "regulations" / "minutes-exceed-by-one.yaml").rename(
        folder / "regulations" / "a,b:c.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _report("github", "c")
    assert code == 1
    (line, _summary) = out.splitlines()
    assert line.startswith("::error file=c/regulations/a%2Cb%3Ac.yaml,line=26,col=5,"
                           "title=reglament deadline::processes.provider_office: path register")
    assert ANNOTATION.match(line.replace("%2C", "_").replace("%3A", "_"))


def test_control_characters_from_a_spec_keep_junit_well_formed_and_annotations_inert(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A double-quoted YAML key may hold any character; XML 1.0 and terminals may not. The
    loader refuses it (issue 15), and the report that says so stays well-formed and inert."""
    folder = _write_corpus(tmp_path / "c", ("minutes-fit-exactly",))
    standard = folder / "standards" / "minutes-fit-exactly.yaml"
    standard.write_text(standard.read_text(encoding="utf-8") + '"bad\\x0bkey\\x1b": 1\n',
                        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _report("junit", "c")
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    (failure,) = [case.find("failure") for case in root.iter("testcase")
                  if case.get("name") == "c/standards/minutes-fit-exactly.yaml"]
    assert failure is not None
    assert failure.get("type") == "character"
    assert failure.text is not None
    assert "control character \\x0b, written as the escape \\x0b" in failure.text  # visible
    _, annotations, _ = _report("github", "c")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", annotations)
    assert "control character \\x0b, written as the escape \\x0b" in annotations



def test_sarif_uri_of_a_cyrillic_file_name_is_a_uri_reference(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _write_corpus(tmp_path / "c", ("minutes-exceed-by-one",))
    (folder / "regulations" / "minutes-exceed-by-one.yaml").rename(
        folder / "regulations" / "мектеп қабылдау.yaml")
    monkeypatch.chdir(tmp_path)
    log = json.loads(_report("sarif", "c")[1])
    (result,) = log["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert URI_REFERENCE.match(uri), uri
    assert uri == ("c/regulations/%D0%BC%D0%B5%D0%BA%D1%82%D0%B5%D0%BF%20%D2%9B%D0%B0%D0%B1"
                   "%D1%8B%D0%BB%D0%B4%D0%B0%D1%83.yaml")
    assert Path(unquote(uri)).is_file()


def test_sarif_marks_an_acknowledged_finding_suppressed_with_its_reason(corpus: str) -> None:
    log = json.loads(_report("sarif", corpus)[1])
    (note,) = [r for r in log["runs"][0]["results"] if r["level"] == "note"]
    assert note["ruleId"] == "deadline"
    assert note["suppressions"] == [{
        "justification": "Өзгерту күтілуде / Өзгерту күтілуде; tracked in ISSUE-12",
        "kind": "inSource"}]


def test_junit_with_strict_fails_the_files_with_warnings(corpus: str) -> None:
    """--strict fails the run on warnings; the JUnit report must not show them green."""
    code, out, _ = _report("junit", corpus, strict=True)
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    failing = {path for path, s in EXPECTED_SEVERITIES.items() if {"error", "warning"} & set(s)}
    assert root.get("failures") == str(len(failing))
    failed = {case.get("name"): case.find("failure") for case in root.iter("testcase")
              if case.find("failure") is not None}
    assert set(failed) == failing
    untimed = failed["corpus/regulations/untimed-step.yaml"]
    assert untimed is not None
    assert (untimed.get("type"), untimed.get("message")) == ("unverifiable", "2 findings")
    # the acknowledged finding still passes, and is still shown
    (acknowledged,) = [c for c in root.iter("testcase")
                       if c.get("name") == "corpus/regulations/acknowledged.yaml"]
    assert acknowledged.find("failure") is None
    assert acknowledged.find("system-out") is not None
