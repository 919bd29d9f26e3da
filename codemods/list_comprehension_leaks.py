"""``del i`` of a Python 2 list comprehension's leaked loop variable -> removed."""

from __future__ import annotations

import re
from typing import ClassVar, Union

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ComprehensionScope, PositionProvider, Scope, ScopeProvider

from legacylift.codemod import LiftCodemod

Statement = Union[cst.BaseSmallStatement, cst.RemovalSentinel]


class ListComprehensionLeaks(LiftCodemod):
    """Remove ``del`` of names that only a list comprehension bound (Python 2 leaked them).

    **Why.** A Python 2 list comprehension bound its loop variable in the enclosing scope,
    so code cleaned up after it; on Python 3 the variable is local to the comprehension and
    the ``del`` raises NameError (a class body that does it cannot even be defined).

    **Example.**

        class Table:
            swap = [sum(b << i for b in range(8)) for i in range(256)]
            del i

    becomes

        class Table:
            swap = [sum(b << i for b in range(8)) for i in range(256)]

    **Refuses** names the scope binds any other way (then the ``del`` still has something to
    delete), names read later in that scope (the leaked value is used: a note gives the line,
    as the comprehension must become a loop), and targets other than plain names.

    **Safety.** Safe: on Python 3 the removed ``del`` could only raise NameError.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"^[ \t]*del\b", re.MULTILINE)
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, PositionProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.deleted = {id(n) for d in self.facts.dels for n in _names(d.target)}

    def _leaked(self, scope: Scope, name: cst.Name) -> bool:
        """Whether ``name`` is bound in ``scope`` by nothing but a list comprehension."""
        if scope.assignments[name.value]:
            return False
        comprehensions = {s for s in self.metadata[ScopeProvider].values()
                          if isinstance(s, ComprehensionScope)}  # fmt: skip
        # Python 2 leaked only list comprehensions (generators and set/dict ones had scopes).
        return any(
            isinstance(c.node, cst.ListComp) and _outer(c) is scope and c.assignments[name.value]
            for c in comprehensions
        )

    def leave_Del(
        self, original_node: cst.Del, updated_node: cst.Del
    ) -> cst.Del | cst.RemovalSentinel:
        targets = _names(original_node.target)
        scope = self.get_metadata(ScopeProvider, original_node, None)
        if not targets or scope is None:
            return updated_node
        leaked = [n for n in targets if self._leaked(scope, n)]
        if len(leaked) != len(targets):
            return updated_node  # a partial ``del a, i`` keeps its shape: rare, left alone
        line = self.get_metadata(PositionProvider, original_node).start.line
        read = [
            a for n in leaked for a in scope.accesses[n.value] if id(a.node) not in self.deleted
        ]
        if read:
            self.warn(f"line {line}: a list comprehension's leaked variable is read: use a loop")
            return updated_node
        self.count_rewrite()
        return cst.RemoveFromParent()


def _names(target: cst.BaseDelTargetExpression) -> list[cst.Name]:
    if isinstance(target, cst.Name):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        names = [e.value for e in target.elements]
        return [n for n in names if isinstance(n, cst.Name)] if m.matches(
            target, m.Tuple(elements=[m.ZeroOrMore(m.Element(m.Name()))])
            | m.List(elements=[m.ZeroOrMore(m.Element(m.Name()))])
        ) else []  # fmt: skip
    return []


def _outer(scope: Scope) -> Scope:
    """The first enclosing scope that is not a list comprehension (they nest in Python 2)."""
    while isinstance(scope, ComprehensionScope) and isinstance(scope.node, cst.ListComp):
        scope = scope.parent
    return scope
