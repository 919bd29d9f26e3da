"""Drop ``from __future__ import`` names that are always on for the target Python."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import Assignment, BaseAssignment, ScopeProvider

from codemods._py2_builtins import comments
from legacylift.codemod import LiftCodemod, Version

#: Feature -> the first Python where it is mandatory (``annotations`` never became so).
MANDATORY: dict[str, Version] = {
    "nested_scopes": (2, 2), "generators": (2, 3), "with_statement": (2, 6),
    "division": (3, 0), "absolute_import": (3, 0), "print_function": (3, 0),
    "unicode_literals": (3, 0), "generator_stop": (3, 7),
}  # fmt: skip
FUTURE = m.ImportFrom(module=m.Name("__future__"))


class FutureImports(LiftCodemod):
    """Remove ``from __future__ import`` features that are mandatory on the target Python.

    **Why.** ``division``, ``print_function``, ``unicode_literals``, ``absolute_import`` and
    older features are always on in Python 3 (``generator_stop`` from 3.7): noise.  Others
    (``annotations``...) are kept.

    **Example.**

        from __future__ import absolute_import, division, print_function
        from __future__ import annotations, unicode_literals
        import os

    becomes

        from __future__ import annotations
        import os

    A statement left empty goes (comment lines above it move down).  Dropping
    ``unicode_literals`` is right: the lift has already re-spelled Python 2 literals.

    **Refuses** (with a note) a statement whose removal would lose a comment on its line or
    inside its parentheses, and keeps a feature whose name the module reads
    (``division.mandatory``, say).

    **Safety.** Safe: a mandatory feature is on whether or not it is imported.
    """

    PRECHECK = re.compile(r"^[ \t]*from[ \t]+__future__[ \t]+import\b", re.M)
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def visit_Module(self, node: cst.Module) -> None:
        self.read: set[str] = set()

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if not m.matches(node, FUTURE) or isinstance(node.names, cst.ImportStar):
            return
        scope = self.get_metadata(ScopeProvider, node, None)
        for alias in node.names:
            name = alias.evaluated_alias or alias.evaluated_name
            mine = [a for a in (scope.assignments[name] if scope else ()) if _binds(a, node)]
            if scope is None or any(a.references for a in mine):
                self.read.add(name)

    def _drop(self, alias: cst.ImportAlias) -> bool:
        since, name = MANDATORY.get(alias.evaluated_name), alias.evaluated_name
        kept = (alias.evaluated_alias or name) in self.read
        return since is not None and self.target >= since and not kept

    def _statement(self, stmt: cst.BaseSmallStatement) -> cst.BaseSmallStatement | None:
        """``stmt`` without its mandatory features (None: nothing left)."""
        if not m.matches(stmt, FUTURE):
            return stmt
        names = cst.ensure_type(stmt, cst.ImportFrom).names
        if isinstance(names, cst.ImportStar):
            return stmt
        kept = [alias for alias in names if not self._drop(alias)]
        if len(kept) == len(names):
            return stmt
        if not kept:
            return None
        kept[-1] = kept[-1].with_changes(comma=names[-1].comma)
        return stmt.with_changes(names=kept)

    def _line(self, line: cst.SimpleStatementLine) -> cst.SimpleStatementLine | None:
        """``line`` rewritten (None: removed), or ``line`` itself when nothing changes."""
        if not any(m.matches(stmt, FUTURE) for stmt in line.body):
            return line
        body = [new for new in map(self._statement, line.body) if new is not None]
        if body == list(line.body):  # nodes compare by identity
            return line
        if body and body[-1] is not line.body[-1]:
            body[-1] = body[-1].with_changes(semicolon=line.body[-1].semicolon)
        new = line.with_changes(body=body) if body else None
        after = comments(new) if new else sum(1 for e in line.leading_lines if e.comment)
        if after != comments(line):
            self.warn("a __future__ import kept: removing it would lose a comment on its line")
            return line
        self.count_rewrite()
        return new

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body: list[cst.BaseStatement] = []
        carried: list[cst.EmptyLine] | None = None  # leading lines of removed statements
        top = not any(line.comment for line in updated_node.header)
        for stmt in updated_node.body:
            new = self._line(stmt) if isinstance(stmt, cst.SimpleStatementLine) else stmt
            if new is None:
                carried = [*(carried or []), *_leading(stmt)]
                continue
            if carried is not None:
                lines = _join(carried, _leading(new), top and not body)
                new = new.with_changes(leading_lines=lines)
                carried = None
            body.append(new)
        if not self.rewrites:
            return updated_node
        footer = _join(carried or [], updated_node.footer, top and not body)
        return updated_node.with_changes(body=body, footer=footer)


def _binds(assignment: BaseAssignment, node: cst.CSTNode) -> bool:
    return isinstance(assignment, Assignment) and assignment.node is node


def _leading(stmt: cst.BaseStatement) -> Sequence[cst.EmptyLine]:
    """The comment and blank lines above ``stmt``."""
    if isinstance(stmt, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
        return stmt.leading_lines
    return ()


def _join(
    carried: Sequence[cst.EmptyLine], lines: Sequence[cst.EmptyLine], first: bool
) -> list[cst.EmptyLine]:
    """``carried`` then ``lines``, without doubling the blank lines around a removed statement."""
    rest = list(lines)
    if (carried and not carried[-1].comment) or (not carried and first):
        while rest and not rest[0].comment:
            rest.pop(0)
    return [*carried, *rest]
