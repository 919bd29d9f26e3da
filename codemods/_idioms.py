"""Helpers shared by the small modern-idiom codemods (codecs, brackets, removed lines)."""

from __future__ import annotations

import ast
import codecs
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import cast

import libcst as cst
import libcst.matchers as m

from codemods._py2_builtins import comment_nodes
from legacylift.astindex import AstIndex
from legacylift.codemod import Refuse, require

Whitespace = cst.BaseParenthesizableWhitespace


def codec(name: str) -> str | None:
    """The canonical name of the codec ``name`` (``"UTF8"`` -> ``"utf-8"``), or None."""
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError, UnicodeError):  # a NUL or a lone surrogate in the name
        return None


def comment_texts(*nodes: cst.CSTNode | None) -> Counter[str]:
    """The comments held by ``nodes``, as a multiset of their texts."""
    found: Counter[str] = Counter()
    for node in nodes:
        for comment in comment_nodes(node) if node is not None else ():
            found[comment.value] += 1
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


def plug_walrus(test: cst.BaseExpression, value: cst.BaseExpression) -> cst.BaseExpression:
    """``test`` with ``(x := value)`` where it reads ``x``, keeping parentheses already there."""
    read = cast(cst.Name, m.findall(test, m.Name())[0])
    if m.matches(value, m.Tuple(lpar=[])):  # ``x = 1, 2``: a bare tuple is no walrus operand
        value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    lpar, rpar = read.lpar or [cst.LeftParen()], read.rpar or [cst.RightParen()]
    walrus = cst.NamedExpr(cst.Name(read.value), value, lpar=lpar, rpar=rpar)
    return cast(cst.BaseExpression, test.deep_replace(read, walrus))


def walrus_sites(found: AstIndex) -> set[int]:
    """The lines of the ``if`` statements that ``assign_then_test_to_walrus`` may fold (on
    ``x``, ``not x``, ``x is [not] None``, right after ``x = ...``, outside class bodies), from
    the assignment on (to the ``break`` of a loop's exit).

    Generous with what stands between them: a statement that another codemod of the pass
    may remove (an import, ``del``, ``try``, ``if isinstance(...)``, ``name = builtin``).
    """
    if not any(_tested(node) for node in found.of(ast.If)):
        return set()
    sites: set[int] = set()
    blocks: list[tuple[list[ast.stmt], bool]] = [(found.tree.body, False)]
    while blocks:
        body, in_class = blocks.pop()
        assigned: set[str] = set()  # what the last statement that surely stays may assign
        since = body[0].lineno  # where that statement starts: the fold reaches from there
        for stmt in body:
            if isinstance(stmt, ast.If) and _tested(stmt) in assigned and not in_class:
                sites.update(range(since, _exit_end(stmt) + 1))
            blocks.extend(_blocks(stmt, in_class))
            name = _assigned(stmt)
            if _may_go(stmt):
                assigned |= {name} if name else set()
            else:
                assigned, since = ({name} if name else set()), stmt.lineno
    return sites


def _exit_end(node: ast.If) -> int:
    """The last line of ``node`` that a fold reads: its ``break`` too, if it may be a loop's
    exit."""
    if len(node.body) == 1 and isinstance(node.body[0], ast.Break) and not node.orelse:
        return node.end_lineno or node.lineno
    return node.lineno


def _tested(node: ast.If) -> str | None:
    """The name that the test of ``node`` is about, if it is ``x``, ``not x`` or
    ``x is [not] None``."""
    test = node.test
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    elif isinstance(test, ast.Compare) and isinstance(test.ops[0], (ast.Is, ast.IsNot)):
        right = test.comparators[0]
        if len(test.ops) > 1 or not isinstance(right, ast.Constant) or right.value is not None:
            return None
        test = test.left
    return test.id if isinstance(test, ast.Name) else None


