"""``__metaclass__ = type`` and ``class A(metaclass=type)`` -> removed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ClassScope, GlobalScope, ScopeProvider

from codemods._idioms import splice, without_args
from legacylift.codemod import LiftCodemod, Refuse

SETTING = m.Assign(targets=[m.AssignTarget(m.Name("__metaclass__"))], value=m.Name("type"))
KEYWORD = m.Arg(m.Name("type"), keyword=m.Name("metaclass"))


class MetaclassType(LiftCodemod):
    """Remove ``__metaclass__ = type`` and ``metaclass=type``: every class already has it.

    **Why.** Python 2 code set ``__metaclass__ = type`` (in a module or a class) to get
    new-style classes; Python 3 ignores it (pyupgrade/ruff UP001).  ``metaclass=type`` is
    the default metaclass spelled out (ruff UP050).

    **Example.**

        __metaclass__ = type

        class A(Base, metaclass=type):
            __metaclass__ = type
            x = 1

    becomes

        class A(Base):
            x = 1

    Comments on or above a removed line move to the next statement (or stay at the end of
    the block); a block left empty gets ``pass``; a comment inside the removed ``metaclass=``
    moves to the end of the ``class`` line.

    **Refuses** an assignment in a function (a plain local), a shadowed ``type``, a
    ``__metaclass__`` that the code reads (a name or an attribute anywhere in the file), and a
    ``metaclass=`` whose comment has nowhere to go.

    **Safety.** Safe: the class gets ``type`` (or its bases' metaclass) either way; only the
    unused ``__metaclass__`` attribute or global goes.
    """

    PRECHECK = re.compile(r"\b__metaclass__\s*=\s*type\b|\bmetaclass\s*=\s*type\b")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def visit_Module(self, node: cst.Module) -> None:
        self.read = self.facts.attributes["__metaclass__"] > 0

    def _type(self, node: cst.CSTNode) -> bool:
        return self.builtin(node, "type")

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        pairs = zip(original_node.keywords, updated_node.keywords)
        drop = [new for old, new in pairs if m.matches(old, KEYWORD) and self._type(old.value)]
        if not drop or len(original_node.keywords) != len(updated_node.keywords):
            return updated_node
        try:
            new = without_args(updated_node, drop)
        except Refuse:
            return updated_node
        self.count_rewrite()
        return new

    def _drop(self, node: cst.BaseSmallStatement) -> bool:
        """Whether ``node`` (an original node) is a ``__metaclass__ = type`` that may go."""
        if self.read or not m.matches(node, SETTING):
            return False
        scope = self.get_metadata(ScopeProvider, node, None)
        if not isinstance(scope, (GlobalScope, ClassScope)) or not self._type(node):
            return False
        return not any(a.references for a in scope.assignments["__metaclass__"])

    def _small(
        self, old: Sequence[cst.BaseSmallStatement], new: Sequence[cst.BaseSmallStatement]
    ) -> list[cst.BaseSmallStatement] | None:
        """``new`` less the settings that go, or None when none goes."""
        if len(old) != len(new) or not any(self._drop(s) for s in old):
            return None
        kept = [n for o, n in zip(old, new) if not self._drop(o)]
        if kept:
            kept[-1] = kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        self.count_rewrite(len(new) - len(kept))
        return kept

    def _prune(
        self, old: Sequence[cst.BaseStatement], new: Sequence[cst.BaseStatement]
    ) -> tuple[list[cst.BaseStatement], list[cst.EmptyLine]] | None:
        """``new`` less its settings, and the lines left over at its end; None: no change.

        Whether a setting may go depends only on its block's scope, so the block's first
        original setting decides for all of them: the statements of ``new`` cannot be paired
        with those of ``old`` when another codemod split a line (an import, say).
        """
        lines = [s for s in old if isinstance(s, cst.SimpleStatementLine)]
        first = next((s for line in lines for s in line.body if m.matches(s, SETTING)), None)
        if first is None or not self._drop(first):
            return None
        spliced: list[cst.BaseStatement | None] = []
        for after in new:
            body = after.body if isinstance(after, cst.SimpleStatementLine) else ()
            kept = [s for s in body if not m.matches(s, SETTING)]
            if len(kept) == len(body):
                spliced.append(after)
                continue
            if kept:
                kept[-1] = kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            self.count_rewrite(len(body) - len(kept))
            spliced.append(after.with_changes(body=kept) if kept else None)
        return None if spliced == list(new) else splice(new, spliced)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        pruned = self._prune(original_node.body, updated_node.body)
        if pruned is None:
            return updated_node
        body, rest = pruned
        return updated_node.with_changes(body=body, footer=[*rest, *updated_node.footer])

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        pruned = self._prune(original_node.body, updated_node.body)
        if pruned is None:
            return updated_node
        body, rest = pruned
        if not body:
            body, rest = [cst.SimpleStatementLine([cst.Pass()], leading_lines=rest)], []
        return updated_node.with_changes(body=body, footer=[*rest, *updated_node.footer])

    def leave_SimpleStatementSuite(
        self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite
    ) -> cst.SimpleStatementSuite:
        kept = self._small(original_node.body, updated_node.body)
        if kept is None:
            return updated_node
        return updated_node.with_changes(body=kept or [cst.Pass()])
