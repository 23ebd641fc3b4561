"""The cases of an audit counted by what the report says of them, so the report's memory does
not grow with the log.

The report's totals, figures per service, channel and month, headlines and counting rules
need of each case only a few values: its service, channel, month, term, the versions of its
specs, how it ended, whether it met its term, conformed, had a late step and where it waited
longest. Cases alike in all of them are one row of the summary with their `count`; their
working minutes are counted apart, per service, channel and month (`histogram`: a row per
group and distinct number of minutes, the minutes being bounded by the terms). Both merge by
summing counts, in any order, to the same table; their rows are bounded by the services,
months and terms of the log, not by its cases — so a merged report of 30 million events holds
no more than one of 10 million with the same services and months (a summary holding the
minutes too had 127,000 rows for 300,000 cases; without them, 571). The cases' own rows (the csv and
parquet formats) are kept only when asked for.

Examples:
    >>> import pyarrow as pa
    >>> table = summarize(pa.table({"service": ["a", "a", "b"], "late_steps": [0, 0, 1]}
    ...                            ).append_column("findings", pa.array(["", "", "x"])))
    >>> sorted(zip(table.column("service").to_pylist(), table.column("count").to_pylist()))
    [('a', 2), ('b', 1)]
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["KEY_SEPARATOR", "MINUTE_GROUPS", "SUMMARY_KEYS", "histogram", "merge_histograms",
           "merge_summaries", "summarize"]

#: The values of a case the report reads, in the summary's column order (then `count`).
SUMMARY_KEYS = ("service", "channel", "month", "term", "standard_version", "regulation",
                "regulation_version", "status", "met_term", "conforming", "late",
                "longest_step")
#: The groupings whose working minutes the report gives (median, 90th percentile): their
#: histograms are kept apart (`histogram`), a row per group and distinct minute, so that the
#: summary does not hold a row per distinct number of minutes of every combination above.
MINUTE_GROUPS = (("service",), ("service", "channel"), ("month",))
#: What separates the values of a group's key in a histogram's `key` column.
KEY_SEPARATOR = "\x1f"


def summarize(cases: pa.Table) -> pa.Table:
    """The rows of `cases` (`CASE_SCHEMA`, or any table holding the columns the summary
    reads) counted by `SUMMARY_KEYS`, sorted."""
    findings = cases.column("findings")
    derived = {
        "conforming": pc.fill_null(pc.equal(findings, ""), True),
        "late": pc.greater(pc.fill_null(cases.column("late_steps"), 0), 0),
    }
    columns = {key: derived[key] if key in derived else
               cases.column(key) if key in cases.column_names else
               pa.nulls(cases.num_rows, _TYPES.get(key, pa.string()))
               for key in SUMMARY_KEYS}
    table = pa.table(columns)
    counted = table.group_by(list(SUMMARY_KEYS), use_threads=False).aggregate([([], "count_all")])
    return _sorted(counted.rename_columns([*SUMMARY_KEYS, "count"]))


def merge_summaries(summaries: Iterable[pa.Table]) -> pa.Table:
    """One summary of many (of disjoint cases): counts of equal rows summed, sorted."""
    tables = [s for s in summaries if s.num_rows]
    if not tables:
        return empty()
    if len(tables) == 1:
        return tables[0]
    whole = pa.concat_tables(tables)
    summed = whole.group_by(list(SUMMARY_KEYS), use_threads=False).aggregate([("count", "sum")])
    return _sorted(summed.rename_columns([*SUMMARY_KEYS, "count"]))


_TYPES = {"met_term": pa.bool_(), "conforming": pa.bool_(), "late": pa.bool_()}
_HISTOGRAM = pa.schema([("group", pa.string()), ("key", pa.string()),
                        ("minutes", pa.int64()), ("count", pa.int64())])


def histogram(cases: pa.Table) -> pa.Table:
    """The cases' working minutes counted per group of each of `MINUTE_GROUPS` (cases without
    working minutes left out), sorted."""
    if "working_minutes" not in cases.column_names or cases.num_rows == 0:
        return _HISTOGRAM.empty_table()
    timed = cases.filter(pc.is_valid(cases.column("working_minutes")))
    tables = []
    for group in MINUTE_GROUPS:
        values = [pc.fill_null(pc.cast(timed.column(k), pa.string()), "") for k in group]
        key = values[0] if len(values) == 1 else pc.binary_join_element_wise(*values,
                                                                              KEY_SEPARATOR)
        counted = pa.table({"key": key, "minutes": timed.column("working_minutes")}).group_by(
            ["key", "minutes"], use_threads=False).aggregate([([], "count_all")])
        tables.append(pa.table({
            "group": pa.array([",".join(group)] * counted.num_rows, pa.string()),
            "key": counted.column("key"), "minutes": counted.column("minutes"),
            "count": pc.cast(counted.column("count_all"), pa.int64())}))
    return _sorted_histogram(pa.concat_tables(tables))


def merge_histograms(histograms: Iterable[pa.Table]) -> pa.Table:
    """One histogram of many (of disjoint cases): counts of equal rows summed, sorted."""
    tables = [h for h in histograms if h.num_rows]
    if not tables:
        return _HISTOGRAM.empty_table()
    if len(tables) == 1:
        return tables[0]
    summed = pa.concat_tables(tables).group_by(["group", "key", "minutes"],
                                               use_threads=False).aggregate([("count", "sum")])
    return _sorted_histogram(summed.rename_columns(["group", "key", "minutes", "count"]))


def _sorted_histogram(table: pa.Table) -> pa.Table:
    table = table.set_column(3, "count", pc.cast(table.column("count"), pa.int64()))
    return table.sort_by([("group", "ascending"), ("key", "ascending"),
                          ("minutes", "ascending")]).combine_chunks()


def empty() -> pa.Table:
    """A summary of no case."""
    return pa.schema([(key, _TYPES.get(key, pa.string())) for key in SUMMARY_KEYS]
                     + [("count", pa.int64())]).empty_table()


def _sorted(table: pa.Table) -> pa.Table:
    """Rows in one order whatever the input's (nulls last), and `count` as int64."""
    table = table.set_column(table.column_names.index("count"), "count",
                             pc.cast(table.column("count"), pa.int64()))
    return table.sort_by([(key, "ascending") for key in SUMMARY_KEYS]) \
        .combine_chunks()
