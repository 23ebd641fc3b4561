"""The nodes of a CPSV-AP document: the graph that holds them, one builder per kind.

`NodeGraph` collects the nodes of one JSON-LD document by @id (each written once, the
first time it is added) and writes the document, nodes sorted by @id. Each builder adds
the node of one part of a standard or a regulation (and the nodes it refers to) and
returns its @id: a channel with its term, times and opening hours, a piece of evidence, a
channel's requirement, the cost, a refusal ground's rule, a legal act, a regulation, the
appeal. `renderers.exports.cpsv` puts them together into the public service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from engine.calendar import CalendarData, Schedule
from engine.spec import Act, Channel, Duration, RefusalGround, Regulation, RequiredDocument, Standard, Text
from renderers.exports.cpsv_context import (
    CONTEXT,
    CURRENCY,
    REFUSAL_GROUND_TYPE,
    UNIT_IRIS,
    exact_duration,
    iri,
    lang_values,
    typed,
)

__all__ = [
    "LAW_ON_PUBLIC_SERVICES",
    "Node",
    "NodeGraph",
    "act_node",
    "appeal_node",
    "channel_node",
    "cost_node",
    "evidence_node",
    "ref",
    "regulation_node",
    "requirement_node",
    "rule_node",
]

Node = dict[str, Any]

#: Law No. 88-V of 15 April 2013 "On public services": the statutory refusal grounds' act.
LAW_ON_PUBLIC_SERVICES = Act(
    Text("«Мемлекеттік көрсетілетін қызметтер туралы» Қазақстан Республикасының Заңы",
         "Закон Республики Казахстан «О государственных услугах»",
         'Law of the Republic of Kazakhstan "On public services"'),
    "88-V", dt.date(2013, 4, 15), 'Law 88-V "On public services"')


def ref(target: str) -> dict[str, str]:
    """A reference to the node `target` (`{"@id": target}`)."""
    return {"@id": target}


class NodeGraph:
    """The nodes of one document, by @id, each written once."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}

    def add(self, node_id: str, node_type: str, **properties: Any) -> str:
        node: Node = {"@id": node_id, "@type": node_type}
        for key, value in properties.items():
            if value is not None and value != []:
                node[key.replace("__", ":")] = value
        self.nodes.setdefault(node_id, node)
        return node_id

    def concept(self, node_id: str, label: Text) -> dict[str, str]:
        """A `skos:Concept` with its labels, as a reference."""
        return ref(self.add(node_id, "skos:Concept", skos__prefLabel=lang_values(label)))

    def document(self) -> dict[str, Any]:
        """The JSON-LD document: nodes sorted by @id, one-element lists as their element."""
        return {"@context": dict(CONTEXT),
                "@graph": [{key: _single(value) for key, value in self.nodes[node_id].items()}
                           for node_id in sorted(self.nodes)]}



def _single(value: Any) -> Any:
    """One-element lists as their element (JSON-LD reads both the same)."""
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


def _term(graph: NodeGraph, node_id: str, duration: Duration, *, schedule: str | None = None,
          excluded: bool = False, text: Text | None = None) -> dict[str, str]:
    return ref(graph.add(
        node_id, "rgl:Term", rgl__amount=typed(str(duration.amount), "xsd:integer"),
        rgl__unit=ref(UNIT_IRIS[duration.unit]), rgl__schedule=schedule,
        rgl__acceptanceDayExcluded=typed("true", "xsd:boolean") if excluded else None,
        rgl__termText=lang_values(text) if text else None))


def _time(graph: NodeGraph, node_id: str, duration: Duration | None) -> Any:
    """A waiting or service time: an exact `xsd:duration`, or a term when given in days."""
    if duration is None:
        return None
    exact = exact_duration(duration)
    return typed(exact, "xsd:duration") if exact else _term(graph, node_id, duration)


