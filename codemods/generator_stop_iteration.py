"""``raise StopIteration`` in a generator -> ``return`` (PEP 479)."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ParentNodeProvider, PositionProvider, ScopeProvider

from codemods._idioms import generator_stops
from codemods._py2_builtins import CATCHERS, FRAMES, comments, has_yield, parens
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod

STOP = m.Name("StopIteration") | m.Call(m.Name("StopIteration"))
NEXT = m.Call(m.Name("next"), args=[m.Arg(keyword=None, star="")])


class GeneratorStopIteration(LiftCodemod):
    """Replace ``raise StopIteration`` in a generator with ``return`` (PEP 479).

    **Why.** Since Python 3.7 a ``StopIteration`` that escapes a generator's frame becomes a
    ``RuntimeError``: the Python 2 way of ending a generator early now crashes.  ``return``
    (``return value`` for ``StopIteration(value)``) ends it the same way on every version.

    **Example.**

        def pairs(items):
            for i, item in enumerate(items):
                if item is None:
                    raise StopIteration
                yield i, item
            raise StopIteration("done")

    becomes

        def pairs(items):
            for i, item in enumerate(items):
                if item is None:
                    return
                yield i, item
            return "done"

    Only a raise directly in the generator counts (not in a nested ``def``, ``lambda`` or
    class).  A bare ``next(it)`` in a generator, outside a ``try`` that catches
    ``StopIteration``, is not rewritten, but a note lists its lines: when ``it`` is exhausted
    the ``StopIteration`` it raises is now a ``RuntimeError`` too.

    **Refuses**, with a note, a raise inside a ``try`` whose handlers may catch
    ``StopIteration`` (bare, ``StopIteration``, ``Exception``, ``BaseException`` or a name
    that is not a builtin: the raise is caught right there), inside ``finally`` (``return``
    there swallows the exception in flight) or ``with`` (``__exit__`` would see a normal
    exit, not an exception).  Also ``async def``, a ``StopIteration`` that is not the builtin,
    or one with a cause, several arguments or a comment inside.

    **Safety.** Safe: before 3.7 both ended the generator, with the same value.
    """

    MIN_PYTHON = (3, 3)  # ``return value`` in a generator
    REACH = "local"
    PRECHECK = re.compile(r"\byield\b")

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return generator_stops(found)

    METADATA_DEPENDENCIES: ClassVar = (ParentNodeProvider, ScopeProvider, PositionProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.generators: dict[cst.FunctionDef, bool] = {}
        self.nexts: list[int] = []

    def _context(self, node: cst.CSTNode) -> tuple[bool, bool, bool]:
        """Whether ``node`` runs directly in a generator, inside a ``try`` that may catch
        StopIteration, and inside a ``finally`` or ``with`` of that generator."""
        caught = guarded = False
        child: cst.CSTNode = node
        parent: cst.CSTNode | None = None
        for parent in self.parents(node):  # the pipeline's stack: no ParentNodeProvider
            if isinstance(parent, (cst.FunctionDef, cst.Module, *FRAMES)):
                break
            guarded = guarded or isinstance(parent, (cst.Finally, cst.With))
            if isinstance(parent, (cst.Try, cst.TryStar)) and child is parent.body:
                caught = caught or any(map(self._may_catch, parent.handlers))
            child = parent
        if not isinstance(parent, cst.FunctionDef) or parent.asynchronous:
            return False, caught, guarded
        if parent not in self.generators:
            self.generators[parent] = has_yield(parent.body)
        return self.generators[parent], caught, guarded

    def _may_catch(self, handler: cst.ExceptHandler | cst.ExceptStarHandler) -> bool:
        kind = handler.type
        names = (
            kind.elements if isinstance(kind, cst.Tuple) else [cst.Element(kind)] if kind else []
        )
        return not names or not all(
            isinstance(e.value, cst.Name)
            and e.value.value not in CATCHERS
            and self.builtin(handler, e.value.value)
            for e in names
        )

    def leave_Raise(
        self, original_node: cst.Raise, updated_node: cst.Raise
    ) -> cst.Raise | cst.Return:
        exc = original_node.exc
        if exc is None or not m.matches(exc, STOP) or original_node.cause is not None:
            return updated_node
        name = exc.func if isinstance(exc, cst.Call) else exc
        if not self.builtin(name, "StopIteration"):
            return updated_node
        generator, caught, guarded = self._context(original_node)
        args = exc.args if isinstance(exc, cst.Call) else ()
        if not generator or len(args) > 1 or comments(updated_node):
            return updated_node
        if caught or guarded:
            line = self.get_metadata(PositionProvider, original_node).start.line
            self.warn(f"line {line}: raise StopIteration kept: a try/with/finally around it")
            return updated_node
        value: cst.BaseExpression | None = None
        if args:
            if not m.matches(args[0], m.Arg(keyword=None, star="")):
                return updated_node
            value = args[0].value
            if isinstance(value, (cst.GeneratorExp, cst.NamedExpr)) and not value.lpar:
                value = parens(value)
        self.count_rewrite()
        return cst.Return(value, semicolon=updated_node.semicolon)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if m.matches(original_node, NEXT):
            generator, caught, _ = self._context(original_node)
            if generator and not caught and self.builtin(original_node.func, "next"):
                self.nexts.append(self.get_metadata(PositionProvider, original_node).start.line)
        return updated_node

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if self.nexts:
            lines = ", ".join(map(str, self.nexts))
            self.warn(f"next() in a generator on line(s) {lines}: RuntimeError when exhausted")
        return updated_node
