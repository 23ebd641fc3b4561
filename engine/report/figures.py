"""The figures of a provider's report, from a journal of cases and the corpus.

`provider_report` reads the journal once, case by case (`Journal.every_case`), replays only
the cases of the provider's services received in the period (and those with an appeal), and
counts as it goes; no case is kept. What each figure is made of: docs/report.md.
"""

from __future__ import annotations

from engine.cases import Executor, Journal
from engine.corpus import Catalog
from engine.report.model import ProviderReport
from engine.report.period import Period
from engine.report.tally import Tally, channel_group, complaint_rows
from engine.report.walks import count_walks
from engine.spec.checks import did_you_mean

__all__ = ["UnknownProvider", "channel_group", "complaint_rows", "provider_report"]


class UnknownProvider(LookupError):
    """No catalogue of the corpus has this id; the message names the known ones."""


def _catalog(executor: Executor, provider: str) -> Catalog:
    catalogs = {c.id: c for c in executor.corpus.catalogs}
    if provider not in catalogs:
        known = sorted(catalogs)
        hint = did_you_mean(provider, known) if known else "the specs have no kind: catalog"
        raise UnknownProvider(f'no provider "{provider}" among the catalogues of the specs '
                              f"(hint: {hint})")
    return catalogs[provider]


def provider_report(journal: Journal, executor: Executor, provider: str, period: Period,
                    top: int = 4, *, strict: bool = False) -> ProviderReport:
    """Every figure of seed 000 that the journal and the corpus hold, for one provider.

    Args:
        journal: the cases.
        executor: the corpus (its catalogues, standards) and calendar the cases replay on.
        provider: the id of a `kind: catalog` of the corpus.
        period: cases received in it are counted; appeals filed in it are listed.
        top: how many of the most demanded services to give.
        strict: read every event strictly and replay every case one by one (the first way
            of counting, kept to check the fast one against); by default the cases that
            walked alike are counted by columns (`engine.report.walks`), the same figures.

    Raises:
        UnknownProvider: no catalogue has that id.
        ReplayError: a case of the journal cannot be read or replayed.
    """
    catalog = _catalog(executor, provider)
    start, end = period.bounds(executor.calendar.timezone)
    tally = Tally(executor, period, start, end)
    wanted = {e.standard for e in catalog.services if e.standard is not None}
    with journal.reading():
        if strict:
            for events in journal.every_case():
                tally.case(events, wanted)
        else:
            count_walks(journal, tally, wanted)
    return tally.report(catalog, top)
