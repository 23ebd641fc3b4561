"""The processes of a benchmark's run: a process and every one below it (from /proc), for the
scripts that sample a command's memory (bench_check.py, audit_runs.py)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["descendants"]


def descendants(root: int) -> list[int]:
    """The process and every process below it, from the parent ids in /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found
