"""``try: unicode`` / ``except NameError: unicode = str`` -> removed, uses become ``str``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import Assignment, GlobalScope, ScopeProvider

from legacylift.codemod import LiftCodemod, is_builtin

#: Python 2 builtins that 2/3 code re-binds at module level.
PY2_NAMES = frozenset(
    {"unicode", "basestring", "long", "xrange", "raw_input", "unichr", "reduce", "file",
     "buffer", "intern", "unicode_type", "string_types"}
)  # fmt: skip
BUILTIN = m.Name(m.MatchIfTrue(lambda n: n in {"str", "bytes", "int", "range", "input", "chr"}))
VALUE = BUILTIN | m.Tuple([m.AtLeastN(m.Element(BUILTIN), n=1)])
ALIAS = m.SimpleStatementLine([m.Assign([m.AssignTarget(m.Name())], VALUE)])
PROBE = m.SimpleStatementLine([m.Expr(m.Name()) | m.Assign([m.AssignTarget(m.Name())], m.Name())])
SHIM = m.Try(
    body=m.IndentedBlock([PROBE]),
    handlers=[m.ExceptHandler(body=m.IndentedBlock([ALIAS]), type=m.Name("NameError"))],
    orelse=None,
    finalbody=None,
)


class BuiltinAliasShims(LiftCodemod):
    """Remove module-level 2/3 aliases of Python 2 builtins and use the builtin directly.

    **Why.** Code that ran on both lines re-created the Python 2 names on Python 3; once only
    Python 3 runs it, the shim and the alias are noise (and hide ``str`` from readers).

    **Example.**

        try:
            unicode
        except NameError:
            unicode = str
        string_types = (str, bytes)

        def label(x):
            return unicode(x) if isinstance(x, string_types) else repr(x)

    becomes

        def label(x):
            return str(x) if isinstance(x, (str, bytes)) else repr(x)

    Also a bare ``unicode = str`` (what ``version_branches`` leaves of an ``if PY3:`` shim).

    **Refuses** a name bound anywhere else in the module, modules that define ``__all__``
    (they export names on purpose), compatibility modules (``compat`` or ``py3k`` in the file
    name: other modules import these names from them), a builtin shadowed where the name is
    used, and shims that would lose a comment.

    **Safety.** Safe inside the file: each use reads the value the shim bound on Python 3.
    """

    PRECHECK = re.compile(rf"^(?:{'|'.join(PY2_NAMES)})\s*=|except\s+NameError", re.MULTILINE)
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def visit_Module(self, node: cst.Module) -> None:
        self.shims: dict[cst.CSTNode, cst.BaseExpression] = {}
        self.uses: dict[cst.Name, cst.BaseExpression] = {}
        filename = (self.context.filename or "").lower()
        if "compat" in filename or "py3k" in filename or "__all__" in _names(node):
            return
        scope = None
        for statement in node.body:
            alias: cst.CSTNode = statement
            if isinstance(statement, cst.Try) and m.matches(statement, SHIM):
                alias = statement.handlers[0].body.body[0]
            if not m.matches(alias, ALIAS) or m.findall(statement, m.Comment()):
                continue
            assign = cst.ensure_type(
                cst.ensure_type(alias, cst.SimpleStatementLine).body[0], cst.Assign
            )
            name = cst.ensure_type(assign.targets[0].target, cst.Name).value
            scope = scope or self.get_metadata(ScopeProvider, statement, None)
            if name in PY2_NAMES and isinstance(scope, GlobalScope):
                self._collect(statement, scope, name, assign.value)

    def _collect(
        self, statement: cst.CSTNode, scope: GlobalScope, name: str, value: cst.BaseExpression
    ) -> None:
        assignments = [a for a in scope.assignments[name] if isinstance(a, Assignment)]
        inside = set(m.findall(statement, m.Name(name)))
        if len(assignments) != len(scope.assignments[name]) or not all(
            a.node in inside for a in assignments
        ):
            return  # bound elsewhere too
        uses = {r.node for a in assignments for r in a.references if r.node not in inside}
        for use in uses:
            use_scope = self.get_metadata(ScopeProvider, use, None)
            names = [cst.ensure_type(n, cst.Name).value for n in m.findall(value, m.Name())]
            if not all(is_builtin(use_scope, n) for n in names):
                return
        self.shims[statement] = value
        self.uses.update({cst.ensure_type(u, cst.Name): value for u in uses})

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.RemovalSentinel:
        if original_node not in self.shims:
            return updated_node
        self.count_rewrite()
        return cst.RemoveFromParent()

    def leave_Try(
        self, original_node: cst.Try, updated_node: cst.Try
    ) -> cst.Try | cst.RemovalSentinel:
        if original_node not in self.shims:
            return updated_node
        self.count_rewrite()
        return cst.RemoveFromParent()

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body = updated_node.body
        if not self.shims or not body or updated_node.header or body[0] is original_node.body[0]:
            return updated_node
        # The file now starts later: drop the blank lines that separated it from the shims.
        lines = list(body[0].leading_lines)
        while lines and lines[0].comment is None:
            lines.pop(0)
        return updated_node.with_changes(
            body=[body[0].with_changes(leading_lines=lines), *body[1:]]
        )

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        value = self.uses.get(original_node)
        if value is None:
            return updated_node
        self.count_rewrite()
        return value.deep_clone()


def _names(module: cst.Module) -> set[str]:
    """The names the module's top-level simple assignments bind."""
    targets = (
        cst.ensure_type(target, cst.AssignTarget).target
        for statement in module.body
        if isinstance(statement, cst.SimpleStatementLine)
        for target in m.findall(statement, m.AssignTarget(m.Name()))
    )
    return {target.value for target in targets if isinstance(target, cst.Name)}
