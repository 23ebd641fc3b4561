"""The layout's rules, kept true: which package may import which, and no import cycle.

The rules are data (`ALLOWED`, mirrored in docs/architecture.md): a stage of the engine
imports only the stages before it; the engine imports nothing of the renderers or the
command line; renderers import only the engine's public API (`engine` and its stage
packages, never their modules); only `commands` (and `cli.py`) import both.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]

ENGINE_STAGES = ("engine.support", "engine.spec", "engine.calendar", "engine.corpus",
                 "engine.process", "engine.verify", "engine.cases", "engine.scenarios",
                 "engine.report", "engine.audit")
#: The engine as other code may use it: the package and its stages, not their modules.
PUBLIC = frozenset({"engine", *ENGINE_STAGES})

#: Package -> the packages its modules may import, besides its own modules. A module
#: belongs to the longest package named here that is a prefix of its name.
ALLOWED: dict[str, frozenset[str]] = {
    "engine.support": frozenset(),
    "engine.spec": frozenset({"engine.support"}),
    "engine.calendar": frozenset({"engine.spec", "engine.support"}),
    "engine.corpus": frozenset({"engine.spec", "engine.calendar", "engine.support"}),
    "engine.process": frozenset({"engine.spec", "engine.calendar"}),
    "engine.verify": frozenset({"engine.spec", "engine.calendar", "engine.corpus",
                                "engine.process", "engine.support"}),
    "engine.cases": frozenset({"engine.spec", "engine.calendar", "engine.corpus",
                               "engine.process", "engine.support"}),
    "engine.scenarios": frozenset({"engine.spec", "engine.calendar", "engine.corpus",
                                   "engine.process", "engine.cases"}),
    "engine.report": frozenset({"engine.spec", "engine.calendar", "engine.corpus",
                                "engine.cases", "engine.support"}),
    # The audit of event logs (issue 22): the specs in force and the graphs as cases find them.
    "engine.audit": frozenset({"engine.spec", "engine.calendar", "engine.corpus",
                               "engine.process", "engine.cases", "engine.support"}),
    "engine": frozenset(ENGINE_STAGES),  # the package itself: the facade of the stages
    "renderers": frozenset(),
    "renderers.documents": frozenset({"engine*"}),
    "renderers.diagrams": frozenset({"engine*", "renderers.documents"}),
    "renderers.exports": frozenset({"engine*"}),
    "renderers.reports": frozenset({"engine*", "renderers.documents"}),
    "commands": frozenset({"engine", *ENGINE_STAGES, "renderers", "renderers.documents",
                           "renderers.diagrams", "renderers.exports", "renderers.reports",
                           "server"}),
    # The HTTP API: the engine's public API, as a client in another language would see it, and
    # the renderers whose documents, diagrams and exports it serves (as `commands` does); its
    # public catalogue (server/catalogue*.py) renders pages with the documents' words and Jinja
    # environment and the diagrams' swimlanes, as `reglament render` and `diagram` do.
    "server": frozenset({"engine*", "renderers.documents", "renderers.diagrams",
                         "renderers.exports"}),
    "cli": frozenset({"commands", "engine", *ENGINE_STAGES}),
}
#: "engine*" in a rule: the engine's public API only.
_PUBLIC_RULE = "engine*"


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files(root: Path) -> Iterator[Path]:
    for top in ("engine", "renderers", "commands", "server"):
        yield from sorted((root / top).rglob("*.py"))
    if (root / "cli.py").exists():
        yield root / "cli.py"


def _type_checking_lines(tree: ast.Module) -> set[int]:
    """Lines of `if TYPE_CHECKING:` blocks (imports for annotations only: no cycle at run time)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) \
                and node.test.id == "TYPE_CHECKING":
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports(path: Path, root: Path, known: set[str]) -> Iterator[tuple[str, int, bool]]:
    """(imported module, line, for annotations only) for each project import of a file;
    `from package import module` names the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _type_checking_lines(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name, node.lineno, node.lineno in typing_only
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module in known:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                yield (sub if sub in known else node.module), node.lineno, \
                    node.lineno in typing_only


def owner(module: str) -> str:
    candidates = [p for p in ALLOWED if module == p or module.startswith(p + ".")]
    return max(candidates, key=len)


def _allowed(source: str, target: str) -> bool:
    mine, theirs = owner(source), owner(target)
    if mine == theirs:
        return True
    rules = ALLOWED[mine]
    if _PUBLIC_RULE in rules and target in PUBLIC:
        return True
    return theirs in rules


def import_graph(root: Path) -> tuple[nx.DiGraph, list[str]]:
    """The project's modules and their imports, and every import that breaks a rule."""
    files = {module_name(path, root): path for path in source_files(root)}
    known = set(files)
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(known)
    broken: list[str] = []
    for source, path in sorted(files.items()):
        for target, line, typing_only in imports(path, root, known):
            if not _allowed(source, target):
                broken.append(f"{path.relative_to(root)}:{line}: {source} imports {target}")
            if not typing_only and target != source:
                graph.add_edge(source, target)
    return graph, broken


def test_every_import_follows_the_layers() -> None:
    _, broken = import_graph(ROOT)
    assert broken == []


def test_no_import_cycle() -> None:
    graph, _ = import_graph(ROOT)
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert cycles == []


def test_every_module_has_a_rule() -> None:
    graph, _ = import_graph(ROOT)
    assert all(owner(module) in ALLOWED for module in graph)
    stages = sorted({".".join(m.split(".")[:2]) for m in graph if m.startswith("engine.")})
    assert stages == sorted(ENGINE_STAGES)


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in {"engine/__init__.py": "", "engine/spec/__init__.py": "",
                       "engine/cases/__init__.py": "", "engine/cases/book.py": "",
                       "renderers/__init__.py": "", "renderers/documents/__init__.py": "",
                       "renderers/documents/html.py": "", "commands/__init__.py": "",
                       **files}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("engine/spec/model.py", "from renderers.documents.html import render_html\n",
     "engine/spec/model.py:1: engine.spec.model imports renderers.documents.html"),
    ("engine/spec/model.py", "import commands\n",
     "engine/spec/model.py:1: engine.spec.model imports commands"),
    ("engine/spec/model.py", "def f():\n    from engine.cases.book import CaseBook\n",
     "engine/spec/model.py:2: engine.spec.model imports engine.cases.book"),
    ("renderers/documents/words.py", "from engine.cases.book import CaseBook\n",
     "renderers/documents/words.py:1: renderers.documents.words imports engine.cases.book"),
])
def test_a_forbidden_import_is_reported(tmp_path: Path, name: str, text: str,
                                        expected: str) -> None:
    _, broken = import_graph(_tree(tmp_path, {name: text}))
    assert broken == [expected]


def test_the_public_api_and_the_command_line_are_allowed(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "renderers/documents/words.py": "from engine.cases import CaseBook\nimport engine\n",
        "commands/render.py": "from engine.cases.book import CaseBook\n"
                              "from renderers.documents.html import render_html\n"})
    assert import_graph(root)[1] == []


def test_a_cycle_is_found(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"engine/spec/a.py": "from engine.spec import b\n",
                            "engine/spec/b.py": "def f():\n    import engine.spec.a\n"})
    graph, _ = import_graph(root)
    assert [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1] == \
        [["engine.spec.a", "engine.spec.b"]]
