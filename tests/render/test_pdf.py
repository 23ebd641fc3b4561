"""HTML to PDF with WeasyPrint (renderers/documents/pdf.py): Kazakh letters intact, A4, the same bytes."""

from __future__ import annotations

import importlib.abc
import io
import itertools
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from renderers.documents import pdf
from renderers.documents.pdf import FONT_STACK, PdfError, check_pdf_support, html_to_pdf

ROOT = Path(__file__).resolve().parents[2]
KAZAKH = "әғқңөұүһі"
SAMPLE = f"""<!doctype html>
<html lang="kk"><head><meta charset="utf-8"><title>ӨТІНІШ / ЗАЯВЛЕНИЕ</title></head>
<body>
<h1>ӨТІНІШ / ЗАЯВЛЕНИЕ</h1>
<p>{" ".join(KAZAKH)} {" ".join(KAZAKH.upper())}</p>
<p>Мемлекеттік қызмет көрсету мерзімі: 15 (он бес) жұмыс күні ішінде.</p>
<p>Срок оказания государственной услуги: в течение 15 (пятнадцати) рабочих дней.</p>
<p>(қолы, подпись)</p>
</body></html>"""
A4_POINTS = (595.28, 841.89)  # 210 × 297 mm at 72 points per inch


def _reader(document: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(document))


def _text(document: bytes) -> str:
    """The text of every page, with line breaks and runs of spaces as one space."""
    return " ".join(" ".join(page.extract_text() for page in _reader(document).pages).split())


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return html_to_pdf(SAMPLE)


def test_kazakh_letters_come_out_intact(sample_pdf: bytes) -> None:
    text = _text(sample_pdf)
    for letter in KAZAKH + KAZAKH.upper():
        assert letter in text, letter
    assert " ".join(KAZAKH) in text
    assert "ӨТІНІШ / ЗАЯВЛЕНИЕ" in text
    assert "15 (он бес) жұмыс күні ішінде" in text
    assert "в течение 15 (пятнадцати) рабочих дней" in text


def test_the_font_is_one_of_the_stack_not_a_fallback(sample_pdf: bytes) -> None:
    page = _reader(sample_pdf).pages[0]
    fonts = page["/Resources"]["/Font"]
    names = {str(fonts[key].get_object()["/BaseFont"]).split("+", 1)[-1] for key in fonts}
    assert names == {"DejaVu-Serif", "DejaVu-Serif-Bold"}
    assert FONT_STACK.startswith('"DejaVu Serif"')


def test_a4_page(sample_pdf: bytes) -> None:
    box = _reader(sample_pdf).pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS


def test_the_document_css_may_set_another_page_size() -> None:
    document = html_to_pdf("<style>@page { size: A5 }</style><p>A5</p>")
    box = _reader(document).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)


def test_two_renders_are_byte_identical(sample_pdf: bytes) -> None:
    assert html_to_pdf(SAMPLE) == sample_pdf
    metadata = _reader(sample_pdf).metadata
    assert metadata is not None
    assert "/CreationDate" not in metadata
    assert "/ModDate" not in metadata


def test_another_process_gives_the_same_bytes(sample_pdf: bytes, tmp_path: Path) -> None:
    """A new interpreter (another hash seed, another moment) writes the same file."""
    html, out = tmp_path / "sample.html", tmp_path / "sample.pdf"
    html.write_text(SAMPLE, encoding="utf-8")
    code = ("import sys, pathlib; from renderers.documents.pdf import html_to_pdf; "
            "pathlib.Path(sys.argv[2]).write_bytes(html_to_pdf(pathlib.Path(sys.argv[1]).read_text('utf-8')))")
    subprocess.run([sys.executable, "-c", code, str(html), str(out)], cwd=ROOT, check=True)
    assert out.read_bytes() == sample_pdf


