"""The figures of a provider's report (seed 000, the typical report form), as plain records.

Every record is immutable and ordered as the report prints it; `engine.report.figures`
computes them from a journal and the corpus, the renderers only word them.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from engine.report.period import Period
from engine.spec.model import Text

__all__ = [
    "CHANNEL_GROUPS", "COMPLAINT_COLUMNS", "AppealLike", "ChannelCount", "ComplaintRow",
    "MonthCount", "ProviderReport", "RefusalCount", "ServiceLine", "TermCount",
]

#: Seed 000, section 4 2): paper at the provider, the portal, the State Corporation.
CHANNEL_GROUPS: tuple[str, ...] = ("provider", "portal", "state_corporation")

#: The seven columns of seed 000's complaints appendix («Нысан» / «Форма»), in its order.
COMPLAINT_COLUMNS: tuple[tuple[str, Text], ...] = (
    ("complainant", Text("Шағым түсіруші туралы мәлімет", "Сведения о заявителе жалобы")),
    ("substance", Text("Шағым мазмұны", "Суть жалобы")),
    ("body", Text("Шағымды қарастырған (немесе) шешім қабылдаған ұйым",
                  "Орган (организация), рассмотревший жалобу и (или) принявший решение")),
    ("examined", Text("Шағым қарастырылған күн", "Дата рассмотрения")),
    ("document", Text("Шағымды қарастыру нәтижелері бойынша құжат №",
                      "№ документа по итогам рассмотрения жалобы")),
    ("decision", Text("Қабылданған шешім", "Принятое решение")),
    ("revision", Text("Қабылданған шешімді қайта қарастыру жөніндегі мәлімет",
                      "Сведения о пересмотре принятого решения")),
)


class AppealLike(Protocol):
    """What the report reads of an appeal (`engine.cases.AppealRecord`, issue 20 item 1)."""

    @property
    def appeal(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def complainant(self) -> str: ...
    @property
    def substance(self) -> str: ...
    @property
    def filed(self) -> int: ...
    @property
    def due(self) -> int: ...
    @property
    def decision(self) -> str | None: ...
    @property
    def document(self) -> str | None: ...
    @property
    def examined_by(self) -> str | None: ...
    @property
    def decided(self) -> int | None: ...
    @property
    def revision(self) -> str | None: ...


class ServiceLine(NamedTuple):
    """A service of the provider's catalogue and its cases received in the period."""

    number: int
    title: Text
    standard: str | None
    cost: str
    report_form: str
    cases: int


class ChannelCount(NamedTuple):
    """Cases received through one channel of a service (`group`: one of CHANNEL_GROUPS)."""

    channel: str
    group: str
    cases: int


class MonthCount(NamedTuple):
    """Applications received in one month (`YYYY-MM`), per channel group."""

    month: str
    provider: int
    portal: int
    state_corporation: int


class TermCount(NamedTuple):
    """Cases of a service on a channel that ended in the period against their term.

    `met` and `missed`: finished cases with a term (a refusal to accept has none); `open`:
    still running at the report's moment, `open_late` of them past their due instant.
    `late_actors`: (actor, late steps) — every step finished after its due instant.
    """

    standard: str
    channel: str
    met: int
    missed: int
    open: int
    open_late: int
    late_actors: tuple[tuple[str, int], ...]


class RefusalCount(NamedTuple):
    """Refusals of one kind (`acceptance` or `reasoned`) of a service, by ground.

    For a refusal to accept, `ground` is the article cited (Law 88-V Art. 19 or 20 p. 2) and
    `title` None; for a reasoned refusal, the standard's ground id and its text.
    """

    kind: str
    standard: str
    ground: str
    title: Text | None
    cases: int


class ComplaintRow(NamedTuple):
    """A row of the complaints appendix (COMPLAINT_COLUMNS), plus what the report adds."""

    case_id: str
    appeal: str
    complainant: str
    substance: str
    body: str
    examined: str | None
    document: str | None
    decision: str | None
    revision: str | None
    late: bool


class ProviderReport(NamedTuple):
    """Everything `reglament report` prints that the journal and the corpus know."""

    provider: str
    provider_title: Text
    catalog_title: Text
    period: Period
    services: tuple[ServiceLine, ...]
    #: services, free and one per report form, counted over the catalogue's entries.
    counts: tuple[tuple[str, int], ...]
    cases: int
    top: tuple[ServiceLine, ...]
    channels: tuple[tuple[str, int], ...]
    by_channel: tuple[tuple[str, tuple[ChannelCount, ...]], ...]
    months: tuple[MonthCount, ...]
    terms: tuple[TermCount, ...]
    refusals: tuple[RefusalCount, ...]
    complaints: tuple[ComplaintRow, ...]
    #: The moment (epoch microseconds) open cases and appeals are judged at: the period's end.
    at: int
