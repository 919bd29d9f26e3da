"""``print((1))`` -> ``print(1)``; ``((x))`` -> ``(x)``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

import libcst as cst

from codemods._idioms import join
from codemods._parens_scan import doubled_lines, may_have_doubled_parentheses
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod, Refuse

Node = TypeVar("Node", bound=cst.BaseExpression)
#: Sole arguments that need their own parentheses (``f(yield)`` does not parse; a tuple).
KEEP_IN_CALL = (cst.Yield, cst.Tuple)
#: A class base may lose its parentheses only when it is one of these.
BASES = (cst.Name, cst.Attribute, cst.Call, cst.Subscript)


class ExtraneousParentheses(LiftCodemod):
    """Remove parentheses that sit directly inside other brackets and group nothing.

    **Why.** ``print((1))`` and ``x = ((a))`` have a pair of parentheses too many, often
    left over from Python 2's ``print (x)`` statement once it became a call (pyupgrade/ruff
    UP034).

    **Example.**

        print((total))
        values = sorted((x for x in xs))
        flag = ((a or b))

    becomes

        print(total)
        values = sorted(x for x in xs)
        flag = (a or b)

    The sole argument of a call (or sole base of a class) loses its parentheses; any doubled
    pair elsewhere is reduced to one.  Spaces, line breaks and comments between the removed
    parentheses and their neighbours are kept, so nothing moves to another line.

    **Refuses** what the parentheses are needed for: a tuple (``f((1,))``, ``f(())``),
    ``f((yield))``, a keyword argument's value, an argument followed by a comma, and two line
    breaks that would have to merge (a comment line on each side of a removed parenthesis).

    **Safety.** Safe: parentheses around a single expression do not change its meaning.
    """

    REACH = "statement"
    PRECHECK = re.compile(r"\((?:\s|\\|#[^\n]*(?![^\n]))*\(")

    @classmethod
    def wants(cls, source: str) -> bool:
        """A ``((`` whose inner pair closes right before the outer one, and is not a tuple
        passed to a call: most ``((`` are ``f((a + b) * c)`` or ``f((a, b))``."""
        return super().wants(source) and may_have_doubled_parentheses(source)

    @classmethod
    def locate(cls, found: AstIndex) -> set[int] | None:
        return doubled_lines(found)

    def _reduce(self, original_node: Node, updated_node: Node) -> Node:
        """Any expression in two or more pairs of parentheses keeps one."""
        if len(updated_node.lpar) < 2:
            return updated_node
        lpar, rpar = list(updated_node.lpar), list(updated_node.rpar)
        try:
            while len(lpar) > 1:
                inner_left, inner_right = lpar.pop(), rpar.pop(0)
                after = join(lpar[-1].whitespace_after, inner_left.whitespace_after)
                before = join(inner_right.whitespace_before, rpar[0].whitespace_before)
                lpar[-1] = lpar[-1].with_changes(whitespace_after=after)
                rpar[0] = rpar[0].with_changes(whitespace_before=before)
        except Refuse:
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(lpar=lpar, rpar=rpar)

    leave_Name = leave_Attribute = leave_Subscript = leave_BinaryOperation = _reduce
    leave_BooleanOperation = leave_Comparison = leave_UnaryOperation = leave_IfExp = _reduce
    leave_Lambda = leave_Await = leave_Yield = leave_NamedExpr = leave_Ellipsis = _reduce
    leave_Integer = leave_Float = leave_Imaginary = leave_SimpleString = _reduce
    leave_ConcatenatedString = leave_FormattedString = leave_Tuple = leave_List = _reduce
    leave_Set = leave_Dict = leave_GeneratorExp = leave_ListComp = leave_SetComp = _reduce
    leave_DictComp = leave_StarredElement = _reduce

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        node = self._reduce(original_node, updated_node)
        arg = _sole(node.args)
        if arg is None or isinstance(arg.value, KEEP_IN_CALL):
            return node
        try:
            before = join(node.whitespace_before_args, arg.value.lpar[0].whitespace_after)
            after = join(arg.value.rpar[0].whitespace_before, arg.whitespace_after_arg)
        except Refuse:
            return node
        self.count_rewrite()
        value = arg.value.with_changes(lpar=(), rpar=())
        new = arg.with_changes(value=value, whitespace_after_arg=after)
        return node.with_changes(args=[new], whitespace_before_args=before)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        arg = _sole(updated_node.bases) if not updated_node.keywords else None
        lpar = updated_node.lpar
        if arg is None or not isinstance(arg.value, BASES) or not isinstance(lpar, cst.LeftParen):
            return updated_node
        try:
            before = join(lpar.whitespace_after, arg.value.lpar[0].whitespace_after)
            after = join(arg.value.rpar[0].whitespace_before, arg.whitespace_after_arg)
        except Refuse:
            return updated_node
        self.count_rewrite()
        value = arg.value.with_changes(lpar=(), rpar=())
        new = arg.with_changes(value=value, whitespace_after_arg=after)
        return updated_node.with_changes(
            bases=[new], lpar=lpar.with_changes(whitespace_after=before)
        )


def _sole(args: Sequence[cst.Arg]) -> cst.Arg | None:
    """The only argument, when it is positional, parenthesized once and has no comma."""
    if len(args) != 1:
        return None
    arg = args[0]
    plain = arg.keyword is None and not arg.star and isinstance(arg.comma, cst.MaybeSentinel)
    return arg if plain and len(arg.value.lpar) == 1 else None
