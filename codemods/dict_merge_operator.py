"""``{**a, **b}`` -> ``a | b`` where both are provably dicts (3.9+)."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ParentNodeProvider, ScopeProvider

from codemods._beyond import Proofs
from codemods._py2_builtins import comments, parens
from legacylift.codemod import LiftCodemod

SPREAD = m.StarredDictElement(m.Name())
#: Where ``a | b`` needs no parentheses: ``|`` binds tighter than all of these.
LOOSE_PARENTS = (
    cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Return, cst.Expr, cst.Arg, cst.Element,
    cst.DictElement, cst.Comparison, cst.ComparisonTarget, cst.IfExp, cst.BooleanOperation,
    cst.Lambda, cst.Yield,
)  # fmt: skip


class DictMergeOperator(LiftCodemod):
    """Merge two or more dicts with ``|`` (PEP 584, 3.9+) instead of a ``**`` display.

    **Why.** ``a | b`` reads as the merge it is; ``{**a, **b}`` reads as a new literal.

    **Example.**

        defaults = {"color": "red", "size": 1}
        user = dict(size=2)
        settings = {**defaults, **user}

    becomes

        defaults = {"color": "red", "size": 1}
        user = dict(size=2)
        settings = defaults | user

    Three or more spreads give ``a | b | c``; parentheses are added where ``|`` would bind
    differently (``(a | b).items()``).  ``a.update(b)`` is never touched (it mutates ``a``).

    **Refuses** a display with anything but ``**name`` items (``{**a, "k": 1}``), a comment
    inside, and any name that is not provably a ``dict``: it must be bound exactly once, in
    the scope where the display is, to a dict display, a dict comprehension or a call of the
    builtin ``dict`` (a parameter, an ``OrderedDict``, a loop variable, a name bound twice or
    in an enclosing function, and any file with ``import *`` are left alone).

    **Safety.** Safe under those conditions: both forms build a new ``dict`` with the keys of
    ``a`` then those of ``b`` (later values win), evaluating the names in the same order.  It
    would not be for other mappings: ``Mapping`` has no ``|``, and ``OrderedDict |`` or a
    ``defaultdict |`` returns its own type, where ``{**a, **b}`` is always a plain dict.
    """

    MIN_PYTHON = (3, 9)
    PRECHECK = re.compile(r"\{\s*\*\*\w+\s*,\s*\*\*")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, ParentNodeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.proofs = Proofs(self)

    def leave_Dict(self, original_node: cst.Dict, updated_node: cst.Dict) -> cst.BaseExpression:
        items = original_node.elements
        if len(items) < 2 or not all(m.matches(item, SPREAD) for item in items):
            return updated_node
        names = [item.value for item in items if isinstance(item, cst.StarredDictElement)]
        if comments(original_node) or not updated_node.deep_equals(original_node):
            return updated_node
        if not all(isinstance(n, cst.Name) and self.proofs.is_dict(n) for n in names):
            return updated_node
        self.count_rewrite()
        merged = names[0].with_changes(lpar=[], rpar=[])
        for name in names[1:]:
            merged = cst.BinaryOperation(merged, cst.BitOr(), name.with_changes(lpar=[], rpar=[]))
        if updated_node.lpar:
            return merged.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        parent = self.get_metadata(ParentNodeProvider, original_node, None)
        starred = isinstance(parent, cst.Arg) and parent.star  # ``f(**(a | b))`` reads better
        return merged if isinstance(parent, LOOSE_PARENTS) and not starred else parens(merged)
