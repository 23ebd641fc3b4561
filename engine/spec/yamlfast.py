"""A fast reader for the plain YAML that specs are written in, or no answer at all.

Nearly every line of a spec is `key: value`, `- key: value`, `- value`, `key:` opening a
block, or a comment. `scan` reads such a text line by line, with what each line holds
(`engine.spec.yamlline.shape`, kept for lines met before: a corpus repeats many), and builds
exactly what `engine.spec.yamlsource` builds through PyYAML and `engine.spec.yamlbuild`: the
same dicts, lists and scalars, the same `Parsed.positions`, `value_positions` and `spans`, in
the same order. It knows only a subset of YAML and answers None as soon as a text leaves it;
the slow path then reads the file, so that every error message stays what it was:

- block mappings and block sequences, an indentless sequence under a key included, each
  line at an indentation its block expects, and a value on the line of its key or `-`
  (`engine.spec.yamlline`: scalars and flows on one line) or on the lines below;
- comments on lines of their own or after a value, blank lines.

Anything else is left to the slow path: a text holding a character it refuses or a tab, a
carriage return or another line break but the line feed; anchors, aliases, tags, block
scalars (`|`, `>`), scalars and flows over several lines, `?` keys, directives and document
markers, a key given twice, a line indented as no block expects, nesting near `MAX_DEPTH`,
more than `MAX_NODES` nodes, a file without a mapping or a list in it.
"""

from __future__ import annotations

import re
from typing import Any

from engine.spec import characters
from engine.spec.parsed import Parsed, YamlPath
from engine.spec.yamlbuild import MAX_DEPTH, MAX_NODES
from engine.spec.yamlline import LIST, NOTHING, SCALAR, UNSURE, Node, Shape, shape

__all__ = ["scan"]

#: A character the slow path refuses before parsing (so that `scan` never reads a text it would
#: refuse), or after which the lines of the text may not be what they look like: a tab, a
#: carriage return, the other line breaks of YAML, a byte-order mark (skipped by libyaml at
#: the start of a line).
_UNUSUAL = characters.refused_or("\t\r\x85\u2028\u2029\ufeff").search
#: What may follow the "|" or ">" of a block scalar's header on its line.
_HEADER_END = re.compile(r"[-+1-9]* *(?:#[^\n]*)?(?:\n|\Z)").match
#: The shapes of short lines met before, by line (up to `_MAX_SHAPES`, then forgotten). The
#: lines a corpus repeats (`ru: translation`, `- id: applicant`, `source:`) are short; a longer
#: one is mostly a text of its own, seldom met again. On the benchmark corpus (issue 19) lines
#: up to 40 characters are 2 % of the distinct lines and two thirds of all; keeping them makes
#: reading 30 % faster; keeping lines up to 200 characters (15 MB), 7 % more.
_shapes: dict[str, Shape | tuple[()] | bool] = {}
_MAX_SHAPES = 50_000
_LONG_LINE = 40


def _block_scalar(text: str) -> bool:
    """Whether `text` has the header of a block scalar (`key: |`, `- >-`): the construct
    left to the slow path most often, found before reading the lines up to it."""
    for indicator in "|>":
        at = text.find(indicator)
        while at >= 0:
            start = at
            while start and text[start - 1] == " ":
                start -= 1
            before = text[start - 1] if start else "\n"
            if (before == "\n" or (before in ":-" and start < at)) and _HEADER_END(text, at + 1):
                return True
            at = text.find(indicator, at + 1)
    return False


def _place(node: Node, path: YamlPath, number: int, start: int, out: Parsed) -> Any:
    """The value of a flow node on line `number` (starting at index `start` of the text),
    recording where it and what it holds stand."""
    kind, col, held, end = node
    out.value_positions[path] = (number, col + 1)
    if kind == SCALAR:
        out.spans[path] = (start + col, start + end)
        return held
    if kind == LIST:
        listed = []
        for index, child in enumerate(held):
            where = (*path, index)
            out.positions[where] = (number, child[1] + 1)
            listed.append(_place(child, where, number, start, out))
        return listed
    mapping = {}
    for key, key_col, child in held:
        where = (*path, key)
        out.positions[where] = (number, key_col + 1)
        mapping[key] = _place(child, where, number, start, out)
    return mapping


