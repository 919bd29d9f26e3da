"""``[x for x in y]`` -> ``[*y]``, ``{x for x in y}`` -> ``{*y}`` (pyupgrade)."""

from __future__ import annotations

import ast
import re

import libcst as cst
import libcst.matchers as m

from codemods._calls import code, starred
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod

#: One plain loop whose target is all the comprehension yields.
COPY_LOOP = m.CompFor(target=m.Name(lpar=[]), ifs=[], inner_for_in=None, asynchronous=None)


class ComprehensionSplat(LiftCodemod):
    """Unpack an iterable into a list or set display rather than copy it item by item.

    **Why.** A comprehension that yields its own loop variable only copies the iterable;
    ``[*y]`` says so, and the copy runs in C without a frame for the comprehension.

    **Example.**

        names = [name for name in registry]
        unique = {
            tag for tag in tags  # all of them
        }

    becomes

        names = [*registry]
        unique = {
            *tags  # all of them
        }

    **Refuses** conditions (``if``), several loops, ``async for``, an item that is not the
    loop variable itself (``[(x) for x in y]``, ``[x.y for x in y]``), and comments between
    the item and the iterable (they would be lost). Generator expressions stay: ``f(x for x
    in y)`` is not ``f(*y)``, and a starred item in a generator needs Python 3.15.

    **Dict comprehensions are refused on purpose:** ``{k: v for k, v in d.items()}`` calls
    ``d.items()``, but ``{**d}`` reads ``d.keys()`` and ``d[k]`` (or nothing of the class at
    all for a ``dict`` subclass), so a mapping that defines ``items`` its own way gives
    another result, and an object with ``items`` alone fails.

    **Safety.** Safe: both forms call ``iter(y)`` once, in the enclosing scope, and keep every
    item in order. Only the message of the TypeError for a non-iterable ``y`` differs.
    """

    REACH = "statement"
    # The item, then ``for`` and the same name: a refused comment cannot come between them.
    PRECHECK = re.compile(r"[\[{](?:\s|#[^\n]*(?![^\n]))*(\w+)\s+for\s+\1\s+in\b")

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        comprehensions: list[ast.ListComp | ast.SetComp] = found.of(ast.ListComp, ast.SetComp)
        return {
            node.lineno
            for node in comprehensions
            if len(node.generators) == 1
            and not node.generators[0].ifs
            and not node.generators[0].is_async
            and isinstance(node.elt, ast.Name)
            and isinstance(node.generators[0].target, ast.Name)
            and node.elt.id == node.generators[0].target.id
        }

    def leave_ListComp(
        self, original_node: cst.ListComp, updated_node: cst.ListComp
    ) -> cst.BaseExpression:
        return self._display(updated_node)

    def leave_SetComp(
        self, original_node: cst.SetComp, updated_node: cst.SetComp
    ) -> cst.BaseExpression:
        return self._display(updated_node)

    def _display(self, node: cst.ListComp | cst.SetComp) -> cst.BaseExpression:
        """``[*y]`` or ``{*y}`` in the comprehension's own brackets, or ``node`` itself."""
        element = self._splatted(node)
        if element is None:
            return node
        self.count_rewrite()
        if isinstance(node, cst.ListComp):
            return cst.List([element], node.lbracket, node.rbracket, node.lpar, node.rpar)
        return cst.Set([element], node.lbrace, node.rbrace, node.lpar, node.rpar)

    @staticmethod
    def _splatted(node: cst.ListComp | cst.SetComp) -> cst.StarredElement | None:
        """``*y`` for ``[x for x in y]`` with no comment between ``x`` and ``y``, else None."""
        loop, item = node.for_in, node.elt
        if not m.matches(loop, COPY_LOOP) or not isinstance(item, cst.Name) or item.lpar:
            return None
        if not isinstance(loop.target, cst.Name) or item.value != loop.target.value:
            return None
        dropped = (loop.whitespace_before, loop.whitespace_after_for,
                   loop.whitespace_before_in, loop.whitespace_after_in)  # fmt: skip
        if any("#" in code(space) for space in dropped):
            return None
        return starred(loop.iter)
