"""Base of the codemods that replace stdlib APIs removed in Python 3.x: names, imports, notes."""

from __future__ import annotations

import ast
import builtins
from collections.abc import Collection
from functools import cached_property
from typing import ClassVar

import libcst as cst
from libcst.codemod.visitors import AddImportsVisitor
from libcst.metadata import (
    ExpressionContext,
    ExpressionContextProvider,
    ImportAssignment,
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)

from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod, Refuse, require
from legacylift.facts import FileFacts, root_name


class RemovedStdlibBase(LiftCodemod):
    """Shared helpers of the removed-stdlib codemods (not a codemod itself).

    ``note(node, why)`` collects lines per reason; one note per reason is added at the end of
    the file, so a file with ten kept calls gets one line in the run's summary.
    """

    METADATA_DEPENDENCIES: ClassVar = (
        QualifiedNameProvider, ScopeProvider, ExpressionContextProvider, PositionProvider,
        ParentNodeProvider,  # resolved only when a codemod asks
    )  # fmt: skip
    #: The top-level modules every name :meth:`qname` is asked about must come from for the
    #: codemod to care (``{"base64", "cgi"}``): any other name is ``""`` to :meth:`qname`, at
    #: no cost.  None: every module counts.
    MODULES: ClassVar[frozenset[str] | None] = None
    #: The qualified names (or modules) whose uses and from-imports are every place the
    #: codemod may rewrite or note, for its locator (None: no locator, unless it has its own).
    LOCATED: ClassVar[frozenset[str] | None] = None
    kept: dict[str, list[int]]

    @classmethod
    def locate(cls, found: AstIndex) -> set[int] | None:
        return None if cls.LOCATED is None else names(found).lines(cls.LOCATED)

    def visit_Module(self, node: cst.Module) -> None:
        self.kept = {}

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        for why, lines in self.kept.items():
            self.warn(f"line(s) {', '.join(map(str, sorted(set(lines))))}: {why}")
        return updated_node

    def note(self, node: cst.CSTNode, why: str) -> None:
        """Remember that ``node`` (an original node) was left alone, or changed, for ``why``."""
        line = self.get_metadata(PositionProvider, node).start.line
        self.kept.setdefault(why, []).append(line)

    def gate(self, node: cst.CSTNode, safe: bool, why: str) -> None:
        """Refuse unless ``safe`` or under ``--unsafe``, noting ``why`` at ``node`` (original)."""
        if not safe and not self.unsafe:
            self.note(node, why)
            raise Refuse

    def qname(self, node: cst.CSTNode) -> str:
        """The one imported name ``node`` (an original node) resolves to, e.g. ``"cgi.escape"``."""
        if root_name(node) not in self.facts.import_bound:
            return ""  # no import binds its first name: no need for the file's scopes
        if self.facts.binding(root_name(node) or "") == "import":
            return self.facts.resolve(node) or ""  # "" when even scopes could not tell
        if self.MODULES is not None and not self._relevant(root_name(node) or ""):
            return ""  # whatever it names, it is not from a module this codemod cares about
        names = self.get_metadata(QualifiedNameProvider, node, set())
        if len(names) != 1:
            return ""
        (name,) = names
        return name.name if name.source is QualifiedNameSource.IMPORT else ""

    def _relevant(self, root: str) -> bool:
        """Whether an import binds ``root`` to something from one of MODULES: LibCST spells an
        imported name from what the import names (``import a.b`` -> ``a``..., ``from a import
        b`` -> ``a.b``...), so a name from any other import cannot start with one of them."""
        modules = self.MODULES or frozenset()
        targets = self.facts.import_targets.get(root, set())
        return any(target.partition(".")[0] in modules for target in targets)

    def is_load(self, node: cst.CSTNode) -> bool:
        """Whether ``node`` (an original node) is read, not assigned or deleted."""
        context = self.get_metadata(ExpressionContextProvider, node, None)
        return context is ExpressionContext.LOAD

    def imported(self, node: cst.CSTNode, new: str) -> cst.BaseExpression:
        """``new`` (``"html.escape"``) as an expression, imported; the old import goes if unused.

        Refuses unless the new top-level module name is unbound in ``node``'s scope or bound
        only by ``import`` of that module (``from x import html`` or a variable ``html`` is not).
        """
        top, scope = new.partition(".")[0], self.get_metadata(ScopeProvider, node, None)
        require(
            scope is not None
            and all(isinstance(a, ImportAssignment) and _imports(a.node, top) for a in scope[top])
        )
        AddImportsVisitor.add_needed_import(self.context, new.rpartition(".")[0] or new)
        self.unimport(node)
        return cst.parse_expression(new)


def local_root(facts: FileFacts, root: str) -> bool:
    """Whether no import binds ``root`` and no builtin has its name: to LibCST, a dotted name
    starting with it is then a local's attribute or unbound, never an imported or builtin name
    (only imports and builtins give those; a builtin's attribute is named after the builtin)."""
    return root not in facts.import_bound and not hasattr(builtins, root)


def _imports(node: cst.CSTNode, module: str) -> bool:
    """Whether ``node`` is an ``import`` that binds the name ``module`` to that very module."""
    return isinstance(node, cst.Import) and any(
        alias.evaluated_alias == module == alias.evaluated_name
        or (alias.evaluated_alias is None and alias.evaluated_name.partition(".")[0] == module)
        for alias in node.names
    )


