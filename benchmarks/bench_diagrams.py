"""Benchmark of diagrams: every channel of a generated corpus to SVG and BPMN, layout growth (issue 7).

Run from the project root, after `pip install -e '.[test]'` (and Graphviz, as `.ci/run` installs):

    python benchmarks/bench_diagrams.py [--specs 1000] [--seed 7] [--sizes 5,20,50,100]
                                        [--repeat 5] [--json]

(a) **Corpus**: `--specs` synthetic specs (`benchmarks/generate_corpus.py`; the same seed gives
    the same files) are generated into a temporary directory, loaded and compiled; then for every
    channel of every regulation, one diagram at a time as `reglament diagram` makes them: the
    swimlane SVG (`render_swimlane`, layout + template), the layout alone (`layout`), and the BPMN
    2.0 XML with its diagram interchange (`render_bpmn`, its own horizontal layout included).
(b) **Growth**: processes of 5, 20, 50 and 100 steps (four units, a decision with a refusal every
    seventh step, a return for correction every fifteenth), laid out by `layout` (best of
    `--repeat`), and, as the peer in the same run, the same graphs as the DOT export
    (`render_dot`: one cluster per lane, the same texts) laid out by Graphviz `dot -Tplain`
    (best of `--repeat`, minus the best time of `dot` on an empty graph: starting the process).

Wall clock (`time.perf_counter`: median and 95th percentile, nearest rank) and CPU time of the
process (`time.process_time`: median); the load average is printed too (a shared machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx

from benchmarks.generate_corpus import generate
from benchmarks.timing import Samples, Timing
from engine.corpus import load_corpus
from engine.process import compile_regulation
from engine.spec import (
    Act,
    Actor,
    Channel,
    Cost,
    Duration,
    Location,
    Outcome,
    RefusalGround,
    Regulation,
    Standard,
    Step,
    Text,
)
from renderers.diagrams.bpmn import render_bpmn
from renderers.diagrams.dot import render_dot
from renderers.diagrams.layout import layout
from renderers.diagrams.swimlane import render_swimlane

__all__ = ["Samples", "Timing", "main", "process_graph"]

_UNITS = ("clerk", "head", "executor", "commission")
_ACTIONS = ("Құжаттарды қабылдайды және тіркейді", "Кіріс құжаттарымен танысады және жауапты "
            "орындаушыны анықтайды", "Құжаттардың толықтығын тексереді, бұйрық жобасын дайындайды",
            "Бұйрыққа қол қояды және кеңсеге жолдайды", "Нәтижені көрсетілетін қызметті алушыға береді")


def _loc(line: int) -> Location:
    return Location("regulations/bench.yaml", line, 5)


def process_graph(steps: int) -> nx.DiGraph:
    """A compiled channel of `steps` steps over four units: a decision with a refusal every
    seventh step, a return for correction every fifteenth."""
    items = []
    for index in range(steps):
        action = Text(_ACTIONS[index % len(_ACTIONS)], _ACTIONS[(index + 2) % len(_ACTIONS)])
        step = Step(f"s{index}", "task", _UNITS[index % len(_UNITS)], action, "bench", _loc(index),
                    duration=Duration(5 + index % 25, "min") if index % 3 else Duration(1, "wd"))
        if index < steps - 1 and index % 7 == 3:
            other = Outcome("refuse", Text("Бас тарту негіздері анықталды", "Выявлены основания"),
                            _loc(index), ends="refusal", refusal_grounds=("requirements_not_met",))
            if index % 15 == 10 or (index > 5 and index % 14 == 10):
                other = Outcome("correct", Text("Пысықтауға қайтарылды", "Возвращено на доработку"),
                                _loc(index), next=f"s{index - 3}", max_repeats=1)
            outcomes = (Outcome("go", Text("Негіздер жоқ", "Оснований нет"), _loc(index),
                                next=f"s{index + 1}"), other)
            step = Step(step.id, "decision", step.actor, action, "bench", step.location,
                        duration=step.duration, outcomes=outcomes)
        items.append(step)
    text = Text("Бенчмарк", "Бенчмарк")
    act = Act(text, "1", dt.date(2020, 1, 1), "bench")
    info = Channel("provider_office", Text("Кеңсе", "Канцелярия"), Duration(30, "wd"), "provider",
                   "bench", _loc(1))
    standard = Standard("bench", None, text, (act,), dt.date(2020, 1, 1), None, text, (),
                        Cost("free", "bench"), (), {"provider_office": info}, (), (),
                        (RefusalGround("requirements_not_met", text, text, "bench", _loc(2), 2),),
                        None, "bench", "standards/bench.yaml")
    actors = tuple(Actor(unit, "person", Text(f"{unit} бөлімі", f"отдел {unit}"), _loc(3))
                   for unit in _UNITS)
    regulation = Regulation("bench-reg", "bench", text, text, act, dt.date(2020, 1, 1), None, None,
                            (), actors, {"provider_office": tuple(items)}, "bench",
                            "regulations/bench.yaml")
    return compile_regulation(regulation, standard).graphs["provider_office"]


def _best(work: Callable[[], Any], repeat: int, *, children: bool = False) -> tuple[float, float]:
    """The best wall time and the best CPU time of `repeat` runs, in ms.

    CPU time is this process's (`time.process_time`), or with `children` that of the
    processes it waited for (`getrusage(RUSAGE_CHILDREN)`, user + system): Graphviz's.
    """
    walls, cpus = [], []
    for _ in range(repeat):
        cpu = _children_cpu() if children else time.process_time()
        started = time.perf_counter()
        work()
        walls.append(time.perf_counter() - started)
        cpus.append((_children_cpu() if children else time.process_time()) - cpu)
    return min(walls) * 1e3, min(cpus) * 1e3


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _dot(source: str, tool: str) -> Callable[[], None]:
    def run() -> None:
        subprocess.run([tool, "-Tplain"], input=source, capture_output=True, text=True, check=True)
    return run


def growth(sizes: Sequence[int], repeat: int) -> list[dict[str, Any]]:
    """Our layout against Graphviz's dot on the same graphs, by the number of steps."""
    tool = shutil.which("dot")
    spawn = _best(_dot("digraph {}", tool), repeat, children=True) if tool else None
    rows = []
    for size in sizes:
        compiled = process_graph(size)
        ours, ours_cpu = _best(lambda compiled=compiled: layout(compiled, "kk"), repeat)
        svg, _ = _best(lambda compiled=compiled: render_swimlane(compiled, "kk"), repeat)
        row: dict[str, Any] = {"steps": size, "nodes": compiled.number_of_nodes(),
                               "edges": compiled.number_of_edges(), "layout_ms": ours,
                               "layout_cpu_ms": ours_cpu, "svg_ms": svg, "dot_ms": None,
                               "dot_cpu_ms": None, "dot_layout_ms": None, "dot_layout_cpu_ms": None,
                               "ratio": None, "cpu_ratio": None}
        if tool and spawn:
            peer, peer_cpu = _best(_dot(render_dot(compiled, "kk"), tool), repeat, children=True)
            row.update(dot_ms=peer, dot_cpu_ms=peer_cpu,
                       dot_layout_ms=max(peer - spawn[0], 0.001),
                       dot_layout_cpu_ms=max(peer_cpu - spawn[1], 0.001))
            row.update(ratio=ours / row["dot_layout_ms"], cpu_ratio=ours_cpu / row["dot_layout_cpu_ms"])
        rows.append(row)
    return rows


