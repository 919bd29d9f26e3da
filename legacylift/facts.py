"""Whole-file facts that several codemods need before they can decide on a node.

Many codemods must know something about the whole file first (does it star-import? does it
define its own ``next`` method? which modules does it import?).  Each asking with its own
``m.findall`` costs a full matcher traversal of the tree per codemod; :class:`FileFacts` makes
one plain traversal, the first time any codemod asks, and every codemod shares the result.
"""

from __future__ import annotations

import ast
import builtins
import symtable
import warnings
from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from typing import Any, Literal, Optional, Union

import libcst as cst
import libcst.helpers

from legacylift.astindex import index

#: How a name is bound in a file (see :meth:`FileFacts.binding`).
Binding = Literal["none", "import", "other"]
_Kind = Literal["import", "local-import", "other"]
#: An import to remove if it ends up unused: (module, name imported from it, alias).
Removal = tuple[str, Optional[str], Optional[str]]
_Imported = tuple[Union[cst.Import, cst.ImportFrom], cst.ImportAlias]
_BUILTINS = frozenset(dir(builtins))
#: Nodes with a ``name`` that binds it, beyond definitions and handlers: match captures
#: (Python 3.10) and type parameters (``class C[T]``, Python 3.12).
_NAMED: tuple[type[ast.AST], ...] = tuple(
    getattr(ast, kind)
    for kind in ("MatchAs", "MatchStar", "TypeVar", "ParamSpec", "TypeVarTuple")
    if hasattr(ast, kind)
)


