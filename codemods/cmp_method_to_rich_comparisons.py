"""A class with only ``__cmp__`` gets the six rich comparisons, delegating to ``__cmp__``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import Assignment, ClassScope, ScopeProvider

from legacylift.codemod import LiftCodemod, Refuse, is_builtin, require

OPS = ("==", "!=", "<", "<=", ">", ">=")
RICH = {f"__{name}__": op for name, op in zip(("eq", "ne", "lt", "le", "gt", "ge"), OPS)}
ORDER = {*RICH} - {"__ne__"}  # enough for an order (Python 3 derives != from ==)
TOTAL_ORDERING = m.Decorator(m.Name("total_ordering") | m.Attribute(attr=m.Name("total_ordering")))
METACLASS = m.SimpleStatementLine([m.Assign([m.AssignTarget(m.Name("__metaclass__"))])])
PLAIN_CMP = m.FunctionDef(m.Name("__cmp__"), decorators=[])
OBJECT_BASE = m.ClassDef(bases=[m.Arg(m.Name("object"), star="")])
NAMED_BASE = m.ClassDef(bases=[m.Arg(m.Name() | m.Attribute(), star="")])
EMPTY = cst.EmptyLine(indent=False)
BY_HAND = "add the rich comparisons by hand"


class CmpMethodToRichComparisons(LiftCodemod):
    """Add ``__eq__``, ``__lt__``... calling ``__cmp__`` to a class that only defines ``__cmp__``.

    **Why.** Python 3 never calls ``__cmp__``: ``==`` falls back to identity and ``<`` or
    ``sorted()`` raise ``TypeError``.

    **Example.**

        class Version(object):
            def __cmp__(self, other):
                return cmp(self.parts, other.parts)

    becomes

        class Version(object):
            def __cmp__(self, other):
                return cmp(self.parts, other.parts)

            def __eq__(self, other):
                return self.__cmp__(other) == 0

            def __ne__(self, other):
                return self.__cmp__(other) != 0

            def __lt__(self, other):
                return self.__cmp__(other) < 0

            def __le__(self, other):
                return self.__cmp__(other) <= 0

            def __gt__(self, other):
                return self.__cmp__(other) > 0

            def __ge__(self, other):
                return self.__cmp__(other) >= 0

            __hash__ = object.__hash__

    ``__cmp__`` is kept (other code may call it).  Python 3 sets ``__hash__`` to None in a class
    defining ``__eq__``; Python 2.7 kept the inherited hash of a new-style class (old-style
    instances were unhashable), so a new-style class without ``__hash__`` gets
    ``__hash__ = object.__hash__`` (``Base.__hash__`` for a single base ``Base``).

    **Refuses** a class that already defines a rich comparison (noted if the order is then
    incomplete) or uses ``total_ordering``; a ``__cmp__`` that is assigned, decorated, bound
    twice or under ``if``; a ``__cmp__`` mentioning ``NotImplemented`` (Python 2 fell back to
    the default order, but ``NotImplemented < 0`` raises in Python 3); several bases.  Refusals
    other than the first two are noted.

    **Safety.** Safe for ``class C:`` and ``class C(object):``.  A base's own rich comparisons
    (``tuple``, ``str``, a class defining ``__lt__``) took precedence over ``__cmp__`` in Python
    2, so a class with another base is only noted, and converted under ``--unsafe``.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\bdef\s+__cmp__\b")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def visit_Module(self, node: cst.Module) -> None:
        self.new_style = any(m.matches(s, METACLASS) for s in node.body)  # all classes new-style

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        body = updated_node.body
        scope = self.get_metadata(ScopeProvider, original_node.body.body[0], None)
        if not isinstance(body, cst.IndentedBlock) or not isinstance(scope, ClassScope):
            return updated_node
        try:
            statements = self._convert(original_node, updated_node, body, scope)
        except Refuse as refusal:
            if refusal.args:
                self.warn(f"class {updated_node.name.value}: {refusal.args[0]}")
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(body=body.with_changes(body=statements))

    def _convert(
        self, original: cst.ClassDef, node: cst.ClassDef, body: cst.IndentedBlock, scope: ClassScope
    ) -> list[cst.BaseStatement]:
        cmps = [a.node for a in scope.assignments["__cmp__"] if isinstance(a, Assignment)]
        require(cmps and not any(m.matches(d, TOTAL_ORDERING) for d in node.decorators))
        if defined := [r for r in RICH if scope.assignments[r]]:
            incomplete = not {*defined} >= ORDER
            raise Refuse(*[f"Python 3 ignores __cmp__ beside {', '.join(defined)}"] * incomplete)
        plain = [s for s in body.body if isinstance(s, cst.FunctionDef) and m.matches(s, PLAIN_CMP)]
        one = len(cmps) == len(plain) == 1 and any(cmps[0] is s for s in original.body.body)
        if not one:
            raise Refuse(f"__cmp__ is not one plain method; {BY_HAND}")
        if m.findall(plain[0].body, m.Name("NotImplemented")):
            raise Refuse(f"__cmp__ returns NotImplemented; {BY_HAND}")
        bases = [arg.value for arg in original.bases]
        object_base = m.matches(original, OBJECT_BASE) and is_builtin(scope, "object")
        if bases and not object_base and not (self.unsafe and m.matches(original, NAMED_BASE)):
            raise Refuse(f"a base may define rich comparisons; {BY_HAND} (or --unsafe)")
        new_style = bases or self.new_style or scope.assignments["__metaclass__"] or node.keywords
        index = body.body.index(plain[0])
        following = body.body[index + 1] if index + 1 < len(body.body) else plain[0]
        blank = [EMPTY] if following is body.body[0] else _blank_lines(following)
        added = [_method(dunder, op, plain[0], blank) for dunder, op in RICH.items()]
        if new_style and not scope.assignments["__hash__"]:
            value = cst.Attribute(bases[0] if bases else cst.Name("object"), cst.Name("__hash__"))
            target = cst.AssignTarget(cst.Name("__hash__"))
            added.append(cst.SimpleStatementLine([cst.Assign([target], value)], blank))
        return [*body.body[: index + 1], *added, *body.body[index + 1 :]]


def _blank_lines(statement: cst.BaseStatement) -> list[cst.EmptyLine]:
    """The blank lines that come first above ``statement``."""
    lines: list[cst.EmptyLine] = getattr(statement, "leading_lines", [])
    count = next((i for i, line in enumerate(lines) if line.comment), len(lines))
    return list(lines[:count])


def _method(
    dunder: str, op: str, cmp_def: cst.FunctionDef, blank: list[cst.EmptyLine]
) -> cst.BaseStatement:
    """``def <dunder>(self, other): return self.__cmp__(other) <op> 0``, shaped like ``cmp_def``."""
    returned = [cst.Return(cst.parse_expression(f"self.__cmp__(other) {op} 0"))]
    body: cst.BaseSuite = cst.SimpleStatementSuite(returned)
    if isinstance(cmp_def.body, cst.IndentedBlock):
        body = cst.IndentedBlock([cst.SimpleStatementLine(returned)], indent=cmp_def.body.indent)
    params = cst.Parameters([cst.Param(cst.Name("self")), cst.Param(cst.Name("other"))])
    return cst.FunctionDef(cst.Name(dunder), params, body, leading_lines=blank)
