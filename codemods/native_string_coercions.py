"""``if isinstance(s, unicode): s = s.encode(...)`` before a native-string use -> removed."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ParentNodeProvider, PositionProvider, ScopeProvider

from legacylift.codemod import LiftCodemod, is_builtin

#: Calls whose argument Python 2 wanted as a native (byte) string and Python 3 wants as str.
NATIVE_SINKS = frozenset({"__import__", "getattr", "setattr", "hasattr", "delattr"})


def _coercion(node: cst.If) -> str | None:
    """The name an ``if isinstance(name, unicode): name = name.encode(...)`` coerces, or None."""
    test, body = node.test, node.body
    if node.orelse is not None or not m.matches(
        test, m.Call(func=m.Name("isinstance"), args=[m.Arg(m.Name()), m.Arg(m.Name("unicode"))])
    ):
        return None
    name = cst.ensure_type(cst.ensure_type(test, cst.Call).args[0].value, cst.Name).value
    statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
    assign = m.Assign(
        targets=[m.AssignTarget(m.Name(name))],
        value=m.Call(func=m.Attribute(value=m.Name(name), attr=m.Name("encode"))),
    )
    line = m.SimpleStatementLine(body=[assign]) | m.SimpleStatementSuite(body=[assign])
    return name if len(statements) == 1 and m.matches(statements[0], line) else None


class NativeStringCoercions(LiftCodemod):
    """Drop Python 2's unicode-to-byte-string coercion where the value is a native string.

    **Why.** Python 2 APIs such as ``__import__`` and ``getattr`` wanted byte strings, so code
    encoded text first. On Python 3 those APIs want ``str``: the translated
    ``isinstance(s, str)`` branch would hand them bytes and fail.

    **Example.**

        def load(module, obj):
            if isinstance(obj, unicode):
                obj = obj.encode('utf-8')
            return getattr(__import__(module, None, None, [obj]), obj)

    becomes

        def load(module, obj):
            return getattr(__import__(module, None, None, [obj]), obj)

    **Refuses** (with a note) a coercion whose name is not then passed to ``__import__``,
    ``getattr``, ``setattr``, ``hasattr`` or ``delattr`` in the same scope: bytes may really be
    wanted there (I/O, hashing), and ``py2_builtins`` keeps it as ``isinstance(s, str)``.
    Also refuses ``else`` branches, other statements in the branch and a shadowed ``unicode``.

    **Safety.** Safe for those calls: they reject bytes on Python 3.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"isinstance\(\s*\w+\s*,\s*unicode\s*\)")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, ParentNodeProvider, PositionProvider)

    def _native_use(self, node: cst.If, name: str) -> bool:
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None or not is_builtin(scope, "unicode"):
            return False
        end = self.get_metadata(PositionProvider, node).end.line
        for access in scope.accesses[name]:
            if self.get_metadata(PositionProvider, access.node).start.line <= end:
                continue
            parent = self.get_metadata(ParentNodeProvider, access.node)
            if isinstance(parent, cst.Element):  # [obj] as __import__'s fromlist
                parent = self.get_metadata(ParentNodeProvider, parent)
                parent = self.get_metadata(ParentNodeProvider, parent)
            if isinstance(parent, cst.Arg):
                call = self.get_metadata(ParentNodeProvider, parent)
                if m.matches(call, m.Call(func=m.Name(m.MatchIfTrue(NATIVE_SINKS.__contains__)))):
                    return True
        return False

    def leave_If(self, original_node: cst.If, updated_node: cst.If) -> cst.If | cst.RemovalSentinel:
        name = _coercion(original_node)
        if name is None:
            return updated_node
        if not self._native_use(original_node, name):
            line = self.get_metadata(PositionProvider, original_node).start.line
            self.warn(f"line {line}: `{name}` is encoded to bytes for Python 2: check that "
                      "Python 3 wants bytes there")  # fmt: skip
            return updated_node
        self.consumed_comments += [
            cst.ensure_type(c, cst.Comment).value.rstrip()
            for c in m.findall(original_node, m.Comment())
        ]
        self.consumed_comments += [
            line.comment.value.rstrip() for line in original_node.leading_lines if line.comment
        ]
        self.count_rewrite()
        return cst.RemoveFromParent()
