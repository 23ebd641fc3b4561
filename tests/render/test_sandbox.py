"""An author's templates: they override the bundled ones, and run in a sandbox.

`environment(author_dir)` loads from the author's directory first, then the bundled
templates (so an author's document can extend `base.html`), in Jinja's
`ImmutableSandboxedEnvironment`: Python internals and changes to the data are refused,
names outside the two directories are not found, escaping and strict undefined stay on.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from renderers.documents.environment import TemplateDirectoryError, environment
from renderers.documents.html import RenderError, render_html
from tests.render.cases import document

UNSAFE = {
    "class": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ doc.__init__.__globals__ }}",
    "mutation": "{% set seen = [] %}{{ seen.append(1) }}",
    "format": "{{ '{0.__class__}'.format(doc) }}",
}


def _author(tmp_path: Path, body: str, name: str = "documents/receipt.html") -> Path:
    target = tmp_path / "templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return tmp_path / "templates"


def test_the_bundled_environment_is_shared_and_an_authors_is_sandboxed(tmp_path: Path) -> None:
    assert environment() is environment()
    assert not isinstance(environment(), jinja2.sandbox.SandboxedEnvironment)
    author = environment(_author(tmp_path, "x"))
    assert isinstance(author, ImmutableSandboxedEnvironment)
    assert author.undefined is jinja2.StrictUndefined


@pytest.mark.parametrize("attack", sorted(UNSAFE))
def test_the_sandbox_refuses_unsafe_author_templates(tmp_path: Path, attack: str) -> None:
    record, _ = document("receipt")
    env = environment(_author(tmp_path, UNSAFE[attack]))
    with pytest.raises(RenderError, match=r"^documents/receipt\.html: refused by the sandbox: .* "
                                          r"\(hint: templates may read the document's fields"):
        render_html("receipt", record, env=env)


def test_the_same_template_is_not_refused_by_the_bundled_environment() -> None:
    """The bundled templates are ours and trusted: only an author's get the sandbox."""
    assert environment().from_string(UNSAFE["mutation"]).render() == "None"


def test_an_author_template_extends_the_bundled_base_and_reads_the_fields(tmp_path: Path) -> None:
    record, _ = document("receipt")
    body = ('{% extends "base.html" %}{% set title_key = "receipt" %}{% block content %}'
            '<p class="mine">{{ doc.case_id }}: {{ doc.due|datetime_words(lang=langs[0]) }}'
            " {{ doc.service.title.get(langs[0]) }}</p>{% endblock %}")
    html = render_html("receipt", record, env=environment(_author(tmp_path, body)))
    assert '<p class="mine">2019-0042: 2019 жылғы 23 қыркүйек, 20:00 Негізгі орта' in html
    assert "@page" in html  # the bundled base and print CSS


def test_other_documents_still_come_from_the_bundled_templates(tmp_path: Path) -> None:
    record, _ = document("passport")
    env = environment(_author(tmp_path, "mine"))
    assert render_html("passport", record, env=env, layout="separate") == render_html(
        "passport", record, layout="separate")


@pytest.mark.parametrize("name", ["../../../../etc/passwd", "/etc/passwd"])
def test_templates_outside_the_known_directories_are_not_found(tmp_path: Path, name: str) -> None:
    record, _ = document("receipt")
    env = environment(_author(tmp_path, f'{{% include "{name}" %}}'))
    with pytest.raises(RenderError, match="no template"):
        render_html("receipt", record, env=env)


def test_an_author_template_with_an_unknown_field_fails_with_its_name(tmp_path: Path) -> None:
    record, _ = document("receipt")
    env = environment(_author(tmp_path, "{{ doc.nonexistent }}"))
    with pytest.raises(RenderError, match=r"^documents/receipt\.html: .*nonexistent"):
        render_html("receipt", record, env=env)


def test_an_author_template_with_a_syntax_error_names_its_line(tmp_path: Path) -> None:
    record, _ = document("receipt")
    env = environment(_author(tmp_path, "line one\n{% if %}\n"))
    with pytest.raises(RenderError, match=r"receipt\.html:2: "):
        render_html("receipt", record, env=env)


def test_an_authors_values_are_escaped_too(tmp_path: Path) -> None:
    env = environment(_author(tmp_path, "x"))
    assert env.from_string("{{ v }}").render(v="<i>&") == "&lt;i&gt;&amp;"


def test_a_missing_template_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateDirectoryError, match="no template directory"):
        environment(tmp_path / "absent")
