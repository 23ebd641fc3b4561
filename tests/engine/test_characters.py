"""The characters no spec may hold (`engine.spec.characters`), as written and as escapes.

As written they are refused before the file is parsed, comments included; written as an
escape of a double-quoted scalar they are refused in the decoded key or value, at the escape.
"""

from __future__ import annotations

import doctest

import pytest
import yaml

from engine.spec import characters, parse_text, read_document_bytes, yamlsource


def _errors(text: str) -> list[str]:
    return [str(e) for e in parse_text(text, "f.yaml").errors]


def test_the_doctests_of_the_module_pass() -> None:
    assert doctest.testmod(characters).failed == 0


@pytest.mark.parametrize(("char", "kind"), [
    ("\x00", "control character"), ("\x1b", "control character"), ("\x7f", "control character"),
    ("\x85", "control character"), ("\x9f", "control character"), ("\ufdd0", "noncharacter"),
    ("\ufffe", "noncharacter"), ("\U0001ffff", "noncharacter"), ("\U0010fffe", "noncharacter"),
    ("\ud800", "lone surrogate"),
    ("\u202a", "bidirectional control"), ("\u202e", "bidirectional control"),
    ("\u2066", "bidirectional control"), ("\u2069", "bidirectional control"),
])
def test_each_kind_is_refused_in_a_value_and_a_key(char: str, kind: str) -> None:
    assert characters.kind(char) == kind
    for search in (characters.in_value, characters.in_key):
        found = search(f"ab{char}c")
        assert found is not None
        assert found.start() == 2


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u061c", "\u2028", "\ufeff", "\U0001f600",
                                  "\U0001fffd", "\xa0", "ә", "«"])
def test_marks_and_ordinary_characters_are_let_be(char: str) -> None:
    assert characters.in_value(f"a{char}b") is None
    assert characters.first_in_file(f"a{char}b") == (-1, 0)


def test_tab_and_line_feed_are_allowed_in_a_value_but_not_in_a_key() -> None:
    assert parse_text('t: "a\\tb\\nc"\nu: |\n  line\n  a\ttab\n', "f.yaml").errors == []
    assert _errors('"a\\tb": x\n') == [
        "f.yaml:1:3: control character \\x09, written as the escape \\t, at character 2 of the "
        "key (hint: remove it; a key is one word, without tab or line break)"]
    assert [e.code for e in parse_text("a\tb: x\n", "f.yaml").errors] == ["character"]


def test_a_carriage_return_is_refused_in_a_value_but_a_crlf_file_is_read() -> None:
    assert parse_text("a: x\r\nb: y\r\n", "f.yaml").errors == []
    assert _errors('a: "x\\ry"\n')[0].startswith("f.yaml:1:6: a: control character \\x0d, "
                                                 "written as the escape \\r,")


def test_as_written_the_first_is_located_and_the_others_counted() -> None:
    assert _errors("# a comment \u202e\u2066hidden\nkind: standard\n") == [
        "f.yaml:1:13: bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE), and 1 more in the "
        "file (hint: remove it; it makes what follows show in another order than it is read, and "
        "Kazakh and Russian texts need none)"]
    assert _errors("a: x\U0002ffff\n")[0].startswith("f.yaml:1:5: noncharacter U+2FFFF (hint: ")


def test_an_escape_is_located_on_its_own_line_of_a_scalar() -> None:
    text = 'kind: standard\ntitle:\n  kk: "first line\n    second \\x1b[31m line"\n'
    assert _errors(text) == [
        "f.yaml:4:12: title.kk: control character \\x1b, written as the escape \\x1b, at "
        "character 19 of the value (hint: remove it; a spec holds no control character but tab "
        "and line break, and copying from a PDF often leaves one)"]


def test_an_escaped_backslash_is_no_escape() -> None:
    assert parse_text('a: "\\\\x01 and \\\\e"\n', "f.yaml").errors == []
    assert parse_text("a: '\\x01'\n", "f.yaml").errors == []  # single quotes: no escapes


def test_the_value_is_kept_without_the_characters() -> None:
    parsed = parse_text('steps:\n  - id: "a\\u202eb"\n  - id: c\n    x: "\\e"\n', "f.yaml")
    assert parsed.data == {"steps": [{"id": "a\ufffdb"}, {"id": "c", "x": "\ufffd"}]}
    assert [str(e).split(": ")[1] for e in parsed.errors] == ["steps[id=a\ufffdb].id",
                                                                "steps[id=c].x"]


def test_a_lone_surrogate_is_worded_alike_by_either_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    text = 'a: "x\\uD83D"\n'
    expected = ("lone surrogate U+D83D, written as the escape \\uD83D", "f.yaml:1:6")
    c_error = _errors(text)[0]
    assert c_error.startswith(f"{expected[1]}: {expected[0]} (hint: ")
    monkeypatch.setattr(yamlsource, "_Loader", type("Pure", (yaml.SafeLoader,), {}))
    python_error = _errors(text)[0]
    assert python_error.startswith(f"{expected[1]}: a: {expected[0]}, at character 2 of the value")


def test_a_tag_that_does_not_fit_its_value_is_located() -> None:
    for value, message, code in [("!!bool calendar", 'YAML tag "!!bool" is not allowed', "tag"),
                                 ("!!timestamp x", 'YAML tag "!!timestamp" is not allowed', "tag"),
                                 ("!!int 12ab", 'YAML tag "!!int" is not allowed', "tag"),
                                 ("9" * 5000, "a number of 5000 characters is too long to read",
                                  "scalar")]:
        document = read_document_bytes(f"kind: standard\nid: x\nn: {value}\n".encode(), "f.yaml")
        found = [str(e) for e in document.errors if e.code == code]
        assert len(found) == 1
        assert found[0].startswith(f"f.yaml:3:4: n: {message} (hint: ")
