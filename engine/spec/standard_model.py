"""The records of a standard of a public service: its channels, documents, results, grounds.

A `Standard` says what is rendered and on which terms: the `Channel`s to apply by (each with
its legal term), the `RequiredDocument`s, the `Result`s, the `RefusalGround`s, its `Cost` and
`Appeal`; the channels every standard may use (`BUILTIN_CHANNELS`) and the statutory grounds
of refusal (`STATUTORY_GROUNDS`) are named here. Every record read from a spec keeps its
`Location`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from engine.spec.duration import Duration
from engine.spec.errors import Location
from engine.spec.texts import Act, Text

__all__ = [
    "BUILTIN_CHANNELS",
    "STATUTORY_GROUNDS",
    "Appeal",
    "Channel",
    "Cost",
    "RefusalGround",
    "RequiredDocument",
    "Result",
    "Standard",
]


#: Names of the channels every standard may use without a title of its own.
BUILTIN_CHANNELS: Mapping[str, Text] = {
    "provider_office": Text("Көрсетілетін қызметті берушінің кеңсесі", "Канцелярия услугодателя",
                            "Provider's office"),
    "gov_corp": Text("«Азаматтарға арналған үкімет» мемлекеттік корпорациясы",
                     "Госкорпорация «Правительство для граждан»", "State Corporation"),
    "portal": Text("«Электрондық үкіметтің» веб-порталы", "Веб-портал «электронного правительства»",
                   "E-gov portal"),
}

#: The six grounds of refusal of Art. 19-1 p. 2 of Law 88-V "On public services".
STATUTORY_GROUNDS: Mapping[str, tuple[int, Text]] = {
    "unreliable_documents": (1, Text(
        "көрсетілетін қызметті алушының мемлекеттік көрсетілетін қызметті алу үшін ұсынған "
        "құжаттардың және (немесе) олардағы деректердің (мәліметтердің) дәйексіз екенін анықтау",
        "установление недостоверности документов, представленных услугополучателем для "
        "получения государственной услуги, и (или) данных (сведений), содержащихся в них",
        "documents or data found unreliable")),
    "requirements_not_met": (2, Text(
        "көрсетілетін қызметті алушының және (немесе) мемлекеттік қызмет көрсету үшін қажетті "
        "ұсынылған материалдардың, деректердің және мәліметтердің нормативтік құқықтық "
        "актілерде белгіленген талаптарға сәйкес келмеуі",
        "несоответствие услугополучателя и (или) представленных материалов, данных и "
        "сведений, необходимых для оказания государственной услуги, требованиям, "
        "установленным нормативными правовыми актами",
        "applicant or materials do not meet the requirements of normative acts")),
    "negative_approval": (3, Text(
        "мемлекеттік қызмет көрсету үшін талап етілетін келісу туралы уәкілетті мемлекеттік "
        "органның теріс жауабы, сондай-ақ теріс сараптама қорытындысы",
        "отрицательный ответ уполномоченного государственного органа на запрос о согласовании, "
        "который требуется для оказания государственной услуги, а также отрицательное "
        "заключение экспертизы",
        "negative answer of an approving authority or negative expert conclusion")),
    "court_ban": (4, Text(
        "көрсетілетін қызметті алушыға қатысты оның мемлекеттік көрсетілетін қызметті алуды "
        "талап ететін қызметке немесе жекелеген қызмет түрлеріне тыйым салу туралы соттың "
        "заңды күшіне енген шешімінің болуы",
        "в отношении услугополучателя имеется вступившее в законную силу решение суда о "
        "запрещении деятельности или отдельных видов деятельности, требующих получения "
        "государственной услуги",
        "a court decision bans the activity")),
    "court_special_right": (5, Text(
        "соттың заңды күшіне енген шешімі негізінде көрсетілетін қызметті алушының "
        "мемлекеттік көрсетілетін қызметті алуға байланысты арнаулы құқығынан айырылуы",
        "в отношении услугополучателя имеется вступившее в законную силу решение суда, на "
        "основании которого услугополучатель лишен специального права, связанного с "
        "получением государственной услуги",
        "a court decision deprives the applicant of a special right")),
    "no_consent": (6, Text(
        "көрсетілетін қызметті алушының мемлекеттік қызмет көрсету үшін талап етілетін "
        "қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісім бермеуі",
        "отсутствие согласия услугополучателя на доступ к персональным данным ограниченного "
        "доступа, которые требуются для оказания государственной услуги",
        "no consent to access restricted personal data")),
}


@dataclass(frozen=True)
class Channel:
    """One way to apply, with the legal term and the schedule it is counted on."""

    id: str
    title: Text
    term: Duration
    schedule: str
    source: str
    location: Location
    max_wait: Duration | None = None
    max_service: Duration | None = None
    #: The second waiting time some standards give: when collecting the result.
    max_wait_result: Duration | None = None
    reception: str | None = None
    acceptance_day_excluded: bool = False
    term_text: Text | None = None
    #: The week whose working days the term counts when the standard names one (with
    #: `term_week_source`); None: the legal five-day week (`engine.calendar.LEGAL_WEEK`).
    term_week: str | None = None
    term_week_source: str | None = None


@dataclass(frozen=True)
class RequiredDocument:
    """A required document; `channels` empty means required on every channel.

    `provision` says who brings it: the applicant (`submit`), the e-gov gateway
    (`gateway`), or the provider, who requests it from the organisation `obtained_from`
    by a step of the regulation (`obtained`); only `submit` documents are the applicant's.
    """

    id: str
    title: Text
    source: str
    location: Location
    channels: tuple[str, ...] = ()
    provision: Literal["submit", "gateway", "obtained"] = "submit"
    copy: str | None = None
    condition: Text | None = None
    template: str | None = None
    obtained_from: Text | None = None

    def applies_to(self, channel: str) -> bool:
        """True when the document is required on `channel`."""
        return not self.channels or channel in self.channels


@dataclass(frozen=True)
class Result:
    """A result the service issues."""

    id: str
    title: Text
    source: str
    location: Location
    form: tuple[str, ...] = ()
    template: str | None = None


@dataclass(frozen=True)
class RefusalGround:
    """A ground to refuse rendering the service; statutory ones carry their number."""

    id: str
    title: Text
    citation: Text
    source: str
    location: Location
    statutory_number: int | None = None


@dataclass(frozen=True)
class Cost:
    """Free, or paid with an amount in tenge and its legal basis.

    A paid service whose text gives no amount has `amount_unknown` (and no `amount`); its
    `basis` holds the text's own words.
    """

    kind: Literal["free", "paid"]
    source: str
    amount: float | None = None
    basis: Text | None = None
    amount_unknown: bool = False


@dataclass(frozen=True)
class Appeal:
    """How to appeal, with the complaint terms of Art. 25."""

    text: Text
    source: str
    provider_term: Duration | None = None
    agency_term: Duration | None = None


@dataclass(frozen=True)
class Standard:
    """A standard of a public service: what is rendered, on which terms."""

    id: str
    register_code: str | None
    title: Text
    legal_basis: tuple[Act, ...]
    valid_from: dt.date
    valid_to: dt.date | None
    provider: Text
    recipients: tuple[str, ...]
    cost: Cost
    forms: tuple[str, ...]
    channels: Mapping[str, Channel]
    documents: tuple[RequiredDocument, ...]
    results: tuple[Result, ...]
    refusal_grounds: tuple[RefusalGround, ...]
    appeal: Appeal | None
    source: str
    path: str
    key_locations: Mapping[str, Location] = field(default_factory=dict, compare=False)
    kind: Literal["standard"] = "standard"

    def where(self, key: str) -> Location:
        """Where a top-level key of the spec stands."""
        return self.key_locations.get(key, Location(self.path, 1, 1))

    def document(self, document_id: str) -> RequiredDocument | None:
        """The document with this id, if the standard defines it."""
        return next((d for d in self.documents if d.id == document_id), None)

    def ground(self, ground_id: str) -> RefusalGround | None:
        """The refusal ground with this id, if the standard defines it."""
        return next((g for g in self.refusal_grounds if g.id == ground_id), None)

    def obtained_documents(self, channel: str) -> tuple[RequiredDocument, ...]:
        """Documents the provider obtains from another organisation on `channel`."""
        return tuple(d for d in self.documents if d.applies_to(channel)
                     and d.provision == "obtained")

    def required_documents(self, channel: str) -> tuple[RequiredDocument, ...]:
        """Documents the applicant must submit on `channel` (not those from the gateway or
        obtained by the provider)."""
        return tuple(d for d in self.documents if d.applies_to(channel)
                     and d.provision == "submit" and d.condition is None)