class FileFacts:
    """Facts about one module, gathered in a single traversal on first use."""

    def __init__(self, module: cst.Module, source: str | None = None) -> None:
        self.module = module
        #: The text ``module`` was parsed from, when the caller has it (spares a codegen).
        self.source = source

    @cached_property
    def _statements(self) -> _Statements:
        found = _Statements()
        found.walk(self.module.body)
        return found

    @property
    def imports(self) -> list[cst.Import | cst.ImportFrom]:
        """Every ``import`` and ``from ... import`` statement, in source order."""
        return self._statements.imports

    @cached_property
    def _bindings_by_import(self) -> list[tuple[str, str, str]]:
        """(name bound, module imported from, what the name names) for each import alias:
        ``import a.b`` -> (a, a.b, a); ``import a.b as c`` -> (c, a.b, a.b);
        ``from a import b as c`` -> (c, a, a.b); relative modules keep their dots."""
        found: list[tuple[str, str, str]] = []
        for node in self.imports:
            if isinstance(node, cst.Import):
                for alias in node.names:
                    dotted = cst.helpers.get_full_name_for_node(alias.name) or ""
                    name = alias.evaluated_alias or dotted.partition(".")[0]
                    found.append((name, dotted, dotted if alias.evaluated_alias else name))
            elif not isinstance(node.names, cst.ImportStar):
                module = "." * len(node.relative) + (
                    cst.helpers.get_full_name_for_node(node.module) or "" if node.module else ""
                )
                for alias in node.names:
                    name = alias.evaluated_alias or alias.evaluated_name
                    dot = "" if module.endswith(".") else "."
                    found.append((name, module, f"{module}{dot}{alias.evaluated_name}"))
        return found

    @cached_property
    def import_bound(self) -> dict[str, set[str]]:
        """Each name an import binds anywhere in the file -> the modules it is imported from
        (``import a.b`` binds ``a`` from ``a.b``; ``from a import b as c`` binds ``c`` from ``a``).

        A name no import binds cannot resolve to an imported name: codemods check this before
        asking for qualified names, which may compute the file's scopes."""
        bound: dict[str, set[str]] = {}
        for name, module, _ in self._bindings_by_import:
            bound.setdefault(name, set()).add(module)
        return bound

    @cached_property
    def import_targets(self) -> dict[str, set[str]]:
        """Each name an import binds -> what it names, as LibCST's qualified names spell it
        (``import a.b`` binds ``a`` to ``a``; ``import a.b as c`` binds ``c`` to ``a.b``;
        ``from a import b as c`` binds ``c`` to ``a.b``)."""
        targets: dict[str, set[str]] = {}
        for name, _, target in self._bindings_by_import:
            targets.setdefault(name, set()).add(target)
        return targets

    @cached_property
    def _import_names(self) -> set[int]:
        """The ids of the dotted names inside import statements (and of their parts)."""
        found: set[int] = set()
        for statement in self.imports:
            parts: list[cst.CSTNode] = [alias.name for alias in statement.names] if not isinstance(
                statement.names, cst.ImportStar
            ) else []  # fmt: skip
            if isinstance(statement, cst.ImportFrom) and statement.module is not None:
                parts.append(statement.module)
            for part in parts:
                while isinstance(part, cst.Attribute):
                    found.add(id(part))
                    part = part.value  # noqa: PLW2901 - down the dotted name
                found.add(id(part))
        return found

    @cached_property
    def _bindings(self) -> dict[str, set[_Kind]] | None:
        """Name -> how the file binds it, from the compiler's symbol tables (None: unknown)."""
        source = self.source if self.source is not None else self.module.code
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tables = [symtable.symtable(source, "<facts>", "exec")]
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None  # newer syntax than this interpreter's, say: ask LibCST's scopes
        found: dict[str, set[_Kind]] = {}
        while tables:
            table = tables.pop()
            module = table.get_type() == "module"
            for symbol in table.get_symbols():
                imported_only = symbol.is_imported() and not symbol.is_assigned()
                if imported_only and not symbol.is_parameter():
                    # A function's own ``import os`` names what the module's does, as long as
                    # every import of the name names one thing (resolve() checks).
                    found.setdefault(symbol.get_name(), set()).add(
                        "import" if module else "local-import"
                    )
                elif symbol.is_assigned() or symbol.is_imported() or symbol.is_parameter():
                    found.setdefault(symbol.get_name(), set()).add("other")
            tables.extend(table.get_children())
        return found

    def binding(self, name: str) -> Binding | None:
        """How ``name`` is bound anywhere in the file: ``"none"`` (never: a builtin or an
        undefined global everywhere), ``"import"`` (only by imports, one at module level), else
        ``"other"``; None when this cannot be told cheaply (LibCST's scopes must decide)."""
        bindings = self._bindings
        if bindings is None or self.star_import:
            return None
        if name.startswith("__") and not name.endswith("__"):
            return None  # the symbol tables of a class hold it mangled (_C__name)
        kinds = bindings.get(name, set())
        if not kinds:
            return "none"
        return "import" if "import" in kinds and kinds <= {"import", "local-import"} else "other"

    def bound_once(self, name: str) -> bool:
        """Whether the file binds ``name`` in exactly one place (a definition, an assignment,
        an import, a parameter...), counted in the ``ast`` of the whole text: a lookup of it
        from anywhere finds that binding or none.  False when that cannot be told cheaply."""
        counts = self._binding_counts
        private = name.startswith("__") and not name.endswith("__")  # mangled in classes
        return counts is not None and not private and not self.star_import and counts[name] == 1

    @cached_property
    def _binding_counts(self) -> Counter[str] | None:
        try:
            found = index(self.source if self.source is not None else self.module.code)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        counts: Counter[str] = Counter()
        counts.update(n.id for n in found.of(ast.Name) if not isinstance(n.ctx, ast.Load))
        counts.update((n.asname or n.name).partition(".")[0] for n in found.of(ast.alias))
        counts.update(n.arg for n in found.of(ast.arg))
        named: list[Any] = found.of(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
            ast.ExceptHandler, *_NAMED)  # fmt: skip
        counts.update(n.name for n in named if n.name)
        declared: list[Any] = found.of(ast.Global, ast.Nonlocal)  # conservative: a binding
        counts.update(name for n in declared for name in n.names)
        if hasattr(ast, "MatchMapping"):  # ``case {**rest}:`` (Python 3.10)
            counts.update(n.rest for n in found.of(ast.MatchMapping) if n.rest)
        return counts

    def resolve(self, node: cst.CSTNode) -> str | None:
        """The qualified name LibCST would give the name or dotted name ``node`` (an
        expression that is read or written, not an attribute's ``.attr``), when the file
        binds its first name uniformly: ``"builtins.open"``, ``"io.open"``, ``""`` (nothing
        known); None when only a scope analysis can tell."""
        dotted = cst.helpers.get_full_name_for_node(node) if _dotted(node) else None
        if not dotted or id(node) in self._import_names:
            return None  # what an import statement names is not an expression
        root, _, rest = dotted.partition(".")
        how = self.binding(root)
        if how == "none":  # LibCST names an attribute of a builtin after the builtin
            return f"builtins.{root}" if root in _BUILTINS else ""
        if how != "import":
            return None
        targets = self.import_targets.get(root, set())
        if len(targets) != 1:
            return None
        (target,) = targets
        if target.startswith("."):
            return None
        return f"{target}.{rest}" if rest else target

    def import_removals(self, node: cst.CSTNode) -> list[Removal] | None:
        """What ``RemoveImportsVisitor.remove_unused_import_by_node`` would schedule for
        ``node``, read from the import statements instead of the file's scopes: each import of
        a name that ``node`` (or a name in it) reads, wherever the import is.  That may be more
        than the scopes would give; the remover keeps any import still used.  None when a
        relative import binds one of the names (the scopes must say, or refuse)."""
        reads = _Reads()
        node.visit(reads)
        found: list[Removal] = []
        for local in reads.names:
            for statement, alias in self._imports_by_name.get(local.partition(".")[0], ()):
                prefix = alias.evaluated_alias or alias.evaluated_name
                if local != prefix and not local.startswith(f"{prefix}."):
                    continue
                if isinstance(statement, cst.Import):
                    found.append((alias.evaluated_name, None, alias.evaluated_alias))
                elif statement.relative or statement.module is None:
                    return None
                else:
                    module = cst.helpers.get_full_name_for_node(statement.module) or ""
                    found.append((module, alias.evaluated_name, alias.evaluated_alias))
        return list(dict.fromkeys(found))

    @cached_property
    def _imports_by_name(
        self,
    ) -> dict[str, list[tuple[cst.Import | cst.ImportFrom, cst.ImportAlias]]]:
        """The first name each import alias binds (``a`` for ``import a.b``) -> its aliases."""
        found: dict[str, list[tuple[cst.Import | cst.ImportFrom, cst.ImportAlias]]] = {}
        for statement in self.imports:
            if isinstance(statement.names, cst.ImportStar):
                continue
            for alias in statement.names:
                bound = (alias.evaluated_alias or alias.evaluated_name).partition(".")[0]
                found.setdefault(bound, []).append((statement, alias))
        return found

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
        return self._statements.functions

    @property
    def function_names(self) -> set[str]:
        """The names of every function and method the file defines."""
        return {f.name.value for f in self.functions}

    @property
    def classes(self) -> list[cst.ClassDef]:
        """Every class definition."""
        return self._statements.classes

    @property
    def dels(self) -> list[cst.Del]:
        """Every ``del`` statement."""
        return self._statements.dels

    @cached_property
    def attributes(self) -> Counter[str]:
        """How often each ``.name`` attribute occurs (reads, writes and calls alike)."""
        collector = _Attributes()
        self.module.visit(collector)
        return collector.attributes


