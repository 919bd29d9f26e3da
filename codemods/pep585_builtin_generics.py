"""``typing.List[int]`` -> ``list[int]`` and the other typing aliases -> the real classes."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
from libcst.metadata import ExpressionContextProvider, ParentNodeProvider, ScopeProvider

from codemods._typing import (
    PEP585,
    UP006,
    NameCodemod,
    NameRewriter,
    future_annotations,
    runtime_typing,
    typing_imports,
)
from legacylift.astindex import AstIndex


class _Rewriter(NameRewriter):
    def swap(self, node: cst.Name | cst.Attribute) -> cst.BaseExpression:
        qualified = self.qname(node)
        since, new = PEP585.get(qualified, ((99, 0), ""))
        if self.codemod.target < since and not (self.postponed and qualified in UP006):
            return node
        if isinstance(node, cst.Name) and qualified.rpartition(".")[2] == new.rpartition(".")[2]:
            return node  # ``from typing import Sequence``: typing_deprecated_imports moves it
        return self.replace(node, new)


class Pep585BuiltinGenerics(NameCodemod):
    """Use ``list``, ``dict``, ``collections.abc.Sequence``... instead of the typing aliases.

    **Why.** PEP 585 (Python 3.9) made the real classes generic; the ``typing`` aliases
    (``List``, ``Dict``, ``Deque``, ``Sequence``, ``Pattern``...) are deprecated copies.

    **Example.**

        from typing import Deque, List
        import typing

        def f(xs: List[int], q: Deque[str]) -> typing.Callable[[], None]:
            return typing.cast(typing.Tuple[int, ...], xs)

    becomes

        import typing
        import collections.abc
        from collections import deque

        def f(xs: list[int], q: deque[str]) -> collections.abc.Callable[[], None]:
            return typing.cast(tuple[int, ...], xs)

    From target 3.9 (``Callable``: 3.10, whose ``collections.abc`` version was broken in 3.9.0
    and 3.9.1) every read of an alias is rewritten, in string annotations too; on older targets,
    ``List``, ``Dict``, ``Set``, ``FrozenSet``, ``Tuple``, ``Type``, ``Deque`` and
    ``DefaultDict`` only in the annotations of a file with ``from __future__ import
    annotations`` (they are never evaluated), as ruff and pyupgrade do.  A from-imported alias
    that keeps its name (``from typing import Sequence``) is left to typing_deprecated_imports,
    which moves the import.

    **Refuses** class bases (``class C(List[T])`` inherits ``typing.Generic`` and its checks,
    ``list[T]`` does not), a name the new spelling means something else for (a parameter called
    ``list``, a ``collections`` variable), aliases bound twice, and, on targets before 3.9,
    files importing a library that evaluates annotations at run time (pydantic, sqlalchemy,
    typer...: see ``RUNTIME_TYPING``).

    **Safety.** Safe: on the targets it runs for, the classes are generic at run time and are
    what the aliases stand for (``isinstance`` and ``issubclass`` agree).
    """

    MIN_PYTHON = (3, 7)
    PRECHECK = re.compile(r"\btyping")
    METADATA_DEPENDENCIES: ClassVar = (
        ScopeProvider, ExpressionContextProvider, ParentNodeProvider,
    )  # fmt: skip
    REWRITER = _Rewriter
    NAMES = frozenset(name.rpartition(".")[2] for name in PEP585)

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return typing_imports(found, cls.NAMES, cls.MODULES)

    def annotations_wanted(self) -> bool:
        if self.target >= (3, 9):
            return True
        return future_annotations(self.facts) and runtime_typing(self.facts) is None

    def runtime_wanted(self, node: cst.Name | cst.Attribute) -> bool:
        if self.target < (3, 9):
            return False
        parent = self.get_metadata(ParentNodeProvider, node, None)
        while parent is not None and not isinstance(parent, cst.BaseStatement):
            grandparent = self.get_metadata(ParentNodeProvider, parent, None)
            if isinstance(parent, cst.Arg) and isinstance(grandparent, cst.ClassDef):
                return False  # a class base: ``typing.Generic`` would leave the MRO
            parent = grandparent
        return True