def channel_node(graph: NodeGraph, service_id: str, standard: Standard, channel: Channel,
                 calendar: CalendarData | None) -> str:
    node_id = f"{service_id}/channel/{channel.id}"
    exact = exact_duration(channel.term)
    inputs = [ref(f"{service_id}/evidence/{d.id}") for d in standard.documents
              if d.applies_to(channel.id)]
    hours = calendar.schedules.get(channel.schedule) if calendar else None
    return graph.add(
        node_id, "cv:Channel", dct__identifier=node_id, dct__description=lang_values(channel.title),
        cv__processingTime=typed(exact, "xsd:duration") if exact else None,
        cv__openingHours=_opening_hours(graph, hours, calendar) if hours and calendar else None,
        cpsv__hasInput=inputs,
        rgl__term=_term(graph, f"{node_id}/term", channel.term, schedule=channel.schedule,
                        excluded=channel.acceptance_day_excluded, text=channel.term_text),
        rgl__maxWaitingTime=_time(graph, f"{node_id}/max-waiting-time", channel.max_wait),
        rgl__maxWaitingTimeResult=_time(graph, f"{node_id}/max-waiting-time-result",
                                        channel.max_wait_result),
        rgl__maxServiceTime=_time(graph, f"{node_id}/max-service-time", channel.max_service),
        rgl__receptionSchedule=channel.reception, rgl__source=channel.source)


def _opening_hours(graph: NodeGraph, schedule: Schedule, calendar: CalendarData) -> dict[str, str]:
    """The schedule as a `time:TemporalEntity` described in words (shared between services)."""
    week = calendar.weeks.get(schedule.week or "")
    if schedule.intake == "always" or week is None:
        when = Text("тәулік бойы", "круглосуточно", "at any time")
    else:
        periods = ", ".join(str(p) for p in schedule.periods)
        when = Text(f"{week.title.kk} (мереке күндерін қоспағанда): {periods}",
                    f"{week.title.ru} (кроме праздничных дней): {periods}",
                    f"{week.title.en or week.title.ru} (except holidays): {periods}")
    text = Text(f"{schedule.title.kk}: {when.kk}", f"{schedule.title.ru}: {when.ru}",
                f"{schedule.title.en}: {when.en}" if schedule.title.en else None)
    return ref(graph.add(iri("schedule", schedule.id), "time:TemporalEntity",
                          dct__description=lang_values(text)))


def evidence_node(graph: NodeGraph, service_id: str, document: RequiredDocument) -> str:
    node_id = f"{service_id}/evidence/{document.id}"
    return graph.add(node_id, "cv:Evidence", dct__identifier=node_id,
                     dct__title=lang_values(document.title), rgl__provision=document.provision,
                     rgl__copy=document.copy,
                     rgl__condition=lang_values(document.condition) if document.condition else None,
                     rgl__obtainedFrom=(lang_values(document.obtained_from)
                                        if document.obtained_from else None),
                     rgl__source=document.source)


def requirement_node(graph: NodeGraph, service_id: str, standard: Standard, channel: Channel) -> str:
    """The documents a channel requires, as one requirement the evidence supports."""
    node_id = f"{service_id}/requirement/{channel.id}"
    supporting = []
    for document in standard.documents:
        if document.applies_to(channel.id):
            evidence = graph.nodes[f"{service_id}/evidence/{document.id}"]
            supports = evidence.setdefault("cv:supportsRequirement", [])
            supports.append(ref(node_id))
            supporting.append(ref(evidence["@id"]))
    title = Text(f"Қажетті құжаттар: {channel.title.kk}", f"Необходимые документы: {channel.title.ru}",
                 f"Required documents: {channel.title.en}" if channel.title.en else None)
    return graph.add(node_id, "cv:Requirement", dct__identifier=node_id, dct__title=lang_values(title),
                     cv__hasSupportingEvidence=supporting)


