"""The one Jinja environment every document is rendered with.

- **Escaping is on** for HTML and XML templates (and any template whose kind is not
  known): a spec's `<script>`, quotes or ampersands print as text. Only the print CSS
  (`*.css`, our own) is included as it is.
- **Undefined is an error** (`StrictUndefined`): a misspelt field or label fails the
  render instead of printing a blank on a legal form.
- **Templates come only from known directories**: the bundled `renderers/templates/`
  and, when an author supplies one, that directory first (its templates override the
  bundled ones by name, and may extend them). `FileSystemLoader` refuses names that
  climb out of its directories (`../`). An environment with an author's directory is an
  `ImmutableSandboxedEnvironment`: templates cannot reach Python internals
  (`__class__`, `__globals__`...) or change the data they are given; and it is a
  `renderers.documents.sandbox.LimitedSandbox`: each render runs under limits of time,
  output, loop iterations, widths and depth (`LIMITS`), or fails with `TemplateLimitError`.
- **Output is deterministic**: no clock, no random, trailing newlines kept; the
  filters of `renderers.documents.words` (`duration`, `number_words`, `date_words`,
  `datetime_words`, `money`, each with `lang=`) and the label catalogue
  (`renderers.documents.labels.LABELS` as `labels`) are the only globals.

Examples:
    >>> env = environment()
    >>> env.from_string('{{ "<b>" }} {{ 5|number_words(lang="kk") }}').render()
    '&lt;b&gt; бес'
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from renderers.documents.labels import LABELS
from renderers.documents.sandbox import LimitedSandbox
from renderers.documents.words import FILTERS

__all__ = ["TEMPLATES", "TemplateDirectoryError", "environment"]

#: The bundled templates: `base.html`, `macros.html`, `print.css`, `documents/<kind>.html`.
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


class TemplateDirectoryError(ValueError):
    """An author's template directory that does not exist or is not a directory."""


def environment(author_templates: str | Path | None = None) -> jinja2.Environment:
    """The environment for the bundled templates, or for an author's directory over them.

    The bundled environment is made once per process and shared (templates compile
    once); an author's directory gets a sandboxed environment of its own.

    Raises:
        TemplateDirectoryError: `author_templates` is not a directory.
    """
    if author_templates is None:
        return _bundled()
    directory = Path(author_templates)
    if not directory.is_dir():
        raise TemplateDirectoryError(f"no template directory at {directory} "
                                     "(hint: give a directory holding documents/<kind>.html)")
    return _make(LimitedSandbox, [directory, TEMPLATES])


@functools.cache
def _bundled() -> jinja2.Environment:
    return _make(jinja2.Environment, [TEMPLATES])


def _make(kind: type[jinja2.Environment], directories: list[Path]) -> jinja2.Environment:
    env = kind(
        loader=jinja2.FileSystemLoader([str(d) for d in directories]),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "xml"),
                                            disabled_extensions=("css",),
                                            default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    return _equip(env)


def _equip(env: jinja2.Environment) -> jinja2.Environment:
    env.filters.update(FILTERS)
    env.globals["labels"] = LABELS
    if isinstance(env, LimitedSandbox):
        env.bound_filters()  # ours too: a filter's checks of time and size
    return env
