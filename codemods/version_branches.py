"""``if PY2: ... else: ...`` / ``if sys.version_info >= (3, 6):`` -> the branch the target runs."""

from __future__ import annotations

import re
from typing import Any, ClassVar

import libcst as cst
from libcst.codemod.visitors import RemoveImportsVisitor
from libcst.metadata import PositionProvider, QualifiedNameProvider, ScopeProvider

from codemods._branch_collapse import comment_texts, surviving
from codemods._version_checks import VersionChecks, version_test_lines
from legacylift.codemod import LiftCodemod


class VersionBranches(LiftCodemod):
    """Collapse Python version checks to the branch that runs on the target Python.

    **Why.** Code written for Python 2 and 3 tests the version (``sys.version_info``,
    ``six.PY2``, its own ``PY3 = sys.version_info[0] == 3``); on the target one branch is
    dead code, which later rewrites would only get wrong.

    **Example.**

        import sys
        if sys.version_info[0] == 2:
            text_type = unicode  # noqa: F821
        else:
            # Python 3
            text_type = str
        name = "py3" if sys.version_info >= (3,) else "py2"

    becomes

        # Python 3
        text_type = str
        name = "py3"

    The surviving body moves to the ``if``'s level with its comments (dead branches take
    theirs); ``elif`` chains lose their dead branches; a dead ``if`` with no ``else`` goes.
    Tests are ``sys.version_info`` (sliced, ``[0]``, ``.major``) or ``sys.version`` compared
    with constants, six's ``PY2``/``PY3``, names the module binds once to such a test, and
    ``not``/``and``/``or`` of them.  An unused ``import sys``/``import six`` goes.

    **Refuses** a test mixing a version check with anything else (``if PY2 and x:``, with a
    note), a version newer than the target (a real runtime branch), ``PY2``/``PY3`` imported
    from elsewhere than six (with a note), and a collapse that would lose a surviving comment.

    **Safety.** Safe: the removed branches cannot run on the target (Python 4 is not
    considered; a test that patches ``PY2`` at run time loses its effect).
    """

    PREPASS = True  # the other codemods must not rewrite (or add imports for) dead branches
    PRECHECK = re.compile(r"version_info|\bsys\.version\b|PY[23]")
    METADATA_DEPENDENCIES: ClassVar = (QualifiedNameProvider, ScopeProvider, PositionProvider)
    locate = staticmethod(version_test_lines)  # Django's imported ``PY36`` tests go

    def visit_Module(self, node: cst.Module) -> None:
        self.elifs: set[cst.If] = set()
        self.checks = VersionChecks(self, node)

    def visit_If(self, node: cst.If) -> None:
        if isinstance(node.orelse, cst.If):
            self.elifs.add(node.orelse)

    def leave_IfExp(self, original_node: cst.IfExp, updated_node: cst.IfExp) -> cst.BaseExpression:
        verdict = self.checks.decide(original_node.test)
        if verdict is None:
            return updated_node
        node = updated_node
        kept = node.body if verdict else node.orelse
        if node.lpar and not kept.lpar:
            kept = kept.with_changes(lpar=node.lpar, rpar=node.rpar)
        spaces = [node.whitespace_before_if, node.whitespace_after_if]
        spaces += [node.whitespace_before_else, node.whitespace_after_else]  # all between the two
        dead = [node.test, node.orelse if verdict else node.body, *spaces]
        return kept if self._balanced(node, [kept], dead, self.checks.modules) else node

    def leave_If(
        self, original_node: cst.If, updated_node: cst.If
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement] | cst.RemovalSentinel:
        if original_node in self.elifs:
            return updated_node  # the chain is collapsed from its ``if``
        kept: list[cst.If] = []  # branches whose test depends on more than the version
        dead: list[cst.CSTNode] = []
        modules: set[str] = set()
        decided = False
        orig: cst.If | cst.Else | None = original_node
        node: cst.If | cst.Else | None = updated_node
        while isinstance(node, cst.If) and isinstance(orig, cst.If):
            verdict, branch = self.checks.decide(orig.test), node.with_changes(orelse=None)
            if verdict is None:
                kept.append(branch)
            else:
                decided, modules = True, modules | self.checks.modules
            if verdict is True:
                dead += [node.test, *([node.orelse] if node.orelse else [])]
                break
            if verdict is False:
                dead.append(
                    branch.with_changes(leading_lines=[]) if node is updated_node else branch
                )
            orig, node = orig.orelse, node.orelse
        if not decided:
            return updated_node
        if not kept and node is None:
            dead.append(cst.Module([], header=updated_node.leading_lines))
        statements = surviving(updated_node, kept, node)
        if not self._balanced(updated_node, statements, dead, modules):
            return updated_node
        if kept:
            return statements[0]
        return cst.FlattenSentinel(statements) if statements else cst.RemovalSentinel.REMOVE

    def _balanced(
        self, node: cst.CSTNode, kept: list[Any], dead: list[Any], modules: set[str]
    ) -> bool:
        """Whether every comment of ``node`` is kept or dead; if so, count the rewrite."""
        if comment_texts([node]) != comment_texts(kept) + comment_texts(dead):
            self.warn("a version branch kept: collapsing it would lose a comment")
            return False
        self.consumed_comments += comment_texts(dead).elements()
        for module in modules:
            RemoveImportsVisitor.remove_unused_import(self.context, module)
        self.count_rewrite()
        return True
