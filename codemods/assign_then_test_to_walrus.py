"""``x = f()`` then ``if x:`` -> ``if (x := f()):``; read loops -> ``while (x := f()):``."""

from __future__ import annotations

import re
from typing import TypeVar, Union, cast

import libcst as cst
import libcst.matchers as m

from codemods._idioms import plug_walrus, walrus_sites
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod

_Block = TypeVar("_Block", cst.Module, cst.IndentedBlock)
#: ``x = value`` alone on its line, no trailing comment; a yield or lambda stays a statement.
ASSIGN = m.SimpleStatementLine(
    body=[m.Assign(targets=[m.AssignTarget(m.Name())], value=~(m.Yield() | m.Lambda()))],
    trailing_whitespace=m.TrailingWhitespace(comment=None),
)
BREAK = m.IndentedBlock([m.SimpleStatementLine([m.Break()])]) | m.SimpleStatementSuite([m.Break()])
NOT_WALRUS = m.UnaryOperation(m.Not(), m.NamedExpr(), lpar=[])
WALRUS_IS_NONE = m.Comparison(m.NamedExpr(), [m.ComparisonTarget(m.Is(), m.Name("None"))], lpar=[])
#: ``while True:`` whose first statement, once folded, is ``if not (x := v): break`` (or None).
EXIT = m.If(NOT_WALRUS | WALRUS_IS_NONE, BREAK, orelse=None)
LOOP = m.While(m.Name("True"), m.IndentedBlock([EXIT, m.ZeroOrMore()]), orelse=None)


def _fold(first: cst.BaseStatement, second: cst.BaseStatement, declared: set[str]) -> cst.If | None:
    """``x = value`` then ``if x:`` (``not x``, ``x is [not] None``) as one ``if``, or None."""
    if not isinstance(second, cst.If) or not m.matches(first, ASSIGN):
        return None
    line = cast(cst.SimpleStatementLine, first)
    assign = cast(cst.Assign, line.body[0])
    x = m.Name(cast(cst.Name, assign.targets[0].target).value)
    is_none = m.ComparisonTarget(m.Is() | m.IsNot(), m.Name("None"))
    reads = x | m.UnaryOperation(m.Not(), x) | m.Comparison(x, [is_none])
    between = [m.ZeroOrMore(m.EmptyLine(comment=None))]  # a comment there would be lost
    if x.value in declared or not m.matches(second, m.If(test=reads, leading_lines=between)):
        return None
    return second.with_changes(
        test=plug_walrus(second.test, assign.value),
        leading_lines=[*line.leading_lines, *second.leading_lines],
    )


class AssignThenTestToWalrus(LiftCodemod):
    """Fold an assignment into the ``if``/``while`` test that reads it, as a walrus (3.8+).

    **Why.** An assignment expression (PEP 572) ties the value to the test that needs it, and
    a ``while True:`` loop that reads, then breaks on nothing, becomes a plain ``while``.

    **Example.**

        while True:
            line = stream.readline()
            if not line:
                break
            match = pattern.search(line)
            if match is not None:
                print(match.group())

    becomes

        while (line := stream.readline()):
            if (match := pattern.search(line)) is not None:
                print(match.group())

    Tests: ``x``, ``not x``, ``x is None``, ``x is not None`` (``elif``/``else`` stay); loops:
    ``if not x: break`` or ``if x is None: break``.  Comments above the assignment move up.

    **Refuses** targets other than one plain name, names declared ``global``/``nonlocal``,
    class bodies, ``yield`` and ``lambda`` values, any other test (``if g() and x:`` would run
    ``g()`` first), ``while`` loops with ``else:``, more than ``break`` in the exit, and whatever
    would lose a comment (after the assignment, between it and the ``if``, on the exit).

    **Safety.** Safe: the same value is bound to the same name, evaluated in the same order.
    """

    MIN_PYTHON = (3, 8)
    REACH = "statement"
    # ``x = ...`` (up to 30 lines long), then ``if``/``elif`` on x at the same indent.
    PRECHECK = re.compile(
        r"^([ \t]*)\(?(\w+)\)?[ \t]*=[^=\n][^\n]*\n"
        r"(?:[^\n]*\n){0,30}?\1(?:el)?if[ \t(]+(?:not[ \t(]+)?\2\b",
        re.M,
    )

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return walrus_sites(found)

    #: Per enclosing def/class (module first): is it a class body, and its global/nonlocal names.
    _scopes: list[tuple[bool, set[str]]]
    _folded: set[cst.If]  # the folds of this pass: the only exits a loop takes over

    def visit_Module(self, node: cst.Module) -> None:
        self._scopes, self._folded = [(False, set())], set()

    def visit_ClassDef(self, node: cst.ClassDef | cst.FunctionDef) -> None:
        self._scopes.append((isinstance(node, cst.ClassDef), set()))

    def visit_Global(self, node: cst.Global | cst.Nonlocal) -> None:
        self._scopes[-1][1].update(item.name.value for item in node.names)

    def _leave_def(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:
        self._scopes.pop()
        return updated_node

    def _leave_block(self, original_node: _Block, updated_node: _Block) -> _Block:
        in_class, declared = self._scopes[-1]
        if in_class:
            return updated_node
        body: list[cst.BaseStatement] = []
        for statement in updated_node.body:
            folded = _fold(body[-1], statement, declared) if body else None
            if folded is None:
                body.append(statement)
                continue
            body[-1] = folded
            self._folded.add(folded)
            self.count_rewrite()
        unchanged = len(body) == len(updated_node.body)
        return updated_node if unchanged else updated_node.with_changes(body=body)

    visit_FunctionDef, visit_Nonlocal = visit_ClassDef, visit_Global
    leave_ClassDef = leave_FunctionDef = _leave_def
    leave_Module = leave_IndentedBlock = _leave_block

    def leave_While(self, original_node: cst.While, updated_node: cst.While) -> cst.While:
        if not m.matches(updated_node, LOOP):
            return updated_node
        block = cast(cst.IndentedBlock, updated_node.body)
        exit_, rest = cast(cst.If, block.body[0]), list(block.body[1:])
        if exit_ not in self._folded or m.findall(exit_.body, m.Comment()):
            return updated_node
        test = exit_.test
        if isinstance(test, cst.UnaryOperation):
            test = test.expression
        else:  # ``if (x := v) is None: break``: loop while it is not None
            target = cast(cst.Comparison, test).comparisons[0]
            test = test.with_changes(comparisons=[target.with_changes(operator=cst.IsNot())])
        if rest:  # the blank lines that set the body apart from the exit now part nothing
            head = cast(Union[cst.SimpleStatementLine, cst.BaseCompoundStatement], rest[0])
            rest[0] = head.with_changes(leading_lines=[e for e in head.leading_lines if e.comment])
        moved = [empty for empty in exit_.leading_lines if empty.comment]
        return updated_node.with_changes(
            test=test,
            body=block.with_changes(body=rest),
            leading_lines=[*updated_node.leading_lines, *moved],
        )
