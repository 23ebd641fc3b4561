"""Command-line values coerced as typer coerces them, without importing pydantic for it.

typer (0.2x) coerces every value that is not a flag through a pydantic `TypeAdapter` built
when the command runs: importing pydantic and building the adapters is about 90 ms, a sixth
of `reglament check` of one file (issue 19). Our options are flags, text, lists of text,
whole numbers and choices of an enum, and for those typer's adapters amount to little: a
flag or a text stays as it is, a list of texts becomes a list, a number written in digits
becomes that number, a choice is `coerce_cli_choice` (typer's own function, which its
adapter only wraps).

`plain_coercion(command.get_params(ctx))` gives each such parameter of a command a coercion
that answers so for a well-formed value and hands any other value (a malformed number, an
unknown choice) to typer's own coercion, built then, so that the value and the error are
typer's. cli.py does it for the `reglament` group and the verb it runs (a verb's subcommands,
`calendar show`, keep typer's). When typer's internals are not the ones this expects,
nothing changes. `tests/commands/test_coercion.py` holds both to the same values and errors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args, get_origin

__all__ = ["plain_coercion"]

try:
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_choice
except ImportError:  # pragma: no cover - another typer: its own coercion throughout
    RuntimeParam = None  # type: ignore[assignment,misc]

#: No plain answer: typer's coercion decides.
_TYPERS = object()


def _plain(annotation: Any, value: Any, case_sensitive: bool, ctx: Any) -> Any:
    """`value` coerced to `annotation` as typer's adapter would, or `_TYPERS`."""
    if annotation in (str, bool):
        return value if type(value) is annotation else _TYPERS
    if annotation is int:
        if type(value) is int:
            return value
        written = type(value) is str and value.isascii() and value.isdigit()
        return int(value) if written and (value == "0" or value[0] != "0") else _TYPERS
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        try:
            return coerce_cli_choice(value, choices=list(annotation), case_sensitive=case_sensitive,
                                     ctx=ctx)
        except ValueError:
            return _TYPERS
    if get_origin(annotation) is list and get_args(annotation) == (str,):
        texts = isinstance(value, list | tuple) and all(type(item) is str for item in value)
        return list(value) if texts else _TYPERS
    return _TYPERS


if RuntimeParam is not None:
    @dataclass(frozen=True)
    class _PlainParam(RuntimeParam):
        """A parameter's coercion: plain for a well-formed value, else typer's own."""

        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            found = _plain(self.annotation, value, self.parameter_info.case_sensitive, ctx)
            if found is not _TYPERS:
                return found
            return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)


def _handled(annotation: Any) -> bool:
    return annotation in (str, bool, int) or (isinstance(annotation, type) and issubclass(annotation, Enum)) \
        or (get_origin(annotation) is list and get_args(annotation) == (str,))


def plain_coercion(params: Iterable[Any]) -> None:
    """Give each of `params` (a command's, as `Command.get_params` lists them) that typer would
    coerce through pydantic, and whose type `_plain` knows, the plain coercion (once)."""
    if RuntimeParam is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if not isinstance(descriptor, TypeDescriptor) or not hasattr(param, "_runtime_param") \
                or param._runtime_param is not None or descriptor.file_annotation is not None \
                or descriptor.parameter_info.parser is not None or not _handled(descriptor.annotation) \
                or descriptor.is_ranged:
            continue
        param._runtime_param = _PlainParam(descriptor.parameter_info, descriptor.annotation,
                                           descriptor)
