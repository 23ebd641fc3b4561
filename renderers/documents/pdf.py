"""Print-ready PDF from the documents' HTML, with WeasyPrint, the same bytes for the same HTML.

WeasyPrint lays out HTML and CSS for paged media (A4, margins, page breaks) through Pango and
HarfBuzz, and embeds subsets of the fonts it used. The documents are in Kazakh, so the font must
cover ә ғ қ ң ө ұ ү һ і: `FONT_STACK` names the families installed for that (`fonts-dejavu-core`,
see `.ci/run`) and is the default font of every page; the documents' print stylesheet uses it too.

Reproducible output: no dates are written unless the HTML carries them (`<meta
name="dcterms.created">`), the file identifier is a hash of the content, and fonts are subset
with HarfBuzz (`libharfbuzz-subset0`), which keeps the font's own timestamps; where WeasyPrint
falls back to fontTools, which stamps each subset with the current time, the stamp is pinned
through `SOURCE_DATE_EPOCH`.

Resources: the HTML may load stylesheets, images and attachments from `data:` URLs and from
the project's own template files, nothing else (no network, no other file), so that an author's
template cannot copy the server's files into a PDF (`<link rel="attachment"
href="FILE:///etc/passwd">`) and the output does not depend on the network. The files allowed
are those under the bundled `renderers/templates/`, under the author's template directory in
use, and under `base_url`; a `file:` URL is compared after normalisation: the scheme in any case,
percent-escapes decoded, `..` and symbolic links resolved, only the local host. A refused
resource is left out of the PDF, as WeasyPrint leaves out one it cannot load.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final
from urllib.parse import SplitResult, urlsplit
from urllib.request import url2pathname
from xml.etree import ElementTree

from renderers.documents.environment import TEMPLATES

__all__ = ["FONT_STACK", "PAGE_SIZE", "SYSTEM_PACKAGES", "PdfError", "allowed_file", "check_pdf_support",
           "html_to_pdf"]

#: CSS `font-family` for documents: fonts that cover every Kazakh letter, serif as in state forms.
FONT_STACK: Final = '"DejaVu Serif", "DejaVu Sans", serif'
#: The page size unless the document's CSS says otherwise.
PAGE_SIZE: Final = "A4"
#: The Debian packages that make PDFs here; `.ci/run` installs them.
SYSTEM_PACKAGES: Final = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fontconfig",
                          "fonts-dejavu-core")

# A user stylesheet: the document's own CSS overrides it.
_DEFAULT_CSS: Final = f"@page {{ size: {PAGE_SIZE}; }} html {{ font-family: {FONT_STACK}; }}"
# 2000-01-01T00:00:00Z: the modification time fontTools writes into font subsets, if it subsets.
_FONT_EPOCH: Final = "946684800"
_HINT: Final = f"hint: apt-get install {' '.join(SYSTEM_PACKAGES)}, as .ci/run does"
_environment_lock = threading.Lock()


class PdfError(RuntimeError):
    """PDF cannot be made here: WeasyPrint, its system libraries or a Kazakh font is missing."""


@functools.cache
def _weasyprint() -> Any:
    # Importing WeasyPrint registers XML namespace prefixes in ElementTree's process-wide table
    # (its XMP metadata's "dc" is Dublin Core), taking "dc" from whoever had it: our BPMN
    # export's Diagram Interchange namespace. We write no XMP, so the table is put back as it was.
    namespaces = dict(getattr(ElementTree, "_namespace_map", {}))
    try:
        import weasyprint
    except ImportError as error:
        raise PdfError(f"cannot make PDF: WeasyPrint is not installed ({error}) "
                       "(hint: pip install -e . installs it)") from None
    except OSError as error:  # a system library (Pango, GObject, HarfBuzz) failed to load
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise PdfError(f"cannot make PDF: WeasyPrint cannot load its system libraries ({first_line}) "
                       f"({_HINT})") from None
    finally:
        if hasattr(ElementTree, "_namespace_map"):
            ElementTree._namespace_map.clear()
            ElementTree._namespace_map.update(namespaces)
    return weasyprint


@functools.cache
def _kazakh_font_missing() -> str | None:
    """Why no font of `FONT_STACK` covers Kazakh, or None (also when fontconfig cannot be asked)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    listed = subprocess.run([fc_list, ":lang=kk", "family"], capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        return None
    covering = {name.strip() for line in listed.stdout.splitlines() for name in line.split(",")}
    wanted = [family.strip().strip('"') for family in FONT_STACK.split(",")][:-1]  # without "serif"
    if covering.intersection(wanted):
        return None
    return (f"cannot make PDF: no font of {', '.join(wanted)} covering the Kazakh letters "
            f"ә ғ қ ң ө ұ ү һ і is installed ({_HINT})")


def check_pdf_support() -> None:
    """Raise `PdfError` saying what to install if PDFs cannot be made on this machine."""
    _weasyprint()
    missing = _kazakh_font_missing()
    if missing:
        raise PdfError(missing)


def html_to_pdf(html: str, *, base_url: str | Path | None = None,
                templates: str | Path | None = None) -> bytes:
    """Render a standalone HTML document to PDF bytes (A4 unless its CSS sets `@page { size }`).

    Args:
        html: the whole document, as the templates produce it.
        base_url: a directory (path or file:// URL) that relative links resolve against; files
            under it may be loaded. None: relative links resolve against `templates`, if given.
        templates: the author's template directory the HTML was rendered from; files under it
            may be loaded. The bundled templates' files always may.

    Returns:
        The PDF; the same HTML (and the same files it links) gives the same bytes.

    Raises:
        PdfError: WeasyPrint, its system libraries or a font covering Kazakh is missing.
        ValueError: `base_url` is not a local directory.
    """
    check_pdf_support()
    weasyprint = _weasyprint()
    base = _root(base_url)
    author = None if templates is None else Path(templates).resolve()
    relative_to = base or author
    roots = tuple(r for r in (TEMPLATES.resolve(), author, base) if r is not None)
    document = weasyprint.HTML(string=html,
                               base_url=None if relative_to is None else relative_to.as_uri() + "/",
                               url_fetcher=_local_fetcher(weasyprint, roots))
    with _pinned_font_timestamps():
        pdf: bytes = document.write_pdf(
            stylesheets=[weasyprint.CSS(string=_DEFAULT_CSS)],
            pdf_identifier=True,  # an /ID from the md5 of the content, not random
        )
    return pdf


def _root(base_url: str | Path | None) -> Path | None:
    if base_url is None:
        return None
    text = str(base_url)
    parts = urlsplit(text)
    if parts.scheme == "file":  # urlsplit lower-cases the scheme
        path = _file_path(parts)
        if path is None:
            raise ValueError(f'base_url must be a local directory, got "{text}"')
        return path
    if "://" in text:
        raise ValueError(f'base_url must be a local directory, got "{text}" '
                         "(hint: PDFs load nothing from the network)")
    return Path(text).resolve()


def _file_path(parts: SplitResult) -> Path | None:
    """The real path a `file:` URL names (escapes decoded, `..` and links resolved), or None
    when it names no absolute local path."""
    if parts.netloc not in ("", "localhost"):
        return None
    name = url2pathname(parts.path)
    if not name.startswith("/"):
        return None
    try:
        return Path(name).resolve()
    except (OSError, ValueError):  # a NUL byte, a loop of links
        return None


def allowed_file(url: str, roots: tuple[Path, ...]) -> Path | None:
    """The file a URL names if it is a `file:` URL (scheme in any case) of a regular file under
    one of `roots` (real paths), else None.

    Examples:
        >>> allowed_file("FILE:///etc/passwd", (TEMPLATES,)) is None
        True
        >>> css = "File://" + str(TEMPLATES / "documents" / ".." / "print.css")
        >>> allowed_file(css, (TEMPLATES,)) == TEMPLATES / "print.css"
        True
    """
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    path = _file_path(parts)
    if path is None or not any(path.is_relative_to(root) for root in roots):
        return None
    return path if path.is_file() else None


def _local_fetcher(weasyprint: Any, roots: tuple[Path, ...]) -> Any:
    """A WeasyPrint URL fetcher that serves `data:` URLs and the files under `roots`, nothing else."""

    class LocalFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme
            if scheme == "data":
                return super().fetch(url, headers)
            path = allowed_file(url, roots) if scheme == "file" else None
            if path is None:
                raise ValueError(f"{url} is refused: PDFs load only data: URLs and the files of "
                                 f"the templates ({', '.join(map(str, roots))})")
            return super().fetch(path.as_uri(), headers)  # the real path checked, not the URL

    return LocalFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


@contextmanager
def _pinned_font_timestamps() -> Iterator[None]:
    """Let fontTools stamp font subsets with a fixed time rather than now (reproducible builds).

    The environment is the process's, so renders wait for each other here; WeasyPrint holds the
    interpreter lock for most of a render anyway.
    """
    with _environment_lock:
        if "SOURCE_DATE_EPOCH" in os.environ:  # pinned by the caller: keep theirs
            yield
            return
        os.environ["SOURCE_DATE_EPOCH"] = _FONT_EPOCH
        try:
            yield
        finally:
            del os.environ["SOURCE_DATE_EPOCH"]
