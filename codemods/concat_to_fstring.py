"""``"a" + str(x)`` and ``" ".join(["a", str(x)])`` -> f-strings (only under ``--unsafe``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar, Union

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ScopeProvider

from codemods._fstrings import Field, body, code, concat_lines, field, fits, restore, value, verify
from codemods._py2_builtins import comments
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod, Refuse, require

STR_CALL = m.Call(func=m.Name("str"), args=[m.Arg(keyword=None, star="")])
JOIN = m.Call(
    func=m.Attribute(value=m.SimpleString(), attr=m.Name("join")),
    args=[m.Arg(value=m.List() | m.Tuple(), keyword=None, star="")],
)
Literal = Union[cst.SimpleString, cst.FormattedString]
LITERALS = (cst.SimpleString, cst.FormattedString)
#: A literal (kept as text) or an expression (shown in a field).
Item = Union[Literal, cst.BaseExpression]


class ConcatToFstring(LiftCodemod):
    """Turn string concatenation with ``str()`` and ``join`` of a display into f-strings.

    **Why.** ``"id=" + str(n) + "!"`` reads better as ``f"id={n}!"``; a ``join`` of a fixed
    list of parts is an f-string in disguise.

    **Example.**

        label = "id=" + str(item.id) + "!"
        line = ", ".join([name, "age", str(age)])

    becomes

        label = f"id={item.id}!"
        line = f"{name}, age, {age}"

    The parts of a ``+`` chain are string literals, f-strings and at least one call of the
    builtin ``str``; a ``join`` (of a list or tuple display) takes any expression.  The
    literals must share their quotes and rawness (the result keeps them).

    **Refuses** other operands of ``+`` (``x + "a"``: ``x`` may be no string at all), bytes,
    starred elements, a shadowed ``str``, comments inside, ``await`` for 3.6, and the values that
    ``format_to_fstring`` refuses (backslashes, the string's quote, ``#``, newlines).

    **Safety.** Unsafe, so it only runs with ``--unsafe``: ``str(x)`` calls ``__str__`` where
    ``{x}`` calls ``__format__``, and the two differ for some types (``IntEnum`` before 3.11,
    classes with their own ``__format__``); ``join`` raises TypeError for an element that is
    not a string, where the f-string formats it.
    """

    UNSAFE_ONLY = True
    MIN_PYTHON = (3, 6)
    PRECHECK = re.compile(r"\bstr\s*\(|\.join\s*\(")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return concat_lines(found)

    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BaseExpression:
        if not isinstance(updated_node.operator, cst.Add) or not self._fits(updated_node):
            return updated_node
        pairs = ((original_node.left, updated_node.left), (original_node.right, updated_node.right))
        try:
            items = [self._item(old, new, anything=False) for old, new in pairs]
            # A str() call, or an f-string just made of a chain of them.
            chain = any(isinstance(old, cst.BinaryOperation) for old, _ in pairs)
            require(chain or any(not isinstance(i, LITERALS) for i in items))
            new = _fstring(items)
        except Refuse:
            return updated_node
        self.count_rewrite()
        return new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not m.matches(updated_node, JOIN) or not self._fits(updated_node):
            return updated_node
        separator = cst.ensure_type(
            cst.ensure_type(updated_node.func, cst.Attribute).value, cst.SimpleString
        )
        try:
            new_elements = _elements(updated_node)
            old_elements = _elements(original_node)
            require(len(old_elements) == len(new_elements) > 0)
            items: list[Item] = []
            for old, new in zip(old_elements, new_elements):
                items += [separator] if items else []
                items.append(self._item(old, new, anything=True))
            new_node = _fstring(items)
        except Refuse:
            return updated_node
        self.count_rewrite()
        return new_node.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    def _fits(self, node: cst.CSTNode) -> bool:
        return not comments(node) and fits(node, self.target)

    def _item(self, old: cst.BaseExpression, new: cst.BaseExpression, anything: bool) -> Item:
        """A literal, the argument of a ``str()`` call, or (if ``anything``) an expression."""
        if isinstance(new, LITERALS):
            return new
        if m.matches(new, STR_CALL) and m.matches(old, STR_CALL):
            func = cst.ensure_type(old, cst.Call).func
            if self.builtin(func, "str"):
                return cst.ensure_type(new, cst.Call).args[0].value
        require(anything)
        return new


def _elements(call: cst.Call) -> list[cst.BaseExpression]:
    require(m.matches(call, JOIN))
    display = call.args[0].value
    elements = display.elements if isinstance(display, (cst.List, cst.Tuple)) else ()
    require(all(isinstance(e, cst.Element) for e in elements))
    return [e.value for e in elements]


def _fstring(items: Sequence[Item]) -> cst.FormattedString:
    """One f-string for the concatenation of ``items``; at least one must be a field."""
    literals = [i for i in items if isinstance(i, LITERALS)]
    require(len(literals) < len(items) or any(isinstance(i, cst.FormattedString) for i in items))
    require(all("b" not in i.prefix for i in literals))
    kinds = {(i.quote, "r" in i.prefix) for i in literals} or {('"', False)}
    require(len(kinds) == 1)
    ((quote, raw),) = kinds
    texts: list[str] = []
    expected: list[str | Field | cst.FormattedString] = []
    for item in items:
        if isinstance(item, cst.SimpleString):
            texts.append(restore(item, body(item).replace("{", "{{").replace("}", "}}")))
            expected.append(value(item))
        elif isinstance(item, cst.FormattedString):
            texts.append("".join(code(part) for part in item.parts))
            expected.append(item)
        else:
            expected.append(field(item, quote))
            texts.append("{" + expected[-1].text + "}")  # type: ignore[union-attr]
    new = cst.parse_expression(("rf" if raw else "f") + quote + "".join(texts) + quote)
    verify(new, expected)
    return cst.ensure_type(new, cst.FormattedString)
