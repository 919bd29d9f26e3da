"""``sorted(x, cmp=f)`` -> ``sorted(x, key=functools.cmp_to_key(f))``; ``cmp(a, b)`` spelled out."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor
from libcst.metadata import ScopeProvider

from codemods._py2_builtins import comments, is_access, is_builtin, is_module_name, operand, simple
from legacylift.codemod import LiftCodemod

CMP_KEYWORD = m.Arg(keyword=m.Name("cmp"))


class CmpToKey(LiftCodemod):
    """Replace the ``cmp=`` sort argument and the ``cmp()`` builtin, both gone in Python 3.

    **Why.** Python 3 sorts take only ``key=``, and ``cmp()`` no longer exists.

    **Example.**

        xs.sort(cmp=by_age)
        ys = sorted(xs, cmp=lambda a, b: cmp(a.n, b.n))

    becomes

        import functools

        xs.sort(key=functools.cmp_to_key(by_age))
        ys = sorted(xs, key=functools.cmp_to_key(lambda a, b: ((a.n > b.n) - (a.n < b.n))))

    ``cmp=None`` and ``cmp=cmp`` (the builtin: the default order) are simply dropped.

    **Refuses** a call that also passes ``key=`` (the two cannot be combined), a ``sorted`` or
    ``cmp`` that is not the builtin (a local function of that name), a positional comparison
    function, ``cmp()`` with operands that would be evaluated twice (calls, operators), and a
    scope where ``functools`` is bound to something other than the module.

    **Safety.** ``cmp_to_key`` is exact.  ``(a > b) - (a < b)`` equals Python 2's ``cmp`` for
    numbers, strings and sequences of them; objects that only defined ``__cmp__`` compare
    differently in Python 3 anyway.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\bcmp\b")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if m.matches(func, m.Name("cmp")):
            return self._cmp(original_node, updated_node)
        if not m.matches(updated_node, m.Call(args=[m.ZeroOrMore(), CMP_KEYWORD, m.ZeroOrMore()])):
            return updated_node
        if any(m.matches(a, m.Arg(keyword=m.Name("key"))) for a in updated_node.args):
            return updated_node
        scope = self.get_metadata(ScopeProvider, original_node, None)
        if m.matches(func, m.Name("sorted")):
            if not is_builtin(scope, "sorted"):
                return updated_node
        elif not m.matches(func, m.Attribute(attr=m.Name("sort"))):
            return updated_node
        args = []
        for arg in updated_node.args:
            if m.matches(arg, CMP_KEYWORD):
                builtin_cmp = m.matches(arg.value, m.Name("cmp")) and is_builtin(scope, "cmp")
                if builtin_cmp or m.matches(arg.value, m.Name("None")):
                    continue  # the default order
                if not is_module_name(scope, "functools"):
                    return updated_node
                AddImportsVisitor.add_needed_import(self.context, "functools")
                key = cst.parse_expression("functools.cmp_to_key()")
                key = cst.ensure_type(key, cst.Call).with_changes(args=[cst.Arg(arg.value)])
                args.append(arg.with_changes(keyword=cst.Name("key"), value=key))
                continue
            args.append(arg)
        if args:
            args[-1] = args[-1].with_changes(comma=updated_node.args[-1].comma)
        self.count_rewrite()
        return updated_node.with_changes(args=args)

    def _cmp(self, original: cst.Call, node: cst.Call) -> cst.BaseExpression:
        func = cst.ensure_type(original.func, cst.Name)
        scope = self.get_metadata(ScopeProvider, func, None)
        if not (is_access(scope, func) and is_builtin(scope, "cmp")):
            return node
        if len(node.args) != 2 or comments(node):
            return node
        a, b = (arg.value for arg in node.args)
        if not all(m.matches(arg, m.Arg(keyword=None, star="")) for arg in node.args):
            return node
        if not (simple(a) and simple(b)):
            return node
        greater = cst.Comparison(operand(a), [cst.ComparisonTarget(cst.GreaterThan(), operand(b))])
        less = cst.Comparison(operand(a), [cst.ComparisonTarget(cst.LessThan(), operand(b))])
        self.count_rewrite()
        paren = [cst.LeftParen()], [cst.RightParen()]
        return cst.BinaryOperation(
            greater.with_changes(lpar=paren[0], rpar=paren[1]),
            cst.Subtract(),
            less.with_changes(lpar=paren[0], rpar=paren[1]),
            lpar=[*paren[0], *node.lpar],
            rpar=[*node.rpar, *paren[1]],
        )
