"""The typed model of loaded specs: frozen records, one per concept of the law.

Every record that comes from a spec keeps the `Location` it was read from, so
that later stages (the verifier, the executor) can point their findings at the
YAML line. Texts are `Text` records holding Kazakh and Russian, Kazakh first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from engine.spec.duration import Duration
from engine.spec.errors import Location

__all__ = [
    "BUILTIN_CHANNELS",
    "STATUTORY_GROUNDS",
    "Acknowledgement",
    "Act",
    "Actor",
    "Amendment",
    "Appeal",
    "Channel",
    "Cost",
    "DayReading",
    "Ending",
    "Outcome",
    "RefusalGround",
    "Regulation",
    "RequiredDocument",
    "Result",
    "Spec",
    "Standard",
    "Step",
    "Text",
    "is_valid_on",
]

Ending = Literal["result", "refusal", "refusal_to_accept"]
StepKind = Literal["task", "decision", "process", "condition"]
ActorKind = Literal["applicant", "person", "organisation", "system"]
DayReading = Literal["civil", "elapsed"]


@dataclass(frozen=True)
class Text:
    """A text in Kazakh and Russian (English optional), with its sources per language."""

    kk: str
    ru: str
    en: str | None = None
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"{self.kk} / {self.ru}"

    def get(self, lang: str) -> str:
        """The text in `lang` (`kk`, `ru` or `en`; English falls back to Russian)."""
        if lang == "kk":
            return self.kk
        if lang == "en":
            return self.en or self.ru
        return self.ru


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
class Act:
    """A legal act: title, number, date and registration."""

    title: Text
    number: str
    date: dt.date
    source: str
    registration: str | None = None
    paragraph: str | None = None


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
    reception: str | None = None
    acceptance_day_excluded: bool = False
    term_text: Text | None = None
    #: The week whose working days the term counts when the standard names one (with
    #: `term_week_source`); None: the legal five-day week (`engine.calendar.LEGAL_WEEK`).
    term_week: str | None = None
    term_week_source: str | None = None


@dataclass(frozen=True)
class RequiredDocument:
    """A required document; `channels` empty means required on every channel."""

    id: str
    title: Text
    source: str
    location: Location
    channels: tuple[str, ...] = ()
    provision: Literal["submit", "gateway"] = "submit"
    copy: str | None = None
    condition: Text | None = None
    template: str | None = None

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
    """Free, or paid with an amount in tenge and its legal basis."""

    kind: Literal["free", "paid"]
    source: str
    amount: float | None = None
    basis: Text | None = None


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

    def required_documents(self, channel: str) -> tuple[RequiredDocument, ...]:
        """Documents the applicant must submit on `channel` (not those from the gateway)."""
        return tuple(d for d in self.documents if d.applies_to(channel)
                     and d.provision == "submit" and d.condition is None)


@dataclass(frozen=True)
class Amendment:
    """One entry of a regulation's amendment history."""

    date: dt.date
    act: Act
    note: Text
    source: str
    effective: dt.date | None = None


@dataclass(frozen=True)
class Actor:
    """A structural-functional unit (swimlane) or an information system."""

    id: str
    kind: ActorKind
    title: Text
    location: Location
    schedule: str | None = None
    source: str | None = None
    #: For an information system: what its steps without a limit are assumed to take when
    #: paths are verified (None: no working time), and why.
    assumed_limit: Duration | None = None
    assumed_source: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A named outcome of a decision, leading to a step or ending the case."""

    id: str
    label: Text
    location: Location
    next: str | None = None
    ends: Ending | None = None
    refusal_grounds: tuple[str, ...] = ()
    max_repeats: int | None = None


@dataclass(frozen=True)
class Step:
    """One step of a channel's process."""

    id: str
    kind: StepKind
    actor: str
    action: Text
    source: str
    location: Location
    duration: Duration | None = None
    duration_text: Text | None = None
    unbounded: Text | None = None
    result: Text | None = None
    number: int | None = None
    documents: tuple[str, ...] = ()
    results: tuple[str, ...] = ()
    next: str | None = None
    ends: Ending | None = None
    refusal_grounds: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    at_counter: bool = False


@dataclass(frozen=True)
class Acknowledgement:
    """A known finding accepted for now, with its reason and where it is tracked."""

    check: Literal["deadline", "depends", "unverifiable"]
    channel: str
    reason: Text
    reference: str
    location: Location
    path_end: str | None = None
    #: The overrun accepted, in the term's unit (`deadline` and `depends` findings).
    accepts: Duration | None = None


@dataclass(frozen=True)
class Regulation:
    """A regional regulation: the steps by which a provider renders a standard."""

    id: str
    standard: str
    title: Text
    region: Text
    approved_by: Act
    valid_from: dt.date
    valid_to: dt.date | None
    repealed_by: Act | None
    amendments: tuple[Amendment, ...]
    actors: tuple[Actor, ...]
    processes: Mapping[str, tuple[Step, ...]]
    source: str
    path: str
    key_locations: Mapping[str, Location] = field(default_factory=dict, compare=False)
    acknowledgements: tuple[Acknowledgement, ...] = ()
    #: How the steps' limits in days are read when the text fixes it (`civil` or `elapsed`),
    #: and the words that fix it; None: both readings are checked.
    day_reading: DayReading | None = None
    day_reading_source: str | None = None
    kind: Literal["regulation"] = "regulation"

    def where(self, key: str) -> Location:
        """Where a top-level key of the spec stands."""
        return self.key_locations.get(key, Location(self.path, 1, 1))

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, if the regulation defines it."""
        return next((a for a in self.actors if a.id == actor_id), None)


Spec = Standard | Regulation


def is_valid_on(spec: Standard | Regulation, day: dt.date) -> bool:
    """True when `day` lies within the spec's validity (both ends inclusive)."""
    return spec.valid_from <= day and (spec.valid_to is None or day <= spec.valid_to)
