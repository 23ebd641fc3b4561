"""The one escaping function of each text format the diagrams are written in: Mermaid, DOT, XML.

Every text of a spec that a diagram writes (a title, an action, an outcome, an actor, an id)
goes through the function of its format, whatever it holds, so that the output stays
well-formed and means what the renderer wrote:

- `mermaid_text`: a quoted Mermaid label; `mermaid_title`: the title in Mermaid's YAML front
  matter. No `%` reaches the output as itself, so a text cannot carry a `%%{init: ...}%%`
  directive (Mermaid finds directives anywhere in the text, labels included);
- `dot_string`: a Graphviz quoted string (node ids, titles, edge labels); DOT's HTML-like labels
  are XML and take `xml_text`, then XML's escapes;
- `xml_text`: text or an attribute value in XML (the SVG templates, BPMN) and HTML (the diagram
  page). It removes what XML cannot hold; the writer escapes the markup characters (Jinja's
  autoescape for the templates, ElementTree for BPMN). The diagram templates are rendered in
  `template_environment()`, whose `finalize` passes every value they print through it.

All of them first `clean` the text: C0 and C1 control characters other than tab and newline,
DEL, the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069, which
could show a text in another order than it is written), lone surrogates and the non-characters
U+FFFE and U+FFFF are removed; carriage returns and the Unicode line and paragraph separators
become newlines. The loader rejects such characters in specs, but the renderers do not rely on it.

Examples:
    >>> mermaid_text('a "b" <c> & #1 %%{init}%%\\nnext')
    'a #quot;b#quot; #lt;c#gt; #amp; #35;1 #37;#37;{init}#37;#37;<br>next'
    >>> print(dot_string('say "hi" & \\\\ bye\\n\\u202eevil\\x01'))
    "say \\"hi\\" &amp; \\\\ bye\\nevil"
    >>> xml_text("a\\x00b\\u2066c\\td")
    'abc\\td'
"""

from __future__ import annotations

import functools
import json
import re

import jinja2
from markupsafe import Markup

from renderers.documents.environment import environment

__all__ = ["clean", "dot_string", "mermaid_text", "mermaid_title", "template_environment", "xml_text"]

_REMOVED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                      "\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile("\r\n|[\r\u2028\u2029]")
_MERMAID = {"#": "#35;", "%": "#37;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;",
            "`": "#96;", "\n": "<br>"}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID)) + "]")
_DOT = {"&": "&amp;", "\\": "\\\\", '"': '\\"', "\n": "\\n"}
_DOT_SPECIAL = re.compile("[" + re.escape("".join(_DOT)) + "]")


def clean(text: str) -> str:
    """The text without control, bidirectional-override and non-characters, newlines as `\\n`."""
    return _REMOVED.sub("", _NEWLINES.sub("\n", text))


def mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: the characters Mermaid's syntax, its directives or HTML
    would read as Mermaid's entity codes (`#quot;`), newlines as `<br>`."""
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID[m.group(0)], clean(text))


def mermaid_title(text: str) -> str:
    """The title of Mermaid's front matter: one YAML double-quoted scalar on one line, with `%`
    written `\\x25` so that no directive can be read in it.

    Examples:
        >>> mermaid_title('A "b"\\n%%{init}%%')
        '"A \\\\"b\\\\"\\\\n\\\\x25\\\\x25{init}\\\\x25\\\\x25"'
    """
    return json.dumps(clean(text), ensure_ascii=False).replace("%", "\\x25")


def dot_string(text: str) -> str:
    """A DOT quoted string: backslashes and double quotes escaped, newlines as `\\n`, and `&` as
    `&amp;` since Graphviz reads HTML entities in every label."""
    return '"' + _DOT_SPECIAL.sub(lambda m: _DOT[m.group(0)], clean(text)) + '"'


def xml_text(text: str) -> str:
    """The text as XML 1.0 can hold it, to be escaped by the XML writer (`clean`: tabs and
    newlines kept)."""
    return clean(text)


@functools.cache
def template_environment() -> jinja2.Environment:
    """The documents' environment (escaping on, strict undefined, the bundled templates) for the
    diagram templates, with every printed value through `xml_text` before it is escaped."""
    return environment().overlay(finalize=_finalize, cache_size=50)  # its own compiled templates


def _finalize(value: object) -> object:
    if isinstance(value, Markup):  # already escaped (an SVG inlined into the page)
        return Markup(xml_text(str(value)))
    return xml_text(value) if isinstance(value, str) else value
