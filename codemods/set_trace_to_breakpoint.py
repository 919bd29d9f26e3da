"""``pdb.set_trace()`` -> ``breakpoint()``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
from libcst.metadata import QualifiedNameProvider, QualifiedNameSource, ScopeProvider

from legacylift.codemod import LiftCodemod

SAFE = frozenset({"pdb.set_trace"})
#: Third-party debuggers: ``breakpoint()`` opens pdb instead unless PYTHONBREAKPOINT says so.
OTHER_DEBUGGERS = frozenset({"ipdb.set_trace", "pudb.set_trace"})


class SetTraceToBreakpoint(LiftCodemod):
    """Replace debugger ``set_trace()`` calls with the ``breakpoint()`` builtin (3.7+).

    **Why.** ``breakpoint()`` (PEP 553) needs no import, and ``PYTHONBREAKPOINT`` chooses the
    debugger (or ``0`` disables every breakpoint) without touching the code.

    **Example.**

        import pdb
        def f(x):
            pdb.set_trace()
            return x

    becomes

        def f(x):
            breakpoint()
            return x

    Names are resolved, so ``import pdb as p; p.set_trace()`` and
    ``from pdb import set_trace; set_trace()`` are rewritten too, and a local function that
    happens to be called ``set_trace`` is not.  The ``pdb`` import goes only when nothing else
    uses it.

    **Refuses** calls with arguments (they would reach whatever hook ``PYTHONBREAKPOINT``
    names), and any call in a scope where ``breakpoint`` is bound to something else.

    **Safety.** Safe for ``pdb``.  ``ipdb.set_trace()`` and ``pudb.set_trace()`` are rewritten
    only with ``--unsafe``: ``breakpoint()`` opens pdb unless ``PYTHONBREAKPOINT`` names the
    other debugger, so the debugger a developer gets changes.
    """

    MIN_PYTHON = (3, 7)
    PRECHECK = re.compile(r"\bset_trace\b")
    METADATA_DEPENDENCIES: ClassVar = (QualifiedNameProvider, ScopeProvider)

    def _debugger_call(self, node: cst.Call) -> str | None:
        for name in self.get_metadata(QualifiedNameProvider, node.func, set()):
            if name.source is QualifiedNameSource.IMPORT and name.name in SAFE | OTHER_DEBUGGERS:
                return name.name
        return None

    def _breakpoint_is_builtin(self, node: cst.Call) -> bool:
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        return all(
            isinstance(assignment, cst.metadata.BuiltinAssignment)
            for assignment in scope["breakpoint"]
        )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not isinstance(updated_node.func, (cst.Name, cst.Attribute)):
            return updated_node
        debugger = self._debugger_call(original_node)
        if debugger is None or updated_node.args:
            return updated_node
        if debugger in OTHER_DEBUGGERS and not self.unsafe:
            self.warn(f"{debugger}() kept: breakpoint() would open pdb instead (see --unsafe)")
            return updated_node
        if not self._breakpoint_is_builtin(original_node):
            return updated_node
        self.unimport(original_node)
        self.count_rewrite()
        return updated_node.with_changes(func=cst.Name("breakpoint"))
