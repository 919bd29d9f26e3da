"""One walk over a file's ``ast`` tree, shared by the codemods' fine pre-checks and the size
check.

A regular expression cannot tell ``a, b = [f(x) for x in y]`` from a list that is kept, or a
class whose ``__init__`` only stores its arguments from any other class, so a codemod's
PRECHECK matches many places it will not rewrite, and each of them costs a LibCST parse of
the function around it.  The ``ast`` tree of the file is already there (the lift parsed it
to tell Python 3 from Python 2), and walking it costs about a tenth of LibCST's parse; so
the walk is done once per file and its nodes kept by type, and a codemod's
:meth:`~legacylift.codemod.LiftCodemod.locate` reads the kinds of nodes it rewrites.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection
from typing import TypeVar

from legacylift.lift._detect import parse_python3

N = TypeVar("N", bound=ast.AST)


class AstIndex:
    """The nodes of one ``ast`` tree by type, how deeply it nests and how many nodes it has."""

    def __init__(self, tree: ast.Module, text: str = "") -> None:
        self.tree = tree
        #: The source the tree was parsed from (for the few checks that need its spelling).
        self.text = text
        self._kinds: dict[type[ast.AST], list[ast.AST]] = {}
        self.depth, self.size = self._walk(tree)

    def _walk(self, tree: ast.Module) -> tuple[int, int]:
        """Fill ``_kinds``; (depth as LibCST nests it, node count).  Not recursive: the
        tree may be deeper than the interpreter's stack."""
        kinds, deepest, size = self._kinds, 0, 0
        stack: list[tuple[ast.AST, int]] = [(tree, 1)]
        while stack:
            node, depth = stack.pop()
            size += 1
            kind = type(node)
            if kind in kinds:
                kinds[kind].append(node)
            else:
                kinds[kind] = [node]
            if kind is ast.BoolOp:
                depth += len(node.values) - 2  # type: ignore[attr-defined]
            deepest = max(deepest, depth)
            for name in node._fields:
                value = getattr(node, name, None)
                if isinstance(value, list):
                    stack.extend((item, depth + 1) for item in value if isinstance(item, ast.AST))
                elif isinstance(value, ast.AST):
                    stack.append((value, depth + 1))
        return deepest, size

    def of(self, *kinds: type[N]) -> list[N]:
        """Every node of the given types (in no particular order)."""
        if len(kinds) == 1:
            return list(self._kinds.get(kinds[0], ()))  # type: ignore[arg-type]
        return [node for kind in kinds for node in self._kinds.get(kind, ())]  # type: ignore[misc]


def import_lines(
    found: AstIndex, roots: Collection[str], from_import: Callable[[ast.ImportFrom], bool]
) -> set[int]:
    """The lines of the plain imports of a module under one of ``roots`` (``import a.b`` for
    ``a``), and of the absolute from-imports that ``from_import`` accepts."""
    lines = {
        node.lineno for node in found.of(ast.Import)
        if any(alias.name.partition(".")[0] in roots for alias in node.names)
    }  # fmt: skip
    lines.update(node.lineno for node in found.of(ast.ImportFrom)
                 if node.level == 0 and from_import(node))  # fmt: skip
    return lines


def index(text: str) -> AstIndex:
    """The index of ``text``'s tree (Python 3 source; raises what ``ast.parse`` raises).

    The index of the last text asked for is kept, like the tree it is built from.
    """
    if _LAST and _LAST[0][0] == text:
        return _LAST[0][1]
    built = AstIndex(parse_python3(text), text)
    _LAST[:] = [(text, built)]
    return built


_LAST: list[tuple[str, AstIndex]] = []
