"""`reglament diagram SPEC`: a regulation's process as SVG, HTML, DOT, Mermaid or BPMN.

SPEC is what `reglament run` takes (`commands.run`): a regulation file (it
stands in for the versions of that regulation in the specs directory), a regulation
id, or a service id (its one regulation, else its national one; with `--on`, the one a case
received that day would run on). The latest version is drawn, or the one in force on
`--on DATE`. A service with no regulation (or none in force on `--on DATE`) is drawn as
the minimal process its standard implies, labelled in the title as steps not given by
any text (`engine.process.implied`).

Where it writes:

- `--channel C` (or `--format html`, one page of every channel): one document, to
  `--out FILE`, into `--out DIR` as `<regulation>.<channel>.<ext>` (`.html` for the
  page: `<regulation>.html`) when DIR exists or ends in `/`, or to standard output
  without `--out`;
- otherwise one file per channel, into `--out DIR`, named `<regulation>.<channel>.<ext>`.

As with `render` and `export` (`commands.output.write_output`), missing directories on the
way are created and every path written is printed, one per line.

`--view interaction` draws the portal's diagram of functional interaction of
information systems (numbered processes and conditions, message flows) instead of
the business-process reference; it is SVG, for channels with numbered processes
(without `--channel`, every such channel). Exit codes: 0 written, 2 for a wrong
command line (unknown spec, channel, an option that does not fit), 1 when the specs
do not load or a file cannot be written.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import networkx as nx
import typer

from commands.output import names_directory, write_output
from commands.run import resolve_spec
from commands.workspace import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CommandError
from engine.cases import ExecutionError, Executor
from engine.process import CompiledRegulation, compile_regulation
from engine.spec import Regulation, did_you_mean, is_valid_on

__all__ = ["EXTENSIONS", "DiagramFormat", "DiagramLang", "DiagramView", "diagram_command",
           "run_diagram"]


class DiagramFormat(StrEnum):
    svg = "svg"
    html = "html"
    dot = "dot"
    mermaid = "mermaid"
    bpmn = "bpmn"


class DiagramLang(StrEnum):
    kk = "kk"
    ru = "ru"


class DiagramView(StrEnum):
    process = "process"
    interaction = "interaction"


#: File extension of each format.
EXTENSIONS = {"svg": "svg", "html": "html", "dot": "dot", "mermaid": "mmd", "bpmn": "bpmn"}

#: Where each per-channel format is rendered: (module, function(graph, lang) -> str).
_RENDERERS = {
    ("svg", "process"): ("renderers.diagrams.swimlane", "render_swimlane"),
    ("svg", "interaction"): ("renderers.diagrams.portal", "render_interaction"),
    ("dot", "process"): ("renderers.diagrams.dot", "render_dot"),
    ("mermaid", "process"): ("renderers.diagrams.mermaid", "render_mermaid"),
    ("bpmn", "process"): ("renderers.diagrams.bpmn", "render_bpmn"),
}


def _renderer(fmt: str, view: str) -> Callable[[nx.DiGraph, str], str]:
    """The function drawing one channel, imported only when asked for."""
    module_name, name = _RENDERERS[fmt, view]
    try:
        function = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError):
        raise CommandError(f'the format "{fmt}" is not available in this installation '
                           f"(hint: {module_name}.{name} is missing)", EXIT_FAILED) from None
    return function  # type: ignore[no-any-return]


def _regulation(executor: Executor, service: str, regulation: str | None,
                on: dt.date | None) -> Regulation:
    """The version to draw: in force on `on`, else the latest. A service with no regulation
    (or none in force on `on`) is drawn as the minimal process its standard implies."""
    corpus = executor.corpus
    if regulation is None and on is not None:
        try:
            return executor.resolve(service, on)[1]
        except ExecutionError as error:
            raise CommandError(str(error), EXIT_USAGE) from None
    if regulation is None:
        found = corpus.regulations_for(service)
        national = sorted({r.id for r in found if r.scope == "national"})
        ids = sorted({r.id for r in found})
        if not ids:
            return executor.implied(corpus.standard_versions(service)[-1])
        if len(ids) > 1 and len(national) != 1:
            raise CommandError(f'several regulations implement service "{service}": '
                               f"{', '.join(ids)} (hint: give one of them)", EXIT_USAGE)
        regulation = national[0] if len(ids) > 1 else ids[0]
    versions = corpus.regulation_versions(regulation)
    if on is None:
        return versions[-1]
    chosen = next((r for r in versions if is_valid_on(r, on)), None)
    if chosen is None:
        spans = ", ".join(f"{r.valid_from}..{r.valid_to or ''}" for r in versions)
        raise CommandError(f'no version of "{regulation}" is in force on {on} '
                           f"(hint: its versions are valid {spans})", EXIT_USAGE)
    return chosen


def _compiled(spec: str, specs: str | None, on: dt.date | None) -> CompiledRegulation:
    executor, service, regulation_id = resolve_spec(spec, specs)
    regulation = _regulation(executor, service, regulation_id, on)
    standard = executor.corpus.standard_of(regulation)
    if standard is None:  # pragma: no cover - the corpus refuses a regulation without one
        raise CommandError(f'no standard "{regulation.standard}" for "{regulation.id}"', EXIT_FAILED)
    return compile_regulation(regulation, standard)


def _parse_day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f'--on: expected a date like 2019-05-14, got "{text}"', EXIT_USAGE) from None


def _channels(compiled: CompiledRegulation, channel: str | None, view: str) -> list[str]:
    """The channels to draw: the one asked for, or all (with numbered processes for the view)."""
    from renderers.diagrams.portal import has_interaction

    offered = list(compiled.graphs)
    if channel is not None and channel not in compiled.graphs:
        raise CommandError(f'channel "{channel}" is not drawn by "{compiled.regulation.id}" '
                           f"(hint: {did_you_mean(channel, offered)})", EXIT_USAGE)
    chosen = [channel] if channel is not None else offered
    if view == "interaction":
        usable = [c for c in chosen if has_interaction(compiled.graphs[c])]
        if not usable:
            where = f'channel "{channel}"' if channel else f'"{compiled.regulation.id}"'
            raise CommandError(f"{where} has no numbered processes or conditions to draw an "
                               "interaction diagram of (hint: --view interaction is for the "
                               "portal channel)", EXIT_USAGE)
        chosen = usable
    if not chosen:
        raise CommandError(f'"{compiled.regulation.id}" describes no channel of its standard',
                           EXIT_USAGE)
    return chosen


def _name(compiled: CompiledRegulation, channel: str | None, fmt: str, view: str) -> str:
    parts = [compiled.regulation.id, *([channel] if channel else []),
             *(["interaction"] if view == "interaction" else [])]
    return ".".join([*parts, EXTENSIONS[fmt]])


def run_diagram(spec: str, *, channel: str | None, fmt: str, lang: str, out: str | None,
                view: str = "process", on: str | None = None, specs: str | None = None,
                stdout: TextIO, stderr: TextIO) -> int:
    """Draw SPEC as asked and write it; return the exit code."""
    try:
        if view == "interaction" and fmt != "svg":
            raise CommandError("--view interaction is drawn as svg (hint: --format svg)",
                               EXIT_USAGE)
        day = _parse_day(on)
        compiled = _compiled(spec, specs, day)
        channels = _channels(compiled, channel, view)
        if fmt == "html":
            from renderers.diagrams.page import render_html

            drawn = compiled if channel is None else CompiledRegulation(
                compiled.regulation, compiled.standard, {channel: compiled.graphs[channel]})
            _emit(render_html(drawn, lang), out, _name(compiled, channel, fmt, view), stdout)
            return EXIT_OK
        render = _renderer(fmt, view)
        if channel is not None:
            text = render(compiled.graphs[channel], lang)
            _emit(text, out, _name(compiled, channel, fmt, view), stdout)
            return EXIT_OK
        if out is None:
            raise CommandError(f"--format {fmt} writes one file per channel "
                               f"({', '.join(channels)}) (hint: give --out DIR, or choose one "
                               "with --channel)", EXIT_USAGE)
        directory = Path(out)
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"--out: {out} is a file; one file per channel needs a directory "
                               "(hint: give a directory, or choose one with --channel)", EXIT_USAGE)
        for name in channels:
            write_output(directory / _name(compiled, name, fmt, view),
                         render(compiled.graphs[name], lang), stdout)
    except CommandError as error:
        return error.report("diagram", stderr)
    return EXIT_OK


def _emit(text: str, out: str | None, name: str, stdout: TextIO) -> None:
    """One document to stdout, to a file, or into a directory."""
    if out is None:
        stdout.write(text)
        return
    write_output(Path(out) / name if names_directory(out) else Path(out), text, stdout)


def diagram_command(
    spec: Annotated[str, typer.Argument(help="A regulation file, a regulation id or a service id.",
                                        show_default=False)],
    fmt: Annotated[DiagramFormat, typer.Option("--format", help="What to draw.")] = DiagramFormat.svg,
    channel: Annotated[str | None, typer.Option(
        "--channel", help="One channel (provider_office, gov_corp, portal...); default: every "
        "channel, one file each into --out DIR.", show_default=False)] = None,
    lang: Annotated[DiagramLang, typer.Option("--lang", help="The language of the texts.")] =
        DiagramLang.kk,
    out: Annotated[str | None, typer.Option(
        "--out", help="A file (one document), a directory (one file per channel); default: "
        "standard output for one document.", show_default=False)] = None,
    view: Annotated[DiagramView, typer.Option(
        "--view", help="process: the business-process reference; interaction: the portal's "
        "interaction diagram of information systems (svg).")] = DiagramView.process,
    on: Annotated[str | None, typer.Option(
        "--on", metavar="DATE", help="Draw the version in force on this day (default: the latest).",
        show_default=False)] = None,
    specs: Annotated[str | None, typer.Option(
        "--specs", help="Directory of the specs; default $REGLAMENT_SPECS or the project's specs/.",
        show_default=False)] = None,
) -> None:
    """Draw a regulation's process: swimlane SVG, an HTML page, DOT, Mermaid or BPMN 2.0."""
    raise typer.Exit(run_diagram(spec, channel=channel, fmt=fmt.value, lang=lang.value, out=out,
                                 view=view.value, on=on, specs=specs, stdout=sys.stdout,
                                 stderr=sys.stderr))
