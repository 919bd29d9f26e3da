"""``if s.startswith(p): s = s[len(p):]`` -> ``s = s.removeprefix(p)`` (and ``removesuffix``)."""

from __future__ import annotations

import re
from typing import ClassVar, cast

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ParentNodeProvider, PositionProvider, ScopeProvider

from codemods._beyond import Proofs, dotted_key, extract, str_value
from codemods._py2_builtins import comments
from legacylift.codemod import LiftCodemod, Refuse, is_builtin, require

NEW = {"startswith": "removeprefix", "endswith": "removesuffix"}
S, P, VALUE = (m.SaveMatchedNode(m.DoNotCare(), name) for name in ("s", "p", "value"))
METHOD = m.SaveMatchedNode(m.Name("startswith") | m.Name("endswith"), "method")
TEST = m.Call(m.Attribute(S, METHOD), [m.Arg(P, keyword=None, star="")])
CUT = m.SaveMatchedNode(
    m.Integer() | m.Call(m.Name("len"), [m.Arg(P, keyword=None, star="")]), "cut"
)
SLICES = {
    "startswith": m.Slice(lower=CUT, upper=None, step=None),
    "endswith": m.Slice(lower=None, upper=m.UnaryOperation(m.Minus(), CUT), step=None),
}


class SliceToRemoveprefix(LiftCodemod):
    """Replace a test-then-slice with ``str.removeprefix`` / ``str.removesuffix`` (3.9+).

    **Why.** One call says what the test and the slice spell out, with nothing to keep in step.

    **Example.**

        def clean(name: str, tag: str) -> str:
            if name.startswith("db_"):
                name = name[3:]
            if name.endswith(".tmp"):
                name = name[:-len(".tmp")]
            return name[len(tag):] if name.startswith(tag) else name

    becomes

        def clean(name: str, tag: str) -> str:
            name = name.removeprefix("db_")
            name = name.removesuffix(".tmp")
            return name.removeprefix(tag)

    Also ``s[n:]`` for a literal ``p`` of length ``n``; comments on the ``if`` are kept.

    **Refuses** an ``if`` with ``elif``/``else`` or more than the one assignment, start/end
    arguments, ``s``/``p`` but names, attributes and str literals (a call would run twice),
    bytes, and comments it cannot place.

    **Safety.** Only ``str`` and ``bytes`` have ``removeprefix``: another object with a
    ``startswith`` would break, and a tuple ``p`` tests several prefixes.  By default ``s`` and
    ``p`` must be provably ``str``: a literal, or a name every binding of which is a str
    literal, an f-string, a ``str()``/``repr()``... call, a str method's result, a slice or sum
    of strs, or is annotated ``str`` (parameters too).  ``endswith`` with a non-literal ``p``
    differs for ``p == ""`` (``s[:-0]`` is empty).  ``--unsafe`` rewrites all of these; a note
    lists the lines kept.
    """

    MIN_PYTHON = (3, 9)
    PRECHECK = re.compile(r"\.(?:starts|ends)with\s*\(")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, ParentNodeProvider, PositionProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.kept: list[int] = []
        self.proofs = Proofs(self)

    def leave_If(self, original_node: cst.If, updated_node: cst.If) -> cst.BaseStatement:
        if updated_node.orelse is not None or not updated_node.deep_equals(original_node):
            return updated_node  # an ``else``, or another codemod changed it first
        try:
            outer = self.get_metadata(ParentNodeProvider, original_node)
            require(not (isinstance(outer, cst.If) and outer.orelse is original_node))  # elif
            line, header = _only_line(original_node.body)
            require(m.matches(line, m.SimpleStatementLine([m.Assign([m.AssignTarget()])])))
            assign = cst.ensure_type(line.body[0], cst.Assign)
            call = self._rewrite(original_node.test, assign.value, assign.targets[0].target)
            require(not comments(assign) and not comments(original_node.test))
            trailing = [w for w in (header, line.trailing_whitespace) if w.comment]
            require(len(trailing) <= 1)
        except Refuse:
            return updated_node
        self.count_rewrite()
        above = [*original_node.leading_lines, *(e for e in line.leading_lines if e.comment)]
        return line.with_changes(
            body=[assign.with_changes(value=call, semicolon=cst.MaybeSentinel.DEFAULT)],
            leading_lines=above,
            trailing_whitespace=trailing[0] if trailing else line.trailing_whitespace,
        )

    def leave_IfExp(self, original_node: cst.IfExp, updated_node: cst.IfExp) -> cst.BaseExpression:
        if comments(original_node) or not updated_node.deep_equals(original_node):
            return updated_node
        try:
            call = self._rewrite(original_node.test, original_node.body, original_node.orelse)
        except Refuse:
            return updated_node
        self.count_rewrite()
        return call.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    def _rewrite(
        self, test: cst.BaseExpression, sliced: cst.BaseExpression, same: cst.BaseExpression
    ) -> cst.Call:
        """``s.removeprefix(p)`` for ``s.startswith(p)``, ``s[len(p):]`` and ``s`` (or refuse)."""
        found = extract(test, TEST)
        s, p, name = found["s"], found["p"], cst.ensure_type(found["method"], cst.Name).value
        key, literal = dotted_key(s), isinstance(p, cst.SimpleString)
        require(key is not None and _key(p) is not None and dotted_key(same) == key)
        cut = extract(sliced, m.Subscript(VALUE, [m.SubscriptElement(SLICES[name])]))
        require(dotted_key(cut["value"]) == key)
        if isinstance(cut["cut"], cst.Integer):
            n = cut["cut"].evaluated_value
            require(literal and n == len(str_value(p)) and (n > 0 or name == "startswith"))
        else:
            require(_key(cut["p"]) == _key(p) and is_builtin(self.proofs.scope(test), "len"))
        proved = self.proofs.is_str(s) and (literal or self.proofs.is_str(p))
        if not self.unsafe and not (proved and (literal or name == "startswith")):
            self.kept.append(self.get_metadata(PositionProvider, test).start.line)
            raise Refuse
        return cst.Call(cst.Attribute(s, cst.Name(NEW[name])), [cst.Arg(p)])

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if self.kept:
            lines = ", ".join(map(str, sorted(set(self.kept))))
            self.warn(f"line(s) {lines}: slice kept, not provably str or maybe empty (--unsafe)")
        return updated_node


def _only_line(body: cst.BaseSuite) -> tuple[cst.SimpleStatementLine, cst.TrailingWhitespace]:
    """The one statement line of an ``if`` body, and the header's trailing whitespace."""
    if isinstance(body, cst.SimpleStatementSuite):
        line = cst.SimpleStatementLine(body.body, trailing_whitespace=body.trailing_whitespace)
        return line, cst.TrailingWhitespace()
    body = cst.ensure_type(body, cst.IndentedBlock)
    require(len(body.body) == 1 and not any(empty.comment for empty in body.footer))
    require(isinstance(body.body[0], cst.SimpleStatementLine))
    return cast(cst.SimpleStatementLine, body.body[0]), body.header


def _key(node: cst.BaseExpression) -> str | None:
    """A name, an attribute or a str literal (by value), as a comparable string."""
    return repr(str_value(node)) if isinstance(node, cst.SimpleString) else dotted_key(node)
