"""``d.iteritems()`` -> ``d.items()``, ``d.has_key(k)`` -> ``k in d``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ParentNodeProvider

from codemods._py2_builtins import comments, operand, parens
from legacylift.codemod import LiftCodemod

RENAMES = {
    f"{prefix}{kind}": kind for prefix in ("iter", "view") for kind in ("items", "keys", "values")
}
#: Callers that only iterate over their first argument: a view serves as well as an iterator.
ITERATING = frozenset(
    {"list", "tuple", "sorted", "set", "frozenset", "dict", "enumerate", "any", "all", "sum",
     "min", "max", "zip", "map", "filter"}
)  # fmt: skip
HAS_KEY = m.Call(func=m.Attribute(attr=m.Name("has_key")), args=[m.Arg(keyword=None, star="")])
#: Parents under which ``k in d`` needs no parentheses.
LOOSE_PARENTS = (
    cst.If, cst.While, cst.Assert, cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Return, cst.Expr,
    cst.BooleanOperation, cst.IfExp, cst.CompIf, cst.Element, cst.Index, cst.Lambda,
)  # fmt: skip


class DictIterMethods(LiftCodemod):
    """Replace the Python 2 dict methods ``iter*``/``view*``/``has_key`` with Python 3 ones.

    **Why.** ``d.iteritems()``, ``d.iterkeys()``, ``d.itervalues()``, ``d.viewitems()`` (and
    ``viewkeys``/``viewvalues``) and ``d.has_key(k)`` do not exist on Python 3 dicts.

    **Example.**

        for k, v in d.iteritems():
            if not d.has_key(k + 1):
                it = d.itervalues()

    becomes

        for k, v in d.items():
            if k + 1 not in d:
                it = iter(d.values())

    ``iter*()`` becomes a plain view where the result is only iterated (a ``for`` loop, a
    comprehension, ``x in ...``, or the argument of ``list()``, ``sorted()``, ``sum()``...), and
    ``iter(d.items())`` elsewhere, so ``next()`` on it still works.  ``view*()`` becomes the view.

    **Refuses** calls with arguments (not the dict method), ``has_key`` with a comment inside
    the call (it would be lost), and a module that defines a method of one of these names
    (a user class, whose ``items()`` may not exist or differ).

    **Safety.** Safe for dicts.  Any object with these methods is assumed to be dict-like, as
    2to3 does.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\.\s*(?:iter|view)(?:items|keys|values)\b|\.\s*has_key\b")
    METADATA_DEPENDENCIES: ClassVar = (ParentNodeProvider,)

    iterated: set[cst.CSTNode]
    defines_own = False

    def visit_Module(self, node: cst.Module) -> None:
        self.iterated = set()
        self.defines_own = bool(self.facts.function_names & {*RENAMES, "has_key"})

    def visit_For(self, node: cst.For) -> None:
        self.iterated.add(node.iter)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self.iterated.add(node.iter)

    def visit_ComparisonTarget(self, node: cst.ComparisonTarget) -> None:
        if isinstance(node.operator, (cst.In, cst.NotIn)):
            self.iterated.add(node.comparator)

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value in ITERATING and node.args:
            self.iterated.add(node.args[0].value)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = updated_node.func
        if not isinstance(func, cst.Attribute) or self.defines_own:
            return updated_node
        new_name = RENAMES.get(func.attr.value)
        if new_name is not None and not updated_node.args:
            self.count_rewrite()
            view = updated_node.with_changes(func=func.with_changes(attr=cst.Name(new_name)))
            if func.attr.value.startswith("view") or original_node in self.iterated:
                return view
            return cst.Call(cst.Name("iter"), [cst.Arg(view.with_changes(lpar=[], rpar=[]))],
                            lpar=view.lpar, rpar=view.rpar)  # fmt: skip
        if m.matches(updated_node, HAS_KEY):
            return self._has_key(original_node, updated_node, func)
        return updated_node

    def _has_key(
        self, original: cst.Call, node: cst.Call, func: cst.Attribute
    ) -> cst.Call | cst.BaseExpression:
        key = node.args[0].value
        if comments(node) != comments(key) or comments(func.dot):
            return node
        self.count_rewrite()
        test = cst.Comparison(operand(key), [cst.ComparisonTarget(cst.In(), func.value)])
        parent = self.get_metadata(ParentNodeProvider, original)
        if (
            node.lpar
            or isinstance(parent, LOOSE_PARENTS)
            or m.matches(parent, m.UnaryOperation(operator=m.Not()))
        ):
            return test.with_changes(lpar=node.lpar, rpar=node.rpar)
        if isinstance(parent, cst.Arg) and not parent.star:
            return test
        return parens(test)

    def leave_UnaryOperation(
        self, original_node: cst.UnaryOperation, updated_node: cst.UnaryOperation
    ) -> cst.BaseExpression:
        inner = updated_node.expression
        if not (
            isinstance(updated_node.operator, cst.Not)
            and m.matches(original_node.expression, HAS_KEY)
            and isinstance(inner, cst.Comparison)
            and not inner.lpar
            and not comments(updated_node.operator)
        ):
            return updated_node
        target = cst.ComparisonTarget(cst.NotIn(), inner.comparisons[0].comparator)
        return inner.with_changes(
            comparisons=[target], lpar=updated_node.lpar, rpar=updated_node.rpar
        )
