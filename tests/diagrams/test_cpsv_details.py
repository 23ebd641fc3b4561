"""The details real texts give, exported to CPSV-AP (tests/data/gaps): a fee the text does
not state is a `cv:Cost` without a value, a second waiting time at the result and a document
the provider obtains from another organisation go into the extension. The golden file
`data/cpsv/school-transport.jsonld` is regenerated with `--regen-golden` (review the diff)."""

from __future__ import annotations

from typing import Any

import pyshacl
import pytest
from rdflib import Graph

from engine.calendar import default_calendar
from engine.corpus import load_corpus
from renderers.exports.cpsv import cpsv_text, export_cpsv
from tests.diagrams.test_cpsv_export import DATA, SHAPES
from tests.specdata import DATA as SPEC_DATA

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def _document() -> dict[str, Any]:
    corpus = load_corpus([SPEC_DATA / "gaps"])
    (standard,) = corpus.standards
    return export_cpsv(standard, corpus.regulations_for(standard.id),
                       calendar=default_calendar().data)


def _node(document: dict[str, Any], suffix: str) -> dict[str, Any]:
    return next(n for n in document["@graph"] if n["@id"].endswith(suffix))


def test_the_details_conform_to_the_shapes() -> None:
    graph = Graph().parse(data=cpsv_text(_document()), format="json-ld")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=Graph().parse(SHAPES, format="turtle"))
    assert conforms, text


def test_a_fee_the_text_does_not_state_has_no_value() -> None:
    cost = _node(_document(), "/cost")
    assert "cv:hasValue" not in cost
    assert [d["@value"] for d in cost["dct:description"]] == [
        "Ақылы, төлем мөлшері мәтінде көрсетілмеген (Мемлекеттік қызмет ақылы негізде "
        "көрсетіледі)",
        "Платно, размер платы в тексте не указан (Государственная услуга оказывается на "
        "платной основе)"]


def test_the_second_waiting_time_and_the_obtained_document_are_in_the_extension() -> None:
    document = _document()
    channel = _node(document, "/channel/provider_office")
    assert channel["rgl:maxWaitingTime"] == {"@type": "xsd:duration", "@value": "PT15M"}
    assert channel["rgl:maxWaitingTimeResult"] == {"@type": "xsd:duration", "@value": "PT15M"}
    evidence = _node(document, "/evidence/residence_certificate")
    assert evidence["rgl:provision"] == "obtained"
    assert evidence["rgl:obtainedFrom"] == [
        {"@language": "kk", "@value": "Ауылдық округ әкімінің аппараты"},
        {"@language": "ru", "@value": "Аппарат акима сельского округа"}]


def test_golden_export(regen_golden: bool) -> None:
    text = cpsv_text(_document())
    golden = DATA / "school-transport.jsonld"
    if regen_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), \
        f"{golden} differs (hint: pytest {__file__} --regen-golden, then review git diff)"