class Names:
    """What the names of a file's ``ast`` may stand for, spelt as LibCST's qualified names
    (``io.open``, ``builtins.IOError``), for the locators of codemods that resolve names.

    No scopes: every import of a name anywhere in the file counts, and any name may also be
    the builtin it is spelt like; so what LibCST resolves a name or dotted name to (through
    an import, or as a builtin) is always among what :meth:`meanings` gives.
    """

    def __init__(self, found: AstIndex) -> None:
        self.found = found
        #: name -> what each import binding it names (``import a.b`` binds ``a`` to ``a``,
        #: ``import a.b as c``: ``c`` to ``a.b``, ``from a import b as c``: ``c`` to ``a.b``).
        self.targets: dict[str, set[str]] = {}
        self.froms: list[tuple[ast.ImportFrom, set[str]]] = []  # and what each names
        for statement in found.of(ast.Import):
            for alias in statement.names:
                bound = alias.asname or alias.name.partition(".")[0]
                self.targets.setdefault(bound, set()).add(alias.name if alias.asname else bound)
        for node in found.of(ast.ImportFrom):
            named: set[str] = set()
            module = "." * node.level + (node.module or "")
            dot = "" if module.endswith(".") else "."
            for alias in node.names:
                if alias.name != "*":
                    named.add(f"{module}{dot}{alias.name}")
                    self.targets.setdefault(alias.asname or alias.name, set()).add(
                        f"{module}{dot}{alias.name}"
                    )
            self.froms.append((node, named))

    @cached_property
    def _names(self) -> dict[str, list[ast.Name]]:
        found: dict[str, list[ast.Name]] = {}
        for name in self.found.of(ast.Name):
            found.setdefault(name.id, []).append(name)
        return found

    @cached_property
    def _attributes(self) -> dict[str, list[ast.Attribute]]:
        found: dict[str, list[ast.Attribute]] = {}
        for attribute in self.found.of(ast.Attribute):
            found.setdefault(attribute.attr, []).append(attribute)
        return found

    def meanings(self, node: ast.AST) -> set[str]:
        """What the name or dotted name ``node`` may stand for (a call or subscript in the
        chain counts as what it calls or subscripts, as in LibCST: ``open(p).read``)."""
        parts: list[str] = []
        while not isinstance(node, ast.Name):
            if isinstance(node, ast.Attribute):
                parts.append(node.attr)
                node = node.value
            elif isinstance(node, ast.Call):
                node = node.func
            elif isinstance(node, ast.Subscript):
                node = node.value
            else:
                return set()
        rest = "".join(f".{part}" for part in reversed(parts))
        found = {f"{target}{rest}" for target in self.targets.get(node.id, ())}
        # Or the builtin, whose attributes LibCST names after it (see FileFacts.resolve).
        return found | {f"builtins.{node.id}{rest}", f"builtins.{node.id}"}

    def means(self, node: ast.AST, wanted: Collection[str]) -> bool:
        """Whether ``node`` may stand for one of the qualified names ``wanted``."""
        return not self.meanings(node).isdisjoint(wanted)

    def uses(self, wanted: Collection[str], *, bare: bool = True) -> list[ast.expr]:
        """The names (unless not ``bare``) and dotted names that may stand for one of
        ``wanted``."""
        found: list[ast.expr] = []
        if bare:
            local = {n for n, targets in self.targets.items() if not targets.isdisjoint(wanted)}
            local.update(w[len("builtins.") :] for w in wanted if w.startswith("builtins."))
            found += [node for name in local for node in self._names.get(name, ())]
        for last in {name.rpartition(".")[2] for name in wanted}:
            found.extend(a for a in self._attributes.get(last, ()) if self.means(a, wanted))
        return found

    def imports(self, wanted: Collection[str]) -> set[int]:
        """The lines of the from-imports of one of ``wanted`` (or from a module in it)."""
        return {
            node.lineno for node, named in self.froms
            if not named.isdisjoint(wanted) or (node.level == 0 and node.module in wanted)
        }  # fmt: skip

    def lines(self, wanted: Collection[str], *, bare: bool = True) -> set[int]:
        """The lines of the uses and from-imports of ``wanted`` (qualified names; a module
        stands for the names bound to it: ``imp`` locates each ``imp.x`` and ``from imp``)."""
        return {n.lineno for n in self.uses(wanted, bare=bare)} | self.imports(wanted)

    def calls(self, functions: Collection[str], keywords: Collection[str] = ()) -> list[ast.Call]:
        """The calls of what may be one of ``functions`` that pass one of ``keywords`` (any
        call when none is given)."""
        uses = {id(node) for node in self.uses(functions)}
        return [
            call for call in self.found.of(ast.Call)
            if id(call.func) in uses
            and (not keywords or any(k.arg in keywords for k in call.keywords))
        ]  # fmt: skip


def names(found: AstIndex) -> Names:
    """The :class:`Names` of ``found`` (kept for the last file: several locators ask)."""
    if not _LAST or _LAST[0].found is not found:
        _LAST[:] = [Names(found)]
    return _LAST[0]


_LAST: list[Names] = []
