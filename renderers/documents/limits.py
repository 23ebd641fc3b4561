"""Limits on an author's templates: a render ends, in bounded time and memory, or fails in one line.

The sandbox (Jinja's `ImmutableSandboxedEnvironment`) keeps an author's template away from
Python's internals; `renderers.documents.sandbox.LimitedSandbox` keeps it from running forever
or filling the memory. Each render of one of its templates (`render`, `generate`, `stream`:
`LimitedTemplate`) gets a `Budget` of `LIMITS`:

- **time**: `seconds` of wall-clock time (`time.monotonic`), checked at every loop iteration,
  call, operator and piece of output;
- **output**: `output_bytes` of output (UTF-8), counted as the render streams (`generate`);
  no value built on the way (an operator's, a filter's, a call's or macro's result, a `~`
  concatenation, a `{% set %}` block, a `namespace` attribute) may be longer either;
- **loops**: `iterations` loop iterations in all (`{% for %}`, recursive `loop()`), and
  `range()` of at most `range_size` numbers;
- **widths**: no width or precision above `width` in a `%` format (`'%999999999d'|format(1)`,
  `'%5d' % n`) or in `str.format`, no `*` width and no nested `{}` in a format spec, no integer
  argument above `width` to the filters and string methods that make text or lists that long
  (`center`, `indent`, `batch`, `slice`, `tojson`; `ljust`, `rjust`, `center`, `zfill`,
  `expandtabs`);
- **numbers**: no integer of more than `digits` digits from `*` or `**`;
- **depth**: `depth` nested calls (macros, `caller()`, blocks, recursive loops); a recursion
  Python itself refuses (`RecursionError`, an `{% include %}` of itself) or memory running out
  (`MemoryError`) is reported the same way.

A limit hit raises `TemplateLimitError` with what was exceeded; `renderers.documents.html` adds
the template's name. This module holds the limits, the budget and the render that streams under
it, and `Guards`, which routes a template's loops and built values through the sandbox's checks.
The bundled templates are ours and render in a plain environment, without these checks (so
their bytes do not depend on them).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Final

import jinja2
from jinja2 import nodes
from jinja2.visitor import NodeTransformer

__all__ = ["LIMITS", "Budget", "Guards", "LimitedTemplate", "Limits", "TemplateLimitError", "budget"]


@dataclass(frozen=True)
class Limits:
    """What one render of an author's template may take (docs/documents.md, "Limits")."""

    seconds: float = 10.0
    output_bytes: int = 8 * 2**20
    iterations: int = 100_000
    range_size: int = 10_000
    width: int = 1_000
    digits: int = 1_000
    depth: int = 50


#: The limits of every author's template.
LIMITS: Final = Limits()


class TemplateLimitError(Exception):
    """An author's template went beyond a limit of `Limits`."""


class Budget:
    """What one render has used so far: time, loop iterations, output, depth of calls."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.iterations = 0
        self.output = 0
        self.depth = 0

    def tick(self) -> None:
        """Refuse going on past the deadline."""
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(f"took longer than {self.limits.seconds:g} s")

    def step(self) -> None:
        """Count one loop iteration."""
        self.iterations += 1
        if self.iterations > self.limits.iterations:
            raise TemplateLimitError(f"more than {self.limits.iterations} loop iterations")
        self.tick()

    def emit(self, chunk: str) -> None:
        """Count a piece of output."""
        self.output += len(chunk.encode("utf-8", "surrogatepass"))
        if self.output > self.limits.output_bytes:
            raise TemplateLimitError(f"more than {self.limits.output_bytes} bytes of output")
        self.tick()


_ACTIVE: ContextVar[Budget | None] = ContextVar("reglament_template_budget", default=None)


def budget(limits: Limits) -> Budget:
    """The budget of the render in progress (a fresh one outside a render: `Template.module`)."""
    return _ACTIVE.get() or Budget(limits)


class LimitedTemplate(jinja2.Template):
    """A template of `LimitedSandbox`: every render streams under a budget."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        """The whole text, streamed by `generate`."""
        return self.environment.concat(self.generate(*args, **kwargs))

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        """The text piece by piece, each counted, under one budget for the whole render."""
        spent = _ACTIVE.get() or Budget(getattr(self.environment, "limits", LIMITS))
        chunks = super().generate(*args, **kwargs)
        while True:
            token = _ACTIVE.set(spent)  # only while the template runs, not while the caller does
            try:
                chunk = next(chunks)
            except StopIteration:
                return
            except RecursionError:
                raise TemplateLimitError("recursion deeper than Python allows (a template that "
                                         "includes or calls itself without end?)") from None
            except MemoryError:
                raise TemplateLimitError("ran out of memory") from None
            finally:
                _ACTIVE.reset(token)
            spent.emit(chunk)
            yield chunk


class Guards(NodeTransformer):
    """Every loop's items through `LimitedSandbox.counted`, every `~` concatenation and
    `{% set %}` block through `LimitedSandbox.sized`."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        assert isinstance(node.iter, nodes.Expr)
        node.iter = _environment_call("counted", node.iter)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _environment_call("sized", node)

    def visit_AssignBlock(self, node: nodes.AssignBlock) -> nodes.Node:
        self.generic_visit(node)
        if node.filter is None:
            node.filter = nodes.Filter(None, "_bounded", [], [], None, None)
        return node


def _environment_call(method: str, argument: nodes.Expr) -> nodes.Call:
    return nodes.Call(nodes.EnvironmentAttribute(method), [argument], [], None, None)
