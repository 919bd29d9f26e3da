"""``def f(x: "Node") -> "Node"`` -> ``def f(x: Node) -> Node`` where annotations are postponed."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import FunctionScope, ParentNodeProvider, ScopeProvider

from codemods._typing import future_annotations, string_annotations, string_expression
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod

#: Parents a string annotation may be unquoted in without parentheses.
BARE = (cst.Annotation, cst.Index, cst.BinaryOperation)


class QuotedAnnotations(LiftCodemod):
    """Remove the quotes of annotations that are never evaluated.

    **Why.** With ``from __future__ import annotations`` (PEP 563) no annotation is evaluated
    when its statement runs, so forward references need no quotes (ruff's UP037); neither do
    the annotations of local variables, which Python never evaluates.

    **Example.**

        from __future__ import annotations

        class Node:
            def add(self, other: "Node") -> "list[Node]":
                kids: "list[Node]" = [other]
                return kids

    becomes

        from __future__ import annotations

        class Node:
            def add(self, other: Node) -> list[Node]:
                kids: list[Node] = [other]
                return kids

    Strings nested in an annotation (``Optional["Node"]``) are unquoted too, except in
    ``Literal[...]``, in the metadata of ``Annotated[...]`` and in calls, where they are data.
    Without the ``__future__`` import, only the annotations of assignments in function bodies.

    **Refuses** a string that is not one plain expression on one line: comments, several
    lines, escapes, byte or f-strings, implicit concatenation, surrounding spaces, and anything
    but names, attributes, subscripts, ``|``, lists and constants (``"*Ts"``, lambdas, tuples).

    **Safety.** Safe: the annotation stays the same text for ``typing.get_type_hints``
    (PEP 563 stores it as a string) and nothing evaluates it when the code runs.  From
    Python 3.14 (PEP 649) annotations are lazy anyway; targets here stop at 3.13.
    """

    MIN_PYTHON = (3, 6)  # variable annotations
    # A quoted return annotation, or a name annotated with a string at the start of a line
    # (a variable, or a parameter on its own line) or in a ``def`` line.
    PRECHECK = re.compile(
        r"""->\s*[rbuRBU]?['"]|^[ \t]*[\w.]+[ \t]*:[ \t]*['"]|\bdef\b[^\n]*\w[ \t]*:[ \t]*['"]""",
        re.M,
    )
    METADATA_DEPENDENCIES: ClassVar = (ParentNodeProvider, ScopeProvider)
    depth = 0

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return string_annotations(found)

    def visit_Module(self, node: cst.Module) -> None:
        self.postponed = future_annotations(self.facts)

    def visit_Annotation(self, node: cst.Annotation) -> None:
        self.depth += 1

    def leave_Annotation(
        self, original_node: cst.Annotation, updated_node: cst.Annotation
    ) -> cst.Annotation:
        self.depth -= 1
        return updated_node

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.BaseExpression:
        if not self.depth or not self._unevaluated(original_node):
            return updated_node
        expr = string_expression(updated_node)
        if expr is None or isinstance(expr, cst.Tuple):
            return updated_node
        if not isinstance(next(self.parents(original_node), None), BARE):
            expr = expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        self.count_rewrite()
        return expr.with_changes(
            lpar=[*updated_node.lpar, *expr.lpar], rpar=[*expr.rpar, *updated_node.rpar]
        )

    def _unevaluated(self, node: cst.CSTNode) -> bool:
        """Whether the string ``node`` is a type in an annotation Python never evaluates."""
        ancestors = self.parents(node)  # the string being left: the pipeline's stack
        child, parent = node, next(ancestors, None)
        while not isinstance(parent, cst.Annotation):
            if parent is None or isinstance(parent, (cst.Call, cst.ConcatenatedString)):
                return False
            if isinstance(parent, cst.Subscript):
                kind = (get_full_name_for_node(parent.value) or "").rpartition(".")[2]
                if kind == "Literal" or (kind == "Annotated" and child is not parent.slice[0]):
                    return False
            child, parent = parent, next(ancestors, None)
        if self.postponed:
            return True
        statement = next(ancestors, None)
        if not isinstance(statement, cst.AnnAssign):
            return False
        return isinstance(self.get_metadata(ScopeProvider, statement, None), FunctionScope)
