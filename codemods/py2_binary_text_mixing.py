"""Notes on str literals joined to or compared with what is bytes on Python 3 (no rewrite)."""

from __future__ import annotations

import re

import libcst as cst
from libcst import BaseExpression as Expr

from codemods._bytes_text import BytesTextBase, literal


class Py2BinaryTextMixing(BytesTextBase):
    """Note str literals joined to or compared with what is bytes on Python 3 (no rewrite).

    **Why.** Python 2's ``str`` was bytes, so ``struct.pack(...) + 'tail'`` or
    ``f.read(4) == 'GIF8'`` worked; on Python 3 the literal is text: ``+`` raises TypeError,
    ``==`` is always false and ``in`` raises.  Noted: a str literal joined (``+``) to or
    compared with ``struct.pack()``, an item of ``struct.unpack()`` or a ``read()`` of a file
    opened in binary mode, or with a name given one (by ``=`` or ``with ... as``).

    **Example.**

        with open(path, 'rb') as f:
            data = f.read()
        text = data + 'end'

    is left as it is, with the note

        line 3: `data + 'end'`: a binary read gives bytes on Python 3: bytes + str raises TypeError

    **Refuses** to rewrite anything: ``b'...'`` or ``.decode()`` is the author's call.  Not
    noted: a text-mode ``read()``, a name that may also hold something else, a tuple from
    ``struct.unpack()`` itself, a ``pack`` that is not ``struct``'s.  One note per ``+`` chain.

    **Safety.** Safe: it only reports.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\bstruct\b|['\"][rb+]{2,3}['\"]")

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        self.inner: set[cst.CSTNode] = set()  # each ``+`` inside a chain already looked at

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Add) and node not in self.inner:
            self._mixed(node, self._chain(node), "bytes + str raises TypeError")

    def visit_Comparison(self, node: cst.Comparison) -> None:
        parts = [node.left, *(c.comparator for c in node.comparisons)]
        self._mixed(node, parts, "never equal to a str (`in` raises)")

    def _mixed(self, node: cst.CSTNode, parts: list[Expr], why: str) -> None:
        """Note ``why`` if one of ``parts`` is a str literal and another gives bytes."""
        if any(literal(part) == "text" for part in parts):
            source = next(filter(None, map(self._source, parts)), None)
            if source:
                self._note(node, f"{source} gives bytes on Python 3: {why}")

    def _chain(self, node: Expr) -> list[Expr]:
        """The operands of the ``+`` chain ``node`` (each inner ``+`` is marked as seen)."""
        if not isinstance(node, cst.BinaryOperation) or not isinstance(node.operator, cst.Add):
            return [node]
        self.inner.add(node)
        return [*self._chain(node.left), *self._chain(node.right)]
