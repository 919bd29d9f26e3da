"""Helpers of the idiom codemods that go beyond pyupgrade: what a name is provably bound to,
and where a value visibly flows."""

from __future__ import annotations

from typing import Union, cast

import libcst as cst
import libcst.matchers as m
from libcst.metadata import Assignment, ParentNodeProvider, Scope, ScopeProvider

from legacylift.codemod import LiftCodemod, Refuse, is_builtin

#: The statements (or parameter) that give a plain name its value.
Binder = Union[cst.Assign, cst.AnnAssign, cst.AugAssign, cst.NamedExpr, cst.Param]
#: Calls of builtins, and methods of a str, that return a str.
STR_CALLS = frozenset(("str", "repr", "ascii", "chr", "format", "input"))
#: Builtins that iterate or measure their argument.
SEQUENCE_CALLS = frozenset((
    "len", "tuple", "list", "iter", "reversed", "sorted", "set", "frozenset", "sum", "min", "max",
    "zip", "enumerate", "map", "filter", "any", "all", "dict",
))  # fmt: skip
EQUALITY = (cst.Is, cst.IsNot, cst.Equal, cst.NotEqual)
STR_METHODS = frozenset((
    "strip", "lstrip", "rstrip", "lower", "upper", "casefold", "title", "capitalize", "swapcase",
    "replace", "format", "format_map", "join", "center", "ljust", "rjust", "zfill", "expandtabs",
    "translate", "removeprefix", "removesuffix",
))  # fmt: skip


