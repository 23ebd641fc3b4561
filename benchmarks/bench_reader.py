"""The spec reader against the floor of merely parsing the same files, side by side in one run.

    python benchmarks/bench_reader.py [--n 1000] [--seed 0] [--rounds 3] [--corpus DIR]

Generates N specs (benchmarks/generate_corpus.py) into a temporary directory, or reads the
YAML files below DIR, then, with the cycle collector off as `reglament` runs, times each round:

- the floor: `yaml.load` with PyYAML's C loader on the decoded texts (values, no positions, no
  checks);
- the reader: `engine.spec.yamlsource.read_yaml` of every file (the fast path where it answers);
- the PyYAML path alone: the same with `fast=False` (the reader before issue 19, item 2).

It prints the best of the rounds, their ratios to the floor, how many files the fast path
read, and whether both readers gave the same data, positions, value positions, spans and
errors for every file.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from generate_corpus import generate  # beside this script (run as `python benchmarks/...`)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

__all__ = ["main"]


def _same(fast: Any, slow: Any) -> bool:
    """Whether two `Parsed` are the same, down to the types of values and the orders."""
    return repr(fast.data) == repr(slow.data) and fast.errors == slow.errors and all(
        list(getattr(fast, table).items()) == list(getattr(slow, table).items())
        for table in ("positions", "value_positions", "spans"))


def run(files: list[Path], rounds: int) -> int:
    from engine.spec import yamlfast
    from engine.spec.yamlsource import parse_bytes, read_yaml

    texts = [path.read_bytes().decode("utf-8", errors="replace") for path in files]
    size = sum(path.stat().st_size for path in files)
    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB; best of {rounds} rounds, "
          "collector off")

    def floor() -> None:
        for text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)

    def reader() -> None:
        for path in files:
            read_yaml(path)

    def pyyaml_path() -> None:
        for path in files:
            parse_bytes(path.read_bytes(), str(path), fast=False)

    ways: dict[str, Callable[[], None]] = {
        "floor, yaml.load(CSafeLoader)": floor,
        "read_yaml (fast path, else PyYAML)": reader,
        "read_yaml, PyYAML path only": pyyaml_path,
    }
    best: dict[str, float] = {}
    gc.disable()
    try:
        for _ in range(rounds):
            for name, way in ways.items():
                start = time.perf_counter()
                way()
                seconds = time.perf_counter() - start
                best[name] = min(best.get(name, seconds), seconds)
    finally:
        gc.enable()
    base = best["floor, yaml.load(CSafeLoader)"]
    for name, seconds in best.items():
        print(f"  {name:<36} {seconds:7.3f} s  {seconds / base:5.2f}x the floor")
    fast = sum(yamlfast.scan(text, str(path)) is not None for path, text in zip(files, texts, strict=True))
    print(f"  the fast path read {fast} of {len(files)} files; the others went to PyYAML")
    same = all(_same(read_yaml(path), parse_bytes(path.read_bytes(), str(path), fast=False))
               for path in files)
    print(f"  both readers give the same data, positions, spans and errors: {same}")
    return 0 if same else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1000, help="number of specs (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each way (default 3)")
    parser.add_argument("--corpus", type=Path, metavar="DIR",
                        help="read the YAML files below DIR instead of generating a corpus")
    args = parser.parse_args()
    if args.corpus is not None:
        files = sorted(path for path in args.corpus.rglob("*")
                       if path.suffix in (".yaml", ".yml") and path.is_file())
        return run(files, args.rounds)
    with tempfile.TemporaryDirectory(prefix="reglament-reader-") as name:
        generate(args.n, name, args.seed)
        return run(sorted(Path(name).rglob("*.yaml")), args.rounds)


if __name__ == "__main__":
    sys.exit(main())