class _Reads(cst.CSTVisitor):
    """The dotted names in a subtree, as ``RemovedNodeVisitor`` sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def visit_Name(self, node: cst.Name | cst.Attribute) -> None:
        name = cst.helpers.get_full_name_for_node(node)
        if name is not None:
            self.names.append(name)

    visit_Attribute = visit_Name


class _Statements:
    """Imports, definitions and ``del`` statements, found by walking statements only.

    Every one of them is a statement, so expressions (most of a tree) are never entered: this
    costs a small part of a visitor's walk over every node.
    """

    def __init__(self) -> None:
        self.imports: list[cst.Import | cst.ImportFrom] = []
        self.functions: list[cst.FunctionDef] = []
        self.classes: list[cst.ClassDef] = []
        self.dels: list[cst.Del] = []

    def walk(self, statements: Sequence[cst.CSTNode]) -> None:
        for statement in statements:
            if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
                self._small(statement.body)
            elif isinstance(statement, cst.BaseCompoundStatement):
                if isinstance(statement, cst.FunctionDef):
                    self.functions.append(statement)
                elif isinstance(statement, cst.ClassDef):
                    self.classes.append(statement)
                self.walk(_blocks(statement))

    def _small(self, statements: Sequence[cst.BaseSmallStatement]) -> None:
        for small in statements:
            if isinstance(small, (cst.Import, cst.ImportFrom)):
                self.imports.append(small)
            elif isinstance(small, cst.Del):
                self.dels.append(small)


def _blocks(statement: cst.BaseCompoundStatement) -> list[cst.CSTNode]:
    """The statements directly inside a compound statement, its ``else``/``except`` parts
    included (a one-line suite stands for its statements)."""
    # A ``match`` statement has no body of its own, only its cases'.
    parts: list[cst.CSTNode] = [statement.body] if hasattr(statement, "body") else []
    for name in ("orelse", "finalbody"):
        part = getattr(statement, name, None)
        if part is not None:
            parts.append(part if isinstance(part, cst.If) else part.body)
    parts += [handler.body for handler in getattr(statement, "handlers", ())]
    parts += [case.body for case in getattr(statement, "cases", ())]
    found: list[cst.CSTNode] = []
    for part in parts:
        if isinstance(part, cst.IndentedBlock):
            found.extend(part.body)
        else:
            found.append(part)  # a SimpleStatementSuite, or an ``elif`` (an If)
    return found


class _Attributes(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.attributes: Counter[str] = Counter()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.attributes[node.attr.value] += 1


def _dotted(node: cst.CSTNode) -> bool:
    """Whether ``node`` is a name or a chain of attributes of a name (``a.b.c``)."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def root_name(node: cst.CSTNode) -> str | None:
    """The first name of a dotted expression (``a`` of ``a.b.c``), or None for anything else."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else None
