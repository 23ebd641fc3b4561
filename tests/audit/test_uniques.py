"""The audit's linear-time stand-ins for `np.unique` and for taking a column's strings in a
new order give exactly what they stand in for (they were added for speed: the same bytes)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from engine.audit.case_columns import _sorted_codes, codes
from engine.audit.uniques import distinct, unique_inverse

_VALUES = st.one_of(st.lists(st.integers(-50, 50), max_size=300),
                    st.lists(st.integers(-2**40, 2**40), max_size=50))


@given(_VALUES)
def test_unique_inverse_is_numpys(values: list[int]) -> None:
    array = np.array(values, dtype=np.int64)
    found, inverse = unique_inverse(array)
    expected, expected_inverse = np.unique(array, return_inverse=True)
    assert found.tolist() == expected.tolist()
    assert inverse.tolist() == expected_inverse.reshape(-1).tolist()
    assert distinct(array).tolist() == expected.tolist()


@given(st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "c", " d", "é", ""])),
                max_size=200), st.randoms(use_true_random=False))
def test_sorted_codes_are_the_codes_of_the_column_taken(values: list[str | None],
                                                        rng: object) -> None:
    order = np.arange(len(values), dtype=np.int64)
    rng.shuffle(order)  # type: ignore[attr-defined]
    column = pa.chunked_array([pa.array(values, pa.string())])
    got = _sorted_codes(column, order)
    expected = codes(column.take(pa.array(order)))
    assert got[0].tolist() == expected[0].tolist()
    assert got[1] == expected[1]
