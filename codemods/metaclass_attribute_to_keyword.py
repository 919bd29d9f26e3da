"""Python 2 ``__metaclass__ = M`` in a class body -> ``class A(metaclass=M)``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import BuiltinAssignment, ClassScope, GlobalScope, ScopeProvider

from legacylift.codemod import LiftCodemod, Refuse, require

DOTTED = m.Name() | m.Attribute(value=m.Name() | m.Attribute())
SPACE, NONE = cst.SimpleWhitespace(" "), cst.SimpleWhitespace("")
EQUAL = cst.AssignEqual(whitespace_before=NONE, whitespace_after=NONE)
NEWLINE = m.ParenthesizedWhitespace()
SETTING = m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(m.Name("__metaclass__"))])])


class MetaclassAttributeToKeyword(LiftCodemod):
    """Move a Python 2 ``__metaclass__`` class attribute into the ``metaclass=`` keyword.

    Why: Python 3 ignores ``__metaclass__``: the class silently gets ``type`` (no registry, no
    ABC checks, no validation the metaclass did). Example::

        class Plugin(Base):
            __metaclass__ = Registry

            def run(self):
                pass

    becomes::

        class Plugin(Base, metaclass=Registry):
            def run(self):
                pass

    Comments on or above the removed line move to the next statement; a body left empty gets
    ``pass``. A module-level ``__metaclass__ = type`` (py2's switch to new-style classes, the
    only kind Python 3 has) is removed with a note; any other module-level value is only noted.

    Refused: a value other than a (dotted) name (Python 3 evaluates it before the body runs);
    a name the class body binds; ``__metaclass__`` bound twice or read in the body, or read as an
    attribute (``cls.__metaclass__``) anywhere in the file; a class that already has
    ``metaclass=`` or ``**kwargs``; the line holding more than the assignment; comments after the
    last statement of a body, which have nowhere to go.

    Safety: ``A.__metaclass__`` no longer exists (refused where the file reads it).
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"^\s*__metaclass__\s*=", re.MULTILINE)
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def visit_Module(self, node: cst.Module) -> None:
        self._read = self.facts.attributes["__metaclass__"] > 0

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        body = updated_node.body
        found = [i for i, s in enumerate(body.body) if m.matches(s, SETTING)]
        if len(found) != 1 or not isinstance(body, cst.IndentedBlock) or self._read:
            return updated_node
        try:
            value = self._value(original_node.body.body[found[0]], updated_node)
            statements = _without(body.body, found[0], in_class=True)
        except Refuse:
            return updated_node
        self.count_rewrite()
        bases = list(updated_node.bases)
        if bases and not m.matches(bases[-1].comma, m.Comma(m.DoNotCare(), NEWLINE)):
            bases[-1] = bases[-1].with_changes(comma=cst.Comma(whitespace_after=SPACE))
        keyword = cst.Arg(value, keyword=cst.Name("metaclass"), equal=EQUAL)
        statements_body = body.with_changes(body=statements)
        return updated_node.with_changes(
            bases=bases, keywords=[keyword], body=statements_body, lpar=cst.LeftParen(),
            rpar=cst.RightParen()
        )  # fmt: skip

    def _value(self, original: cst.CSTNode, updated: cst.ClassDef) -> cst.BaseExpression:
        """The metaclass expression, if it may move into the class header."""
        require(not updated.keywords)
        value = cst.ensure_type(
            cst.ensure_type(original, cst.SimpleStatementLine).body[0], cst.Assign
        ).value
        require(m.matches(value, DOTTED))
        scope = self.get_metadata(ScopeProvider, original)
        require(isinstance(scope, ClassScope))
        assert isinstance(scope, ClassScope)
        require(len(scope.assignments["__metaclass__"]) == 1)
        require(not scope.accesses["__metaclass__"])
        root = value
        while isinstance(root, cst.Attribute):
            root = root.value
        require(not scope.assignments[cst.ensure_type(root, cst.Name).value])  # a class name
        return value

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        found = [i for i, s in enumerate(updated_node.body) if m.matches(s, SETTING)]
        if len(found) != 1:
            return updated_node
        original = original_node.body[found[0]]
        assign = cst.ensure_type(
            cst.ensure_type(original, cst.SimpleStatementLine).body[0], cst.Assign
        )
        scope = self.get_metadata(ScopeProvider, original)
        if not isinstance(scope, GlobalScope) or not m.matches(assign.value, m.Name("type")):
            self.warn("a module-level __metaclass__ does nothing in Python 3; review by hand")
            return updated_node
        builtin = all(isinstance(a, BuiltinAssignment) for a in scope["type"])
        if not builtin or scope.accesses["__metaclass__"] or len(scope["__metaclass__"]) != 1:
            return updated_node
        try:
            statements = _without(updated_node.body, found[0], in_class=False)
        except Refuse:
            return updated_node
        self.count_rewrite()
        self.warn("removed the module-level `__metaclass__ = type`: Python 3 classes are new-style")
        return updated_node.with_changes(body=statements)


def _without(
    statements: Sequence[cst.BaseStatement], index: int, in_class: bool
) -> list[cst.BaseStatement]:
    """``statements`` less the one at ``index``, whose comments go to the next statement."""
    line = cst.ensure_type(statements[index], cst.SimpleStatementLine)
    comment = line.trailing_whitespace.comment
    moved = [*line.leading_lines, *([cst.EmptyLine(comment=comment)] if comment else [])]
    rest = list(statements[index + 1 :])
    if not rest and (not in_class or index):
        require(not any(empty.comment for empty in moved))
        return list(statements[:index])
    following = rest[0] if rest else cst.SimpleStatementLine([cst.Pass()])
    assert isinstance(following, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
    lines = [*moved, *following.leading_lines]
    while index == 0 and lines and lines[0].comment is None:
        lines.pop(0)  # no blank line right under the class header (or at the top)
    return [*statements[:index], following.with_changes(leading_lines=lines), *rest[1:]]
