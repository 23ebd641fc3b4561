"""Every case of a journal as one row of text columns, for a reader that aggregates.

`case_walks` scans the journal once in SQLite (its rows are stored by case and sequence
number, so the grouping needs no sort) and yields, per case, its sequence numbers, its
instants, its kinds of event and its payloads, each column joined by a separator. A
report over a million cases reads 1,000,000 such rows instead of 4,000,000 events, and
parses only the payloads it has not seen yet (a payload of a step repeats: the same step,
outcome and clerk). Nothing here is checked the way `Journal.events` checks a row: the
caller compares the columns with what it expects and reads a case strictly (`events`)
when they differ.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.cases.journal import Journal

__all__ = ["PAYLOAD_SEPARATOR", "CaseWalk", "case_walks"]

#: Between the payloads of a case's events (ASCII group separator: JSON escapes it).
PAYLOAD_SEPARATOR = "\x1d"

#: (case id as stored, sequence numbers "1,2,3", instants "a,b,c", kinds "opened,...",
#: payloads joined by PAYLOAD_SEPARATOR); the order of the case's events in each.
CaseWalk = tuple[object, str, str, str, str]

# SQLite concatenates in the order it visits the rows, here the primary key's
# (case_id, seq); the caller checks the sequence numbers come out 1, 2, 3, ...
_SQL = ("SELECT case_id, group_concat(seq, ','), group_concat(at, ','), "
        "group_concat(kind, ','), group_concat(payload, char(29)) "
        "FROM events GROUP BY case_id ORDER BY case_id")


def case_walks(journal: Journal) -> Iterator[CaseWalk]:
    """One row per case of the journal, in case id order (see the module's doc).

    Raises:
        sqlite3.DatabaseError: the journal cannot be read (the caller words it).
    """
    for case_id, seqs, ats, kinds, payloads in journal._db.execute(_SQL):
        yield case_id, str(seqs), str(ats), str(kinds), str(payloads)
