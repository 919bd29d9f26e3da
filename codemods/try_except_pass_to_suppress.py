"""``try: x`` / ``except E: pass`` -> ``with contextlib.suppress(E): x``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor
from libcst.metadata import ImportAssignment, Scope, ScopeProvider

from codemods._beyond import dotted_key
from codemods._py2_builtins import comments
from legacylift.codemod import LiftCodemod, Refuse, require

PASS = m.IndentedBlock([m.SimpleStatementLine([m.Pass()])]) | m.SimpleStatementSuite([m.Pass()])
#: At most this many statement lines in the ``try`` (ruff's SIM105 takes one).
MAX_LINES = 3


class TryExceptPassToSuppress(LiftCodemod):
    """Replace ``try``/``except E: pass`` with ``with contextlib.suppress(E):``.

    **Why.** The ``with`` says in its first line which errors are ignored (ruff's SIM105).

    **Example.**

        try:
            os.remove(path)  # may be gone already
        except (FileNotFoundError, NotADirectoryError):
            pass

    becomes

        import contextlib

        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            os.remove(path)  # may be gone already

    A ``from contextlib import suppress`` already there is used as ``suppress(E)``.

    **Refuses** more than one ``except``, ``else``/``finally``, ``except E as e``, a bare
    ``except:``, anything but ``pass`` in the handler, more than three simple statement lines in
    the ``try`` (no compound statement), a comment in the ``except`` part (it would be lost),
    exceptions that are not names or attributes (or a tuple of them), a name that may be unbound
    when the ``with`` starts (not defined anywhere, e.g. ``WindowsError`` off Windows, or bound
    in the ``try`` itself), and a ``contextlib`` name that is not the module.

    **Safety.** Only with ``--unsafe``, for two differences: ``E`` is evaluated when the block
    starts, not only once something is raised (hence the unbound-name refusals); and from
    Python 3.12 on ``suppress`` also swallows the members of an ``ExceptionGroup`` that match
    ``E`` (re-raising a group of the others), where ``except E`` lets the whole group through.
    ``break``, ``continue`` and ``return`` leave a ``with`` exactly as they leave a ``try``
    (the manager's exit sees no exception), so loops are fine.  The manager costs a call and
    an object per run (well under a microsecond): in a hot loop, leave this codemod out.
    """

    MIN_PYTHON = (3, 4)  # contextlib.suppress
    UNSAFE_ONLY = True  # exception groups (3.12+) and the early evaluation of E, see Safety
    PRECHECK = re.compile(r"\bexcept\b[^:]*:\s*pass\b")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try) -> cst.BaseStatement:
        if len(updated_node.handlers) != 1 or updated_node.orelse or updated_node.finalbody:
            return updated_node
        handler = updated_node.handlers[0]
        if handler.type is None or handler.name is not None or not m.matches(handler.body, PASS):
            return updated_node
        try:
            require(not comments(handler))  # it would be lost
            body = updated_node.body  # a one-line ``try: x`` holds simple statements only
            lines = body.body if isinstance(body, cst.IndentedBlock) else []
            require(len(lines) <= MAX_LINES)
            require(all(isinstance(line, cst.SimpleStatementLine) for line in lines))
            scope = self.get_metadata(ScopeProvider, original_node, None)
            if scope is None:
                raise Refuse
            exceptions = self._exceptions(original_node, handler.type, scope)
            func = self._suppress(scope)
        except Refuse:
            return updated_node
        self.count_rewrite()
        call = cst.Call(func, [cst.Arg(e) for e in exceptions])
        return cst.With([cst.WithItem(call)], body, leading_lines=updated_node.leading_lines)

    @staticmethod
    def _exceptions(
        original: cst.Try, caught: cst.BaseExpression, scope: Scope
    ) -> list[cst.BaseExpression]:
        """The exceptions to pass to ``suppress``, each one sure to be bound when it starts."""
        if isinstance(caught, cst.Tuple):
            require(all(isinstance(e, cst.Element) for e in caught.elements))
            exceptions = [e.value for e in caught.elements]
        else:
            exceptions = [caught]
        require(exceptions and all(dotted_key(e) is not None for e in exceptions))
        inside = {*m.findall(original.body, m.Name() | m.Import() | m.ImportFrom())}
        for exception in exceptions:
            head = (dotted_key(exception) or "").partition(".")[0]
            found = scope[head]
            require(bool(found) and not any(getattr(a, "node", None) in inside for a in found))
        return [e.with_changes(lpar=[], rpar=[]) for e in exceptions]

    def _suppress(self, scope: Scope) -> cst.BaseExpression:
        """``suppress`` if imported from contextlib, else ``contextlib.suppress`` (imported)."""
        names = {qualified.name for qualified in scope.get_qualified_names_for("suppress")}
        if names == {"contextlib.suppress"}:
            return cst.Name("suppress")
        bound = {qualified.name for qualified in scope.get_qualified_names_for("contextlib")}
        require(bound <= {"contextlib"})  # ``import contextlib``, or nothing
        require(all(isinstance(a, ImportAssignment) for a in scope["contextlib"]))
        AddImportsVisitor.add_needed_import(self.context, "contextlib")
        return cst.Attribute(cst.Name("contextlib"), cst.Name("suppress"))
