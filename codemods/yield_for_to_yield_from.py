"""``for x in y: yield x`` -> ``yield from y`` (pyupgrade/ruff UP028), keeping comments."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import FunctionScope, ParentNodeProvider, ScopeProvider

from codemods._calls import CallsBase, bound, code
from codemods._idioms import loop_names, yield_loops
from codemods._py2_builtins import comments, parens
from legacylift.astindex import AstIndex
from legacylift.codemod import Refuse, require

YIELD = m.Expr(m.Yield(value=m.Name() | m.Tuple()))
BODY = m.IndentedBlock(body=[m.SimpleStatementLine(body=[YIELD])]) | m.SimpleStatementSuite([YIELD])
LOOP = m.For(asynchronous=None, orelse=None, body=BODY)


class YieldForToYieldFrom(CallsBase):
    """Replace a loop that only re-yields each item with ``yield from``.

    **Why.** ``yield from`` (PEP 380) says "produce everything ``y`` produces" in one line
    and runs the iteration in C.

    **Example.**

        def walk(tree):
            yield tree.node
            for child in tree.children:  # depth first
                yield child

    becomes

        def walk(tree):
            yield tree.node
            yield from tree.children  # depth first

    Comments stay (pyupgrade drops the loop body's): comment lines move above the new line.

    **Refuses** ``async`` functions and loops, loops with an ``else``, targets other than
    plain names (``for self.x in y``, ``for a, *b in y``), ``global``/``nonlocal`` names, a
    loop name read anywhere else in the function (it would be unbound after the loop; reads
    in the body of another loop over that name are fine), ``locals()``, and comments after
    the ``yield`` line in the loop body.

    **Safety.** ``yield from`` forwards ``send()``/``throw()`` to ``y``: generators that
    use sent values (``v = yield``) or that a ``@contextmanager`` throws into are rewritten
    only with ``--unsafe``.  So are tuple targets (``for k, v in y: yield k, v``) but over
    ``zip()`` with one iterable per name or ``enumerate()`` with two: the loop made each item
    a tuple (or failed), ``yield from`` passes it on as it is.  A note lists the loops kept.
    """

    MIN_PYTHON = (3, 3)
    REACH = "local"
    PRECHECK = re.compile(r"\byield\b")

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return yield_loops(found)

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.BaseStatement:
        if not m.matches(updated_node, LOOP):
            return updated_node  # most loops: no scopes needed
        scope = self.get_metadata(ScopeProvider, original_node, None)
        try:
            require(m.matches(original_node, LOOP))
            require(isinstance(scope, FunctionScope) and isinstance(scope.node, cst.FunctionDef))
            assert isinstance(scope, FunctionScope) and isinstance(scope.node, cst.FunctionDef)
            require(scope.node.asynchronous is None and not scope.accesses["locals"])
            target, value = original_node.target, m.findall(original_node.body, m.Yield())[0]
            names, yielded = loop_names(target), cst.ensure_type(value, cst.Yield).value
            assert isinstance(yielded, (cst.Name, cst.Tuple))
            require(names and type(yielded) is type(target) and loop_names(yielded) == names)
            for name in bound(target):
                self._only_read_in(yielded, name, original_node, scope)
            line = self._line(updated_node)
        except Refuse:
            return updated_node
        why = self._unsafe_because(original_node, len(names), scope)
        if why and not self.unsafe:
            self.note(original_node, f"for-yield loop kept: {why} (see --unsafe)")
            return updated_node
        self.count_rewrite()
        return line

    @staticmethod
    def _line(loop: cst.For) -> cst.SimpleStatementLine:
        """``loop`` as a ``yield from`` line with all its comments; Refuse if it can't be."""
        body, extra = loop.body, []
        if isinstance(body, cst.IndentedBlock):
            require(not any(line.comment for line in body.footer))
            statement = cst.ensure_type(body.body[0], cst.SimpleStatementLine)
            inner = [line for line in statement.leading_lines if line.comment]
            trailing, header = statement.trailing_whitespace, body.header
            if header.comment and (inner or trailing.comment):
                extra = [cst.EmptyLine(comment=header.comment)]
            elif header.comment:
                trailing = header
            extra += inner
        else:
            trailing = cst.ensure_type(body, cst.SimpleStatementSuite).trailing_whitespace
        iterable = parens(loop.iter) if m.matches(loop.iter, m.Tuple(lpar=[])) else loop.iter
        line = cst.SimpleStatementLine(
            [cst.Expr(cst.Yield(cst.From(iterable)))],
            leading_lines=[*loop.leading_lines, *extra],
            trailing_whitespace=trailing,
        )
        require(comments(line) == comments(loop))
        return line

    def _only_read_in(
        self, yielded: cst.CSTNode, name: str, loop: cst.For, scope: FunctionScope
    ) -> None:
        """Refuse unless the local ``name`` is read only in ``yielded``, or in the body of
        another loop that rebinds it first and does not hold ``loop``."""
        assignments, targets = scope.assignments[name], m.findall(loop.target, m.Name(name))
        require(any(getattr(a, "node", None) in targets for a in assignments))  # not global
        accesses = {*scope.accesses[name], *(r for a in assignments for r in a.references)}
        own = {id(n) for n in m.findall(yielded, m.Name(name))}
        outer = {id(n) for n in self.ancestors(loop)}
        for access in accesses:
            if id(access.node) not in own:
                chain = self.ancestors(access.node)
                pairs = zip(chain, chain[1:])
                loops = [p for c, p in pairs if isinstance(p, cst.For) and p.body is c]
                other = [p for p in loops if id(p) not in outer and name in bound(p.target)]
                require(access.scope is scope and bool(other))

    def _unsafe_because(self, loop: cst.For, size: int, scope: FunctionScope) -> str:
        """Why rewriting ``loop`` may change behaviour, or ``""``."""
        meta, function = self.get_metadata, cst.ensure_type(scope.node, cst.FunctionDef)
        yields = [y for y in m.findall(scope.node, m.Yield()) if meta(ScopeProvider, y) is scope]
        if not all(isinstance(meta(ParentNodeProvider, y), cst.Expr) for y in yields):
            return "the generator uses sent values, yield from would forward them"
        if any("contextmanager" in code(d.decorator) for d in function.decorators):
            return "a context manager's exceptions would be thrown into the iterable"
        plain = isinstance(loop.target, cst.Name) or self._tuples(loop.iter, size)
        return "" if plain else "yield from would pass the items on as they are, not as tuples"

    def _tuples(self, iterable: cst.BaseExpression, size: int) -> bool:
        """Whether ``iterable`` surely yields tuples of ``size`` (builtin zip/enumerate)."""
        if not isinstance(iterable, cst.Call) or any(a.star for a in iterable.args):
            return False
        args = [a for a in iterable.args if not a.keyword]  # zip(strict=), enumerate(start=)
        function = self.qualified(iterable.func)
        if function == "builtins.enumerate":
            return size == 2 and len(args) in (1, 2)
        return function == "builtins.zip" and len(args) == size