def cost_node(graph: NodeGraph, service_id: str, standard: Standard) -> str:
    """The fee: `cv:hasValue` in tenge, 0 when free, and none at all for a paid service whose
    text does not state the amount (the description says so, with the text's words)."""
    cost = standard.cost
    amount = cost.amount if cost.kind == "paid" and cost.amount is not None else 0.0
    value = str(int(amount)) if float(amount).is_integer() else repr(float(amount))
    basis = cost.basis or Text("", "")
    if cost.kind == "free":
        description = Text("Тегін", "Бесплатно", "Free of charge")
    elif cost.amount_unknown:
        description = Text(f"Ақылы, төлем мөлшері мәтінде көрсетілмеген ({basis.kk})",
                           f"Платно, размер платы в тексте не указан ({basis.ru})",
                           f"Paid, the text does not state the amount ({basis.en})"
                           if basis.en else None)
    else:
        description = Text(f"Ақылы: {value} теңге ({basis.kk})", f"Платно: {value} тенге ({basis.ru})",
                           f"Paid: {value} tenge ({basis.en})" if basis.en else None)
    node_id = f"{service_id}/cost"
    return graph.add(node_id, "cv:Cost", dct__identifier=node_id,
                     cv__hasValue=None if cost.amount_unknown else typed(value, "xsd:double"),
                     cv__currency=graph.concept(CURRENCY[0], CURRENCY[1]),
                     dct__description=lang_values(description), rgl__source=cost.source)


def rule_node(graph: NodeGraph, service_id: str, ground: RefusalGround) -> str:
    node_id = f"{service_id}/rule/{ground.id}"
    description = Text(f"{REFUSAL_GROUND_TYPE[1].kk}: {ground.citation.kk}",
                       f"{REFUSAL_GROUND_TYPE[1].ru}: {ground.citation.ru}",
                       f"{REFUSAL_GROUND_TYPE[1].en}: {ground.citation.en}" if ground.citation.en
                       else None)
    law = act_node(graph, LAW_ON_PUBLIC_SERVICES) if ground.statutory_number else None
    return graph.add(
        node_id, "cpsv:Rule", dct__identifier=node_id, dct__title=lang_values(ground.title),
        dct__description=lang_values(description),
        dct__type=graph.concept(REFUSAL_GROUND_TYPE[0], REFUSAL_GROUND_TYPE[1]),
        cpsv__implements=ref(law) if law else None, rgl__citation=lang_values(ground.citation),
        rgl__statutoryGround=typed(str(ground.statutory_number), "xsd:integer")
        if ground.statutory_number else None, rgl__source=ground.source)


def act_node(graph: NodeGraph, act: Act) -> str:
    """A legal act as an `eli:LegalResource`, one IRI per date and number."""
    return graph.add(iri("act", act.date.isoformat(), act.number), "eli:LegalResource",
                     eli__title=lang_values(act.title), eli__number=act.number,
                     eli__date_document=typed(act.date.isoformat(), "xsd:date"),
                     eli__id_local=act.registration, rgl__paragraph=act.paragraph,
                     rgl__source=act.source)


def regulation_node(graph: NodeGraph, regulation: Regulation, acts: Sequence[str]) -> str:
    """A regulation (one version) as a legal resource: part of the act approving it,
    related to the standard's acts, with the acts amending and repealing it."""
    return graph.add(
        iri("regulation", regulation.id, regulation.valid_from.isoformat()), "eli:LegalResource",
        eli__title=lang_values(regulation.title),
        eli__is_part_of=(ref(act_node(graph, regulation.approved_by))
                         if regulation.approved_by else None),
        eli__amended_by=[ref(act_node(graph, a.act)) for a in regulation.amendments],
        eli__repealed_by=ref(act_node(graph, regulation.repealed_by)) if regulation.repealed_by else None,
        dct__relation=[ref(a) for a in acts], rgl__region=lang_values(regulation.region) if regulation.region else None,
        rgl__validFrom=typed(regulation.valid_from.isoformat(), "xsd:date"),
        rgl__validTo=typed(regulation.valid_to.isoformat(), "xsd:date") if regulation.valid_to else None,
        rgl__source=regulation.source)


def appeal_node(graph: NodeGraph, service_id: str, standard: Standard) -> dict[str, str] | None:
    appeal = standard.appeal
    if appeal is None:
        return None
    node_id = f"{service_id}/appeal"
    return ref(graph.add(
        node_id, "rgl:Appeal", dct__description=lang_values(appeal.text),
        rgl__providerTerm=_term(graph, f"{node_id}/provider-term", appeal.provider_term)
        if appeal.provider_term else None,
        rgl__agencyTerm=_term(graph, f"{node_id}/agency-term", appeal.agency_term)
        if appeal.agency_term else None, rgl__source=appeal.source))

