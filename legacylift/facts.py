"""Whole-file facts that several codemods need before they can decide on a node.

Many codemods must know something about the whole file first (does it star-import? does it
define its own ``next`` method? which modules does it import?).  Each asking with its own
``m.findall`` costs a full matcher traversal of the tree per codemod; :class:`FileFacts` makes
one plain traversal, the first time any codemod asks, and every codemod shares the result.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property

import libcst as cst


class FileFacts:
    """Facts about one module, gathered in a single traversal on first use."""

    def __init__(self, module: cst.Module) -> None:
        self.module = module

    @cached_property
    def _collected(self) -> _Collector:
        collector = _Collector()
        self.module.visit(collector)
        return collector

    @property
    def imports(self) -> list[cst.Import | cst.ImportFrom]:
        """Every ``import`` and ``from ... import`` statement, in source order."""
        return self._collected.imports

    @property
    def star_import(self) -> bool:
        """Whether the file has a ``from m import *`` anywhere."""
        return any(
            isinstance(i, cst.ImportFrom) and isinstance(i.names, cst.ImportStar)
            for i in self.imports
        )

    @property
    def functions(self) -> list[cst.FunctionDef]:
        """Every function and method definition."""
        return self._collected.functions

    @property
    def function_names(self) -> set[str]:
        """The names of every function and method the file defines."""
        return {f.name.value for f in self.functions}

    @property
    def classes(self) -> list[cst.ClassDef]:
        """Every class definition."""
        return self._collected.classes

    @property
    def dels(self) -> list[cst.Del]:
        """Every ``del`` statement."""
        return self._collected.dels

    @property
    def attributes(self) -> Counter[str]:
        """How often each ``.name`` attribute occurs (reads, writes and calls alike)."""
        return self._collected.attributes


class _Collector(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.imports: list[cst.Import | cst.ImportFrom] = []
        self.functions: list[cst.FunctionDef] = []
        self.classes: list[cst.ClassDef] = []
        self.dels: list[cst.Del] = []
        self.attributes: Counter[str] = Counter()

    def visit_Import(self, node: cst.Import) -> bool:
        self.imports.append(node)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        self.imports.append(node)
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node)

    def visit_Del(self, node: cst.Del) -> None:
        self.dels.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.attributes[node.attr.value] += 1
