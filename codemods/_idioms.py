"""Helpers shared by the small modern-idiom codemods (codecs, brackets, removed lines)."""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Sequence

import libcst as cst
import libcst.matchers as m

from legacylift.codemod import Refuse, require

Whitespace = cst.BaseParenthesizableWhitespace


def codec(name: str) -> str | None:
    """The canonical name of the codec ``name`` (``"UTF8"`` -> ``"utf-8"``), or None."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def comment_texts(*nodes: cst.CSTNode | None) -> Counter[str]:
    """The comments held by ``nodes``, as a multiset of their texts."""
    found: Counter[str] = Counter()
    for node in nodes:
        for comment in m.findall(node, m.Comment()) if node is not None else ():
            found[cst.ensure_type(comment, cst.Comment).value] += 1
    return found


def join(first: Whitespace, second: Whitespace) -> Whitespace:
    """The whitespace ``first`` then ``second`` once the bracket between them is gone.

    Refuses two line breaks (a comment line would have to be rebuilt).
    """
    if isinstance(second, cst.SimpleWhitespace) and not second.value:
        return first
    if isinstance(first, cst.SimpleWhitespace) and not first.value:
        return second
    if isinstance(first, cst.SimpleWhitespace) and isinstance(second, cst.SimpleWhitespace):
        return cst.SimpleWhitespace(first.value + second.value)
    if isinstance(first, cst.SimpleWhitespace) and isinstance(second, cst.ParenthesizedWhitespace):
        line = second.first_line
        spaces = cst.SimpleWhitespace(first.value + line.whitespace.value)
        return second.with_changes(first_line=line.with_changes(whitespace=spaces))
    if isinstance(first, cst.ParenthesizedWhitespace) and isinstance(second, cst.SimpleWhitespace):
        last = first.last_line
        return first.with_changes(last_line=cst.SimpleWhitespace(last.value + second.value))
    raise Refuse


def without_args(node: cst.ClassDef, drop: list[cst.Arg]) -> cst.ClassDef:
    """``node`` less the bases/keywords in ``drop`` (and its parentheses once empty).

    A comment the removed part held moves to the end of the ``class`` line; refuses when it
    cannot (more than one, the line has one already, or the body is on that line).
    """
    args = [*node.bases, *node.keywords]
    kept = [i for i, arg in enumerate(args) if all(arg is not gone for gone in drop)]
    new_args = [args[i] for i in kept]
    if kept and kept[-1] != len(args) - 1:  # the last one went: its comma (or none) moves up
        new_args[-1] = new_args[-1].with_changes(comma=args[-1].comma)
    bases = sum(i < len(node.bases) for i in kept)
    new = node.with_changes(bases=new_args[:bases], keywords=new_args[bases:])
    if not kept:
        new = new.with_changes(lpar=cst.MaybeSentinel.DEFAULT, rpar=cst.MaybeSentinel.DEFAULT)
    lost = comment_texts(*_header(node)) - comment_texts(*_header(new))
    if not lost:
        return new
    body = new.body
    require(sum(lost.values()) == 1 and isinstance(body, cst.IndentedBlock))
    assert isinstance(body, cst.IndentedBlock)
    require(body.header.comment is None)
    comment = cst.Comment(next(iter(lost)))
    line = body.header.with_changes(whitespace=cst.SimpleWhitespace("  "), comment=comment)
    return new.with_changes(body=body.with_changes(header=line))


def _header(node: cst.ClassDef) -> list[cst.CSTNode]:
    parens = [p for p in (node.lpar, node.rpar) if isinstance(p, cst.CSTNode)]
    return [*parens, *node.bases, *node.keywords]


def splice(
    old: Sequence[cst.BaseStatement], new: Sequence[cst.BaseStatement | None]
) -> tuple[list[cst.BaseStatement], list[cst.EmptyLine]]:
    """``new`` (None where a statement of ``old`` goes), and the lines left over at its end.

    The comment lines above a removed line, and its trailing comment, move to the next
    statement (or are left over, for the block's footer); blank lines are not doubled.
    """
    body: list[cst.BaseStatement] = []
    carried: list[cst.EmptyLine] | None = None  # lines of removed statements
    for before, after in zip(old, new):
        if after is None:
            line = cst.ensure_type(before, cst.SimpleStatementLine)
            comment = line.trailing_whitespace.comment
            end = [cst.EmptyLine(comment=comment)] if comment else []
            carried = [*(carried or []), *line.leading_lines, *end]
            continue
        if carried is not None:
            assert isinstance(after, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
            lines = _join(carried, after.leading_lines, first=not body)
            after = after.with_changes(leading_lines=lines)  # noqa: PLW2901
            carried = None
        body.append(after)
    while carried and carried[-1].comment is None:
        carried.pop()
    return body, carried or []


def _join(
    carried: Sequence[cst.EmptyLine], lines: Sequence[cst.EmptyLine], first: bool
) -> list[cst.EmptyLine]:
    """``carried`` then ``lines``, without doubling the blank lines around a removed line."""
    head, rest = list(carried), list(lines)
    if first:
        while head and head[0].comment is None:
            head.pop(0)  # no blank line right under a header
        while not head and rest and rest[0].comment is None:
            rest.pop(0)
    if rest and rest[0].comment is None:
        while head and head[-1].comment is None:
            head.pop()  # the next statement's own blank lines are enough
    return [*head, *rest]
