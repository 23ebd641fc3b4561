"""The CPSV-AP 3.2.0 JSON-LD export against the EU's own SHACL shapes, under pySHACL.

Each document is parsed by rdflib's JSON-LD parser (the context is inline: no network)
and validated with the official shapes of CPSV-AP 3.2.0; variants with a required
property dropped or a wrong datatype show that the shapes do catch what they should.
"""

from __future__ import annotations

import copy
import dataclasses
import doctest
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyshacl
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS as DCT
from rdflib.namespace import SH, SKOS

import renderers.exports.cpsv_context
from engine.calendar import CalendarData, default_calendar
from engine.corpus import Corpus, load_corpus
from engine.spec import Cost, Standard, Text
from renderers.exports.cpsv import cpsv_text, export_cpsv
from renderers.exports.cpsv_context import EXT
from tests.conftest import ROOT, SPECS

DATA = Path(__file__).parent / "data" / "cpsv"
SHAPES = DATA / "cpsv-ap-3.2.0-shacl.ttl"
SHARED_SHAPES = ROOT.parent / "shared" / "data" / "cpsv-ap-3.2.0-shacl.ttl"
GOLDEN = ("externat-permission", "summer-camps-low-income")

CV = Namespace("http://data.europa.eu/m8g/")
CPSV = Namespace("http://purl.org/vocab/cpsv#")
RGL = Namespace(EXT)

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

#: Properties whose values are human text: each must be given in Kazakh and Russian.
HUMAN_TEXT = {DCT.title, DCT.description, SKOS.prefLabel,
              URIRef("http://data.europa.eu/eli/ontology#title"), RGL.citation, RGL.condition,
              RGL.termText, RGL.region, RGL.obtainedFrom}


@pytest.fixture(scope="session")
def shapes() -> Graph:
    """The official shapes, parsed once for the whole run."""
    return Graph().parse(SHAPES, format="turtle")


@functools.cache
def _corpus() -> Corpus:
    return load_corpus([SPECS])


@pytest.fixture
def corpus() -> Corpus:
    return _corpus()


@pytest.fixture(scope="module")
def calendar() -> CalendarData:
    return default_calendar().data


def _export(corpus: Corpus, calendar: CalendarData, standard: Standard) -> dict[str, Any]:
    return export_cpsv(standard, corpus.regulations_for(standard.id), calendar=calendar)


def _graph(document: dict[str, Any]) -> Graph:
    return Graph().parse(data=cpsv_text(document), format="json-ld")


