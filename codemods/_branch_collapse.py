"""Collapsing an ``if``/``elif``/``else`` chain to the branches that may still run.

Builds the statements that replace the chain (the surviving body dedented to the ``if``'s
level, or the chain rebuilt from its undecided branches) and counts comments, so that a
collapse can be checked to keep or knowingly drop each one.  Used by ``version_branches``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import libcst as cst

from codemods._py2_builtins import comment_nodes


def comment_texts(nodes: list[Any]) -> Counter[str]:
    """The comments in ``nodes``."""
    return Counter(comment.value.rstrip() for node in nodes for comment in comment_nodes(node))


def flatten(block: cst.BaseSuite, leading: list[cst.EmptyLine]) -> list[cst.BaseStatement]:
    """The statements of ``block``, the first preceded by ``leading`` and the header comment."""
    if isinstance(block, cst.SimpleStatementSuite):
        line = cst.SimpleStatementLine(block.body, trailing_whitespace=block.trailing_whitespace)
        return [line.with_changes(leading_lines=leading)]
    indented = cst.ensure_type(block, cst.IndentedBlock)
    if indented.header.comment:
        leading = [*leading, cst.EmptyLine(comment=indented.header.comment)]
    first = indented.body[0]
    assert isinstance(first, (cst.SimpleStatementLine, cst.BaseCompoundStatement))  # all are
    return [first.with_changes(leading_lines=[*leading, *first.leading_lines]), *indented.body[1:]]


def surviving(
    chain: cst.If, kept: list[cst.If], rest: cst.If | cst.Else | None
) -> list[cst.BaseStatement]:
    """What replaces ``chain`` once its version tests are decided.

    ``kept`` are the branches (without their ``orelse``) whose test depends on more than the
    version; ``rest`` is the branch that runs when none of them holds: an ``if`` whose test
    holds, an ``else``, or None when nothing runs.  The comments above ``chain`` stay on top.
    """
    top = chain.leading_lines
    if kept:
        tail = rest
        if isinstance(rest, cst.If):
            tail = cst.Else(rest.body, leading_lines=rest.leading_lines,
                            whitespace_before_colon=rest.whitespace_after_test)  # fmt: skip
        for branch in reversed(kept):
            tail = branch.with_changes(orelse=tail)
        lines = top if kept[0].test is chain.test else [*top, *kept[0].leading_lines]
        return [cst.ensure_type(tail, cst.If).with_changes(leading_lines=lines)]
    if rest is None:
        return []
    own = [] if rest is chain else rest.leading_lines
    return flatten(rest.body, [*top, *own])
