"""Every receipt the specs can give, for the print tests: one per standard version and channel
of the corpus (`specs/`) and of the test data that has documents (gaps, national, reception).

Each is received at 10:00 on the first Wednesday at least a week after the version takes
effect (Wednesday: the reception test data receives on Wednesdays only), on the regulation
in force that day, or on the minimal process the standard implies when none is.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf

from engine.cases import Executor
from renderers.documents.case_documents import receipt
from renderers.documents.records import Receipt
from tests.render.cases import ROOT, SPECS, executor

#: The directories of specs whose receipts must print on one page.
RECEIPT_SOURCES: tuple[Path, ...] = (SPECS, ROOT / "tests" / "data" / "gaps",
                                     ROOT / "tests" / "data" / "national",
                                     ROOT / "tests" / "data" / "reception")


def _moment(ex: Executor, valid_from: dt.date) -> dt.datetime:
    day = valid_from + dt.timedelta(days=7)
    day += dt.timedelta(days=(2 - day.weekday()) % 7)  # Wednesday
    return dt.datetime.combine(day, dt.time(10), tzinfo=ZoneInfo(ex.calendar.timezone))


@functools.cache
def corpus_receipts() -> tuple[tuple[str, Receipt], ...]:
    """(name, receipt) for every standard version and channel of `RECEIPT_SOURCES`."""
    return tuple(_receipts())


def _receipts() -> Iterator[tuple[str, Receipt]]:
    for source in RECEIPT_SOURCES:
        ex = executor(source)
        for standard in ex.corpus.standards:
            received = _moment(ex, standard.valid_from)
            for channel in standard.channels:
                documents = [d.id for d in standard.required_documents(channel)]
                state = ex.replay(ex.open("2019-0042", standard.id, channel, received,
                                          "000101500001", documents))
                yield (f"{source.name}/{standard.id}@{standard.valid_from}/{channel}",
                       receipt(ex, state))


def pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF, runs of white space as one space."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
