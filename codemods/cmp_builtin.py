"""The ``cmp`` builtin -> ``(a > b) - (a < b)``, or a lambda where ``cmp`` is passed around."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ClassScope, ParentNodeProvider, PositionProvider, ScopeProvider

from codemods._py2_builtins import comments, is_access, parens, simple
from legacylift.codemod import LiftCodemod, Refuse, is_builtin, require

TIGHT = (cst.Multiply, cst.Divide, cst.FloorDivide, cst.Modulo, cst.MatrixMultiply, cst.Power)
SORT_KEYWORD = m.Arg(keyword=m.Name("cmp"))  # in sorted() or .sort(): cmp_to_key drops it
SORT_CALL = m.Call(func=m.Name("sorted") | m.Attribute(attr=m.Name("sort")))
PARAMS = [("a", "b"), ("x", "y"), ("left", "right"), *((f"a{i}", f"b{i}") for i in range(9))]
PLAIN = m.Arg(keyword=None, star="")


class CmpBuiltin(LiftCodemod):
    """Spell out the ``cmp`` builtin, gone in Python 3, as ``(a > b) - (a < b)``.

    **Why.** Python 3 has no ``cmp``.  As a value it becomes a lambda (with names the file does
    not use), in ``staticmethod`` in a class body: the builtin never became a method.

    **Example.**

        class Loader:
            sortTestMethodsUsing = cmp

        def order(a, b):
            return cmp(a.key, b.key)

    becomes

        class Loader:
            sortTestMethodsUsing = staticmethod(lambda x, y: (x > y) - (x < y))

        def order(a, b):
            return (a.key > b.key) - (a.key < b.key)

    Operands other than names, attributes, constants or subscripts go through a call of that
    lambda (``(lambda a, b: ...)(f(x), g(y))``), so each is evaluated once.

    **Refuses** (noted: they still fail) a ``cmp`` that is not the builtin, ``cmp=cmp`` in a
    sort (cmp_to_key's), ``cmp()`` with keywords, stars or comments, and a value that could
    become a method (assigned to an attribute, or in a class body but not assigned).

    **Safety.** ``(a > b) - (a < b)`` is Python 2's ``cmp`` for numbers, strings, sequences.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\bcmp\b")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, ParentNodeProvider, PositionProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self._module = node
        self.star_import = self.facts.star_import
        self.kept: dict[str, list[int]] = {}
        self.params: tuple[str, str] | None = None

    def _builtin(self, node: cst.Name) -> bool:
        scope = self.get_metadata(ScopeProvider, node, None)
        return not self.star_import and is_access(scope, node) and is_builtin(scope, "cmp")

    def _keep(self, node: cst.CSTNode, why: str) -> None:
        self.kept.setdefault(why, []).append(self.get_metadata(PositionProvider, node).start.line)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not isinstance(func, cst.Name) or func.value != "cmp" or not self._builtin(func):
            return updated_node
        if comments(updated_node) or not m.matches(updated_node, m.Call(args=[PLAIN, PLAIN])):
            self._keep(original_node, "not two plain arguments")
            return updated_node
        a, b = (arg.value for arg in updated_node.args)
        self.count_rewrite()
        if not (simple(a) and simple(b)):  # evaluate each operand once, in order, via a lambda
            return updated_node.with_changes(func=parens(self._lambda()))
        greater = cst.Comparison(a, [cst.ComparisonTarget(cst.GreaterThan(), b)])
        less = cst.Comparison(a, [cst.ComparisonTarget(cst.LessThan(), b)])
        new = cst.BinaryOperation(parens(greater), cst.Subtract(), parens(less))
        if updated_node.lpar:
            return new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        return parens(new) if self._tight(original_node) else new

    def _tight(self, node: cst.CSTNode) -> bool:
        """Whether ``node``'s context binds more tightly than a subtraction."""
        parent = self.get_metadata(ParentNodeProvider, node)
        if isinstance(parent, cst.BinaryOperation):
            sign = isinstance(parent.operator, (cst.Add, cst.Subtract))
            return isinstance(parent.operator, TIGHT) or (sign and parent.right is node)
        if isinstance(parent, cst.UnaryOperation):
            return not isinstance(parent.operator, cst.Not)
        return isinstance(parent, (cst.Attribute, cst.Subscript, cst.Call, cst.Await))

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if original_node.value != "cmp" or not self._builtin(original_node):
            return updated_node
        parent = self.get_metadata(ParentNodeProvider, original_node)
        grand = self.get_metadata(ParentNodeProvider, parent)
        sort_keyword = m.matches(parent, SORT_KEYWORD) and m.matches(grand, SORT_CALL)
        if isinstance(parent, cst.Call) or sort_keyword:
            return updated_node  # cmp(a, b) (leave_Call), or cmp_to_key's cmp=cmp
        try:
            value = self._value(original_node, parent)
        except Refuse:
            self._keep(original_node, "a lambda there could become a method")
            return updated_node
        self.count_rewrite()
        if updated_node.lpar:
            return value.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        return value if self._loose(original_node, parent) else parens(value)

    def _lambda(self) -> cst.BaseExpression:
        if self.params is None:
            taken = {n.value for n in m.findall(self._module, m.Name()) if isinstance(n, cst.Name)}
            self.params = next(p for p in PARAMS if not taken & {*p})
        x, y = self.params
        return cst.parse_expression(f"lambda {x}, {y}: ({x} > {y}) - ({x} < {y})")

    def _value(self, node: cst.Name, parent: cst.CSTNode) -> cst.BaseExpression:
        value = self._lambda()
        scope = self.get_metadata(ScopeProvider, node)
        if isinstance(parent, (cst.Assign, cst.AnnAssign)):
            targets = [parent.target] if isinstance(parent, cst.AnnAssign) else parent.targets
            require(all(isinstance(getattr(t, "target", t), cst.Name) for t in targets))
            if isinstance(scope, ClassScope):
                require(is_builtin(scope, "staticmethod"))
                return cst.Call(cst.Name("staticmethod"), [cst.Arg(value)])
        require(not isinstance(scope, ClassScope) or isinstance(parent, (cst.Arg, cst.Param)))
        return value

    def _loose(self, node: cst.CSTNode, parent: cst.CSTNode) -> bool:
        """Whether a lambda in ``node``'s place needs no parentheses."""
        if isinstance(parent, (cst.Assign, cst.AnnAssign, cst.Return, cst.Param)):
            return True
        if isinstance(parent, (cst.Arg, cst.DictElement)):  # not ``*cmp``, nor a dict key
            return parent.value is node and getattr(parent, "star", "") == ""
        grand = self.get_metadata(ParentNodeProvider, parent)
        return isinstance(parent, cst.Element) and isinstance(grand, (cst.List, cst.Set))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        for why, lines in self.kept.items():
            self.warn(
                f"cmp kept on line(s) {', '.join(map(str, lines))}: {why}; Python 3 has no cmp"
            )
        return updated_node
