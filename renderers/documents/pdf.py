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

Resources: the HTML may load stylesheets and images from `data:` URLs and from files under
`base_url`, nothing else (no network, no other files), so that an author's template cannot read
the server's files into a PDF and the output does not depend on the network.
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
from urllib.parse import urlsplit
from urllib.request import url2pathname
from xml.etree import ElementTree

__all__ = ["FONT_STACK", "PAGE_SIZE", "SYSTEM_PACKAGES", "PdfError", "check_pdf_support", "html_to_pdf"]

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


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render a standalone HTML document to PDF bytes (A4 unless its CSS sets `@page { size }`).

    Args:
        html: the whole document, as the templates produce it.
        base_url: a directory (path or file:// URL) that relative links resolve against; only
            files under it can be loaded. None: only `data:` URLs.

    Returns:
        The PDF; the same HTML (and the same files it links) gives the same bytes.

    Raises:
        PdfError: WeasyPrint, its system libraries or a font covering Kazakh is missing.
        ValueError: `base_url` is not a local directory.
    """
    check_pdf_support()
    weasyprint = _weasyprint()
    root = _root(base_url)
    document = weasyprint.HTML(string=html, base_url=None if root is None else root.as_uri() + "/",
                               url_fetcher=_local_fetcher(weasyprint, root))
    with _pinned_font_timestamps():
        pdf: bytes = document.write_pdf(
            stylesheets=[weasyprint.CSS(string=_DEFAULT_CSS)],
            pdf_identifier=True,  # an /ID from the md5 of the content, not random
        )
    return pdf


def _root(base_url: str | None) -> Path | None:
    if base_url is None:
        return None
    if base_url.startswith("file:"):
        base_url = url2pathname(urlsplit(base_url).path)
    elif "://" in base_url:
        raise ValueError(f'base_url must be a local directory, got "{base_url}" '
                         "(hint: PDFs load nothing from the network)")
    return Path(base_url).resolve()


def _local_fetcher(weasyprint: Any, root: Path | None) -> Any:
    """A WeasyPrint URL fetcher that serves `data:` URLs and files under `root`, nothing else."""

    class LocalFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if root is None or not path.is_relative_to(root):
                    raise ValueError(f"{url} is outside the documents' directory {root}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=("file", "data"))


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
