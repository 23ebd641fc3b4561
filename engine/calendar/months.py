"""Calendar months: the corresponding date N months later, or that month's last day.

A term counted in months "истекает в соответствующий день (число) последнего месяца срока.
Если окончание срока приходится на месяц, в котором нет соответствующего числа, то срок
истекает в последний день этого месяца" (Law of 27 November 2000 No. 107-II "On
administrative procedures", art. 12-1 p. 3, the same rule as the Civil Code's chapter 6
"Calculation of terms"; docs/calendar.md, "Counting a term"). What happens when that day is
not a working day is the calendar's business (`engine.calendar.arithmetic`); here is only
the date arithmetic, for one date and, with numpy, for many day positions at once.

Examples:
    >>> add_months(dt.date(2024, 1, 31), 1), add_months(dt.date(2025, 1, 31), 1)
    (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28))
    >>> add_months(dt.date(2024, 3, 15), 1), add_months(dt.date(2024, 12, 31), 2)
    (datetime.date(2024, 4, 15), datetime.date(2025, 2, 28))
"""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import numpy.typing as npt

__all__ = ["add_months", "add_months_days", "months_between"]

Int64Array = npt.NDArray[np.int64]


def add_months(day: dt.date, months: int) -> dt.date:
    """The date `months` months after `day`: the same day of the month, or the month's last."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def months_between(first: dt.date, last: dt.date) -> int:
    """Whole calendar months from the month of `first` to the month of `last` (may be 0)."""
    return (last.year - first.year) * 12 + last.month - first.month


def add_months_days(start: dt.date, days: Int64Array, months: Int64Array) -> Int64Array:
    """`add_months` for many days at once, as day positions counted from `start`.

    Examples:
        >>> start = dt.date(2024, 1, 1)
        >>> add_months_days(start, np.array([30, 59]), np.array([1, 1])).tolist()
        [59, 90]
    """
    origin = np.datetime64(start, "D")
    dates = origin + days.astype("timedelta64[D]")
    month = dates.astype("datetime64[M]")
    day_of_month = (dates - month.astype("datetime64[D]")).astype(np.int64)
    target = month + months.astype("timedelta64[M]")
    first = target.astype("datetime64[D]")
    length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - first).astype(np.int64)
    result: Int64Array = (first + np.minimum(day_of_month, length - 1).astype("timedelta64[D]")
                          - origin).astype(np.int64)
    return result
