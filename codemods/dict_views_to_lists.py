"""Wrap ``d.keys()``, ``map(...)``... in ``list()`` where Python 2 code used them as lists."""

from __future__ import annotations

import re
from typing import ClassVar, TypeVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ScopeProvider

from legacylift.codemod import LiftCodemod

VIEW = m.Call(func=m.Attribute(attr=m.Name("keys") | m.Name("items") | m.Name("values")), args=[])
ITERATOR = m.Call(func=m.Name("map") | m.Name("filter") | m.Name("zip"))
MUTATORS = frozenset({"sort", "reverse", "append", "extend", "insert", "remove", "pop"})
DICT_MUTATORS = frozenset({"pop", "popitem", "clear", "update", "setdefault"})
Block = TypeVar("Block", cst.Module, cst.IndentedBlock)


class DictViewsToLists(LiftCodemod):
    """Wrap dict views and ``map``/``filter``/``zip``/``range`` in ``list()`` where used as lists.

    **Why.** In Python 2 ``d.keys()``, ``d.items()``, ``d.values()``, ``map()``, ``filter()``,
    ``zip()`` and ``range()`` returned lists; in Python 3 they return views, iterators or
    ranges, which cannot be indexed, sorted in place or concatenated, and a dict cannot change
    size while a loop runs over its view.

    **Example.**

        first = d.keys()[0]
        names = d.keys()
        names.sort()
        n = len(filter(None, xs))
        for k in d.keys():
            del d[k]

    becomes

        first = list(d.keys())[0]
        names = list(d.keys())
        names.sort()
        n = len(list(filter(None, xs)))
        for k in list(d.keys()):
            del d[k]

    Contexts: subscripted (not ``range``, which can be indexed), ``+`` operands, the object of
    a list method (``.sort()``...), ``len()`` of an iterator, a name assigned one and sorted or
    mutated by the very next statement, a loop over the view of a dict the loop body changes.

    **Refuses** ``map``/``filter``/``zip``/``range`` that are not the builtins, and anything
    already wrapped (by ``list()``, ``sorted()``, ...): it only fires on the bare call.

    **Safety.** Safe: ``list()`` of a view or iterator holds what Python 2's list held.
    Anything with a no-argument ``keys()``/``items()``/``values()`` is taken for a dict.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\.(?:keys|items|values)\(\)|\b(?:map|filter|zip|range)\(")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def _candidate(self, node: cst.BaseExpression, where: cst.CSTNode, indexing: bool) -> bool:
        if m.matches(node, VIEW):
            return True
        names = ITERATOR if indexing else ITERATOR | m.Call(func=m.Name("range"))
        if not m.matches(node, names):
            return False
        name = cst.ensure_type(cst.ensure_type(node, cst.Call).func, cst.Name).value
        return self.builtin(where, name)

    def _wrap(self, node: cst.BaseExpression) -> cst.Call:
        self.count_rewrite()
        return cst.Call(cst.Name("list"), [cst.Arg(node)])

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.Subscript:
        if not self._candidate(updated_node.value, original_node, indexing=True):
            return updated_node
        return updated_node.with_changes(value=self._wrap(updated_node.value))

    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BinaryOperation:
        if not isinstance(updated_node.operator, cst.Add):
            return updated_node
        left, right = updated_node.left, updated_node.right
        if self._candidate(left, original_node, indexing=False):
            left = self._wrap(left)
        if self._candidate(right, original_node, indexing=False):
            right = self._wrap(right)
        return updated_node.with_changes(left=left, right=right)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = updated_node.func
        if isinstance(func, cst.Attribute) and func.attr.value in MUTATORS:
            if self._candidate(func.value, original_node, indexing=False):
                return updated_node.with_changes(
                    func=func.with_changes(value=self._wrap(func.value))
                )
        elif m.matches(updated_node, m.Call(func=m.Name("len"), args=[m.Arg(ITERATOR)])):
            arg = updated_node.args[0]
            if self._candidate(arg.value, original_node, indexing=True) and self.builtin(
                original_node, "len"
            ):
                return updated_node.with_changes(
                    args=[arg.with_changes(value=self._wrap(arg.value))]
                )
        return updated_node

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.For:
        if not m.matches(updated_node.iter, VIEW):
            return updated_node
        owner = cst.ensure_type(
            cst.ensure_type(updated_node.iter, cst.Call).func, cst.Attribute
        ).value
        if not m.matches(owner, m.Name() | m.Attribute(value=m.Name())):
            return updated_node
        same: m.MatchIfTrue[cst.BaseExpression] = m.MatchIfTrue(owner.deep_equals)
        changes = (
            m.Del(target=m.Subscript(value=same))
            | m.AssignTarget(target=m.Subscript(value=same))
            | m.AugAssign(target=m.Subscript(value=same))
            | m.Call(func=m.Attribute(value=same, attr=m.OneOf(*map(m.Name, DICT_MUTATORS))))
        )
        if not m.findall(updated_node.body, changes):
            return updated_node
        return updated_node.with_changes(iter=self._wrap(updated_node.iter))

    def leave_Module(self, original: Block, updated: Block) -> Block:
        """``names = d.keys()`` directly followed by ``names.sort()`` (or another list method)."""
        body = list(updated.body)
        if len(body) != len(original.body):
            return updated
        assign = m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(m.Name())])])
        for i, (line, nxt) in enumerate(zip(body, body[1:])):
            if not m.matches(line, assign):
                continue
            stmt = cst.ensure_type(
                cst.ensure_type(line, cst.SimpleStatementLine).body[0], cst.Assign
            )
            name = cst.ensure_type(stmt.targets[0].target, cst.Name).value
            method = m.Attribute(value=m.Name(name), attr=m.OneOf(*map(m.Name, MUTATORS)))
            later = m.SimpleStatementLine(body=[m.Expr(m.Call(func=method)), m.ZeroOrMore()])
            if m.matches(nxt, later) and self._candidate(stmt.value, original.body[i], False):
                body[i] = line.with_changes(body=[stmt.with_changes(value=self._wrap(stmt.value))])
        return updated.with_changes(body=body) if body != list(updated.body) else updated

    leave_IndentedBlock = leave_Module
