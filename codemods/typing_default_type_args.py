"""``Generator[int, None, None]`` -> ``Generator[int]`` (type parameter defaults, 3.13)."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.helpers import get_full_name_for_node
from libcst.metadata import ScopeProvider

from codemods._typing import AnnotationRewriter, TypingCodemod, future_annotations, runtime_typing

#: Generic -> how many type arguments it takes (all but the first default to ``None``).
ARITY = {"Generator": 3, "AsyncGenerator": 2}
KINDS = {f"{module}.{name}": name for module in ("typing", "collections.abc") for name in ARITY}
NONE = m.SubscriptElement(slice=m.Index(value=m.Name("None"), star=None))


class _Rewriter(AnnotationRewriter):
    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.Subscript:
        return self.trim(updated_node)

    def trim(self, node: cst.Subscript) -> cst.Subscript:
        """``node`` without its trailing ``None`` type arguments, if it is a generator type."""
        kind = KINDS.get(self.qname(node.value))
        elements = node.slice
        if kind is None or len(elements) > ARITY[kind] or m.findall(node, m.Comment()):
            return node
        kept = len(elements)
        while kept > 1 and m.matches(elements[kept - 1], NONE):
            kept -= 1
        if kept == len(elements):
            return node
        last = elements[kept - 1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        self.count += 1
        return node.with_changes(slice=[*elements[: kept - 1], last])


class TypingDefaultTypeArgs(TypingCodemod):
    """Drop the ``None`` type arguments that ``Generator`` and ``AsyncGenerator`` default to.

    **Why.** Python 3.13 gave type parameters defaults (PEP 696): the send and return types
    of ``Generator`` and the send type of ``AsyncGenerator`` default to ``None``, so
    ``Generator[int, None, None]`` is ``Generator[int]`` (ruff's UP043).

    **Example.**

        from collections.abc import AsyncGenerator, Generator

        def count() -> Generator[int, None, None]:
            yield 1

        async def ticks() -> AsyncGenerator[float, None]:
            yield 0.5

    becomes

        from collections.abc import AsyncGenerator, Generator

        def count() -> Generator[int]:
            yield 1

        async def ticks() -> AsyncGenerator[float]:
            yield 0.5

    ``typing``, ``typing_extensions`` and ``collections.abc`` spellings, in annotations
    (string annotations too) and elsewhere (``Gen = Generator[int, None, None]``); trailing
    ``None`` arguments only (``Generator[int, int, None]`` becomes ``Generator[int, int]``).
    On older targets, in the annotations of a file with ``from __future__ import annotations``
    (never evaluated; type checkers take the defaults from typeshed), as pyupgrade does.

    **Refuses** more arguments than the generic takes, a ``None`` that is not last
    (``Generator[int, None, str]``), a ``Generator`` that is not the typing or abc one,
    comments inside the brackets, and, before 3.13, files importing a library that evaluates
    annotations at run time (``RUNTIME_TYPING``: ``Generator[int]`` raises there).

    **Safety.** Safe: on 3.13 the defaults make both spellings the same type, and at run time
    neither ``typing`` nor ``collections.abc`` checks the number of arguments differently.
    """

    MIN_PYTHON = (3, 7)
    PRECHECK = re.compile(r"Generator\s*\[")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)
    REWRITER = _Rewriter
    NAMES = frozenset(ARITY)
    MODULES = ("typing", "typing_extensions", "collections.abc")

    def annotations_wanted(self) -> bool:
        if self.target >= (3, 13):
            return True
        return future_annotations(self.facts) and runtime_typing(self.facts) is None

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.Subscript:
        head = (get_full_name_for_node(original_node.value) or "").partition(".")[0]
        if self.depth or self.target < (3, 13) or head not in self.names | self.modules:
            return updated_node  # (annotations are rewritten whole)
        scope = self.get_metadata(ScopeProvider, original_node, None)
        if scope is None:
            return updated_node
        rewriter = _Rewriter(self, scope)
        new = rewriter.trim(updated_node)
        self.count_rewrite(rewriter.count)
        return new
