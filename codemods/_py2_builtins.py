"""Helpers shared by the Python 2 semantics codemods (builtins, dict methods, cmp, super,
generators)."""

from __future__ import annotations

import dataclasses
import functools

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    BuiltinAssignment,
    ClassScope,
    FunctionScope,
    GlobalScope,
    ImportAssignment,
    Scope,
)

#: Expressions that bind more loosely than a comparison operand or a call target.
_LOOSE = (cst.Comparison, cst.BooleanOperation, cst.IfExp, cst.Lambda, cst.NamedExpr, cst.Yield)
#: What makes a scope of its own in LibCST (AnnotationScope: type parameters, ``type X = ...``).
SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.ListComp, cst.SetComp, cst.DictComp,
          cst.GeneratorExp, cst.TypeAlias)  # fmt: skip
OTHER = cst.Pass()  # stands for a scope that is neither a function's nor a class's
#: Where a generator's code runs in another frame: a raise or next() there is not the generator's.
FRAMES = (cst.Lambda, cst.ClassDef, cst.GeneratorExp, cst.ListComp, cst.SetComp, cst.DictComp)
#: The builtin exception types whose ``except`` catches StopIteration.
CATCHERS = frozenset({"StopIteration", "Exception", "BaseException"})  # handler types


def is_module_name(scope: Scope | None, name: str) -> bool:
    """Whether ``name`` is unbound or only bound by imports (so adding ``import name`` is safe)."""
    return scope is not None and all(
        isinstance(a, (BuiltinAssignment, ImportAssignment)) for a in scope[name]
    )


def is_access(scope: Scope | None, node: cst.Name) -> bool:
    """Whether ``node`` (an original node) is a read of its name, not a def/attr/keyword."""
    return scope is not None and any(a.node is node for a in scope.accesses[node.value])


def comments(node: cst.CSTNode) -> int:
    """How many comments ``node`` holds."""
    return len(comment_nodes(node))


def comment_nodes(node: cst.CSTNode) -> list[cst.Comment]:
    """The comments ``node`` holds, itself included (in no particular order).

    ``m.findall(node, m.Comment())`` finds the same ones, but through a visitor that rebuilds
    each node it passes and matches each against the pattern: reading the fields is about three
    times faster, and codemods ask this of every candidate they rewrite.
    """
    found: list[cst.Comment] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if type(current) is cst.Comment:
            found.append(current)
            continue
        for name in _field_names(type(current)):
            value = getattr(current, name)
            if isinstance(value, cst.CSTNode):
                stack.append(value)
            elif type(value) in (tuple, list):
                stack.extend(item for item in value if isinstance(item, cst.CSTNode))
    return found


@functools.cache
def _field_names(kind: type[cst.CSTNode]) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def parens(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` wrapped in parentheses."""
    return node.with_changes(
        lpar=[cst.LeftParen(), *node.lpar], rpar=[*node.rpar, cst.RightParen()]
    )


def operand(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` parenthesized if it binds more loosely than a comparison operand."""
    if node.lpar:
        return node
    loose = isinstance(node, _LOOSE) or m.matches(node, m.UnaryOperation(operator=m.Not()))
    return parens(node) if loose else node


def atom(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` parenthesized unless it can be called or subscripted as it is."""
    primary = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.List, cst.Tuple, cst.Dict)
    return node if node.lpar or isinstance(node, primary) else parens(node)


def simple(node: cst.BaseExpression) -> bool:
    """Whether evaluating ``node`` twice is harmless: names, attributes, constants, subscripts."""
    if isinstance(node, (cst.Name, cst.Integer, cst.Float, cst.SimpleString)):
        return True
    if isinstance(node, cst.Attribute):
        return simple(node.value)
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        return simple(node.expression)
    if isinstance(node, cst.Subscript):
        return simple(node.value) and all(
            isinstance(e.slice, cst.Index) and simple(e.slice.value) for e in node.slice
        )
    return False


def dotted(name: str) -> cst.Attribute | cst.Name:
    """``"urllib.request"`` as an expression."""
    head, _, last = name.rpartition(".")
    return cst.Attribute(dotted(head), cst.Name(last)) if head else cst.Name(last)


def scope_owners(scope: Scope | None) -> list[cst.CSTNode | None]:
    """The defs and classes whose scopes are ``scope`` and the scopes around it (OTHER for
    other scopes), innermost first, then None (the module)."""
    owners: list[cst.CSTNode | None] = []
    while scope is not None and not isinstance(scope, GlobalScope):
        owners.append(scope.node if isinstance(scope, (FunctionScope, ClassScope)) else OTHER)
        scope = scope.parent
    return [*owners, None]


def has_yield(body: cst.CSTNode) -> bool:
    """Whether the function whose body is ``body`` has a ``yield`` (not of nested scopes)."""
    finder = _YieldFinder()
    body.visit(finder)
    return finder.found


class _YieldFinder(cst.CSTVisitor):
    """Finds a ``yield`` of the function whose body it visits (not of nested scopes)."""

    found = False

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.found = self.found or isinstance(node, cst.Yield)
        return not isinstance(node, (cst.FunctionDef, cst.Lambda, cst.ClassDef))
