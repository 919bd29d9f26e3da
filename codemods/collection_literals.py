"""``set([1, 2])`` -> ``{1, 2}``, ``dict((k, v) for ...)`` -> ``{k: v for ...}``, and kin."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from codemods._calls import SPACE, CallsBase, code, starred
from codemods._fstrings import collection_lines
from codemods._py2_builtins import comments
from legacylift.codemod import Refuse, require

EMPTY = cst.SimpleWhitespace("")
Space = cst.BaseParenthesizableWhitespace
BRACES = (cst.Set, cst.SetComp, cst.Dict, cst.DictComp)
PAIR = m.Tuple([m.Element(), m.Element()]) | m.List([m.Element(), m.Element()])
PAIRS = m.GeneratorExp(elt=PAIR) | m.ListComp(elt=PAIR)
PLAIN_LOOP = m.CompFor(target=m.Name(), ifs=[], inner_for_in=None, asynchronous=None)


def _inside(node: cst.BaseExpression, call: cst.Call) -> tuple[Space, Space]:
    """The whitespace just inside ``node``'s brackets (or innermost parentheses), else the
    whitespace inside the parentheses of ``call`` (so ``set(  # c`` keeps its comment)."""
    if isinstance(node, (cst.List, cst.ListComp)):
        inner = node.lbracket.whitespace_after, node.rbracket.whitespace_before
    elif node.lpar:
        inner = node.lpar[-1].whitespace_after, node.rpar[0].whitespace_before
    else:
        inner = EMPTY, EMPTY
    outer = call.whitespace_before_args, call.args[0].whitespace_after_arg
    return inner[0] if code(inner[0]) else outer[0], inner[1] if code(inner[1]) else outer[1]


def _elements(node: cst.List | cst.Tuple, tuple_out: bool = False) -> list[cst.BaseElement]:
    """``node``'s elements for another display: one element keeps (a tuple) or loses (a
    list or set, on a comment-free line) its trailing comma."""
    elements = list(node.elements)
    if len(elements) == 1:
        comma = elements[0].comma
        if tuple_out and not isinstance(comma, cst.Comma):
            elements = [elements[0].with_changes(comma=cst.Comma())]
        elif not tuple_out and isinstance(comma, cst.Comma) and "\n" not in code(comma):
            elements = [elements[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
    return elements


class CollectionLiterals(CallsBase):
    """Write sets, dicts, lists and tuples as displays, not as calls on another display.

    **Why.** ``set([1, 2])`` builds a list only to throw it away, and ``dict((k, v) for ...)``
    builds a tuple per item; a display or a comprehension says the same with no detour.

    **Example.**

        flags = set(["a", "b"])
        index = dict((name, i) for i, name in enumerate(names))
        seen = set(w.lower() for w in words)
        pair = tuple([x, y])

    becomes

        flags = {"a", "b"}
        index = {name: i for i, name in enumerate(names)}
        seen = {w.lower() for w in words}
        pair = (x, y)

    The calls rewritten are pyupgrade's (``set`` of a list, tuple, list comprehension or
    generator; ``dict`` of a comprehension of pairs) and flake8-comprehensions' C409/C410
    (``list``/``tuple`` of a list or tuple).  ``set([])`` -> ``set()``,
    ``set(x for x in y)`` -> ``{*y}`` (pyupgrade's next step), ``list(())`` -> ``[]``, and
    ``tuple([x])`` -> ``(x,)``.  In an f-string a space keeps ``{ {`` apart from ``{{``.

    **Refuses** names that are not the builtin (shadowed, or ``import *``), keywords and
    ``*``/``**`` arguments, pairs that are not two plain elements, a dict before 3.8 (dict
    comprehensions evaluated the value first), and comments outside the inner display.

    **Safety.** Safe: the same object from the same items, evaluated in the same order.
    """

    REACH = "local"
    # A call on a list or tuple display, or a set()/dict() of a generator (one level of
    # parentheses inside it).
    PRECHECK = re.compile(
        r"\b(?:set|dict|list|tuple)\(\s*(?:#[^\n]*(?![^\n])\s*)*[\[(]|\b(?:set|dict)\((?:[^()]|\([^()]*\))*?\bfor\b"
    )
    locate = staticmethod(collection_lines)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not isinstance(func, cst.Name) or func.value not in ("set", "dict", "list", "tuple"):
            return updated_node
        args = updated_node.args
        if len(args) != 1 or len(original_node.args) != 1 or args[0].star or args[0].keyword:
            return updated_node
        try:
            handler = {"set": self._set, "dict": self._dict}.get(func.value, self._sequence)
            new = handler(args[0].value, updated_node)
            require(comments(new) == comments(updated_node))
        except Refuse:
            return updated_node
        # Last, as it may compute the file's scopes: the name must be the builtin.
        if self.qualified(func) != f"builtins.{func.value}":
            return updated_node
        self.count_rewrite()
        if isinstance(new, cst.Call):
            return new
        lpar, rpar = [*updated_node.lpar, *new.lpar], [*new.rpar, *updated_node.rpar]
        return new.with_changes(lpar=lpar, rpar=rpar)

    def _set(self, value: cst.BaseExpression, call: cst.Call) -> cst.BaseExpression:
        before, after = _inside(value, call)
        lbrace, rbrace = cst.LeftCurlyBrace(before), cst.RightCurlyBrace(after)
        if isinstance(value, (cst.List, cst.Tuple)):
            empty = call.with_changes(args=[], whitespace_before_args=EMPTY)
            return cst.Set(_elements(value), lbrace, rbrace) if value.elements else empty
        if not isinstance(value, (cst.GeneratorExp, cst.ListComp)):
            raise Refuse
        loop = value.for_in  # x for x in y: {*y}
        if m.matches(loop, PLAIN_LOOP) and code(value.elt) == code(loop.target):
            return cst.Set([starred(loop.iter)], lbrace, rbrace)
        return cst.SetComp(value.elt, loop, lbrace, rbrace)

    def _dict(self, value: cst.BaseExpression, call: cst.Call) -> cst.BaseExpression:
        if self.target < (3, 8) or not m.matches(value, PAIRS):
            raise Refuse
        assert isinstance(value, (cst.GeneratorExp, cst.ListComp))
        assert isinstance(value.elt, (cst.Tuple, cst.List))
        key, item = value.elt.elements
        before, after = _inside(value, call)
        return cst.DictComp(key.value, item.value, value.for_in, cst.LeftCurlyBrace(before),
                            cst.RightCurlyBrace(after))  # fmt: skip

    def _sequence(self, value: cst.BaseExpression, call: cst.Call) -> cst.BaseExpression:
        """``list``/``tuple`` (the name of ``call``) of a list or tuple display."""
        if not isinstance(value, (cst.List, cst.Tuple)):
            raise Refuse
        to_list = m.matches(call.func, m.Name("list"))
        if isinstance(value, cst.List) and to_list:
            return value
        if isinstance(value, cst.Tuple) and not to_list:
            return value.with_changes(lpar=value.lpar[-1:], rpar=value.rpar[:1])
        before, after = _inside(value, call)
        if to_list:
            return cst.List(_elements(value), cst.LeftSquareBracket(before),
                            cst.RightSquareBracket(after))  # fmt: skip
        return cst.Tuple(_elements(value, tuple_out=True), [cst.LeftParen(before)],
                         [cst.RightParen(after)])  # fmt: skip

    def leave_FormattedStringExpression(
        self, original_node: cst.FormattedStringExpression,
        updated_node: cst.FormattedStringExpression,
    ) -> cst.FormattedStringExpression:  # fmt: skip
        expression, space = updated_node.expression, updated_node.whitespace_before_expression
        if isinstance(expression, BRACES) and not expression.lpar and not code(space):
            return updated_node.with_changes(whitespace_before_expression=SPACE)
        return updated_node
