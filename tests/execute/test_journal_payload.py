"""The journal writes each payload as exactly the text `json.dumps` gives (sorted keys, UTF-8)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.cases.journal import payload_json

texts = st.text(st.characters(codec="utf-8"), max_size=12)
values = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), texts,
                   st.lists(texts, max_size=4), st.tuples(texts, texts),
                   # what the fast path leaves to the encoder
                   st.floats(allow_nan=False), st.lists(st.integers(), max_size=3),
                   st.dictionaries(texts, texts, max_size=2))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.dictionaries(texts, values, max_size=6),
                 st.dictionaries(st.integers(), texts, max_size=3)))
def test_payload_text_is_the_encoders(payload: dict[Any, Any]) -> None:
    assert payload_json(payload) == json.dumps(payload, ensure_ascii=False, sort_keys=True)


def test_the_payloads_of_every_kind_of_event() -> None:
    for payload in ({"step": "review", "outcome": "accept", "by": "Әсел «клерк»", "ground": None},
                    {"missing": ["application"], "article": "Law 88-V, art. 19"},
                    {"documents": [], "applicant": "860306300458", "service": "s\\n\"q\""},
                    {}):
        assert payload_json(payload) == json.dumps(payload, ensure_ascii=False, sort_keys=True)
