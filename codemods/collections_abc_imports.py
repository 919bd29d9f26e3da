"""``collections.Mapping`` (and every other ABC) -> ``collections.abc.Mapping``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.helpers import get_full_name_for_node as full_name
from libcst.metadata import (
    ExpressionContext,
    ExpressionContextProvider,
    QualifiedName,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)

from codemods._removed_stdlib_tables import ABCS, abc_lines
from legacylift.codemod import LiftCodemod

ABC_IMPORT = m.ImportFrom(module=m.Attribute(m.Name("collections"), m.Name("abc")))


class CollectionsAbcImports(LiftCodemod):
    """Take the abstract base classes from ``collections.abc``, not from ``collections``.

    **Why.** ``collections`` stopped re-exporting ``Mapping``, ``Iterable``, ``Callable`` and
    the other ABCs in Python 3.10; ``collections.abc`` has them since 3.3.

    **Example.**

        from collections import Mapping, OrderedDict
        import collections

        ok = isinstance(x, collections.Sequence)

    becomes

        from collections import OrderedDict
        from collections.abc import Mapping
        import collections
        import collections.abc

        ok = isinstance(x, collections.abc.Sequence)

    Names are resolved: ``import collections as c; c.Mapping`` becomes
    ``collections.abc.Mapping`` (the alias import goes if unused).  A from-import of ABCs just
    changes its module; one mixing them with other names is split in two, comments staying on
    the first line.  ``ByteString`` is moved too, with a note (it is gone in 3.14).

    **Refuses** a ``collections`` that is not the module (a local, a parameter), a use where
    the name ``collections`` is bound to anything but the module, assignments and ``del``
    (``collections.Mapping = ...`` patches the module for other code), names with two possible
    origins, and (with a note) splitting a from-import with comments inside.

    **Safety.** Safe: on every Python 3 that has ``collections.X`` it is the very object
    ``collections.abc.X``.
    """

    MIN_PYTHON = (3, 3)
    PRECHECK = re.compile(
        rf"\bcollections\s*(?:as\b|\.\s*(?:{'|'.join(ABCS)})\b)|\bfrom\s+collections\s+import\b"
    )
    # The rewrites are at from-imports and at ``<module>.<ABC>``, whatever the module's alias.
    REACH = "local"
    LOCATIONS = re.compile(rf"\.\s*(?:{'|'.join(ABCS)})\b")
    locate = classmethod(abc_lines)
    METADATA_DEPENDENCIES: ClassVar = (
        QualifiedNameProvider,
        ScopeProvider,
        ExpressionContextProvider,
    )

    def _module_name_free(self, node: cst.CSTNode) -> bool:
        """Whether ``collections`` at ``node`` is unbound or only the imported module."""
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        names = scope.get_qualified_names_for("collections") if scope["collections"] else ()
        return set(names) <= {QualifiedName("collections", QualifiedNameSource.IMPORT)}

    def _note_bytestring(self, *names: str) -> None:
        if "ByteString" in names:  # collections.abc.ByteString itself is gone in 3.14
            self.warn("ByteString moved to collections.abc: deprecated there, use bytes")

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        name = original_node.attr.value
        if name not in ABCS or not isinstance(original_node.value, cst.Name):
            return updated_node
        qnames = self.get_metadata(QualifiedNameProvider, original_node, set())
        wanted = {QualifiedName(f"collections.{name}", QualifiedNameSource.IMPORT)}
        context = self.get_metadata(ExpressionContextProvider, original_node, None)
        if qnames != wanted or context is not ExpressionContext.LOAD:
            return updated_node
        if not self._module_name_free(original_node):
            return updated_node
        AddImportsVisitor.add_needed_import(self.context, "collections.abc")
        alias = original_node.value.value
        if alias != "collections":
            RemoveImportsVisitor.remove_unused_import(self.context, "collections", asname=alias)
        self._note_bytestring(name)
        self.count_rewrite()
        abc = cst.Attribute(cst.Name("collections"), cst.Name("abc"))
        return updated_node.with_changes(value=abc)

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.FlattenSentinel[cst.BaseSmallStatement]:
        names, module = updated_node.names, updated_node.module
        if updated_node.relative or isinstance(names, cst.ImportStar) or module is None:
            return updated_node
        moved = [a for a in names if full_name(a.name) in ABCS]
        if full_name(module) != "collections" or not moved:
            return updated_node
        kept = [a for a in names if a not in moved]
        self._note_bytestring(*(full_name(a.name) or "" for a in moved))
        abc_module = cst.Attribute(cst.Name("collections"), cst.Name("abc"))
        if not kept:
            self.count_rewrite()
            return updated_node.with_changes(module=abc_module)
        if m.findall(updated_node, m.Comment()):
            self.warn("from collections import ... kept: splitting it would lose a comment")
            return updated_node
        last = names[-1].comma  # each half ends as the whole list did (a trailing comma or not)
        halves = [
            updated_node.with_changes(
                module=module,
                names=[*group[:-1], group[-1].with_changes(comma=last)],
                semicolon=cst.MaybeSentinel.DEFAULT,
            )
            for module, group in ((module, kept), (abc_module, moved))
        ]
        self.count_rewrite()
        return cst.FlattenSentinel(halves)

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.SimpleStatementLine]:
        body = updated_node.body
        split = len(original_node.body) == 1 and len(body) == 2
        if not split or not m.matches(body[1], ABC_IMPORT):
            return updated_node  # not a from-import split above, alone on its line
        original = original_node.body[0].semicolon
        first = updated_node.with_changes(body=[body[0].with_changes(semicolon=original)])
        return cst.FlattenSentinel([first, cst.SimpleStatementLine([body[1]])])
