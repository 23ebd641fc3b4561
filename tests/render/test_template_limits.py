"""Author templates render under limits (issue 15): time, output, loops, widths, depth.

Each template below would otherwise loop for hours, ask for gigabytes, or end in a
RecursionError, MemoryError or OverflowError traceback. Under `renderers.documents.limits`
each stops within a second or so with one line: the template's name and the limit it hit
(docs/documents.md, "Limits"). The bundled templates render without these checks, byte for
byte as before (tests/render/test_golden.py), and an author's copy of a bundled document gives
the same bytes under them.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from renderers.documents.environment import environment
from renderers.documents.html import RenderError, render_html
from renderers.documents.limits import LIMITS
from renderers.documents.sandbox import LimitedSandbox
from tests.render.cases import document

DOUBLE = "{% set s = s ~ s %}"
#: A hostile template, the limit it must hit (a fragment of the message), and the seconds allowed.
ATTACKS = {
    "nested loops": ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
                     f"more than {LIMITS.iterations} loop iterations"),
    "huge format width": ("{{ '%999999999d'|format(1) }}", "a % format wider than 1000"),
    "huge % width": ("{{ '%.999999999f' % 1 }}", "a % format wider than 1000"),
    "star width": ("{{ '%*d' % (999999999, 1) }}", "a % format with a * width"),
    "huge str.format width": ("{{ '{:>999999999}'.format(1) }}", "a format wider than 1000"),
    "nested format width": ("{{ '{:{w}}'.format(1, w=999999999) }}", "a format spec with a nested field"),
    "huge filter width": ("{{ 'x'|center(999999999) }}", "the filter center with 999999999"),
    "huge method width": ("{{ 'x'.zfill(999999999) }}", "str.zfill() with 999999999"),
    "recursive macro": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
                        f"calls nested more than {LIMITS.depth} deep"),
    "recursive loop": ("{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}",
                       f"calls nested more than {LIMITS.depth} deep"),
    "self include": ('{% include "documents/receipt.html" %}', "recursion deeper than Python allows"),
    "huge range": ("{{ range(10**9)|list|length }}", "range() of 1000000000 numbers"),
    "huge repetition": ("{{ 'x' * 10**10 }}", "a repetition of 10000000000"),
    "huge power": ("{{ 7 ** (10 ** 9) }}", "an integer of more than 1000 digits"),
    "doubling": ("{% set s = 'x' * 1000 %}" + DOUBLE * 40 + "{{ s|length }}", "a value of"),
    "doubling blocks": ("{% set s = 'x' * 1000 %}" + "{% set s %}{{ s }}{{ s }}{% endset %}" * 40,
                        "a value of"),
    "doubling namespace": ("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                           "{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "a value of"),
    "doubling macro": ("{% macro d(n) %}{% if n %}{% set s = d(n - 1) %}{{ s }}{{ s }}{% endif %}x"
                       "{% endmacro %}{{ d(45) }}", "a value of"),
    "huge output": ("{% for i in range(10000) %}{% for j in range(10) %}{{ 'x' * 1000 }}"
                    "{% endfor %}{% endfor %}", f"more than {LIMITS.output_bytes} bytes of output"),
    "endless work": ("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
                     "{{ f(40) }}", "took longer than 0.5 s"),
}


def _author(tmp_path: Path, body: str) -> Path:
    target = tmp_path / "templates" / "documents" / "receipt.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return tmp_path / "templates"


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_an_author_template_stops_at_a_limit_with_one_line(attack: str, tmp_path: Path) -> None:
    body, limit = ATTACKS[attack]
    record, _ = document("receipt")
    env = environment(_author(tmp_path, body))
    assert isinstance(env, LimitedSandbox)
    env.limits = dataclasses.replace(LIMITS, seconds=0.5)  # the time limit, made short to test
    started = time.monotonic()
    with pytest.raises(RenderError) as raised:
        render_html("receipt", record, env=env)
    message = str(raised.value)
    assert time.monotonic() - started < 5
    assert message.startswith("documents/receipt.html: stopped at a limit of author templates: "), message
    assert limit in message, message
    assert "\n" not in message
    assert message.endswith('(hint: docs/documents.md, "Limits")')


def test_an_authors_copy_of_a_bundled_template_renders_the_same_bytes_under_the_limits(
        tmp_path: Path) -> None:
    bundled = Path(__file__).resolve().parents[2] / "renderers" / "templates" / "documents"
    record, _ = document("receipt")
    env = environment(_author(tmp_path, (bundled / "receipt.html").read_text(encoding="utf-8")))
    for layout in ("interlinear", "columns", "separate"):
        assert render_html("receipt", record, env=env, layout=layout) == \
            render_html("receipt", record, layout=layout)
