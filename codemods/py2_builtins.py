"""Python 2 builtins (``xrange``, ``unicode``, ``apply``, ``execfile``...) -> Python 3 ones."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor
from libcst.metadata import PositionProvider, Scope, ScopeProvider

from codemods._py2_builtins import atom, comments, is_access, is_module_name, simple
from legacylift.codemod import LiftCodemod, Refuse, is_builtin, require

#: Renamed wherever the name is read as the builtin.
NAMES = {"xrange": "range", "unicode": "str", "basestring": "str", "long": "int",
         "unichr": "chr", "raw_input": "input"}  # fmt: skip
#: Renamed only as the function of a call.
CALLED = {"file": "open", "buffer": "memoryview"}
#: Moved to a module: name -> module.
MOVED = {"intern": "sys", "reduce": "functools"}
POSITIONAL = m.Arg(keyword=None, star="")


class Py2Builtins(LiftCodemod):
    """Replace builtins removed in Python 3 with their Python 3 spelling.

    **Why.** ``xrange``, ``unicode``, ``basestring``, ``long``, ``unichr``, ``raw_input``,
    ``intern``, ``reduce``, ``buffer``, ``file``, ``apply`` and ``execfile`` are gone.

    **Example.**

        s = unicode(x) if isinstance(x, basestring) else raw_input()
        total = reduce(add, xrange(n), long(0))
        apply(f, args, kw)

    becomes

        import functools

        s = str(x) if isinstance(x, str) else input()
        total = functools.reduce(add, range(n), int(0))
        f(*args, **kw)

    Also ``intern(s)`` -> ``sys.intern(s)``, ``file(p)`` -> ``open(p)``, ``buffer(b)`` ->
    ``memoryview(b)`` and ``execfile(fn, g)`` ->
    ``exec(compile(open(fn, "rb").read(), fn, "exec"), g)``.

    **Refuses** a name bound in its scope (a parameter, variable or import called ``unicode``
    is left alone), a file with ``import *``, a rewrite whose new name is bound in that scope,
    ``buffer`` with an offset, ``apply``/``execfile`` with keywords or a comment inside, and
    ``execfile`` of a file name that is not a plain name, attribute or string (it is evaluated
    twice).  ``input()`` is left alone (Python 2 evaluated the input: whether ``eval`` is
    wanted cannot be decided), and a note lists its lines in files this codemod rewrote.

    **Safety.** Safe, up to the documented differences: ``unicode``/``basestring`` become
    ``str`` (bytes no longer match), and ``memoryview`` is not ``buffer`` for every use.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(
        r"\b(?:xrange|unicode|basestring|long|unichr|raw_input|intern|reduce|buffer|file"
        r"|apply|execfile)\b"
    )
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, PositionProvider)

    star_import = False
    inputs: list[int]

    def visit_Module(self, node: cst.Module) -> None:
        self.star_import = self.facts.star_import
        self.inputs = []

    def _builtin(self, node: cst.Name) -> bool:
        scope = self.get_metadata(ScopeProvider, node, None)
        return not self.star_import and is_access(scope, node) and is_builtin(scope, node.value)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        name = original_node.value
        if (name not in NAMES and name not in MOVED) or not self._builtin(original_node):
            return updated_node
        scope = self.get_metadata(ScopeProvider, original_node)
        if name in NAMES:
            if not is_builtin(scope, NAMES[name]):
                return updated_node
            self.count_rewrite()
            return updated_node.with_changes(value=NAMES[name])
        module = MOVED[name]
        if not is_module_name(scope, module):
            return updated_node
        AddImportsVisitor.add_needed_import(self.context, module)
        self.count_rewrite()
        return cst.Attribute(cst.Name(module), cst.Name(name), lpar=updated_node.lpar,
                             rpar=updated_node.rpar)  # fmt: skip

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not isinstance(func, cst.Name):
            return updated_node
        if func.value == "input" and self._builtin(func):
            self.inputs.append(self.get_metadata(PositionProvider, original_node).start.line)
        if func.value not in (*CALLED, "apply", "execfile") or not self._builtin(func):
            return updated_node
        try:
            new = self._call(func.value, updated_node, self.get_metadata(ScopeProvider, func))
        except Refuse:
            return updated_node
        self.count_rewrite()
        return new

    def _call(self, name: str, node: cst.Call, scope: Scope | None) -> cst.BaseExpression:
        args = node.args
        require(all(m.matches(a, POSITIONAL) for a in args) and comments(node) == 0)
        if name in CALLED:
            require(is_builtin(scope, CALLED[name]) and (name == "file" or len(args) == 1))
            return node.with_changes(func=cst.Name(CALLED[name]))
        if name == "apply":
            require(2 <= len(args) <= 3)
            stars = [a.with_changes(star="*" * (i + 1), comma=cst.MaybeSentinel.DEFAULT)
                     for i, a in enumerate(args[1:])]  # fmt: skip
            return node.with_changes(func=atom(args[0].value), args=stars)
        require(1 <= len(args) <= 3 and simple(args[0].value))
        require(all(is_builtin(scope, n) for n in ("exec", "compile", "open")))
        fn = args[0].value
        read = cst.parse_expression('compile(open(fn, "rb").read(), fn, "exec")')
        code = cst.ensure_type(read.visit(_Fill(fn)), cst.Call)
        rest = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in args[1:]]
        return node.with_changes(func=cst.Name("exec"), args=[cst.Arg(code), *rest])

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if self.inputs and self.rewrites:
            lines = ", ".join(map(str, self.inputs))
            self.warn(f"input() kept on line(s) {lines}: Python 2 evaluated the input (eval?)")
        return updated_node


class _Fill(cst.CSTTransformer):
    """Puts the file name expression in place of ``fn``."""

    def __init__(self, fn: cst.BaseExpression) -> None:
        super().__init__()
        self.fn = fn

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self.fn if updated_node.value == "fn" else updated_node
