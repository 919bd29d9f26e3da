"""``x = []  # type: List[int]`` -> ``x: List[int] = []``, and signature type comments."""

from __future__ import annotations

import re
from functools import partial
from typing import ClassVar, cast

import libcst as cst
import libcst.matchers as m
from libcst.helpers import get_full_name_for_node
from libcst.metadata import (
    ClassScope,
    FunctionScope,
    ParentNodeProvider,
    PositionProvider,
    ScopeProvider,
)

from codemods._typing import evaluates, future_annotations, plain, quoted, signature, unquoted
from legacylift.codemod import LiftCodemod, Refuse, require

#: A type comment: its type, then any comment after it (``# type: int  # why``).
COMMENT = re.compile(r"#\s*type:\s*(?!ignore\b)([^#]*?)\s*(#.*)?")


class TypeCommentsToAnnotations(LiftCodemod):
    """Turn PEP 484 type comments into annotations.

    **Why.** Type comments were the Python 2 and 3.5 spelling of variable and signature types;
    annotations (3.0 for signatures, 3.6 for variables) are checked as code by every tool.

    **Example.**

        from typing import List, Optional

        def first(xs, default=None):  # type: (List[int], Optional[int]) -> Optional[int]
            found = None  # type: Optional[int]
            return xs[0] if xs else default

    becomes

        from typing import List, Optional

        def first(xs: List[int], default: Optional[int] = None) -> Optional[int]:
            found: Optional[int] = None
            return xs[0] if xs else default

    Signature comments go on the ``def`` line or the next (``self`` may be left out, ``*int``
    types ``*args``, ``(...) -> T`` is the return only); a comment after them stays.  Forward
    references lose their quotes where nothing evaluates the annotation (local variables, or
    ``from __future__ import annotations``); elsewhere it is quoted unless each name is bound
    above (not only under ``if TYPE_CHECKING:``) and each subscript works at run time.

    **Refuses** ``# type: ignore``, ``for``/``with`` and per-argument comments, several or
    tuple targets, ``global``/``nonlocal`` names, signatures whose counts or stars do not match
    or with annotations, types that are not names, subscripts, ``|``, lists and constants, and
    class variables of a class with bases, decorators or keywords (an annotation makes a
    dataclass or NamedTuple field).

    **Safety.** Safe: the annotation is never evaluated, or evaluates without error.
    """

    MIN_PYTHON = (3, 6)
    PRECHECK = re.compile(r"#\s*type:")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, ParentNodeProvider, PositionProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.postponed, self.declared = future_annotations(self.facts), set[str]()

    def visit_Global(self, node: cst.Global | cst.Nonlocal) -> None:
        self.declared.update(name.name.value for name in node.names)  # no annotation allowed

    visit_Nonlocal = visit_Global

    def _annotation(self, expr: cst.BaseExpression, node: cst.CSTNode) -> cst.Annotation:
        """``expr`` as the annotation of ``node`` (an original statement), quoted if needed."""
        require(plain(expr) and not isinstance(expr, cst.Tuple))
        scope = self.get_metadata(ScopeProvider, node, None)
        local = isinstance(node, cst.SimpleStatementLine) and isinstance(scope, FunctionScope)
        if self.postponed or local:
            return cst.Annotation(unquoted(expr))  # never evaluated: no forward references
        return cst.Annotation(expr if evaluates(self, expr, node) else quoted(expr))

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        (assign, *more), trailing = updated_node.body, updated_node.trailing_whitespace
        match = COMMENT.fullmatch(trailing.comment.value) if trailing.comment else None
        if more or not isinstance(assign, cst.Assign) or not match:
            return updated_node
        scope = self.get_metadata(ScopeProvider, original_node, None)
        owner = cst.ensure_type(scope.node, cst.ClassDef) if isinstance(scope, ClassScope) else None
        bases = [get_full_name_for_node(a.value) for a in owner.bases] if owner else []
        if owner and (owner.decorators or owner.keywords or bases not in ([], ["object"])):
            return updated_node  # its annotations may make fields
        target = assign.targets[0]
        if len(assign.targets) != 1 or not m.matches(target.target, m.Name() | m.Attribute()):
            return updated_node
        try:
            require(getattr(target.target, "value", None) not in self.declared)
            annotation = self._annotation(cst.parse_expression(match[1]), original_node)
        except (Refuse, cst.ParserSyntaxError):
            return updated_node
        equal = cst.AssignEqual(target.whitespace_before_equal, target.whitespace_after_equal)
        new = cst.AnnAssign(target.target, annotation, assign.value, equal, assign.semicolon)
        self.consumed_comments.append(match[0])  # it is an annotation now
        self.count_rewrite()
        return updated_node.with_changes(body=[new], trailing_whitespace=_rest(trailing, match))

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        body = updated_node.body
        if not isinstance(body, cst.IndentedBlock) or not body.body:
            return updated_node
        first = cast("cst.SimpleStatementLine | cst.BaseCompoundStatement", body.body[0])
        on_def = body.header.comment is not None or not first.leading_lines
        comment = body.header.comment if on_def else first.leading_lines[0].comment
        match = COMMENT.fullmatch(comment.value) if comment else None
        if not match or m.findall(updated_node.params, m.Comment()) or updated_node.returns:
            return updated_node
        args, arrow, result = match[1].rpartition("->")
        try:
            call = cst.ensure_type(cst.parse_expression(f"f{args.strip()}"), cst.Call)
            require(bool(arrow) and args.strip()[:1] == "(")
            scope = self.get_metadata(ScopeProvider, original_node, None)
            kinds = [get_full_name_for_node(d.decorator) for d in original_node.decorators]
            method = isinstance(scope, ClassScope) and "staticmethod" not in kinds
            annotate = partial(self._annotation, node=original_node)
            params = signature(updated_node.params, call.args, method, annotate)
            returns = self._annotation(cst.parse_expression(result.strip()), original_node)
        except (Refuse, cst.ParserSyntaxError, ValueError):  # ValueError: not ``(...)``
            return updated_node
        if on_def:
            body = body.with_changes(header=_rest(body.header, match))
        else:
            line = first.leading_lines[0]
            kept = [line.with_changes(comment=cst.Comment(match[2]))] if match[2] else []
            first = first.with_changes(leading_lines=[*kept, *first.leading_lines[1:]])
            body = body.with_changes(body=[first, *body.body[1:]])
        self.consumed_comments.append(match[0])
        self.count_rewrite()
        return updated_node.with_changes(params=params, returns=returns, body=body)


def _rest(trailing: cst.TrailingWhitespace, match: re.Match[str]) -> cst.TrailingWhitespace:
    """``trailing`` with only the comment after the type comment left (if any)."""
    whitespace = trailing.whitespace if match[2] else cst.SimpleWhitespace("")
    return trailing.with_changes(whitespace=whitespace, comment=match[2] and cst.Comment(match[2]))
