"""Python 2 iterators: ``def next`` -> ``def __next__``, ``it.next()`` -> ``next(it)``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import BuiltinAssignment, ClassScope, ScopeProvider

from legacylift.codemod import LiftCodemod, Refuse, require

NEXT_CALL = m.Call(func=m.Attribute(attr=m.Name("next")), args=[])
SUPER_CALL = m.Call(func=m.Name("super"))


class NextMethodToDunder(LiftCodemod):
    """Rename iterator ``next`` methods to ``__next__`` and turn ``it.next()`` into ``next(it)``.

    Why: Python 3 spells the iterator protocol ``__next__``; a Python 2 iterator class is not an
    iterator any more, and ``.next()`` on generators, files and ``iter()`` raises. Example::

        class Count:
            def __iter__(self):
                return self

            def next(self):
                return 1

        first = Count().next()

    becomes::

        class Count:
            def __iter__(self):
                return self

            def __next__(self):
                return 1

        first = next(Count())

    The method is renamed, and no ``next = __next__`` alias is added, only when its class also
    defines ``__iter__`` and no ``__next__``, it is a plain ``def next(self)`` (no decorator,
    no other parameter) and the class body neither reads nor rebinds ``next``.
    ``super(...).next()`` becomes ``super(...).__next__()``.

    Refused: ``.next(...)`` calls with arguments; calls where ``next`` is not the builtin; every
    call in a file where a class keeps a ``next`` method (it may not be an iterator); every
    rename in a file that uses ``.next`` other than as ``x.next()`` (``self.next`` passed as a
    callback would break); comments inside the call.

    Safety: a ``.next()`` call on an object of another module's class whose ``next`` is not the
    iterator protocol (say a pager's ``page.next()``) would break: review such calls.
    Subclasses elsewhere that override ``next`` need the same rewrite.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\.next\s*\(|\bdef\s+next\s*\(")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def visit_Module(self, node: cst.Module) -> None:
        self._rename: set[cst.FunctionDef] = set()
        uses = self.facts.attributes["next"]
        # `.next` other than `x.next()` (only counted when there is any `.next` at all)
        self._stray = bool(uses) and uses > len(m.findall(node, NEXT_CALL))
        self._calls_ok = True
        for klass in self.facts.classes:
            if not isinstance(klass.body, cst.IndentedBlock):
                continue
            methods = [s for s in klass.body.body if m.matches(s, m.FunctionDef(m.Name("next")))]
            if not methods:
                continue
            try:
                self._rename.add(self._renamable(methods))
            except Refuse:
                self._calls_ok = False
                name = klass.name.value
                self.warn(f"class {name} keeps its next method; .next() calls left as they are")

    def _renamable(self, methods: Sequence[cst.CSTNode]) -> cst.FunctionDef:
        require(len(methods) == 1 and not self._stray)
        method = cst.ensure_type(methods[0], cst.FunctionDef)
        params = method.params
        require(not method.decorators and method.asynchronous is None)
        require(len(params.params) == 1 and params.params[0].default is None)
        require(not (params.posonly_params or params.kwonly_params))
        require(not isinstance(params.star_arg, cst.Param) and params.star_kwarg is None)
        own = self.get_metadata(ScopeProvider, method)
        require(isinstance(own, ClassScope))
        assert own is not None
        require(len(own.assignments["__iter__"]) > 0 and not own.assignments["__next__"])
        require(len(own.assignments["next"]) == 1 and not own.accesses["next"])
        return method

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        if original_node not in self._rename:
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(name=cst.Name("__next__"))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not self._calls_ok or not m.matches(updated_node, NEXT_CALL):
            return updated_node
        func = cst.ensure_type(updated_node.func, cst.Attribute)
        receiver = func.value
        if m.findall(updated_node, m.Comment()) != m.findall(receiver, m.Comment()):
            return updated_node  # a comment around `.next(` would be lost
        if m.matches(receiver, SUPER_CALL):  # next(super()) raises: call the method instead
            self.count_rewrite()
            return updated_node.with_changes(func=func.with_changes(attr=cst.Name("__next__")))
        scope = self.get_metadata(ScopeProvider, original_node)
        if scope is None or not all(isinstance(a, BuiltinAssignment) for a in scope["next"]):
            return updated_node  # `next` is not the builtin here
        bare = receiver.with_changes(lpar=[], rpar=[])
        keep = isinstance(receiver, (cst.Tuple, cst.Yield, cst.NamedExpr))
        if not keep and len(m.findall(bare, m.Comment())) == len(m.findall(receiver, m.Comment())):
            receiver = bare
        self.count_rewrite()
        return cst.Call(cst.Name("next"), args=[cst.Arg(receiver)])
