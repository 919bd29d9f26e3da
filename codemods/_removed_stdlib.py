"""Base of the codemods that replace stdlib APIs removed in Python 3.x: names, imports, notes."""

from __future__ import annotations

import builtins
from typing import ClassVar

import libcst as cst
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
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
    kept: dict[str, list[int]]

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
        RemoveImportsVisitor.remove_unused_import_by_node(self.context, node)
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