def _violations(shapes: Graph, document: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(focus node, path, constraint component) of every violation the shapes report."""
    conforms, report, _ = pyshacl.validate(_graph(document), shacl_graph=shapes)
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found.add((str(report.value(result, SH.focusNode)), str(report.value(result, SH.resultPath)),
                   str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]))
    assert conforms == (not found)
    return found


def _node(document: dict[str, Any], node_type: str, suffix: str = "") -> dict[str, Any]:
    return next(n for n in document["@graph"] if n["@type"] == node_type and n["@id"].endswith(suffix))


def _standard_ids() -> list[str]:
    return sorted({s.id for s in _corpus().standards})


def test_the_shapes_are_the_shared_copy() -> None:
    if not SHARED_SHAPES.is_file():
        pytest.skip(f"no shared shapes at {SHARED_SHAPES} to compare the test copy with")
    assert SHAPES.read_bytes() == SHARED_SHAPES.read_bytes()


@pytest.mark.parametrize("standard_id", _standard_ids())
def test_every_standard_conforms_to_the_cpsv_ap_shapes(shapes: Graph, corpus: Corpus,
                                                       calendar: CalendarData, standard_id: str) -> None:
    for standard in corpus.standard_versions(standard_id):
        document = _export(corpus, calendar, standard)
        assert _violations(shapes, document) == set()
        graph = _graph(document)
        services = list(graph.subjects(RDF.type, CPSV.PublicService))
        assert services == [URIRef(f"https://reglament.kz/id/service/{standard_id}")]
        assert len(set(graph.objects(services[0], CV.hasChannel))) == len(standard.channels)
        assert len(set(graph.objects(services[0], CPSV.hasInput))) == len(standard.documents)
        assert len(set(graph.objects(services[0], CPSV.produces))) == len(standard.results)
        assert len(set(graph.objects(services[0], CPSV.follows))) == len(standard.refusal_grounds)


def _drop(key: str, node_type: str, suffix: str = "") -> Callable[[dict[str, Any]], str]:
    def mutate(document: dict[str, Any]) -> str:
        node = _node(document, node_type, suffix)
        del node[key]
        return str(node["@id"])
    return mutate


def _set(key: str, value: Any, node_type: str, suffix: str = "") -> Callable[[dict[str, Any]], str]:
    def mutate(document: dict[str, Any]) -> str:
        node = _node(document, node_type, suffix)
        node[key] = value
        return str(node["@id"])
    return mutate


@pytest.mark.parametrize(("mutate", "path", "component"), [
    (_drop("dct:title", "cpsv:PublicService"), DCT.title, "MinCountConstraintComponent"),
    (_drop("dct:identifier", "cpsv:PublicService"), DCT.identifier, "MinCountConstraintComponent"),
    (_drop("cv:hasCompetentAuthority", "cpsv:PublicService"), CV.hasCompetentAuthority,
     "MinCountConstraintComponent"),
    (_drop("skos:prefLabel", "cv:PublicOrganisation"),
     SKOS.prefLabel, "MinCountConstraintComponent"),
    (_drop("dct:description", "cpsv:Rule", "unreliable_documents"), DCT.description,
     "MinCountConstraintComponent"),
    (_set("cv:processingTime", "15 working days", "cv:Channel", "gov_corp"), CV.processingTime,
     "DatatypeConstraintComponent"),
    (_set("dct:identifier", ["a", "b"], "cv:Evidence", "application"), DCT.identifier,
     "MaxCountConstraintComponent"),
    (_set("dct:title", "заявление", "cv:Output", "permission_order"), DCT.title,
     "DatatypeConstraintComponent"),
    (_set("cv:hasValue", {"@value": "free", "@type": "xsd:string"}, "cv:Cost"), CV.hasValue,
     "DatatypeConstraintComponent"),
    (_set("cv:hasCost", {"@id": "https://reglament.kz/id/nothing"}, "cpsv:PublicService"), CV.hasCost,
     "ClassConstraintComponent"),
])
def test_a_document_breaking_the_shapes_is_caught(shapes: Graph, corpus: Corpus, calendar: CalendarData,
                                                  mutate: Callable[[dict[str, Any]], str], path: URIRef,
                                                  component: str) -> None:
    document = copy.deepcopy(_export(corpus, calendar, corpus.standard_versions("externat-permission")[0]))
    focus = mutate(document)
    assert (focus, str(path), component) in _violations(shapes, document)


@pytest.mark.parametrize("standard_id", _standard_ids())
def test_every_human_text_is_in_kazakh_then_russian(corpus: Corpus, calendar: CalendarData,
                                                    standard_id: str) -> None:
    document = _export(corpus, calendar, corpus.standard_versions(standard_id)[0])
    graph = _graph(document)
    languages: dict[tuple[Any, Any], list[str | None]] = {}
    for subject, predicate, value in graph:
        if predicate in HUMAN_TEXT:
            assert isinstance(value, Literal), (subject, predicate, value)
            assert value.language in ("kk", "ru", "en"), (subject, predicate, value)
            assert str(value).strip(), (subject, predicate)
            languages.setdefault((subject, predicate), []).append(value.language)
    assert languages
    for where, tags in languages.items():
        assert {"kk", "ru"} <= set(tags), where
        assert len(tags) == len(set(tags)), where
    for node in document["@graph"]:
        for key, value in node.items():
            if isinstance(value, list) and value and isinstance(value[0], dict) and "@language" in value[0]:
                assert [v["@language"] for v in value][:2] == ["kk", "ru"], (node["@id"], key)


def test_every_reference_names_a_node_of_the_document(corpus: Corpus, calendar: CalendarData) -> None:
    for standard in corpus.standards:
        document = _export(corpus, calendar, standard)
        defined = {n["@id"] for n in document["@graph"]}
        for node in document["@graph"]:
            for value in node.values():
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, dict) and set(item) == {"@id"}:
                        assert item["@id"] in defined or item["@id"].startswith("rgl:"), item


def test_a_term_in_working_days_is_kept_exactly_in_the_extension(corpus: Corpus,
                                                                 calendar: CalendarData) -> None:
    graph = _graph(_export(corpus, calendar, corpus.standard_versions("externat-permission")[0]))
    gov_corp = URIRef("https://reglament.kz/id/service/externat-permission/channel/gov_corp")
    assert graph.value(gov_corp, CV.processingTime) is None  # 15 working days: no ISO 8601 form
    term = graph.value(gov_corp, RGL["term"])
    assert (graph.value(term, RGL.amount).toPython(), graph.value(term, RGL.unit),
            str(graph.value(term, RGL.schedule)), graph.value(term, RGL.acceptanceDayExcluded).toPython()) \
        == (15, RGL.workingDay, "gov_corp", True)
    hours = graph.value(gov_corp, CV.openingHours)
    assert "09:00-20:00" in str(graph.value(hours, DCT.description))


def test_a_term_in_minutes_is_also_the_channels_processing_time(corpus: Corpus,
                                                                calendar: CalendarData) -> None:
    graph = _graph(_export(corpus, calendar, corpus.standard_versions("school-admission")[0]))
    office = URIRef("https://reglament.kz/id/service/school-admission/channel/provider_office")
    assert str(graph.value(office, CV.processingTime)) == "PT30M"
    assert str(graph.value(office, RGL.maxServiceTime)) == "PT15M"
    service = URIRef("https://reglament.kz/id/service/school-admission")
    assert str(graph.value(service, DCT.identifier)) == "403003"


def test_documents_are_grouped_per_channel_by_a_requirement(corpus: Corpus, calendar: CalendarData) -> None:
    graph = _graph(_export(corpus, calendar, corpus.standard_versions("preschool-queue")[0]))
    base = "https://reglament.kz/id/service/preschool-queue/"
    portal = {str(e) for e in graph.objects(URIRef(base + "requirement/portal"), CV.hasSupportingEvidence)}
    assert portal == {base + "evidence/eds_request", base + "evidence/priority_right"}
    assert portal == {str(e) for e in graph.objects(URIRef(base + "channel/portal"), CPSV.hasInput)}
    birth = URIRef(base + "evidence/birth_certificate")
    assert str(graph.value(birth, RGL.provision)) == "gateway"
    assert {str(r) for r in graph.objects(birth, CV.supportsRequirement)} == {
        base + "requirement/provider_office", base + "requirement/gov_corp"}


def test_an_incomplete_standard_exports_what_it_has(corpus: Corpus, calendar: CalendarData) -> None:
    document = _export(corpus, calendar, corpus.standard_versions("summer-camps-low-income")[0])
    service = _node(document, "cpsv:PublicService")
    assert "cv:hasChannel" not in service
    assert "cpsv:hasInput" not in service
    assert service["dct:identifier"] == service["@id"]  # no register code: the IRI stands in
    assert service["cpsv:produces"] == {"@id": service["@id"] + "/output/camp_referral"}


def test_a_paid_service_states_its_fee_in_tenge(shapes: Graph, corpus: Corpus) -> None:
    standard = dataclasses.replace(corpus.standard_versions("home-schooling")[0], cost=Cost(
        "paid", "test", 1234.5, Text("Салық кодексінің 609-бабы", "статья 609 Налогового кодекса")))
    document = export_cpsv(standard)
    assert _violations(shapes, document) == set()
    cost = _node(document, "cv:Cost")
    assert cost["cv:hasValue"] == {"@type": "xsd:double", "@value": "1234.5"}
    assert cost["cv:currency"] == {"@id": "http://publications.europa.eu/resource/authority/currency/KZT"}
    assert [d["@value"] for d in cost["dct:description"]] == [
        "Ақылы: 1234.5 теңге (Салық кодексінің 609-бабы)", "Платно: 1234.5 тенге (статья 609 Налогового кодекса)"]


def test_a_regulation_of_another_standard_is_refused(corpus: Corpus) -> None:
    with pytest.raises(ValueError, match='implements "school-admission", not "home-schooling"'):
        export_cpsv(corpus.standard_versions("home-schooling")[0], corpus.regulations_for("school-admission"))


def test_the_text_is_deterministic(corpus: Corpus, calendar: CalendarData) -> None:
    standard = corpus.standard_versions("school-admission")[0]
    regulations = corpus.regulations_for(standard.id) * 2
    first = cpsv_text(export_cpsv(standard, regulations, calendar=calendar))
    again = cpsv_text(export_cpsv(standard, regulations[::-1], calendar=calendar))
    assert first == again
    assert first.endswith("}\n")
    assert "\n  \"@graph\": [\n" in first
    parsed = json.loads(first)
    assert json.dumps(parsed, ensure_ascii=False, indent=2, sort_keys=True) + "\n" == first
    ids = [n["@id"] for n in parsed["@graph"]]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("standard_id", GOLDEN)
def test_golden_export(corpus: Corpus, calendar: CalendarData, regen_golden: bool, standard_id: str) -> None:
    text = cpsv_text(_export(corpus, calendar, corpus.standard_versions(standard_id)[0]))
    golden = DATA / f"{standard_id}.jsonld"
    if regen_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), \
        f"{golden} differs (hint: pytest {__file__} --regen-golden, then review git diff)"


def test_the_vocabulary_doctests() -> None:
    assert doctest.testmod(renderers.exports.cpsv_context).failed == 0


def test_the_authority_also_conforms_as_an_agent(shapes: Graph, corpus: Corpus, calendar: CalendarData) -> None:
    # CPSV-AP's ontology makes a cv:PublicOrganisation a foaf:Agent; a reader that infers it
    # applies the Agent shape (identifier and name required) to the competent authority too.
    graph = _graph(_export(corpus, calendar, corpus.standard_versions("school-admission")[0]))
    for organisation in list(graph.subjects(RDF.type, CV.PublicOrganisation)):
        graph.add((organisation, RDF.type, URIRef("http://xmlns.com/foaf/0.1/Agent")))
        graph.add((organisation, RDF.type, URIRef("http://www.w3.org/ns/org#Organization")))
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes)
    assert conforms, text
