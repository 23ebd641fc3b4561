"""What a PDF may load (issue 15): the templates' own files, never another file of the machine.

An author's template asks WeasyPrint to attach (or show, or style with) a file of the server,
in every spelling a URL allows: the scheme in capitals or mixed case, `File:/path` without
slashes, `localhost` as the host, percent-escapes, `..` out of the author's directory, a
symbolic link inside it. The PDF made by `reglament render --format pdf --templates DIR` must
not carry the file's bytes anywhere (attachments, annotations, any stream), while a file of the
author's directory is attached, so the test sees attachments work at all.
"""

from __future__ import annotations

import io
import secrets
from pathlib import Path
from urllib.parse import quote

import pypdf
import pytest
from typer.testing import CliRunner

from cli import app

runner = CliRunner()
ALLOWED = b"an attachment of the author's own directory\n"


def _spellings(target: Path, author: Path) -> dict[str, str]:
    path = str(target)
    return {
        "upper-case scheme": f"FILE://{path}",
        "mixed case, one slash": f"File:{path}",
        "localhost": f"fIlE://localhost{path}",
        "percent-escaped": "FILE://" + "".join(f"%{byte:02X}" if chr(byte).isalpha() else chr(byte)
                                               for byte in path.encode()),
        "dot-dot out of the templates": f"FILE://{quote(str(author))}/../{target.parent.name}/{target.name}",
        "link in the templates": "documents/link.txt",
        "lower case, for the record": f"file://{path}",
    }


def _template(href: str) -> str:
    return f"""<!doctype html>
<html><head><meta charset="utf-8">
<link rel="attachment" href="{href}" title="stolen">
<link rel="attachment" href="documents/allowed.txt" title="allowed">
<link rel="stylesheet" href="{href}">
<style>@import url("{href}"); body {{ background: url("{href}") }}</style>
</head><body>
<p><a rel="attachment" href="{href}">a</a></p>
<p><img src="{href}" alt="i"><object data="{href}" type="text/plain">o</object></p>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="{href}" width="10" height="10"/></svg>
</body></html>
"""


def _everything_in(document: bytes) -> list[bytes]:
    """The attachments of the PDF and the decoded data of every stream in it."""
    reader = pypdf.PdfReader(io.BytesIO(document))
    found = [data for values in reader.attachments.values() for data in values]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # a free entry of the cross-reference table
            continue
        if isinstance(obj, pypdf.generic.StreamObject):
            found.append(obj.get_data())
    return found


@pytest.mark.parametrize("spelling", list(_spellings(Path("/x"), Path("/y"))))
def test_a_hostile_author_template_cannot_copy_a_local_file_into_the_pdf(spelling: str,
                                                                      tmp_path: Path) -> None:
    secret_bytes = b"reglament-secret-" + secrets.token_hex(16).encode() + b"\n"
    target = tmp_path / "server" / "secret.txt"
    target.parent.mkdir()
    target.write_bytes(secret_bytes)
    author = tmp_path / "templates"
    (author / "documents").mkdir(parents=True)
    (author / "documents" / "allowed.txt").write_bytes(ALLOWED)
    (author / "documents" / "link.txt").symlink_to(target)
    href = _spellings(target, author)[spelling]
    (author / "documents" / "passport.html").write_text(_template(href), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", "preschool-queue", "--doc", "passport", "--format", "pdf",
                                 "--templates", str(author), "--out", str(out)])
    assert result.exit_code == 0, result.output
    contents = _everything_in((out / "preschool-queue-passport.pdf").read_bytes())
    leaked = [data[:60] for data in contents if secret_bytes.strip() in data]
    assert not leaked, f"{href} copied {target} into the PDF: {leaked}"
    assert any(ALLOWED in data for data in contents), "the author's own file is attached"