def run(specs: int, seed: int, sizes: Sequence[int], repeat: int, out: Path) -> dict[str, Any]:
    """Generate, load, draw; return the report."""
    started = time.perf_counter()
    generate(specs, out, seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    corpus = load_corpus([out])
    graphs: list[nx.DiGraph] = []
    for regulation in sorted(corpus.regulations, key=lambda r: (r.id, r.valid_from)):
        standard = corpus.standard_of(regulation)
        if standard is not None:
            graphs.extend(compile_regulation(regulation, standard).graphs.values())
    loaded = time.perf_counter() - started
    svg, only_layout, bpmn = (Samples("diagrams") for _ in range(3))
    sizes_svg: list[int] = []
    for compiled in graphs:
        text = svg.time(lambda compiled=compiled: render_swimlane(compiled, "kk"))
        sizes_svg.append(len(text.encode("utf-8")))
        only_layout.time(lambda compiled=compiled: layout(compiled, "kk"))
        bpmn.time(lambda compiled=compiled: render_bpmn(compiled, "kk"))
    nodes = [g.number_of_nodes() for g in graphs]
    return {
        "python": platform.python_version(),
        "networkx": nx.__version__,
        "graphviz": _graphviz_version(),
        "cpus": os.cpu_count(),
        "seed": seed,
        "specs": specs,
        "regulations": len(corpus.regulations),
        "diagrams": len(graphs),
        "nodes_median": statistics.median(nodes) if nodes else 0,
        "nodes_max": max(nodes, default=0),
        "generate_s": generated,
        "load_s": loaded,
        "svg": asdict(svg.timing()),
        "layout": asdict(only_layout.timing()),
        "bpmn": asdict(bpmn.timing()),
        "svg_median_bytes": statistics.median(sizes_svg) if sizes_svg else 0,
        "growth": growth(sizes, repeat),
    }


def _graphviz_version() -> str | None:
    tool = shutil.which("dot")
    if tool is None:
        return None
    done = subprocess.run([tool, "-V"], capture_output=True, text=True, check=False)
    return done.stderr.strip().removeprefix("dot - graphviz version ") or None


def _print(report: dict[str, Any], before: float, after: float) -> None:
    print(f"python {report['python']}, networkx {report['networkx']}, graphviz {report['graphviz']}, "
          f"{report['cpus']} CPUs, load average {before:.2f} before, {after:.2f} after")
    print(f"corpus: {report['specs']:,} specs ({report['regulations']} regulations), seed "
          f"{report['seed']}: generated in {report['generate_s']:.1f} s, loaded and compiled in "
          f"{report['load_s']:.1f} s")
    print(f"{report['diagrams']} channel diagrams, {report['nodes_median']:g} nodes median, "
          f"{report['nodes_max']} at most")
    print(f"  swimlane SVG (layout + template):  {Timing(**report['svg'])}")
    print(f"  layout alone:                      {Timing(**report['layout'])}")
    print(f"  BPMN 2.0 + diagram interchange:    {Timing(**report['bpmn'])}")
    print(f"  SVG size, median:                  {report['svg_median_bytes']:,.0f} bytes")
    print("layout growth (best of repeats; dot = Graphviz dot -Tplain of the DOT export, less its "
          "start-up; wall / CPU ms)")
    print("  steps  nodes  edges       layout   swimlane svg       dot layout   layout/dot (CPU)")
    for row in report["growth"]:
        dot = "-" if row["dot_layout_ms"] is None else \
            f"{row['dot_layout_ms']:7.1f} / {row['dot_layout_cpu_ms']:5.1f}"
        ratio = "-" if row["ratio"] is None else f"{row['ratio']:5.2f}x ({row['cpu_ratio']:.2f}x)"
        print(f"  {row['steps']:>5}  {row['nodes']:>5}  {row['edges']:>5}  "
              f"{row['layout_ms']:6.1f} / {row['layout_cpu_ms']:5.1f}  {row['svg_ms']:12.1f}  "
              f"{dot:>17}   {ratio}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--specs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sizes", default="5,20,50,100",
                        help="steps of the growth graphs, comma-separated")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-diagrams-") as directory:
        report = run(args.specs, args.seed, sizes, max(1, args.repeat), Path(directory))
    after = os.getloadavg()[0]
    report["load_average"] = [before, after]
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        _print(report, before, after)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
