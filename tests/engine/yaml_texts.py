"""Hypothesis strategies of spec-like YAML texts, for the fast reader's property tests.

Nested mappings and lists written as blocks (indented by 1 to 4, lists under a key indented or
not) and as flows, with scalars of many shapes written plain, single- or double-quoted: words
and sentences in Kazakh, Russian and English, numbers, dates, times like 09:00, words YAML 1.1
reads as booleans or null, text with colons, `#`, quotes, commas and indicators, empty values;
comments on lines of their own and after values, blank lines, trailing spaces; and, for some
texts, a line changed afterwards (indentation, a character), so that both readers must also
agree on what is not YAML or not a spec.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

__all__ = ["yaml_texts"]

#: Scalars whose reading is a question: YAML 1.1 and 1.2 disagree, or a reader may stumble.
TRICKY = [
    "yes", "no", "on", "off", "y", "n", "Y", "N", "true", "false", "True", "FALSE", "tRue",
    "null", "Null", "NULL", "~", "nULL", "09:00", "18:30:00", "1:20:30", "190:20:30", "0123",
    "007", "-012", "+12", "12", "-3", "0", "-0", "1_000", "0x1F", "0o17", "0b101", "0.5",
    ".5", "-.5", "1e3", "1.5e-3", "6.8523015e+5", ".inf", "-.inf", ".NaN", "2015-07-26",
    "2015-02-30", "2015-7-6", "2015-07-26 10:00:00", "2015-07-26T10:00:00Z", "2001-12-14t21:59:43.10-05:00",
    "123456789012345", "1234567890123456", "99999999999999999999", "1e400", "<<", "=", "-",
    "?", ":", "-x", "?x", ":x", "x:", "a: b", "a:b", "a #b", "a#b", "a  b", "#a", "http://x.kz/a?b=c#d",
    "[a]", "{a: b}", "&a", "*a", "!a", "!!str", "|", ">", "%a", "@a", "`a", "'a'", '"a"',
    "it's", 'say "hi"', "a, b", "a,b", "a]", "a}", "---", "...", "--- a", "- a", "a - b",
    "Жаңа жыл", "Қазақстан Республикасы", "әіңғүұқөһ ӘІҢҒҮҰҚӨҺ", "«Егемен Қазақстан»",
    "№ 5", "Ақмола, 2018", "кеңсе: бөлім", "тест #1", "15 min", "3 wd", "seed 002, p. 5",
    "UNCERTAIN (low): no source", "C:\\path", "a\\b", "a\\\"b", "", " ", "x" * 70,
]
_CHARS = ("abcxyz019 -_.:,#'\"[]{}&*!|>%@`?<=~\\/кеңсеәіңғүұқөһЖАЯ«»№\u00a0\u2014")
#: What specs mostly hold.
ORDINARY = [
    "regulation", "standard", "portal", "gov_corp", "provider_office", "translation", "executor",
    "15 min", "1 wd", "30 cd", "2 h", "Мемлекеттік көрсетілетін қызмет", "Услугополучатель",
    "«Электрондық үкіметтің» веб-порталы", "synthetic corpus (seed 0), item 446, p. 70",
    "Тәуелсіздік күні", "Постановление акимата Акмолинской области № 130", "2018-09-26",
]
SCALAR_TEXTS = st.one_of(st.sampled_from(ORDINARY), st.sampled_from(ORDINARY),
                         st.sampled_from(TRICKY), st.text(alphabet=_CHARS, max_size=24))
KEYS = st.one_of(
    st.sampled_from(["kind", "id", "kk", "ru", "en", "source", "title", "term", "steps", "next",
                     "a.b", "a-b", "_x", "x1", "1", "12", "1.5", "2019-01-01", "yes", "no",
                     "on", "off", "true", "null", "~", "<<", "=", "Gov Corp", "кілт", "a b",
                     "'q'", '"q"', "? k", "-k", "k:", "x" * 130]),
    st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True),
)
_ESCAPES = ["\\\"", "\\\\", "\\n", "\\t", "\\x41", "\\u0416", "\\/", "\\e", "\\x01", "\\uD83D",
            "\\ ", "\\q"]


@st.composite
def _scalar(draw: st.DrawFn) -> str:
    """A scalar as written: plain, single-quoted or double-quoted (with escapes now and then)."""
    text = draw(SCALAR_TEXTS)
    style = draw(st.sampled_from("ppps'\""))
    if style == "s":
        return "'" + text.replace("'", "''") + "'"
    if style == '"':
        body = text.replace("\\", "\\\\").replace('"', '\\"')
        if draw(st.booleans()):
            at = draw(st.integers(0, len(body)))
            body = body[:at] + draw(st.sampled_from(_ESCAPES)) + body[at:]
        return f'"{body}"'
    return text


@st.composite
def _flow(draw: st.DrawFn, depth: int = 0) -> str:
    """A flow sequence or mapping on one line, now and then nested."""
    def item() -> str:
        if depth < 2 and draw(st.integers(0, 5)) == 0:
            return draw(_flow(depth + 1))
        return draw(_scalar())
    if draw(st.booleans()):
        items = [item() for _ in range(draw(st.integers(0, 4)))]
        return "[" + draw(st.sampled_from([", ", ",", " , "])).join(items) + "]"
    entries = [f"{draw(KEYS)}: {item()}" for _ in range(draw(st.integers(0, 4)))]
    return "{" + ", ".join(entries) + "}"


def _tree(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(leaves, lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(st.tuples(KEYS, children), max_size=5)), max_leaves=24)


VALUES = st.one_of(_scalar(), _flow(), st.just(""))


def _is_mapping(node: Any) -> bool:
    return isinstance(node, list) and bool(node) and isinstance(node[0], tuple)


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    """A spec-like YAML text (see the module's docstring)."""
    step = draw(st.sampled_from([2, 2, 2, 4, 1, 3]))
    indentless = draw(st.booleans())
    lines: list[str] = []

    def comment(indent: int) -> None:
        if draw(st.integers(0, 7)) == 0:
            lines.append(draw(st.sampled_from(["", " " * indent + "# comment", "#", "   "])))

    def trailer() -> str:
        return draw(st.sampled_from(["", "", "", "", "", "", " ", " # note: a, [b]", "  #x", "#x"]))

    def mapping(pairs: list[tuple[str, Any]], indent: int, first: str = "") -> None:
        """Write the pairs at `indent`, the first after `first` (a "- " already written)."""
        for number, (key, value) in enumerate(pairs):
            if number or not first:
                comment(indent)
            head = (first if not number and first else " " * indent) + key + ":"
            if _is_mapping(value):
                lines.append(head + trailer())
                mapping(value, indent + step)
            elif isinstance(value, list) and value:
                lines.append(head + trailer())
                sequence(value, indent if indentless else indent + step)
            else:
                text = value if isinstance(value, str) else "[]"
                lines.append(head + (" " + text if text else "") + trailer())

    def sequence(items: list[Any], indent: int) -> None:
        for value in items:
            comment(indent)
            dash = " " * indent + "-" + " " * draw(st.sampled_from([1, 1, 1, 2, 3]))
            if _is_mapping(value):
                mapping(value, len(dash), dash)
            elif isinstance(value, list) and value:
                lines.append(dash.rstrip() + trailer())
                sequence(value, indent + step)
            else:
                text = value if isinstance(value, str) else "[]"
                lines.append((dash + text if text else dash.rstrip()) + trailer())

    root = draw(_tree(VALUES))
    if _is_mapping(root):
        mapping(root, 0)
    elif isinstance(root, list) and root:
        sequence(root, 0)
    else:
        mapping([("value", root)], 0)
    if lines and draw(st.integers(0, 4)) == 0:  # one line changed afterwards
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        change = draw(st.sampled_from(["indent", "dedent", "insert", "delete"]))
        if change == "indent":
            line = " " + line
        elif change == "dedent":
            line = line[1:]
        elif change == "insert":
            where = draw(st.integers(0, len(line)))
            line = line[:where] + draw(st.sampled_from(list(":-#'\"[]{} \t\r\ufeff\u2028&*!|>?,"))) + line[where:]
        elif line:
            where = draw(st.integers(0, len(line) - 1))
            line = line[:where] + line[where + 1:]
        lines[at] = line
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n"]))