def dotted_key(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` as a string for names and attribute chains (None for anything else)."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted_key(node.value)
        return None if head is None else f"{head}.{node.attr.value}"
    return None


def extract(node: cst.CSTNode, matcher: m.BaseMatcherNode) -> dict[str, cst.BaseExpression]:
    """The expressions that ``matcher`` saved in ``node`` (refuse if it does not match)."""
    found = m.extract(node, matcher)
    if found is None:
        raise Refuse
    return cast(dict[str, cst.BaseExpression], found)


def str_value(node: cst.BaseExpression) -> str:
    """The value of a str literal (refuse bytes and anything else)."""
    value = node.evaluated_value if isinstance(node, cst.SimpleString) else None
    if not isinstance(value, str):
        raise Refuse
    return value


def _reads(binder: Binder, name: str) -> bool:
    """Whether a binding reads the name it binds (``s += t``, ``s = s.strip()``)."""
    if isinstance(binder, cst.Param):
        return False
    value = binder.value
    within = binder if isinstance(binder, cst.AugAssign) or value is None else value
    return bool(m.findall(within, m.Name(name)))


class Proofs:
    """What the names of a file are provably bound to; the codemod declares ScopeProvider and
    ParentNodeProvider, and passes original nodes."""

    def __init__(self, codemod: LiftCodemod) -> None:
        self.codemod = codemod

    def scope(self, node: cst.CSTNode) -> Scope | None:
        return self.codemod.get_metadata(ScopeProvider, node, None)

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.codemod.get_metadata(ParentNodeProvider, node, None)

    def binders(self, name: cst.Name) -> list[Binder] | None:
        """Every binding of ``name`` where it is read, in no particular order.

        None when the name is unbound, or when one binding is anything but ``name = ...`` (also
        ``name: T = ...``, ``name op= ...``, ``(name := ...)`` and a parameter): a loop or
        ``with`` target, an unpacking, an import, a def, a builtin, or a star import may bind
        it.  Bindings through ``global`` and ``nonlocal`` count where the name lives, so a
        nested function rebinding it is seen.
        """
        scope = self.scope(name)
        if scope is None or not scope[name.value] or self.codemod.facts.star_import:
            return None
        found: list[Binder] = []
        for assignment in scope[name.value]:
            if type(assignment) is not Assignment:  # a builtin, an import
                return None
            node = assignment.node
            above = node if isinstance(node, cst.Param) else self.parent(node)
            if isinstance(above, cst.AssignTarget):
                above = self.parent(above)
            if isinstance(above, (cst.AnnAssign, cst.AugAssign, cst.NamedExpr)):
                if above.target is not node:
                    return None
            elif not isinstance(above, (cst.Assign, cst.Param)):
                return None
            found.append(above)
        return found

    def is_str(self, node: cst.BaseExpression, seen: frozenset[str] = frozenset()) -> bool:
        """Whether ``node`` is provably a ``str``: a str literal or f-string, a call of ``str``,
        ``repr``..., a str method's result, a slice or ``+``/``%`` of strs, or a name all of
        whose bindings are such values or are annotated ``str``."""
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            return isinstance(node.evaluated_value, str)
        if isinstance(node, (cst.FormattedString, cst.Subscript)):
            return isinstance(node, cst.FormattedString) or self.is_str(node.value, seen)
        if isinstance(node, cst.BinaryOperation):
            operator = node.operator
            plus = isinstance(operator, cst.Add) and self.is_str(node.right, seen)
            return (plus or isinstance(operator, cst.Modulo)) and self.is_str(node.left, seen)
        if isinstance(node, cst.IfExp):
            return self.is_str(node.body, seen) and self.is_str(node.orelse, seen)
        if isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Name):
                return func.value in STR_CALLS and is_builtin(self.scope(node), func.value)
            return (
                isinstance(func, cst.Attribute)
                and func.attr.value in STR_METHODS
                and self.is_str(func.value, seen)
            )
        if not isinstance(node, cst.Name):
            return False
        if node.value in seen:
            return True  # a name read in its own binding: its other bindings decide
        found = self.binders(node)
        if found is None or not all(self._binds_str(b, seen | {node.value}) for b in found):
            return False
        # ... so one of them must not read the name (``s = s.strip()`` alone proves nothing).
        return not all(_reads(binder, node.value) for binder in found)

    def _binds_str(self, binder: Binder, seen: frozenset[str]) -> bool:
        if (
            isinstance(binder, (cst.Param, cst.AnnAssign))  # ``s: str`` trusted, as for a param
            and binder.annotation is not None
            and m.matches(binder.annotation.annotation, m.Name("str"))
        ):
            return True
        if isinstance(binder, cst.AugAssign):
            if isinstance(binder.operator, cst.ModuloAssign):
                return True  # s %= args: a str stays a str
            return isinstance(binder.operator, cst.AddAssign) and self.is_str(binder.value, seen)
        value = None if isinstance(binder, cst.Param) else binder.value
        return value is not None and self.is_str(value, seen)

    def is_dict(self, name: cst.Name) -> bool:
        """Whether ``name`` is bound once, in the scope where it is read, to a dict display,
        a dict comprehension or a call of the builtin ``dict``: it can only be a ``dict``."""
        found, scope = self.binders(name), self.scope(name)
        if found is None or len(found) != 1 or scope is None:
            return False
        if any(a.scope is not scope for a in scope[name.value]):
            return False
        value = None if isinstance(found[0], (cst.Param, cst.AugAssign)) else found[0].value
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
            return value.func.value == "dict" and is_builtin(self.scope(value), "dict")
        return isinstance(value, (cst.Dict, cst.DictComp))

    def reads(self, binder: cst.Name | cst.Param) -> list[cst.CSTNode]:
        """The nodes that read the value ``binder`` (an assigned name, a parameter) binds."""
        name = binder.name if isinstance(binder, cst.Param) else binder
        scope = self.scope(name)
        if scope is None:
            raise Refuse
        found = [a for a in scope[name.value] if getattr(a, "node", None) is binder]
        return [access.node for assignment in found for access in assignment.references]

    def flows(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        """``node`` and everywhere its value is read through plain names (``q = p`` too)."""
        found: list[cst.CSTNode] = []
        todo = [node]
        while todo:
            here = todo.pop()
            if here in found:
                continue
            found.append(here)
            parent = self.parent(here)
            targets: list[cst.CSTNode] = []
            if isinstance(parent, cst.Assign):
                targets = [target.target for target in parent.targets]
            elif isinstance(parent, (cst.AnnAssign, cst.NamedExpr)) and parent.value is here:
                targets = [parent.target]
                todo += [parent] if isinstance(parent, cst.NamedExpr) else []  # its own value
            todo += [read for t in targets if isinstance(t, cst.Name) for read in self.reads(t)]
        return found

    def used_as_sequence(self, node: cst.CSTNode) -> bool:
        """Whether the value at ``node`` is used as a sequence anywhere it visibly flows."""
        return any(self.sequence_use(read) for read in self.flows(node))

    def sequence_use(self, node: cst.CSTNode) -> bool:
        """Whether the value read at ``node`` is used as a sequence: indexed, iterated, unpacked,
        starred, given to ``len``/``tuple``/``sorted``... or ``isinstance(.., tuple)``,
        an operand of ``+``/``*``/``%``, ordered, ``in``, compared with a tuple or list display,
        or asked for ``count``/``index``/a dunder."""
        parent = self.parent(node)
        if isinstance(parent, cst.Subscript):
            return parent.value is node
        if isinstance(parent, (cst.For, cst.CompFor)):
            return parent.iter is node
        if isinstance(parent, cst.Arg):
            call = self.parent(parent)
            func = call.func if isinstance(call, cst.Call) else None
            called = func.value if isinstance(func, cst.Name) else ""
            if called in ("isinstance", "issubclass") and call is not None:
                return bool(parent.star) or bool(m.findall(call, m.Name("tuple")))
            return bool(parent.star) or called in SEQUENCE_CALLS
        if isinstance(parent, cst.Assign):  # unpacking
            return any(isinstance(t.target, (cst.Tuple, cst.List)) for t in parent.targets)
        if isinstance(parent, cst.Attribute):
            return parent.attr.value in ("count", "index") or parent.attr.value.startswith("__")
        if isinstance(parent, cst.ComparisonTarget):
            parent = self.parent(parent)
        if isinstance(parent, cst.Comparison):
            operands = [parent.left, *(c.comparator for c in parent.comparisons)]
            displays = any(isinstance(o, (cst.Tuple, cst.List)) for o in operands)
            return displays or not all(isinstance(c.operator, EQUALITY) for c in parent.comparisons)
        return isinstance(parent, (cst.StarredElement, cst.BinaryOperation, cst.AugAssign))
