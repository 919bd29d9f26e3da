"""``import mock`` / ``from mock import patch`` -> ``unittest.mock`` (pyupgrade/ruff UP026)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import libcst as cst
from libcst.helpers import get_full_name_for_node as full_name

from codemods._calls import CallsBase
from codemods._py2_builtins import comments
from legacylift.codemod import SkipFile

MODULES = ("mock", "mock.mock")
#: Names of the ``mock`` backport that ``unittest.mock`` lacks before the given Python.
NEWER = {"ThreadingMock": (3, 13), "__version__": (99, 0), "version_info": (99, 0)}


def _new_import(alias: cst.ImportAlias) -> cst.ImportFrom:
    """``import mock[.mock] [as m]`` as ``from unittest import mock [as m]``."""
    return cst.ImportFrom(cst.Name("unittest"), [alias.with_changes(
        name=cst.Name("mock"), comma=cst.MaybeSentinel.DEFAULT)])  # fmt: skip


class MockToUnittestMock(CallsBase):
    """Import ``mock`` from the standard library (``unittest.mock``), not the backport.

    **Why.** ``mock`` is the backport of ``unittest.mock`` (in the stdlib since Python 3.3);
    the third-party package is one more dependency to install and pin.

    **Example.**

        import mock
        from mock import patch, MagicMock
        from mock.mock import call
        handler = mock.mock.Mock()

    becomes

        from unittest import mock
        from unittest.mock import patch, MagicMock
        from unittest.mock import call
        handler = mock.Mock()

    Also ``import mock as m`` -> ``from unittest import mock as m``, ``from mock import mock``
    -> ``from unittest import mock``, and a line that imports other modules too
    (``import os, mock``) is split.

    **Refuses** relative imports, several statements on one line (``import os, mock; x = 1``)
    that would need a split, comments inside a statement that is split, and (the whole file,
    with a note) backport names the target's ``unittest.mock`` lacks: ``ThreadingMock`` before
    3.13, ``mock.__version__`` and ``mock.version_info``.

    **Safety.** Safe up to the backport's own changes: it tracks a newer ``unittest.mock``, so
    a behaviour it backported (or a bug it fixed) may differ on an older target.  Keep the
    backport with ``--ignore mock_to_unittest_mock`` when that matters.
    """

    MIN_PYTHON = (3, 3)
    # Imports of mock (not ``from unittest import mock``); also ``x.mock`` and NEWER's names.
    PRECHECK = re.compile(
        r"(?:^|[;:])[ \t]*import[ \t]+(?:[\w.]+(?:\s+as\s+\w+)?[\s\\]*,[\s\\]*)*mock\b"
        r"|\bfrom[ \t]+mock\b",
        re.M,
    )
    REACH = "local"
    LOCATIONS = re.compile(rf"\.\s*mock\b|\b(?:{'|'.join(NEWER)})\b")

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        imported = {full_name(a.name) for i in self.facts.imports if isinstance(i, cst.ImportFrom)
                    and i.module is not None and full_name(i.module) in MODULES
                    and not isinstance(i.names, cst.ImportStar) for a in i.names}  # fmt: skip
        for name in imported:
            self._available(name or "")

    def _available(self, name: str) -> None:
        """Refuse the file if the target's ``unittest.mock`` lacks ``name``."""
        if self.target < NEWER.get(name, (0, 0)):
            raise SkipFile(f"unittest.mock of the target lacks the backport's {name}")

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        name = original_node.attr.value
        if name not in NEWER and name != "mock":
            return updated_node
        qualified = self.qualified(original_node)
        if qualified in (f"mock.{name}", f"mock.mock.{name}"):
            self._available(name)
        if qualified != "mock.mock" or comments(updated_node):
            return updated_node
        self.count_rewrite()  # mock.mock.patch -> mock.patch
        return updated_node.value.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement] | cst.RemovalSentinel:
        new = [_rewrite(s) for s in updated_node.body]
        if all(n is None for n in new):
            return updated_node
        for parts, statement in zip(new, updated_node.body):
            if parts is not None and sum(map(comments, parts)) != comments(statement):
                return updated_node  # a comment inside a from-import that is split
        if len(new) > 1 and any(n is not None and len(n) > 1 for n in new):
            return updated_node  # a split of one of several statements on a line
        self.count_rewrite()
        if len(new) > 1:
            body = [n[0] if n else s for n, s in zip(new, updated_node.body)]
            return updated_node.with_changes(body=body)
        parts = new[0] or []
        lines = [updated_node.with_changes(body=[parts[0]])]
        lines += [cst.SimpleStatementLine([part]) for part in parts[1:]]
        return cst.FlattenSentinel(lines) if len(lines) > 1 else lines[0]


def _rewrite(statement: cst.BaseSmallStatement) -> list[cst.BaseSmallStatement] | None:
    """``statement`` with ``mock`` taken from ``unittest`` (None if it imports no mock)."""
    if isinstance(statement, cst.Import):
        mine = [a for a in statement.names if full_name(a.name) in MODULES]
        if not mine:
            return None
        others = [a for a in statement.names if a not in mine]
        kept: list[cst.BaseSmallStatement] = []
        if others:
            last = others[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            kept.append(statement.with_changes(names=[*others[:-1], last]))
        return kept + [_new_import(a) for a in mine]
    if not isinstance(statement, cst.ImportFrom) or statement.relative:
        return None
    if statement.module is None or full_name(statement.module) not in MODULES:
        return None
    module = cst.parse_expression("unittest.mock")
    names = statement.names
    if isinstance(names, cst.ImportStar):
        return [statement.with_changes(module=module)]
    modules = [a for a in names if full_name(a.name) == "mock"]  # from mock import mock
    rest = [a for a in names if a not in modules]
    parts: list[cst.BaseSmallStatement] = [_new_import(a) for a in modules]
    if rest:
        parts.insert(0, statement.with_changes(module=module, names=_fixed(rest, names)))
    return parts


def _fixed(kept: list[cst.ImportAlias], names: Sequence[cst.ImportAlias]) -> list[cst.ImportAlias]:
    """``kept`` (some of ``names``) with the last comma of ``names`` on the last one."""
    if kept[-1] is not names[-1]:
        kept = [*kept[:-1], kept[-1].with_changes(comma=names[-1].comma)]
    return kept
