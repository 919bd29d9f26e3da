"""Wrap ``d.keys()``, ``map(...)``... in ``list()`` where Python 2 code showed or compared them."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ScopeProvider

from codemods.dict_views_to_lists import ITERATOR, VIEW
from legacylift.codemod import LiftCodemod

RANGE = m.Call(func=m.Name("range"))
EQUALITY = m.ComparisonTarget(operator=m.Equal() | m.NotEqual())


class ViewsToListsWhenObserved(LiftCodemod):
    """Wrap dict views and ``map``/``filter``/``zip``/``range`` in ``list()`` where observed.

    **Why.** Where Python 2 code looks at the list itself, a view or iterator gives another
    answer without failing: ``print d.keys()`` and a doctest's ``>>> d.keys()`` show
    ``dict_keys([...])``, ``map(f, xs) == [1, 2]`` is always False, and a returned iterator
    can be consumed only once by the caller, which may also index it.

    **Example.**

        print(d.items())
        d.keys()
        if filter(None, xs) == [1]:
            return map(str, xs)

    becomes

        print(list(d.items()))
        list(d.keys())
        if list(filter(None, xs)) == [1]:
            return list(map(str, xs))

    Contexts: an expression statement (what a doctest shows), an argument of ``print()``, an
    operand of ``==``/``!=``, a ``return`` value. The other contexts, where the value is
    indexed, sorted, concatenated or changed, are ``dict_views_to_lists``'s.

    **Refuses** ``map``/``filter``/``zip``/``range``/``print`` that are not the builtins, and
    calls already wrapped: it only fires on the bare call.

    **Safety.** Safe: ``list()`` holds what Python 2's list held.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\.(?:keys|items|values)\(\)|\b(?:map|filter|zip|range)\(")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def _listed(self, node: cst.BaseExpression, where: cst.CSTNode) -> cst.BaseExpression:
        """``node`` in ``list()`` if it is a view or one of the builtin iterators, else itself."""
        if not m.matches(node, VIEW):
            if not m.matches(node, ITERATOR | RANGE):
                return node
            name = cst.ensure_type(cst.ensure_type(node, cst.Call).func, cst.Name).value
            if not self.builtin(where, name):
                return node
        self.count_rewrite()
        return cst.Call(cst.Name("list"), [cst.Arg(node)])

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.Expr:
        return updated_node.with_changes(value=self._listed(updated_node.value, original_node))

    def leave_Return(self, original_node: cst.Return, updated_node: cst.Return) -> cst.Return:
        if updated_node.value is None:
            return updated_node
        return updated_node.with_changes(value=self._listed(updated_node.value, original_node))

    def leave_Comparison(
        self, original_node: cst.Comparison, updated_node: cst.Comparison
    ) -> cst.Comparison:
        if len(updated_node.comparisons) != 1 or not m.matches(
            updated_node.comparisons[0], EQUALITY
        ):
            return updated_node
        target = updated_node.comparisons[0]
        return updated_node.with_changes(
            left=self._listed(updated_node.left, original_node),
            comparisons=[
                target.with_changes(comparator=self._listed(target.comparator, original_node))
            ],
        )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if not m.matches(updated_node.func, m.Name("print")):
            return updated_node
        if not self.builtin(original_node, "print"):
            return updated_node
        args = [
            arg.with_changes(value=self._listed(arg.value, original_node))
            if arg.keyword is None and not arg.star
            else arg
            for arg in updated_node.args
        ]
        return updated_node.with_changes(args=args)
