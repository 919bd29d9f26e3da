"""``str('x')`` -> ``'x'``, ``int()`` -> ``0``, ``type('')`` -> ``str``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ParentNodeProvider, ScopeProvider

from codemods._fstrings import native_lines
from codemods._py2_builtins import comments, parens
from legacylift.codemod import LiftCodemod, is_builtin

#: Builtin -> the literal its call without arguments gives.
EMPTY = {"str": "''", "bytes": "b''", "int": "0", "float": "0.0", "complex": "0j", "bool": "False"}
NUMBERS: dict[type[cst.CSTNode], str] = {
    cst.Integer: "int", cst.Float: "float", cst.Imaginary: "complex",
}  # fmt: skip


class NativeLiterals(LiftCodemod):
    """Write a literal instead of a builtin called on a literal of its own type, or on nothing.

    **Why.** ``str('x')`` is ``'x'``, ``str()`` is ``''`` and ``type(0)`` is ``int``: the
    call is a Python 2 leftover (``str`` was bytes, ``unicode`` text) or plain noise
    (pyupgrade/ruff UP018, UP003).

    **Example.**

        name = str('spam')
        empty, zero, off = str(), int(), bool()
        if type(x) is type(''):
            pass

    becomes

        name = 'spam'
        empty, zero, off = '', 0, False
        if type(x) is str:
            pass

    Covered: ``str``, ``bytes``, ``int``, ``float``, ``complex`` and ``bool`` of a literal of
    that type (signed numbers too: ``int(-1)`` -> ``-1``) or of nothing (``bytes()`` ->
    ``b''``, ``float()`` -> ``0.0``, ``complex()`` -> ``0j``), ``str(object='x')``, and
    ``type()`` of a string, bytes, number or bool literal.  Parentheses are added where the
    literal needs them: ``int(1).bit_length()`` -> ``(1).bit_length()``, ``int(-1) ** 2`` ->
    ``(-1) ** 2``.

    **Refuses** a shadowed builtin (or, for ``type()``, a shadowed result name), a file with
    ``import *``, f-strings (``str(f'...')``), literals of another type (``int(1.5)``,
    ``str(b'x')``), and calls whose removed part holds a comment.

    **Safety.** Safe: the builtins return such a literal unchanged (an equal value).
    """

    REACH = "local"
    # A call of one of the builtins on nothing, on a literal, or with ``object=`` (or of the
    # Python 2 names py2_builtins renames to them, in the same pass).
    PRECHECK = re.compile(
        r"""\b(?:str|bytes|int|float|complex|bool|type|long|unicode)\(\s*"""
        r"""(?:\)|\(|[-+]?\.?\d|[rRbBuUfF]{0,2}['"]|True\b|False\b|None\b|object\s*=)"""
    )
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, ParentNodeProvider)
    locate = staticmethod(native_lines)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        # The name as an earlier codemod may have left it (``long(0)`` is ``int(0)`` by now).
        func, name = original_node.func, getattr(updated_node.func, "value", "")
        if not isinstance(func, cst.Name) or name not in (*EMPTY, "type"):
            return updated_node
        args = updated_node.args
        if len(args) > 1 or (name == "type" and not args) or any(a.star for a in args):
            return updated_node
        keyword = args[0].keyword if args else None
        if keyword is not None and (name, keyword.value) != ("str", "object"):
            return updated_node
        new = self._literal(original_node, name, args[0].value if args else None)
        if new is None or comments(updated_node) != comments(new) or self.facts.star_import:
            return updated_node
        scope = self.get_metadata(ScopeProvider, func, None)
        result = new.value if name == "type" and isinstance(new, cst.Name) else name
        if not all(is_builtin(scope, builtin) for builtin in {func.value, name, result}):
            return updated_node
        self.count_rewrite()
        return self._fit(original_node, updated_node, new)

    def _literal(
        self, call: cst.Call, name: str, value: cst.BaseExpression | None
    ) -> cst.BaseExpression | None:
        """What ``name(value)`` is as a literal (or a builtin's name), if it is one."""
        if value is None:
            empty = EMPTY.get(name, "")
            quote = self._quote(call) if "'" in empty else "'"
            return cst.parse_expression(empty.replace("'", quote)) if empty and quote else None
        kind = _kind(value)
        if name == "type":
            return cst.Name(kind) if kind else None
        return value if kind == name else None

    def _quote(self, node: cst.CSTNode) -> str | None:
        """A quote no f-string around ``node`` uses (a literal inside may not use theirs)."""
        free = ["'", '"']
        for parent in self.parents(node):  # the call being left: the pipeline's stack
            if isinstance(parent, cst.FormattedString):
                free = [q for q in free if q not in parent.quote]
        return free[0] if free else None

    def _fit(
        self, original: cst.Call, call: cst.Call, new: cst.BaseExpression
    ) -> cst.BaseExpression:
        """``new`` in the call's place, in parentheses where it would not parse (or group) so."""
        bare = new.with_changes(lpar=(), rpar=())
        parent = next(self.parents(original), None)
        if call.lpar or not (_tight(bare, original, parent) or _multiline(bare)):
            return bare.with_changes(lpar=call.lpar, rpar=call.rpar)
        return new if new.lpar else parens(bare)


def _tight(new: cst.BaseExpression, old: cst.Call, parent: cst.CSTNode | None) -> bool:
    """Whether ``new`` needs parentheses where ``old`` stands (``1.real``, ``-1 ** 2``)."""
    if isinstance(parent, cst.Attribute):
        return isinstance(new, (cst.UnaryOperation, cst.Integer))
    if not isinstance(new, cst.UnaryOperation):
        return False
    if isinstance(parent, cst.Subscript):
        return parent.value is old
    if isinstance(parent, cst.Call):
        return parent.func is old
    power = isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Power)
    return power and cst.ensure_type(parent, cst.BinaryOperation).left is old


def _kind(node: cst.BaseExpression) -> str | None:
    """The builtin type of the literal ``node`` (signed numbers too), or None."""
    if isinstance(node, cst.SimpleString):
        return "bytes" if "b" in node.prefix.lower() else "str"
    if isinstance(node, cst.ConcatenatedString):
        kinds = {_kind(node.left), _kind(node.right)}
        return kinds.pop() if len(kinds) == 1 else None
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Plus, cst.Minus)):
        return NUMBERS.get(type(node.expression)) if not node.expression.lpar else None
    if m.matches(node, m.Name("True") | m.Name("False")):
        return "bool"
    return NUMBERS.get(type(node))


def _multiline(node: cst.BaseExpression) -> bool:
    """Whether ``node`` (unparenthesized) spans lines outside its string literals."""
    if isinstance(node, cst.ConcatenatedString):
        between = cst.Module([]).code_for_node(node.whitespace_between)
        return "\n" in between or _multiline(node.left) or _multiline(node.right)
    return not isinstance(node, cst.SimpleString) and "\n" in cst.Module([]).code_for_node(node)
