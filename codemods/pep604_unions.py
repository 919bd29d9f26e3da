"""``Optional[X]`` -> ``X | None`` and ``Union[A, B]`` -> ``A | B`` in annotations (PEP 604)."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ScopeProvider

from codemods._typing import (
    AnnotationRewriter,
    TypingCodemod,
    future_annotations,
    runtime_typing,
    typing_imports,
)
from legacylift.astindex import AstIndex

#: What may stand beside ``|`` without parentheses (and supports it at run time).
OPERANDS = (cst.Name, cst.Attribute, cst.Subscript)
BIT_OR = m.BinaryOperation(operator=m.BitOr())


class _Rewriter(AnnotationRewriter):
    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.BaseExpression:
        kind = self.qname(updated_node.value)
        if kind not in ("typing.Optional", "typing.Union") or m.findall(updated_node, m.Comment()):
            return updated_node
        elements = updated_node.slice
        if not all(isinstance(e.slice, cst.Index) and e.slice.star is None for e in elements):
            return updated_node
        operands = [cst.ensure_type(e.slice, cst.Index).value for e in elements]
        if kind == "typing.Optional":
            if len(operands) != 1:
                return updated_node
            operands.append(cst.Name("None"))
        elif len(operands) == 1 and isinstance(operands[0], cst.Tuple):
            operands = [e.value for e in operands[0].elements]  # ``Union[(A, B)]``
        fine = all(isinstance(o, OPERANDS) or m.matches(o, BIT_OR) for o in operands)
        if not operands or not fine or all(m.matches(o, m.Name("None")) for o in operands):
            return updated_node  # strings (``"X" | None`` fails), ``None | None``, ``Union[()]``
        result = operands[0]
        for right in operands[1:]:
            space = cst.SimpleWhitespace(" ")
            result = cst.BinaryOperation(result, cst.BitOr(space, space), right)
        self.drop_import(updated_node.value)
        self.count += 1
        return result.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)


class Pep604Unions(TypingCodemod):
    """Write unions of annotations with ``|``: ``X | None``, ``A | B``.

    **Why.** PEP 604 (Python 3.10) made ``A | B`` the spelling of ``Union[A, B]`` (ruff's
    UP007 and UP045).

    **Example.**

        import os
        from typing import Optional, Union

        def f(path: Union[str, os.PathLike], mode: Optional[Union[int, str]]) -> "Optional[int]":
            return None

    becomes

        import os

        def f(path: str | os.PathLike, mode: int | str | None) -> "int | None":
            return None

    Annotations only (elsewhere ``X | None`` builds a ``types.UnionType``, not a
    ``typing.Union``): from target 3.10, or on older targets in a file with ``from __future__
    import annotations`` (annotations are then never evaluated), as ruff and pyupgrade do.
    String annotations are rewritten inside.  ``Union[X]`` becomes ``X`` (``typing`` makes it
    so), ``Union[(A, B)]`` becomes ``A | B``.

    **Refuses** an operand that is a string (``"X" | None`` raises ``TypeError`` when it is
    evaluated; with ``from __future__ import annotations`` quoted_annotations unquotes it first)
    or any other expression than a name, dotted name or subscript, ``Optional`` with more than
    one argument, ``Union[()]``, all-``None`` unions, comments inside, and, on targets before
    3.10, files importing a library that evaluates annotations at run time (``RUNTIME_TYPING``).

    **Safety.** Safe: where it runs, ``A | B`` is evaluated on 3.10+ only, where it is the same
    union for type checkers and for ``typing.get_type_hints``.
    """

    MIN_PYTHON = (3, 7)
    PRECHECK = re.compile(r"\b(?:Optional|Union)\b")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)
    REWRITER = _Rewriter
    NAMES = frozenset(("Optional", "Union"))

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return typing_imports(found, cls.NAMES, cls.MODULES)

    def annotations_wanted(self) -> bool:
        if self.target >= (3, 10):
            return True
        return future_annotations(self.facts) and runtime_typing(self.facts) is None
