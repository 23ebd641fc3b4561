"""`LimitedSandbox`: the environment of an author's templates, the sandbox under limits.

Jinja's `ImmutableSandboxedEnvironment` refuses Python's internals and changes to the data;
this subclass adds the checks of `renderers.documents.limits` (docs/documents.md, "Limits"):
its templates are parsed with their loops counted and their concatenations sized (`Guards`),
render through `LimitedTemplate` (time and output), and every call, operator and filter is
checked as it runs: `range()` is bounded, widths in `%` and `str.format` formats and the sizing
arguments of filters and string methods are bounded, `*` and `**` cannot make huge strings,
lists or integers, calls nest at most `Limits.depth` deep, and no value built on the way may be
longer than the output. `lipsum()` is not offered, and `namespace()` attributes are sized.
"""

from __future__ import annotations

import math
import re
import string
import types
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from typing import Any

from jinja2 import nodes
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

from renderers.documents.limits import LIMITS, Guards, LimitedTemplate, Limits, TemplateLimitError, budget

__all__ = ["LimitedSandbox"]

_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.)", re.DOTALL)
_NUMBER = re.compile(r"\d+")
_SIZED = (str, list, tuple, dict, set, frozenset)
#: The filters and string methods whose integer arguments say how long their result is.
_SIZING_FILTERS = frozenset({"center", "indent", "batch", "slice", "tojson"})
_SIZING_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with the limits of `LIMITS` on every render of its templates."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, limits: Limits = LIMITS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.template_class = LimitedTemplate
        self.globals["range"] = self._range
        self.globals["namespace"] = _namespace(self)
        self.globals.pop("lipsum", None)  # made-up text of any length: no use in a document
        self.bound_filters()

    def bound_filters(self) -> None:
        """Wrap every filter registered so far in the checks of time, widths and sizes (again
        after adding filters: those wrapped already are kept)."""
        self.filters = {name: f if getattr(f, "reglament_bounded", False) else self._filter(name, f)
                        for name, f in self.filters.items()}
        self.filters["_bounded"] = self.sized

    # -- what the compiled templates call ---------------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's tree, with its loops counted and the values it builds sized."""
        tree = Guards().visit(super()._parse(source, name, filename))
        assert isinstance(tree, nodes.Template)
        return tree

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a loop, each counted against the budget of iterations and time."""
        spent = budget(self.limits)
        for item in iterable:
            spent.step()
            yield item

    def sized(self, value: Any) -> Any:
        """`value`, refused when it is longer than the output may be."""
        if isinstance(value, _SIZED) and len(value) > self.limits.output_bytes:
            raise TemplateLimitError(f"a value of {len(value)} characters or items, more than the "
                                     f"{self.limits.output_bytes} bytes of output allowed")
        return value

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        spent = budget(self.limits)
        spent.tick()
        self._check_call(obj, args, kwargs)
        if isinstance(obj, LoopContext) and args:  # a recursive loop's next level
            args = (self.counted(args[0]), *args[1:])
        spent.depth += 1
        try:
            if spent.depth > self.limits.depth:
                raise TemplateLimitError(f"calls nested more than {self.limits.depth} deep")
            return self.sized(super().call(context, obj, *args, **kwargs))
        finally:
            spent.depth -= 1

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget(self.limits).tick()
        if operator == "%" and isinstance(left, str):
            self._check_percent(left)
        elif operator == "*":
            self._check_product(left, right)
        elif operator == "**":
            self._check_power(left, right)
        return self.sized(super().call_binop(context, operator, left, right))

    # -- the checks ---------------------------------------------------------------------------

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > self.limits.range_size:
            raise TemplateLimitError(f"range() of {len(numbers)} numbers, more than "
                                     f"{self.limits.range_size}")
        return numbers

    def _check_widths(self, what: str, args: Iterable[Any]) -> None:
        for value in args:
            if isinstance(value, int) and not isinstance(value, bool) and value > self.limits.width:
                raise TemplateLimitError(f"{what} with {value}, more than the width limit "
                                         f"{self.limits.width}")

    def _check_percent(self, text: str) -> None:
        for match in _PERCENT.finditer(text):
            if match.group(3) == "%":
                continue
            for number in (match.group(1), match.group(2)):
                if number == "*":
                    raise TemplateLimitError(f"a % format with a * width: {match.group(0)!r}")
                if number and int(number) > self.limits.width:
                    raise TemplateLimitError(f"a % format wider than {self.limits.width}: "
                                             f"{match.group(0)[:20]!r}")

    def _check_format(self, text: str) -> None:
        try:
            fields = list(string.Formatter().parse(text))
        except ValueError:
            return  # malformed: str.format itself refuses it
        for _, _, spec, _ in fields:
            if spec and "{" in spec:
                raise TemplateLimitError(f"a format spec with a nested field: {spec[:20]!r}")
            if spec and any(int(n) > self.limits.width for n in _NUMBER.findall(spec)):
                raise TemplateLimitError(f"a format wider than {self.limits.width}: {spec[:20]!r}")

    def _check_call(self, obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        wrapped = getattr(obj, "__wrapped__", None)  # str.format, as the sandbox wraps it
        text = getattr(wrapped, "__self__", None)
        if getattr(wrapped, "__name__", "") in ("format", "format_map") and isinstance(text, str):
            self._check_format(text)
        if isinstance(obj, types.BuiltinMethodType) and isinstance(obj.__self__, str) and \
                obj.__name__ in _SIZING_METHODS:
            self._check_widths(f"str.{obj.__name__}()", (*args, *kwargs.values()))

    def _check_product(self, left: Any, right: Any) -> None:
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, _SIZED) and isinstance(count, int) and \
                    len(sequence) * count > self.limits.output_bytes:
                raise TemplateLimitError(f"a repetition of {len(sequence) * count} characters or "
                                         f"items, more than {self.limits.output_bytes}")
        if isinstance(left, int) and isinstance(right, int):
            self._check_digits(left.bit_length() + right.bit_length())

    def _check_power(self, left: Any, right: Any) -> None:
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            self._check_digits(math.log2(abs(left)) * right)

    def _check_digits(self, bits: float) -> None:
        if bits * math.log10(2) > self.limits.digits:
            raise TemplateLimitError(f"an integer of more than {self.limits.digits} digits")

    def _filter(self, name: str, f: Callable[..., Any]) -> Callable[..., Any]:
        skip = 2 if getattr(f, "jinja_pass_arg", None) is not None else 1

        @wraps(f)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            budget(self.limits).tick()
            if name in _SIZING_FILTERS:
                self._check_widths(f"the filter {name}", (*args[skip:], *kwargs.values()))
            if name == "format" and len(args) >= skip and isinstance(args[skip - 1], str):
                self._check_percent(args[skip - 1])
            return self.sized(f(*args, **kwargs))

        bounded.reglament_bounded = True  # type: ignore[attr-defined]
        return bounded


def _namespace(env: LimitedSandbox) -> type[Namespace]:
    class BoundedNamespace(Namespace):
        """`namespace()` whose attributes, set in loops, cannot outgrow the output."""

        def __setitem__(self, name: str, value: Any) -> None:
            super().__setitem__(name, env.sized(value))

    return BoundedNamespace


