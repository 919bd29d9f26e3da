"""``a, b = [f(x) for x in y]`` -> ``a, b = (f(x) for x in y)`` (pyupgrade)."""

from __future__ import annotations

import ast
import re

import libcst as cst
import libcst.matchers as m

from codemods._calls import CallsBase, code
from legacylift.astindex import AstIndex

#: Builtins that run no code of the program but dunder methods (no callable argument is
#: called, and what they iterate cannot leak StopIteration): safe inside the items.
QUIET = frozenset({
    "abs", "bin", "bool", "bytes", "chr", "complex", "float", "frozenset", "hex", "int", "len",
    "list", "oct", "ord", "repr", "round", "set", "str", "tuple",
})  # fmt: skip
#: Awaits, async loops and yields make a generator expression mean something else (only in
#: the items: an ``await`` in the first iterable is evaluated outside the generator).
ASYNC = m.Await() | m.Yield() | m.CompFor(asynchronous=m.Asynchronous())

# A tuple or list target ends, on the line of its ``=``, after a comma or a closing bracket
# (or it goes on after a backslash); then ``[`` (maybe after parentheses, blanks, comments)
# and later ``for``.  The scan for ``for`` stops where another such start begins, so each
# character is scanned once; a start never spans a ``for``, so the last start before the
# comprehension's ``for`` reaches it.
_START = r"(?:[,)\]]|\\\n)(?:(?!\bfor\b)[^\n=,)\]])*=(?:[\s(\\]|#[^\n]*(?![^\n]))*\["


class UnpackingListComprehension(CallsBase):
    """Unpack a generator expression, not a list comprehension built only to be unpacked.

    **Why.** An assignment to a tuple or list of targets takes the items one by one: the
    list in between is built and thrown away.

    **Example.**

        width, height = [int(v) for v in size.split("x")]
        first, *rest = [
            int(v)  # the count comes first
            for v in fields
        ]

    becomes

        width, height = (int(v) for v in size.split("x"))
        first, *rest = (
            int(v)  # the count comes first
            for v in fields
        )

    Also ``[a, b] = [...]`` and an ``await`` in the first iterable (pyupgrade leaves both:
    it only takes tuple targets, and refuses any ``await``; the meaning is the same).

    **Refuses** chained assignments (``a, b = c, d = [...]``: a generator is consumed by the
    first), single and annotated targets, comprehensions with ``await``, ``async for`` or
    ``yield`` in the items (the generator would be asynchronous, or another one), and, unless
    ``--unsafe`` (with a 3.7+ target), items that call anything but a few builtins
    (``int``, ``str``, ``len``...).  The first iterable, evaluated once before the first
    item, may call or await anything.

    **Safety.** When the unpacking succeeds, both forms evaluate the same items in the same
    order and assign the targets after the last one.  They differ only when it fails: with
    too many items, the same ValueError (same text on 3.8-3.13) comes after one item more
    instead of after all of them (the rest of the first iterable is left unread).  And a
    StopIteration escaping from an item propagates from the list but becomes a RuntimeError
    in a generator (before 3.7 it silently ends it): ``a, b = [next(it) for _ in "ab"]`` in
    a ``__next__`` relies on it.  So an item may call only builtins that run nothing but
    dunder methods; other calls need ``--unsafe``, and a 3.7+ target, where the difference
    is the exception's type (pyupgrade rewrites them all).
    """

    PRECHECK = re.compile(_START + rf"(?:(?!{_START})[\s\S])*?\bfor\b")
    # Some match covers a line of each candidate statement, which is all a rewrite touches.
    REACH = "local"

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return {
            node.lineno
            for node in found.of(ast.Assign)
            if len(node.targets) == 1
            and isinstance(node.targets[0], (ast.Tuple, ast.List))
            and isinstance(node.value, ast.ListComp)
        }

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        old, new = original_node.value, updated_node.value
        if len(updated_node.targets) != 1 or len(original_node.targets) != 1:
            return updated_node
        if not isinstance(updated_node.targets[0].target, (cst.Tuple, cst.List)):
            return updated_node
        if not isinstance(old, cst.ListComp) or not isinstance(new, cst.ListComp):
            return updated_node
        if per_item(new, ASYNC):
            return updated_node
        if self._calls_out(old, new) and (not self.unsafe or self.target < (3, 7)):
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(value=generator(new))

    def _calls_out(self, old: cst.ListComp, new: cst.ListComp) -> bool:
        """Whether an item of ``old`` (original) or ``new`` may call code of the program."""
        for node, resolve in ((old, True), (new, False)):
            for call in per_item(node, m.Call()):
                func = call.func if isinstance(call, cst.Call) else None
                if not isinstance(func, cst.Name) or func.value not in QUIET:
                    return True
                if resolve and self.qualified(func) != f"builtins.{func.value}":
                    return True
        return False


def per_item(comprehension: cst.ListComp, matcher: m.BaseMatcherNode) -> list[cst.CSTNode]:
    """The nodes ``matcher`` finds in ``comprehension`` outside its first iterable, which
    both forms evaluate once, before the first item, in the enclosing scope."""
    outer = {id(node) for node in m.findall(comprehension.for_in.iter, matcher)}
    return [node for node in m.findall(comprehension, matcher) if id(node) not in outer]


def generator(comprehension: cst.ListComp) -> cst.GeneratorExp:
    """``comprehension`` in parentheses: its innermost pair (``([x for x in y])``) when, on
    each side, the blanks inside that pair or inside the brackets are empty; else a new pair."""
    inside = comprehension.lbracket.whitespace_after, comprehension.rbracket.whitespace_before
    lpar, rpar = list(comprehension.lpar), list(comprehension.rpar)
    if lpar:
        outside = lpar[-1].whitespace_after, rpar[0].whitespace_before
        if not any(code(a) and code(b) for a, b in zip(inside, outside)):
            inside = (inside[0] if code(inside[0]) else outside[0],
                      inside[1] if code(inside[1]) else outside[1])  # fmt: skip
            lpar, rpar = lpar[:-1], rpar[1:]
    left, right = cst.LeftParen(whitespace_after=inside[0]), cst.RightParen(inside[1])
    return cst.GeneratorExp(
        comprehension.elt, comprehension.for_in, lpar=[*lpar, left], rpar=[right, *rpar]
    )
