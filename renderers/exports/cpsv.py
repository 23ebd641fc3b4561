"""A standard as a CPSV-AP 3.2.0 JSON-LD document (the EU Core Public Service Vocabulary).

`export_cpsv` maps the standard to a `cpsv:PublicService` with its competent authority
(`cv:PublicOrganisation`), channels (`cv:Channel`), cost (`cv:Cost`), documents
(`cv:Evidence`, grouped per channel by a `cv:Requirement`), results (`cv:Output`),
refusal grounds (`cpsv:Rule`) and legal basis (`eli:LegalResource`); the regulations
given become legal resources of the service too. What CPSV-AP cannot say (terms in
working days, the schedule a term counts on, the excluded day of acceptance, waiting
and service times, appeals) goes into the extension of `renderers.exports.cpsv_context`.
The nodes are built by `renderers.exports.cpsv_nodes`. `cpsv_text` writes the document
deterministically. docs/diagrams.md, "## CPSV-AP", has the mapping table.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from engine.calendar import CalendarData
from engine.spec import Regulation, Standard, Text
from renderers.exports.cpsv_context import COUNTRY, LANGUAGES, RECIPIENTS, iri, lang_values, typed
from renderers.exports.cpsv_nodes import (
    LAW_ON_PUBLIC_SERVICES,
    Node,
    NodeGraph,
    act_node,
    appeal_node,
    channel_node,
    cost_node,
    evidence_node,
    ref,
    regulation_node,
    requirement_node,
    rule_node,
)

__all__ = ["LAW_ON_PUBLIC_SERVICES", "cpsv_text", "export_cpsv"]


def export_cpsv(standard: Standard, regulations: Sequence[Regulation] = (), *,
                calendar: CalendarData | None = None) -> dict[str, Any]:
    """The CPSV-AP 3.2.0 JSON-LD document of a standard.

    Args:
        standard: the standard (one version of it).
        regulations: regulations implementing it, exported as its legal resources.
        calendar: when given, each channel's schedule becomes its `cv:openingHours`.

    Raises:
        ValueError: when a regulation implements another standard.
    """
    for regulation in regulations:
        if regulation.standard != standard.id:
            raise ValueError(f'regulation "{regulation.id}" implements "{regulation.standard}", '
                             f'not "{standard.id}"')
    graph = NodeGraph()
    service_id = iri("service", standard.id)
    country = ref(graph.add(COUNTRY[0], "dct:Location", skos__prefLabel=lang_values(COUNTRY[1])))
    # dct:identifier and dct:title too: a reader that infers cv:PublicOrganisation to be a
    # foaf:Agent checks it against the Agent shape, which requires both.
    provider = graph.add(f"{service_id}/provider", "cv:PublicOrganisation",
                         dct__identifier=f"{service_id}/provider", dct__title=lang_values(standard.provider),
                         skos__prefLabel=lang_values(standard.provider), dct__spatial=country)
    channels = [channel_node(graph, service_id, standard, c, calendar)
                for c in standard.channels.values()]
    evidence = [evidence_node(graph, service_id, d) for d in standard.documents]
    requirements = [requirement_node(graph, service_id, standard, c) for c in standard.channels.values()]
    acts = [act_node(graph, a) for a in standard.legal_basis]
    laws = [regulation_node(graph, r, acts) for r in sorted(regulations, key=lambda r: (r.id, r.valid_from))]
    service: Node = {
        "dct__identifier": standard.register_code or service_id,
        "dct__title": lang_values(standard.title),
        "dct__description": lang_values(_describe(standard)),
        "dct__language": [ref(graph.add(i, "dct:LinguisticSystem", skos__prefLabel=lang_values(t)))
                          for i, t in LANGUAGES],
        "dct__spatial": country,
        "dct__audience": [graph.concept(iri("recipient", r), RECIPIENTS[r])
                          for r in standard.recipients],
        "cv__hasCompetentAuthority": ref(provider),
        "cv__hasChannel": [ref(c) for c in channels],
        "cv__hasCost": ref(cost_node(graph, service_id, standard)),
        "cpsv__hasInput": [ref(e) for e in evidence],
        "cv__holdsRequirement": [ref(r) for r in requirements],
        "cpsv__produces": [ref(graph.add(
            f"{service_id}/output/{r.id}", "cv:Output", dct__identifier=f"{service_id}/output/{r.id}",
            dct__title=lang_values(r.title), rgl__form=list(r.form) or None, rgl__source=r.source))
            for r in standard.results],
        "cpsv__follows": [ref(rule_node(graph, service_id, g)) for g in standard.refusal_grounds],
        "cv__hasLegalResource": [ref(a) for a in [*acts, *laws]],
        "rgl__form": list(standard.forms),
        "rgl__validFrom": typed(standard.valid_from.isoformat(), "xsd:date"),
        "rgl__validTo": typed(standard.valid_to.isoformat(), "xsd:date") if standard.valid_to else None,
        "rgl__appeal": appeal_node(graph, service_id, standard),
        "rgl__source": standard.source,
    }
    graph.add(service_id, "cpsv:PublicService", **service)
    return graph.document()


def _describe(standard: Standard) -> Text:
    """The service's description: what it is and who renders it, from the standard."""
    return Text(f"«{standard.title.kk}» мемлекеттік көрсетілетін қызметі. "
                f"Көрсетілетін қызметті беруші: {standard.provider.kk}.",
                f"Государственная услуга «{standard.title.ru}». "
                f"Услугодатель: {standard.provider.ru}.")


def cpsv_text(document: Mapping[str, Any]) -> str:
    """The JSON-LD text: sorted keys, 2-space indent, UTF-8 characters, a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