def scan(text: str, name: str) -> Parsed | None:
    """Read `text` (named `name`) as the slow path would, or None when not sure to.

    A text holding a character the slow path refuses before parsing, or a tab, is left to
    it: `scan` answers only for texts the slow path reads without an error.
    """
    if _UNUSUAL(text) is not None or _block_scalar(text):
        return None
    out = Parsed(name, text=text)
    positions, values, spans = out.positions, out.value_positions, out.spans
    # The blocks open around the current line: the innermost one in `indent`, `block`, `path`,
    # `in_list` (a sequence, not a mapping) and `indentless` (a sequence at its key's column),
    # the others on `stack`; the first is a sentinel below the root.
    stack: list[tuple[int, Any, YamlPath, bool, bool]] = []
    block: Any = None
    path: YamlPath = ()
    indent, in_list, indentless = -1, False, False
    root: Any = None
    # A value to be read from the next lines: where it goes, the column of its key or its
    # "-", whether it has a key, and where a null would stand (line, column, index).
    pending: tuple[Any, Any, YamlPath, int, bool, int, int, int] | None = None
    shapes = _shapes
    number = end = 0
    for line in text.split("\n"):
        number += 1
        start = end
        end += len(line) + 1
        held = shapes.get(line)
        if held is None:
            held = shape(line)
            if len(line) <= _LONG_LINE:
                if len(shapes) >= _MAX_SHAPES:
                    shapes.clear()
                shapes[line] = held
        if not held:
            if held is UNSURE:
                return None
            continue
        col, item, key, kind, value, at, length = held  # type: ignore[misc]
        if pending is not None:
            slot_block, slot, slot_path, slot_col, keyed, null_line, null_col, null_index = pending
            pending = None
            if col > slot_col or (col == slot_col and keyed and item >= 0):
                new: Any = [] if item >= 0 else {}
                slot_block[slot] = new
                if not keyed:
                    positions[slot_path] = (number, col + 1)
                values[slot_path] = (number, col + 1)
                stack.append((indent, block, path, in_list, indentless))
                if len(stack) >= MAX_DEPTH - 1:
                    return None
                indent, block, path, in_list, indentless = \
                    col, new, slot_path, item >= 0, col == slot_col
            else:
                if not keyed:
                    positions[slot_path] = (null_line, null_col)
                values[slot_path] = (null_line, null_col)
                spans[slot_path] = (null_index, null_index)
        elif root is None:
            if col:
                return None
            root = [] if item >= 0 else {}
            positions[()] = values[()] = (number, 1)
            stack.append((indent, block, path, in_list, indentless))
            indent, block, in_list = 0, root, item >= 0
        if col != indent or indentless:
            while col < indent or (col == indent and indentless and item < 0):
                indent, block, path, in_list, indentless = stack.pop()
            if col != indent:
                return None
        if item >= 0:
            if not in_list:
                return None
            index = len(block)
            block.append(None)
            child: YamlPath = (*path, index)
            if not key:
                if kind == NOTHING:
                    pending = (block, index, child, col, False, number, at + 1, start + at)
                    continue
                positions[child] = (number, item + 1)
                slot_block, slot = block, index
            else:
                new = {}
                block[index] = new
                positions[child] = values[child] = (number, item + 1)
                stack.append((indent, block, path, in_list, indentless))
                if len(stack) >= MAX_DEPTH - 1:
                    return None
                indent, block, path, in_list, indentless = item, new, child, False, False
                col = item
        elif in_list:
            return None
        if key:
            if key in block:
                return None
            child = (*path, key)
            positions[child] = (number, col + 1)
            if kind == NOTHING:
                block[key] = None
                pending = (block, key, child, col, True, number, at + 1, start + at)
                continue
            slot_block, slot = block, key
        if kind == SCALAR:
            slot_block[slot] = value
            values[child] = (number, at + 1)
            at += start
            spans[child] = (at, at + length)
            continue
        if len(stack) + length >= MAX_DEPTH - 1:
            return None
        slot_block[slot] = _place(value, child, number, start, out)
    if pending is not None:
        slot_block, slot, slot_path, slot_col, keyed, null_line, null_col, null_index = pending
        if not keyed:
            positions[slot_path] = (null_line, null_col)
        values[slot_path] = (null_line, null_col)
        spans[slot_path] = (null_index, null_index)
    if root is None or len(values) > MAX_NODES:
        return None
    out.data = root
    return out
