"""The strict YAML reader: positions, YAML 1.2 scalars, and every kind of refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.spec import Location
from engine.spec.yamlsource import MAX_BYTES, MAX_DEPTH, Parsed, parse_bytes, parse_text, read_yaml

SAMPLE = """\
kind: standard
channels:
  gov_corp:
    term: 30 min
list:
  - a
  - {id: b, x: 1}
"""


def _messages(parsed: Parsed) -> list[str]:
    return [str(e) for e in parsed.errors]


def _value(line: str) -> object:
    parsed = parse_text(f"v: {line}\n", "f.yaml")
    assert parsed.errors == []
    return parsed.data["v"]


# positions ------------------------------------------------------------------------------


def test_positions_of_keys_and_items_are_one_based() -> None:
    parsed = parse_text(SAMPLE, "f.yaml")
    assert parsed.errors == []
    assert parsed.positions[("kind",)] == (1, 1)
    assert parsed.positions[("channels", "gov_corp")] == (3, 3)
    assert parsed.positions[("channels", "gov_corp", "term")] == (4, 5)
    assert parsed.positions[("list", 0)] == (6, 5)
    assert parsed.positions[("list", 1)] == (7, 5)
    assert parsed.positions[("list", 1, "x")] == (7, 13)


def test_value_positions_point_at_the_value_not_the_key() -> None:
    parsed = parse_text(SAMPLE, "f.yaml")
    assert parsed.value_positions[("kind",)] == (1, 7)
    assert parsed.value_positions[("channels", "gov_corp", "term")] == (4, 11)
    assert parsed.value_positions[("list", 1, "id")] == (7, 10)


def test_location_renders_file_line_col_and_falls_back_to_the_enclosing_element() -> None:
    parsed = parse_text(SAMPLE, "specs/f.yaml")
    assert str(parsed.location(("channels", "gov_corp", "term"))) == "specs/f.yaml:4:5"
    assert str(parsed.location(("channels", "gov_corp", "term"), value=True)) == "specs/f.yaml:4:11"
    # a key that is not there: the nearest enclosing element that is
    assert parsed.location(("channels", "portal", "term")) == Location("specs/f.yaml", 2, 1)
    assert parsed.location(("nothing",)) == Location("specs/f.yaml", 1, 1)


def test_missing_key_falls_back_to_its_mapping_exactly() -> None:
    parsed = parse_text(SAMPLE, "f.yaml")
    assert parsed.location(("channels", "gov_corp", "max_wait")) == Location("f.yaml", 3, 3)
    assert parsed.location(("channels", "gov_corp", "max_wait"), value=True) == \
        Location("f.yaml", 4, 5)


@pytest.mark.parametrize(("text", "needle", "expected"), [
    ("t: кeңсе\n", "кeңсе", (1, 4)),
    ('t: "бір кeңсе"\n', "кeңсе", (1, 9)),
    ("t: |\n  бір\n  кeңсе\n", "кeңсе", (3, 3)),
    ("t: >\n  бір\n  екі кeңсе\n", "кeңсе", (3, 7)),
])
def test_locate_in_value_finds_the_text_in_plain_quoted_and_block_scalars(
        text: str, needle: str, expected: tuple[int, int]) -> None:
    parsed = parse_text(text, "f.yaml")
    location = parsed.locate_in_value(("t",), needle, 0, 1)
    assert (location.line, location.col) == (expected[0], expected[1] + 1)


def test_locate_in_value_counts_occurrences() -> None:
    parsed = parse_text("t: ab ab ab\n", "f.yaml")
    assert parsed.locate_in_value(("t",), "ab", 2, 0) == Location("f.yaml", 1, 10)
    # not found: the value's start
    assert parsed.locate_in_value(("t",), "zz", 0, 0) == Location("f.yaml", 1, 4)


# YAML 1.2 scalars -------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "read"), [
    ("18:30", "18:30"),  # YAML 1.1: the sexagesimal number 1110
    ("1:20:30", "1:20:30"),
    ("no", "no"),  # YAML 1.1: false
    ("Yes", "Yes"),
    ("ON", "ON"),
    ("off", "off"),
    ("0123", "0123"),  # YAML 1.1: octal 83
    ("007", "007"),
    ("-012", "-012"),
    ("1_000", "1_000"),
    ("2015-07-26", "2015-07-26"),  # a date becomes ISO text, the form the schema checks
    ("2015-07-26 10:00:00", "2015-07-26 10:00:00"),  # a date with a time: shown as written
    ("'0123'", "0123"),
    ('"18:30"', "18:30"),
    ("'true'", "true"),
    ("true", True),
    ("False", False),
    ("TRUE", True),
    ("0", 0),
    ("12", 12),
    ("+12", 12),
    ("0.5", 0.5),
    ("~", None),
    ("null", None),
    ("", None),
])
def test_scalars_are_read_as_yaml_1_2(written: str, read: object) -> None:
    value = _value(written)
    assert value == read
    assert type(value) is type(read)


def test_dates_become_iso_text_everywhere() -> None:
    parsed = parse_text("valid_from: 2015-07-26\nacts: [{date: 2015-04-13}]\n", "f.yaml")
    assert parsed.data == {"valid_from": "2015-07-26", "acts": [{"date": "2015-04-13"}]}


def test_block_scalars_keep_their_text() -> None:
    parsed = parse_text("a: |\n  one\n  two\nb: >-\n  folded\n  line\n", "f.yaml")
    assert parsed.data == {"a": "one\ntwo\n", "b": "folded line"}


def test_impossible_unquoted_date_is_an_error_at_the_value() -> None:
    parsed = parse_text("kind: standard\nvalid_from: 2024-02-30\n", "f.yaml")
    assert _messages(parsed) == ['f.yaml:2:13: valid_from: "2024-02-30" is not a valid date '
                                 "(hint: dates are YYYY-MM-DD and must exist)"]


# encodings and characters ----------------------------------------------------------------


def test_bom_is_refused() -> None:
    parsed = parse_bytes(b"\xef\xbb\xbfkind: standard\n", "f.yaml")
    assert [e.code for e in parsed.errors] == ["bom"]
    assert parsed.errors[0].location == Location("f.yaml", 1, 1)


def test_windows_1251_bytes_are_located_in_characters() -> None:
    # the bad byte is the 25th character of its line but its 31st byte
    raw = "kind: standard\ntitle: {kk: Мектеп, ru: ".encode() + "Школа}".encode("cp1251")
    parsed = parse_bytes(raw, "f.yaml")
    assert _messages(parsed) == [
        "f.yaml:2:25: byte 0xd8 is not valid UTF-8 (hint: save the file as UTF-8; "
        "Windows-1251 and UTF-16 are not accepted)"]
    assert parsed.data is None


def test_utf16_is_refused_as_not_utf8() -> None:
    parsed = parse_bytes("kind: standard\n".encode("utf-16"), "f.yaml")
    assert [e.code for e in parsed.errors] == ["encoding"]


def test_every_tab_in_indentation_is_reported_with_its_column() -> None:
    text = "kind: standard\nchannels:\n\tportal: {}\n  gov_corp:\n  \tterm: 1 h\n"
    parsed = parse_text(text, "f.yaml")
    assert [(e.location.line, e.location.col, e.code) for e in parsed.errors] == [
        (3, 1, "tab"), (5, 3, "tab")]


def test_tab_inside_a_value_is_fine() -> None:
    assert parse_text('t: "a\tb"\nu: a\tb\n', "f.yaml").errors == []


@pytest.mark.parametrize("char", ["\x00", "\x0c", "\x7f", "\x9b"])
def test_control_characters_are_located(char: str) -> None:
    parsed = parse_text(f"kind: standard\ntitle: ab{char}c\n", "f.yaml")
    assert _messages(parsed) == [f"f.yaml:2:10: control character \\x{ord(char):02x} (hint: remove "
                                 "it; a spec holds no control character but tab and line break, "
                                 "and copying from a PDF often leaves one)"]


# refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "   \n"])
def test_empty_file(text: str) -> None:
    assert _messages(parse_text(text, "f.yaml")) == [
        "f.yaml:1:1: the file is empty (hint: a spec starts with `kind:`)"]


def test_syntax_error_is_located_with_a_hint() -> None:
    parsed = parse_text("kind: standard\nsource: seed 004: p. 5\n", "f.yaml")
    assert _messages(parsed) == [
        "f.yaml:2:17: YAML syntax error: mapping values are not allowed in this context "
        "(hint: a value containing ': ' must be quoted)"]


def test_unclosed_flow_list_is_a_syntax_error() -> None:
    parsed = parse_text("kind: standard\nforms: [paper\nid: x\n", "f.yaml")
    assert [e.code for e in parsed.errors] == ["syntax"]
    assert parsed.errors[0].location.line >= 2


def test_second_document_is_refused() -> None:
    parsed = parse_text("kind: standard\n---\nkind: regulation\n", "f.yaml")
    assert len(parsed.errors) == 1
    assert parsed.errors[0].location == Location("f.yaml", 2, 1)
    assert "one spec per file" in parsed.errors[0].message


def test_all_duplicate_keys_are_reported_with_breadcrumb_and_first_line() -> None:
    text = ("kind: standard\nid: a\nchannels:\n  portal:\n    term: 1 h\n    term: 2 h\n"
            "documents:\n  - id: app\n    title: x\n    title: y\nid: b\n")
    assert _messages(parse_text(text, "f.yaml")) == [
        'f.yaml:6:5: channels.portal.term: duplicate key "term" (first defined at line 5) '
        "(hint: remove one of them; YAML would silently keep the last)",
        'f.yaml:10:5: documents[id=app].title: duplicate key "title" (first defined at line 9) '
        "(hint: remove one of them; YAML would silently keep the last)",
        'f.yaml:11:1: id: duplicate key "id" (first defined at line 2) '
        "(hint: remove one of them; YAML would silently keep the last)",
    ]


def test_first_value_of_a_duplicate_key_is_kept() -> None:
    parsed = parse_text("a: 1\na: 2\n", "f.yaml")
    assert parsed.data == {"a": 1}


def test_aliases_are_reported_at_the_alias_with_their_anchor() -> None:
    text = "a: &x [1, 2]\nb: *x\nc: [*x, *x]\n"
    assert _messages(parse_text(text, "f.yaml")) == [
        'f.yaml:2:4: YAML alias "*x" is not allowed (it repeats the value anchored as "&x" '
        "at line 1, and is used 3 times) (hint: write the value out; specs are read by people)"]


def test_an_alias_used_as_a_key_is_refused() -> None:
    parsed = parse_text("a: &k b\n*k : 1\n", "f.yaml")
    assert [(e.location.line, e.location.col, e.code) for e in parsed.errors] == [(2, 1, "alias")]


def test_an_anchor_without_alias_is_harmless() -> None:
    parsed = parse_text("a: &x 1\nb: 2\n", "f.yaml")
    assert parsed.errors == []
    assert parsed.data == {"a": 1, "b": 2}


def test_billion_laughs_is_refused_without_expanding() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name, prev in zip("bcdefghij", "abcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    parsed = parse_text("\n".join(lines) + "\n", "f.yaml")
    assert [e.code for e in parsed.errors] == ["alias"] * 9
    assert parsed.data["i"] == [None] * 9  # not 9**9 items


def test_merge_key_is_refused() -> None:
    parsed = parse_text("base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n", "f.yaml")
    assert _messages(parsed) == ["f.yaml:3:3: child: merge keys (<<) are not allowed "
                                 "(hint: write the keys out)"]


@pytest.mark.parametrize(("written", "shown"), [("!!binary aGk=", "!!binary"), ("!!set {a}", "!!set"),
                                                ("!!python/object:os.system x",
                                                 "!!python/object:os.system"), ("!local x", "!local")])
def test_explicit_tags_are_refused(written: str, shown: str) -> None:
    parsed = parse_text(f"kind: standard\nid: {written}\n", "f.yaml")
    assert _messages(parsed) == [f'f.yaml:2:5: id: YAML tag "{shown}" is not allowed (hint: '
                                 "remove it; a spec holds only text, numbers, true/false, lists "
                                 "and mappings)"]


_NUMBER_HINT = "(hint: write the number in digits)"


@pytest.mark.parametrize(("written", "message"), [
    # issue 18: `!!bool maybe` and `!!timestamp abc` were tracebacks, `!!int abc` "not a valid date"
    ("!!bool maybe", 'YAML tag "!!bool" is not allowed (hint: remove it; write true or false)'),
    ("!!timestamp abc", 'YAML tag "!!timestamp" is not allowed (hint: remove it; write a date '
                        "as YYYY-MM-DD)"),
    ("!!int abc", 'YAML tag "!!int" is not allowed (hint: remove it; write the number in digits)'),
    ("!!float 1.5", 'YAML tag "!!float" is not allowed (hint: remove it; write the number in '
                    "digits)"),
    ("!!str 403003", 'YAML tag "!!str" is not allowed (hint: remove it; a value is text as it is '
                     "written; quote it if YAML would read it otherwise)"),
    ("!!null x", 'YAML tag "!!null" is not allowed (hint: remove it; leave the value out, or '
                 "remove the key)"),
    ("!!binary aGk=", 'YAML tag "!!binary" is not allowed (hint: remove it; a spec holds only '
                      "text, numbers, true/false, lists and mappings)"),
    ("!foo bar", 'YAML tag "!foo" is not allowed (hint: remove it; a spec holds only text, '
                 "numbers, true/false, lists and mappings)"),
    ("! bar", 'YAML tag "!" is not allowed (hint: remove it; a spec holds only text, numbers, '
              "true/false, lists and mappings)"),
    ("!<tag:yaml.org,2002:int> 7", 'YAML tag "!!int" is not allowed (hint: remove it; write the '
                                   "number in digits)"),
    ("!!str {a: 1}", 'YAML tag "!!str" is not allowed (hint: remove it; a value is text as it is '
                     "written; quote it if YAML would read it otherwise)"),
    ("!!map {a: 1}", 'YAML tag "!!map" is not allowed (hint: remove it; a mapping needs no tag)'),
    ("!!seq [a]", 'YAML tag "!!seq" is not allowed (hint: remove it; a list needs no tag)'),
])
def test_every_explicit_tag_is_refused_with_what_to_write(written: str, message: str) -> None:
    parsed = parse_text(f"kind: standard\nid: {written}\n", "f.yaml")
    assert _messages(parsed) == [f"f.yaml:2:5: id: {message}"]


def test_an_explicit_tag_on_a_key_or_on_the_whole_file_is_refused() -> None:
    assert _messages(parse_text("kind: standard\n!!int abc: 1\n", "f.yaml")) == [
        'f.yaml:2:1: YAML tag "!!int" is not allowed (hint: remove it; write the number in '
        "digits)"]
    assert _messages(parse_text("!!str\nkind: standard\n", "f.yaml")) == [
        'f.yaml:1:1: YAML tag "!!str" is not allowed (hint: remove it; a value is text as it is '
        "written; quote it if YAML would read it otherwise)"]


def test_an_exclamation_mark_in_a_text_is_not_a_tag() -> None:
    parsed = parse_text('a: Attention! !x\nb: "!!int 5"\nc: |\n  !!bool\n', "f.yaml")
    assert parsed.errors == []
    assert parsed.data == {"a": "Attention! !x", "b": "!!int 5", "c": "!!bool\n"}


@pytest.mark.parametrize(("written", "message"), [
    # issue 18: Python refuses to turn more than 4300 digits into an int, or back into text
    ("9" * 5000, "a number of 5000 characters is too long to read"),
    ("-" + "9" * 5000, "a number of 5001 characters is too long to read"),
    ("1" * 5000 + ".5", "a number of 5002 characters is too long to read"),
    ("1" * 400 + ".5", "a number of 402 characters is too long to read"),
    ("1234567890123456", "the number 1234567890123456 is too large"),
    ("1.0e+400", "the number 1.0e+400 is too large"),
])
def test_a_number_of_too_many_digits_is_refused(written: str, message: str) -> None:
    parsed = parse_text(f"n: {written}\n", "f.yaml")
    assert _messages(parsed) == [f"f.yaml:1:4: n: {message} (hint: a spec's numbers have at "
                                 "most 15 digits; quote it if it is text)"]


def test_a_number_of_fifteen_digits_and_long_numbers_in_quotes_are_read() -> None:
    parsed = parse_text(f'a: 999999999999999\nb: "{"9" * 5000}"\nc: 0x{"f" * 5000}\n', "f.yaml")
    assert parsed.errors == []
    assert parsed.data["a"] == 999999999999999
    assert parsed.data["b"] == "9" * 5000
    assert parsed.data["c"] == "0x" + "f" * 5000


@pytest.mark.parametrize(("key", "message"), [
    ("2015", 'keys must be text, got 2015 (hint: quote it: "2015")'),
    ("1.5", 'keys must be text, got 1.5 (hint: quote it: "1.5")'),
    ("~", 'keys must be text, got ~ (hint: quote it: "~")'),
    ("true", 'keys must be text, got true (hint: quote it: "true")'),
    ("? [a]\n ", "keys must be text, got a list (hint: a key is a single word)"),
])
def test_keys_must_be_text(key: str, message: str) -> None:
    parsed = parse_text(f"channels:\n {key}: x\n", "f.yaml")
    assert [f"{e.breadcrumb}: {e.message}" for e in parsed.errors] == [f"channels: {message}"]


@pytest.mark.parametrize("key", ["no", "18:30", "0123", "2015-07-26", '"2015"'])
def test_keys_read_as_text_under_yaml_1_2_are_fine(key: str) -> None:
    parsed = parse_text(f"{key}: x\n", "f.yaml")
    assert parsed.errors == []
    assert list(parsed.data) == [key.strip('"')]


def test_nesting_is_bounded() -> None:
    deep = "v: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    parsed = parse_text(deep, "f.yaml")
    assert [e.code for e in parsed.errors] == ["too-deep"]
    shallow = "v: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse_text(shallow, "f.yaml").errors == []


def test_oversized_bytes_are_refused_before_parsing() -> None:
    raw = b"# " + b"x" * MAX_BYTES + b"\n"
    parsed = parse_bytes(raw, "f.yaml")
    assert _messages(parsed) == [f"f.yaml:1:1: file is {len(raw)} bytes, over the limit of "
                                 f"{MAX_BYTES} (hint: split the spec; a real regulation is far "
                                 "smaller)"]
    assert parse_bytes(b"a: 1\n" + b"#" * (MAX_BYTES - 6) + b"\n", "f.yaml").errors == []


def test_read_yaml_refuses_an_oversized_file_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    parsed = read_yaml(path)
    assert [(e.code, e.location.line, e.location.col) for e in parsed.errors] == [
        ("too-large", 1, 1)]


def test_read_yaml_of_a_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    parsed = read_yaml(tmp_path / "absent.yaml")
    assert [(e.code, e.location.line, e.location.col) for e in parsed.errors] == [("io", 1, 1)]
    assert "cannot read the file" in parsed.errors[0].message


def test_read_yaml_reads_a_file_like_parse_bytes(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    from_file = read_yaml(path)
    assert from_file.path == str(path)
    assert from_file.data == parse_bytes(SAMPLE.encode(), "x").data
    assert from_file.positions == parse_text(SAMPLE, "x").positions
