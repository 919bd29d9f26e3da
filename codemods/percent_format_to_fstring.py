"""``'%s and %r' % (a, b)`` -> ``f'{a!s} and {b!r}'``: printf-style formatting to f-strings."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from codemods._fstrings import (
    Field,
    Part,
    Spec,
    body,
    check_uses,
    field,
    fits,
    kind,
    lost_comments,
    parse_percent,
    percent_lines,
    pieces,
    rebuild,
    render,
    specs_of,
    value,
    verify,
)  # fmt: skip
from legacylift.codemod import LiftCodemod, Refuse, require

Expr = cst.BaseExpression


class PercentFormatToFstring(LiftCodemod):
    """Turn ``"..." % values`` on a string literal into an f-string, in one step.

    **Why.** f-strings (Python 3.6) are shorter, faster and put each value where it is shown.

    **Example.**

        message = "%s: %r" % (path, error)
        row = '%-10s|%5d' % ("total", 3)
        label = '%(user)s has %(n)s items' % {'user': user.name, 'n': count}

    becomes

        message = f"{path!s}: {error!r}"
        row = f'{"total":<10}|{3:5d}'
        label = f'{user.name!s} has {count!s} items'

    The right side is a tuple display (one value per specifier), a dict display with string
    keys (all used, by ``%(key)`` specs_of only) or one literal that cannot be a tuple (a
    number, a string, an f-string).  ``%s`` -> ``{x!s}``: ``%s`` calls ``str()``, ``{x}`` would
    call ``__format__`` (an ``IntEnum`` prints otherwise before 3.11); literals, whose type is
    known, get ``{x}``.  ``%r``/``%a`` -> ``!r``/``!a``; a width gets its alignment (``%5s`` ->
    ``:>5``, ``%-5s`` -> ``:<5``); a precision stays (``%.3s`` -> ``:.3``).  The numeric types
    ``d i u o x X e E f F g G`` keep flags (``-`` is ``<``), width and precision in the same
    format type, for number literals of a fitting type only: ``'%d' % 2.5`` truncates where
    ``format(2.5, 'd')`` raises; ``'%.2f' % Decimal('1.015')`` is ``1.01``, ``format()``
    gives ``1.02``.  ``%%`` -> ``%``; literal braces are doubled.

    **Refuses** a lone operand that is no literal (a name may hold a tuple), counts or keys
    that do not match, ``*`` widths, a bare ``.`` precision, ``%c``, flags but ``-`` on ``%s
    %r %a``, precisions on integer types, values ``format_to_fstring`` refuses (backslash,
    the string's quote, ``#``, calls evaluated twice or out of order) and comments inside.

    **Safety.** Safe: the tests compare both forms' output on real interpreters.  With
    ``--unsafe``, ``%s`` without width becomes ``{x}`` (pyupgrade's output) and ``%o %x %X %e
    %f %g`` (any case) take any value: exact for ``int`` and ``float``, not for types with their
    own ``__format__`` (``Decimal``, ``IntEnum`` before 3.11) or only ``__index__``/``__float__``.
    """

    MIN_PYTHON = (3, 6)
    REACH = "statement"
    # A quote (closing a string literal, or in a parenthesized concatenation), ``%``, then the
    # start of a tuple or dict display or of a literal: the only right sides it rewrites.
    PRECHECK = re.compile(
        r"""['"](?:[\s)]|\\\r?\n)*%(?:\s|\\\r?\n)*(?:[({\d.'"+-]|[rRbBuUfF]{1,2}['"])"""
    )  # a backslash may continue the line on either side of the %
    locate = staticmethod(percent_lines)

    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BaseExpression:
        if not m.matches(updated_node, m.BinaryOperation(operator=m.Modulo())):
            return updated_node
        try:
            return self._convert(updated_node)
        except Refuse:
            return updated_node

    def _convert(self, node: cst.BinaryOperation) -> cst.BaseExpression:
        require(not lost_comments(node, node.left))
        require(fits(node.right, self.target))
        strings = [(s, parse_percent(body(s)), parse_percent(value(s))) for s in pieces(node.left)]
        for _, source, meant in strings:
            require(specs_of(source) == specs_of(meant))
        specs = [p for _, source, _ in strings for p in specs_of(source)]
        operands, uses = _operands(node.right, specs)
        check_uses(operands, uses)
        order = iter(uses)
        texts: list[str] = []
        expected: list[Part] = []
        for piece, source, meant in strings:
            fields = [self._field(p, operands[next(order)], piece.quote) for p in specs_of(source)]
            texts.append(render(piece, _parts(source, fields)))
            expected += _parts(meant, fields)
        new = rebuild(node.left, iter(texts))
        verify(new, expected)
        self.count_rewrite()
        return new.with_changes(lpar=[*node.lpar, *new.lpar], rpar=[*new.rpar, *node.rpar])

    def _field(self, spec: Spec, operand: cst.BaseExpression, quote: str) -> Field:
        _, flags, width, precision, type_ = spec
        require("*" not in width + precision and precision != ".")
        known = kind(operand)
        if type_ in ("s", "r", "a"):
            require(set(flags) <= {"-"})
            fmt = (("<" if flags else ">") if width else "") + width + precision
            plain = type_ == "s" and (known == "str" or (not fmt and bool(known or self.unsafe)))
            return field(operand, quote, conversion="" if plain else type_, spec=(fmt,))
        if type_ in ("d", "i", "u"):
            require(known == "int" and not precision)
        elif type_ in ("o", "x", "X"):
            require(not precision and (known == "int" or self.unsafe))
        else:
            require(type_ in "eEfFgG" and (known in ("int", "float") or self.unsafe))
        sign = "+" if "+" in flags else " " * (" " in flags)
        zero = "0" * ("0" in flags and "-" not in flags)
        fmt = "<" * ("-" in flags) + sign + "#" * ("#" in flags) + zero + width + precision
        return field(operand, quote, spec=(fmt + ("d" if type_ in "iu" else type_),))


def _operands(right: Expr, specs: list[Spec]) -> tuple[list[Expr], list[int]]:
    """The values the specs_of take, and which one each specifier takes."""
    require(specs)
    keys = [spec[0] for spec in specs]
    if isinstance(right, cst.Dict):
        literals = [getattr(e, "key", None) for e in right.elements]
        names = [value(k) for k in literals if isinstance(k, cst.SimpleString)]
        require(len(set(names)) == len(right.elements) and all(key in names for key in keys))
        return [e.value for e in right.elements], [names.index(str(key)) for key in keys]
    require(all(key is None for key in keys))
    if isinstance(right, cst.Tuple):
        elements = [e for e in right.elements if isinstance(e, cst.Element)]  # no *starred
        require(len(elements) == len(right.elements) == len(specs))
        return [e.value for e in right.elements], list(range(len(specs)))
    require(len(specs) == 1 and kind(right) != "")
    return [right], [0]


def _parts(parsed: list[str | Spec], fields: list[Field]) -> list[Part]:
    found = iter(fields)
    return [part if isinstance(part, str) else next(found) for part in parsed]
