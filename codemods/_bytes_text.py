"""Base of the codemods that note Python 2 byte strings used as Python 3 text (no rewrite)."""

from __future__ import annotations

from typing import ClassVar

import libcst as cst
from libcst import BaseExpression as Expr
from libcst.helpers import get_full_name_for_node
from libcst.metadata import Assignment, PositionProvider, QualifiedNameProvider, ScopeProvider

from legacylift.codemod import LiftCodemod

STRUCT = {"struct.pack": "struct.pack()", "struct.unpack": "struct.unpack()"}


def literal(node: cst.CSTNode | None) -> str | None:
    """``"bytes"`` or ``"text"`` for a string literal (what it is on Python 3), else None."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return "bytes" if isinstance(node.evaluated_value, bytes) else "text"
    return "text" if isinstance(node, cst.FormattedString) else None


def argument(call: cst.Call, index: int) -> Expr | None:
    """The positional argument at ``index``, if any."""
    found = [a.value for a in call.args if not a.keyword and not a.star]
    return found[index] if index < len(found) else None


class BytesTextBase(LiftCodemod):
    """Shared helpers of the bytes/text codemods (not a codemod itself).

    It remembers what each name is given (``=`` and ``with ... as``) as the walk meets it, so
    ``_source`` can tell a name holding ``struct.pack()`` or a binary-mode ``read()``.
    """

    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, PositionProvider, QualifiedNameProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.assigned: dict[cst.CSTNode, Expr] = {}  # filled in as the walk meets them
        self.resolving: set[str] = set()  # the names _source is looking through

    def visit_Assign(self, node: cst.Assign) -> None:
        self.assigned.update((target.target, node.value) for target in node.targets)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname:
            self.assigned[node.asname.name] = node.item

    def _source(self, node: cst.CSTNode, item: bool = False) -> str | None:
        """What gives bytes here on Python 3: struct.pack(), struct.unpack(), a binary read."""
        if isinstance(node, cst.Subscript):
            return self._source(node.value, item=True)
        if isinstance(node, cst.Name):
            if node.value in self.resolving:
                return "?"  # ``data = data[4:]``: as its other values say
            self.resolving.add(node.value)
            kinds = {self._source(value, item) for value in self._values(node)} - {"?"}
            self.resolving.discard(node.value)
            return kinds.pop() if len(kinds) == 1 else None
        func = node.func if isinstance(node, cst.Call) else None
        if isinstance(func, cst.Attribute) and func.attr.value in ("read", "readline"):
            files = self._values(func.value)
            return "a binary read" if files and all(map(self._binary, files)) else None
        kind = STRUCT.get(self._calls(node, set(STRUCT)))
        return kind if kind == "struct.pack()" or item else None

    def _binary(self, node: cst.CSTNode) -> bool:
        if not isinstance(node, cst.Call) or not self._calls(node, {"builtins.open", "io.open"}):
            return False
        mode = argument(node, 1)  # a binary mode, as a str literal
        return literal(mode) == "text" and "b" in str(getattr(mode, "evaluated_value", ""))

    def _calls(self, node: cst.CSTNode, wanted: set[str]) -> str:
        """The qualified name in ``wanted`` of the function the call ``node`` calls, or ""."""
        if not isinstance(node, cst.Call):
            return ""
        short = (get_full_name_for_node(node.func) or "").rpartition(".")[2]
        if not short or not any(name.endswith("." + short) for name in wanted):
            return ""  # not even the last name: no need for qualified names
        found = self.get_metadata(QualifiedNameProvider, node.func, set())
        return next((q.name for q in found if q.name in wanted), "")

    def _values(self, node: Expr) -> list[cst.CSTNode]:
        """``[node]``, or what binds the name ``node`` above: values, imports... ([] if unknown)."""
        if not isinstance(node, cst.Name):
            return [node]
        scope = self.get_metadata(ScopeProvider, node, None)
        binds = scope[node.value] if scope else set()
        bound = [self.assigned.get(a.node, a.node) for a in binds if isinstance(a, Assignment)]
        known = [v for v in bound if not isinstance(v, cst.Name)]  # not a loop variable...
        return known if len(known) == len(binds) else []

    def _note(self, node: cst.CSTNode, why: str) -> None:
        line = self.get_metadata(PositionProvider, node).start.line
        self.warn(f"line {line}: `{self._show(node)}`: {why}")

    def _show(self, node: cst.CSTNode) -> str:
        code = " ".join(self.module.code_for_node(node).split())
        return code if len(code) <= 40 else code[:37] + "..."
