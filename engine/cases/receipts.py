"""What a standard alone says of an application: `Receipt`, from `Receipts.receipt`.

The part of the `Executor` that answers without a regulation — accepted or refused for
missing documents, under which article, and the term promised — so that a service in
force with no regional regulation still takes applications and dates its receipt
(docs/library.md). It also holds the checks `open` shares with it: the reception hours of
an office channel, and the article a refusal to accept cites (Law 88-V Art. 19 at the
provider, Art. 20 p. 2 at the State Corporation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from engine.calendar.instants import to_instant
from engine.calendar.reception import reception_refusal
from engine.cases.case_graphs import CaseGraphs
from engine.cases.case_timing import _micros
from engine.cases.intake import application
from engine.spec.checks import did_you_mean
from engine.spec.errors import ExecutionError
from engine.spec.model import Standard

__all__ = ["Receipt", "Receipts", "acceptance_article"]

_ARTICLE = {"gov_corp": "Law 88-V, art. 20 p. 2", "default": "Law 88-V, art. 19"}


def acceptance_article(channel: str) -> str:
    """The article a refusal to accept an application on `channel` cites.

    Examples:
        >>> acceptance_article("gov_corp"), acceptance_article("portal")
        ('Law 88-V, art. 20 p. 2', 'Law 88-V, art. 19')
    """
    return _ARTICLE.get(channel, _ARTICLE["default"])


@dataclass(frozen=True)
class Receipt:
    """What a standard alone says of an application: accepted or not, and the term it is promised.

    `received` is the instant the term counts from (an application through the portal
    outside working hours counts from the next working period); `due` is None when
    acceptance is refused for the `missing` documents, under `article`.
    """

    service: str
    standard_version: str
    channel: str
    received: int
    due: int | None
    missing: tuple[str, ...] = ()
    article: str | None = None


class Receipts(CaseGraphs):
    """Receipts of applications from the standards in force, and the reception hours."""

    def receipt(self, service: str, channel: str, received: dt.datetime, applicant: str,
                documents: Sequence[str]) -> Receipt:
        """Acceptance and the promised term of an application, from the standard in force alone.

        It needs no regulation, so it answers for a service that has none in force; for one
        that has, `open` gives the same answers and walks the steps.

        Raises:
            ExecutionError: for an unknown or repealed service, a channel it does not offer,
                an invalid ИИН/БИН, an unknown document or a naive instant.
        """
        moment = _micros(received, self.calendar)
        day = to_instant(received, self.calendar.timezone).date()
        standard = self.standard_on(service, day)
        if channel not in standard.channels:
            raise ExecutionError(f'channel "{channel}" is not offered by service "{service}" '
                                 f"(hint: {did_you_mean(channel, standard.channels)})")
        self._check_reception(standard, channel, moment)
        _, missing = application(standard, channel, applicant, documents)
        start, due = self._term(standard, channel, moment)
        if missing:
            return Receipt(standard.id, standard.valid_from.isoformat(), channel, start, None,
                           tuple(missing), acceptance_article(channel))
        return Receipt(standard.id, standard.valid_from.isoformat(), channel, start, due)

    def _check_reception(self, standard: Standard, channel: str, moment: int) -> None:
        """Refuse an application at an office outside its channel's reception hours."""
        info = standard.channels[channel]
        refusal = reception_refusal(self.calendar, moment, info.schedule, info.reception)
        if refusal is not None:
            raise ExecutionError(f'channel "{channel}" of service "{standard.id}": {refusal}')