def test_fonts_subset_by_fonttools_are_reproducible_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without HarfBuzz-subset WeasyPrint subsets with fontTools, which stamps the current time."""
    import fontTools.misc.timeTools as time_tools
    import weasyprint.pdf.fonts as weasyprint_fonts

    clock = itertools.count(1_700_000_000, 3_600)  # an hour passes between any two readings

    class Clock:
        @staticmethod
        def time() -> int:
            return next(clock)

    monkeypatch.setattr(time_tools, "time", Clock)
    monkeypatch.setattr(weasyprint_fonts, "harfbuzz_subset", None)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    html = "<p>ӨТІНІШ</p>"
    assert html_to_pdf(html) == html_to_pdf(html)


def test_files_load_only_from_under_base_url(tmp_path: Path) -> None:
    inside, outside = tmp_path / "templates", tmp_path / "elsewhere"
    inside.mkdir()
    outside.mkdir()
    (inside / "print.css").write_text('h1::after { content: " ІШІНДЕ" }', encoding="utf-8")
    (outside / "secret.css").write_text('h1::before { content: "ҚҰПИЯ " }', encoding="utf-8")
    html = ('<link rel="stylesheet" href="print.css"><link rel="stylesheet" href="../elsewhere/secret.css">'
            f'<link rel="stylesheet" href="{(outside / "secret.css").as_uri()}"><h1>Құжат</h1>')
    text = _text(html_to_pdf(html, base_url=str(inside)))
    assert "Құжат ІШІНДЕ" in text
    assert "ҚҰПИЯ" not in text
    assert "ІШІНДЕ" not in _text(html_to_pdf(html))  # no base_url: no files at all


def test_a_network_base_url_is_refused() -> None:
    with pytest.raises(ValueError, match="base_url must be a local directory"):
        html_to_pdf("<p>x</p>", base_url="https://example.com/")


@pytest.fixture
def fresh_checks() -> Iterator[None]:
    pdf._weasyprint.cache_clear()
    pdf._kazakh_font_missing.cache_clear()
    yield
    pdf._weasyprint.cache_clear()
    pdf._kazakh_font_missing.cache_clear()


class _NoPango(importlib.abc.MetaPathFinder):
    """Import of weasyprint fails as it does on a machine without Pango."""

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if name == "weasyprint":
            raise OSError("cannot load library 'libgobject-2.0-0': libgobject-2.0-0: "
                          "cannot open shared object file: No such file or directory")


@pytest.mark.usefixtures("fresh_checks")
def test_missing_system_libraries_are_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    with pytest.raises(PdfError) as raised:
        html_to_pdf("<p>x</p>")
    message = str(raised.value)
    assert message.startswith("cannot make PDF: WeasyPrint cannot load its system libraries "
                              "(cannot load library 'libgobject-2.0-0'")
    assert "hint: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in message
    assert "\n" not in message


@pytest.mark.usefixtures("fresh_checks")
def test_missing_weasyprint_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(PdfError, match=r"WeasyPrint is not installed .*hint: pip install -e \."):
        check_pdf_support()


@pytest.mark.usefixtures("fresh_checks")
def test_a_missing_kazakh_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "FONT_STACK", '"No Such Font", serif')
    with pytest.raises(PdfError, match=r"no font of No Such Font covering the Kazakh letters .* fonts-dejavu-core"):
        check_pdf_support()


def test_ci_installs_the_system_packages_pdf_needs() -> None:
    """.ci/run and README command (b) install them through tools/setup_tests.py."""
    from tools.setup_tests import REQUIREMENTS
    assert set(pdf.SYSTEM_PACKAGES) <= {r.package for r in REQUIREMENTS}


def test_xml_namespace_prefixes_of_other_exports_survive_weasyprint() -> None:
    """WeasyPrint registers "dc" (Dublin Core) in ElementTree's process-wide table on import; the
    BPMN export uses "dc" for OMG's Diagram Interchange. Rendering a PDF must not take it away."""
    code = ("import xml.etree.ElementTree as ET; "
            "ET.register_namespace('dc', 'http://www.omg.org/spec/DD/20100524/DC'); "
            "before = dict(ET._namespace_map); "
            "from renderers.documents.pdf import html_to_pdf; html_to_pdf('<p>x</p>'); "
            "assert dict(ET._namespace_map) == before, 'namespace table changed'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
