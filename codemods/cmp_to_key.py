"""``sorted(x, cmp=f)`` / ``x.sort(f)`` -> ``key=functools.cmp_to_key(f)``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor
from libcst.metadata import Scope, ScopeProvider

from codemods._py2_builtins import is_module_name
from legacylift.codemod import LiftCodemod, is_builtin

CMP_KEYWORD = m.Arg(keyword=m.Name("cmp"))
POSITIONAL = m.Arg(keyword=None, star="")
EQUAL = cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))


class CmpToKey(LiftCodemod):
    """Replace the Python 2 sort comparison argument with ``key=functools.cmp_to_key(...)``.

    **Why.** Python 3 sorts take only ``key=``: ``cmp=f``, ``xs.sort(f)`` and
    ``sorted(xs, f)`` raise TypeError.

    **Example.**

        xs.sort(cmp=by_age)
        ys = sorted(xs, by_name, reverse=True)
        names.sort(compare_names)

    becomes

        import functools

        xs.sort(key=functools.cmp_to_key(by_age))
        ys = sorted(xs, key=functools.cmp_to_key(by_name), reverse=True)
        names.sort(key=functools.cmp_to_key(compare_names))

    ``cmp=None`` and ``cmp=cmp`` (the builtin: the default order) are simply dropped.  The
    ``cmp()`` builtin itself is ``cmp_builtin``'s.

    **Refuses** a call that also passes ``key=`` (the two cannot be combined), more positional
    arguments than the comparison, a ``sorted`` or ``cmp`` that is not the builtin (a local
    function of that name), and a scope where ``functools`` is bound to something other than
    the module.

    **Safety.** ``cmp_to_key`` is exact.  A ``.sort()`` method with a positional argument can
    only be Python 2's ``list.sort(cmp)`` or a class's own ``sort``: files that were Python 2.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\bcmp\b|\.sort\(\s*[^)\s]|\bsorted\(")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        scope = self.get_metadata(ScopeProvider, original_node, None)
        if m.matches(func, m.Name("sorted")):
            if not is_builtin(scope, "sorted"):
                return updated_node
            place = 1  # sorted(iterable, cmp, key, reverse)
        elif m.matches(func, m.Attribute(attr=m.Name("sort"))):
            place = 0  # list.sort(cmp, key, reverse)
        else:
            return updated_node
        args = list(updated_node.args)
        positional = [i for i, a in enumerate(args) if m.matches(a, POSITIONAL)]
        if positional == [*range(place), place]:
            args[place] = args[place].with_changes(keyword=cst.Name("cmp"), equal=EQUAL)
        elif positional != list(range(place)):
            return updated_node
        if not any(m.matches(a, CMP_KEYWORD) for a in args):
            return updated_node
        if any(m.matches(a, m.Arg(keyword=m.Name("key"))) for a in args):
            return updated_node
        return self._key(updated_node, args, scope)

    def _key(
        self, node: cst.Call, arguments: list[cst.Arg], scope: Scope | None
    ) -> cst.BaseExpression:
        args = []
        for arg in arguments:
            if m.matches(arg, CMP_KEYWORD):
                builtin_cmp = m.matches(arg.value, m.Name("cmp")) and is_builtin(scope, "cmp")
                if builtin_cmp or m.matches(arg.value, m.Name("None")):
                    continue  # the default order
                if not is_module_name(scope, "functools"):
                    return node
                AddImportsVisitor.add_needed_import(self.context, "functools")
                key = cst.parse_expression("functools.cmp_to_key()")
                key = cst.ensure_type(key, cst.Call).with_changes(args=[cst.Arg(arg.value)])
                args.append(arg.with_changes(keyword=cst.Name("key"), value=key, equal=EQUAL))
                continue
            args.append(arg)
        if args:
            args[-1] = args[-1].with_changes(comma=node.args[-1].comma)
        self.count_rewrite()
        return node.with_changes(args=args)
