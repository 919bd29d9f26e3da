"""``gen.throw(*exc_info)`` -> ``gen.throw(*(exc_info[1:2] or exc_info))``: one argument."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    PositionProvider,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)

from codemods._py2_builtins import comments
from legacylift.codemod import LiftCodemod, Refuse, require

POSITIONAL = m.Arg(keyword=None, star="")
CONSTANTS = frozenset({"None", "True", "False", "Ellipsis"})
IMPORT = QualifiedNameSource.IMPORT
TYPE_CALL = m.Call(m.Name("type"), [POSITIONAL])


def _named(node: cst.BaseExpression) -> bool:
    """Whether ``node`` is a name or attributes of one: reading it twice is harmless."""
    if isinstance(node, cst.Attribute):
        return _named(node.value)
    return isinstance(node, cst.Name) and node.value not in CONSTANTS


def _item(node: cst.BaseExpression, index: int) -> cst.Subscript:
    return cst.Subscript(node, [cst.SubscriptElement(cst.Index(cst.Integer(str(index))))])


def _with_traceback(value: cst.BaseExpression, tb: cst.BaseExpression) -> cst.Call:
    return cst.Call(cst.Attribute(value, cst.Name("with_traceback")), [cst.Arg(tb)])


class GeneratorThrowSingleArgument(LiftCodemod):
    """Replace the deprecated ``throw(type, value, traceback)`` of generators with one argument.

    **Why.** Python 3.12 deprecated the three-argument (and two-argument) signature of a
    generator's or coroutine's ``throw()``: it warns ``the (type, exc, tb) signature of throw()
    is deprecated``, which fails a test run that turns warnings into errors.  The exception
    instance, carrying its traceback, says the same thing in one argument on every Python 3.

    **Example.**

        def resume(gen, exc_info):
            return gen.throw(*exc_info)

    becomes

        def resume(gen, exc_info):
            return gen.throw(*(exc_info[1:2] or exc_info))

    A starred argument is rewritten when it is an exc_info triple: a call of ``sys.exc_info()``
    (names resolved; it becomes ``gen.throw(sys.exc_info()[1])``, whose value already carries
    that traceback, so the call runs once), or a name or attribute called ``exc_info``, the
    universal name of a ``sys.exc_info()`` triple: its value (which carries the traceback) is
    thrown alone, and a one-item tuple ``(exc,)`` (tornado builds one) still throws ``exc``.
    Only method calls named ``throw`` are looked at; the receiver cannot be proven a
    generator, but a ``.throw`` method of another kind taking a starred exc_info is improbable.

    **Refuses** calls with keywords or a comment inside, a starred expression other than a
    name, an attribute or ``sys.exc_info()`` (it would be evaluated twice), and an explicit
    form whose V is not a name or attribute or is ``None`` (or another constant), or whose T
    is not a name, attribute or ``type(x)`` of one (T is dropped: it must have no effect).
    Without ``--unsafe`` (a note lists their lines) it keeps ``gen.throw(T, V, TB)``,
    ``gen.throw(T, V)`` and a starred name not called ``exc_info``; under ``--unsafe`` they
    become ``gen.throw(V.with_traceback(TB))``, ``gen.throw(V.with_traceback(None))`` (the
    two-argument form dropped V's old traceback) and ``gen.throw(*(E[1:2] or E))``.

    **Safety.** Safe for exc_info triples (one whose value is ``None``, when no exception is
    being handled, now raises AttributeError instead of TypeError).  The explicit forms are
    only under ``--unsafe``: when V is not an instance of T (an argument tuple, a message),
    Python built ``T(V)`` from them, and any other starred sequence may not be a triple.
    """

    PRECHECK = re.compile(r"\.\s*throw\b")
    METADATA_DEPENDENCIES: ClassVar = (QualifiedNameProvider, ScopeProvider, PositionProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.kept: list[int] = []

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        args = updated_node.args
        if not m.matches(updated_node.func, m.Attribute(attr=m.Name("throw"))):
            return updated_node
        try:
            require(not any(comments(arg) for arg in args))
            if len(args) == 1 and m.matches(args[0], m.Arg(keyword=None, star="*")):
                value = self._starred(original_node.args[0].value, args[0].value)
            elif 2 <= len(args) <= 3 and all(m.matches(arg, POSITIONAL) for arg in args):
                value = self._explicit(original_node.args[0].value, args)
            else:
                return updated_node
        except Refuse:
            return updated_node
        if value is None:  # a rewrite only --unsafe makes
            self.kept.append(self.get_metadata(PositionProvider, original_node).start.line)
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(
            args=[value if isinstance(value, cst.Arg) else cst.Arg(value)]
        )

    def _starred(
        self, original: cst.BaseExpression, triple: cst.BaseExpression
    ) -> cst.BaseExpression | cst.Arg | None:
        """What ``throw(*triple)`` throws; None when that needs --unsafe."""
        if isinstance(original, cst.Call) and not original.args:
            names = self.get_metadata(QualifiedNameProvider, original.func, set())
            require(any(name.name == "sys.exc_info" and name.source is IMPORT for name in names))
            return _item(triple, 1)  # its value carries the same traceback
        require(_named(triple))
        last = triple.attr if isinstance(triple, cst.Attribute) else triple
        if cst.ensure_type(last, cst.Name).value != "exc_info" and not self.unsafe:
            return None
        # the value alone when there is one: (typ, value, tb)[1:2]; else all of it: (exc,)
        value = cst.Subscript(
            triple, [cst.SubscriptElement(cst.Slice(cst.Integer("1"), cst.Integer("2")))]
        )
        either = cst.BooleanOperation(value, cst.Or(), triple.deep_clone())
        return cst.Arg(
            either.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]), star="*"
        )

    def _explicit(
        self, original_kind: cst.BaseExpression, args: Sequence[cst.Arg]
    ) -> cst.BaseExpression | None:
        """What ``throw(T, V[, TB])`` throws; None when that needs --unsafe."""
        kind, value = args[0].value, args[1].value
        if m.matches(kind, TYPE_CALL):  # type(x): dropping it drops a harmless read of x
            require(self.builtin(original_kind, "type"))
            kind = cst.ensure_type(kind, cst.Call).args[0].value
        for node in (kind, value):  # T is dropped: reading a name has no effect
            require(_named(node))
        if not self.unsafe:
            return None
        return _with_traceback(value, args[2].value if len(args) == 3 else cst.Name("None"))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if self.kept:
            lines = ", ".join(map(str, self.kept))
            self.warn(f"throw() with several arguments kept on line(s) {lines} (see --unsafe)")
        return updated_node