def _assigned(stmt: ast.stmt) -> str | None:
    """The name of ``x = value``: one plain target, and a value that may be a walrus's."""
    if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
        return None
    target = stmt.targets[0]
    if isinstance(stmt.value, (ast.Yield, ast.YieldFrom, ast.Lambda)):
        return None
    return target.id if isinstance(target, ast.Name) else None


def _may_go(stmt: ast.stmt) -> bool:
    """Whether a codemod may remove ``stmt`` (see :func:`walrus_sites`)."""
    if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Delete, ast.Try)):
        return True
    if isinstance(stmt, ast.If):
        func = stmt.test.func if isinstance(stmt.test, ast.Call) else None
        return isinstance(func, ast.Name) and func.id == "isinstance" and not stmt.orelse
    value = getattr(stmt, "value", None)
    return _assigned(stmt) is not None and isinstance(value, (ast.Name, ast.Tuple))


def _blocks(stmt: ast.stmt, in_class: bool) -> list[tuple[list[ast.stmt], bool]]:
    """The statement lists in ``stmt``, and whether each is in a class body (not in a def)."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [(stmt.body, isinstance(stmt, ast.ClassDef))]
    found = []
    for field in stmt._fields:
        value = getattr(stmt, field, None)
        if not isinstance(value, list) or not value:
            continue
        if isinstance(value[0], ast.stmt):
            found.append((value, in_class))
        else:  # ``except`` handlers and ``case`` clauses hold their own statements
            found += [(item.body, in_class) for item in value if _clause(item)]
    return found


def _clause(node: object) -> bool:
    return isinstance(getattr(node, "body", None), list)


def loop_names(node: cst.BaseExpression) -> list[str]:
    """The names of ``x`` or ``a, b`` (a loop target or a yielded value; [] if anything else)."""
    if isinstance(node, cst.Tuple) and all(
        m.matches(e, m.Element(m.Name())) for e in node.elements
    ):
        return [cst.ensure_type(e.value, cst.Name).value for e in node.elements]
    return [node.value] if isinstance(node, cst.Name) else []


def yield_loops(found: AstIndex) -> set[int]:
    """The lines of the ``for`` loops (no ``else``) that only yield their target, as it is."""
    return {
        node.lineno
        for node in found.of(ast.For)
        if not node.orelse
        and len(node.body) == 1
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Yield)
        and _names(node.target) == _names(node.body[0].value.value) != []
        and type(node.target) is type(node.body[0].value.value)
    }


def _names(node: ast.expr | None) -> list[str]:
    """:func:`loop_names` of an ``ast`` node."""
    items = node.elts if isinstance(node, ast.Tuple) else [node]
    names = [item.id for item in items if isinstance(item, ast.Name)]
    return names if len(names) == len(items) else []


def generator_stops(found: AstIndex) -> set[int]:
    """The lines of ``raise StopIteration`` and ``next(it)`` in the functions that yield (or
    hold a function that yields: the spans tell no more)."""
    stops = [node.lineno for node in found.of(ast.Raise) if _stops(node)]
    stops += [node.lineno for node in found.of(ast.Call) if _is_next(node)]
    if not stops:
        return set()
    yields = sorted(node.lineno for node in found.of(ast.Yield, ast.YieldFrom))
    stops.sort()
    sites: set[int] = set()
    for function in found.of(ast.FunctionDef):
        first, last = function.lineno, function.end_lineno or function.lineno
        if bisect_right(yields, last) > bisect_left(yields, first):
            sites.update(stops[bisect_left(stops, first) : bisect_right(stops, last)])
    return sites


def _stops(node: ast.Raise) -> bool:
    """``raise StopIteration`` or ``raise StopIteration(...)``, with no cause."""
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return isinstance(exc, ast.Name) and exc.id == "StopIteration" and node.cause is None


def _is_next(node: ast.Call) -> bool:
    one = len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], ast.Starred)
    return one and isinstance(node.func, ast.Name) and node.func.id == "next"
