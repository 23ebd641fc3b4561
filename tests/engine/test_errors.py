"""Located errors: rendering, ordering, and breadcrumbs naming list items by id."""

from __future__ import annotations

from engine.spec import Location, SpecError, SpecErrors, breadcrumb

DATA = {"processes": {"gov_corp": [{"id": "accept"}, {"id": "register", "outcomes": [
    {"id": "ok"}, {"label": "no id"}]}]}, "documents": ["x"]}


def test_breadcrumb_names_list_items_by_id() -> None:
    assert breadcrumb(("processes", "gov_corp", 1, "duration"), DATA) == \
        "processes.gov_corp[id=register].duration"
    assert breadcrumb(("processes", "gov_corp", 1, "outcomes", 0, "next"), DATA) == \
        "processes.gov_corp[id=register].outcomes[id=ok].next"


def test_breadcrumb_falls_back_to_the_index() -> None:
    assert breadcrumb(("processes", "gov_corp", 1, "outcomes", 1), DATA) == \
        "processes.gov_corp[id=register].outcomes[1]"
    assert breadcrumb(("documents", 0), DATA) == "documents[0]"
    assert breadcrumb(("documents", 5, "title"), DATA) == "documents[5].title"
    assert breadcrumb((), DATA) == ""


def test_spec_error_renders_path_line_col_breadcrumb_message() -> None:
    error = SpecError(Location("specs/a.yaml", 12, 5), "processes.gov_corp[id=register].duration",
                      'expected a duration like "15 min", got "15 minutes" (hint: write "15 min")')
    assert str(error) == ('specs/a.yaml:12:5: processes.gov_corp[id=register].duration: expected a '
                          'duration like "15 min", got "15 minutes" (hint: write "15 min")')


def test_spec_error_without_breadcrumb_and_warnings() -> None:
    assert str(SpecError(Location("a.yaml", 1, 1), "", "the file is empty")) == \
        "a.yaml:1:1: the file is empty"
    assert str(SpecError(Location("a.yaml", 2, 3), "id", "odd", severity="warning")) == \
        "a.yaml:2:3: warning: id: odd"


def test_spec_errors_are_sorted_by_file_line_column() -> None:
    errors = SpecErrors([SpecError(Location("b.yaml", 1, 1), "", "third"),
                         SpecError(Location("a.yaml", 10, 1), "", "second"),
                         SpecError(Location("a.yaml", 2, 7), "", "first")])
    assert [e.message for e in errors.errors] == ["first", "second", "third"]
    assert str(errors) == "a.yaml:2:7: first\na.yaml:10:1: second\nb.yaml:1:1: third"


def test_a_finding_renders_on_one_line() -> None:
    error = SpecError(Location("a.yaml", 38, 11), "channels.portal.term",
                      'expected a duration like "15 min", got "15 minutes\n"')
    assert str(error) == ('a.yaml:38:11: channels.portal.term: expected a duration like "15 min", '
                          'got "15 minutes\\n"')
    assert "\n" not in str(SpecErrors([error]))
