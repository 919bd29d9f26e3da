"""``six`` helpers (``six.text_type``, ``six.iteritems``, ``six.moves``...) -> plain Python 3."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.codemod import SkipFile
from libcst.codemod.visitors import AddImportsVisitor
from libcst.helpers import get_full_name_for_node
from libcst.metadata import (
    ExpressionContext,
    ExpressionContextProvider,
    ParentNodeProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from codemods import _six_table as six
from codemods._calls import six_imports
from codemods._py2_builtins import comments
from legacylift.codemod import LiftCodemod

AnyExpr = cst.BaseExpression


class SixToBuiltins(LiftCodemod):
    """Replace ``six`` (and plain ``future``/``past``) compatibility helpers with Python 3.

    **Why.** On Python 3 each helper is another name for a builtin, a method or a stdlib
    module.  The code is valid Python 3 already: a pyupgrade-style cleanup of a dependency.

    **Example.**

        import six
        from six.moves.urllib.parse import urlparse

        if isinstance(name, six.string_types):
            for k, v in six.iteritems(d):
                six.print_(k, six.text_type(v), urlparse(k))

    becomes

        from urllib.parse import urlparse

        if isinstance(name, str):
            for k, v in d.items():
                print(k, str(v), urlparse(k))

    Also ``six.moves`` modules, ``six.b('x')`` -> ``b'x'``, ``six.reraise(*sys.exc_info())`` in
    an ``except`` block -> ``raise``, ``future.utils``/``past.builtins`` types and ``from
    builtins import ...``; ``six.iteritems(d)`` -> ``iter(d.items())`` unless only iterated.

    **Refuses** a name bound to anything else (a local ``six``) or whose new name is bound,
    ``import *``, calls with keywords or comments, other ``six.reraise`` forms (noted),
    non-ASCII ``six.b``, ``from six.moves import urllib``, ``six.PY2`` (version branches).

    **Safety.** Safe: what six does on Python 3 (``six.int2byte`` raises another error type).
    """

    MIN_PYTHON = (3, 4)  # importlib.reload
    PRECHECK = re.compile(r"^\s*(?:from|import)\s[^\n]*\b(?:six|future|past|builtins)\b", re.M)
    METADATA_DEPENDENCIES: ClassVar = (QualifiedNameProvider, ScopeProvider, ParentNodeProvider,
                                       ExpressionContextProvider)  # fmt: skip
    locate = classmethod(six_imports)

    def visit_Module(self, node: cst.Module) -> None:
        if self.facts.star_import:
            raise SkipFile("`import *` hides which names are builtins")
        self.reraises: set[cst.CSTNode] = set()

    def leave_Name(self, original_node: cst.Name | cst.Attribute, updated_node: AnyExpr) -> AnyExpr:
        name = six.six_name(self, original_node) or ""
        new, node = six.target(name), updated_node
        if not new or (isinstance(original_node, cst.Attribute) and name.startswith("builtins.")):
            return node  # `builtins.open` is deliberate Python 3
        if isinstance(original_node, cst.Name) and six.rebinding(name, original_node.value):
            return node  # leave_ImportFrom rebinds the name itself
        context = self.get_metadata(ExpressionContextProvider, original_node, None)
        scope = self.get_metadata(ScopeProvider, original_node, None)
        if context is not ExpressionContext.LOAD or not six.free(scope, new):
            return node
        if cst.Module([]).code_for_node(node) == new:
            return node  # `urllib.parse` from `from six.moves import urllib`
        module = new if name in six.MODULES else new.rpartition(".")[0]
        if module:
            AddImportsVisitor.add_needed_import(self.context, module)
        self._rewrote(original_node)
        return six.keep_parens(node, cst.parse_expression(new))

    leave_Attribute = leave_Name

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.RemovalSentinel:
        names = updated_node.names
        if updated_node.relative or not updated_node.module or isinstance(names, cst.ImportStar):
            return updated_node
        module = get_full_name_for_node(updated_node.module) or ""
        if module in six.MODULES:
            self.count_rewrite()
            return updated_node.with_changes(module=cst.parse_expression(six.MODULES[module]))
        keep, binds = six.split(module, names, self.get_metadata(ScopeProvider, original_node))
        line = self.get_metadata(ParentNodeProvider, original_node)
        alone = m.matches(line, m.SimpleStatementLine([m.ImportFrom()])) and not comments(line)
        if not binds or comments(updated_node) or not (keep or alone):
            return updated_node  # a comment would be lost, or a `;` left dangling
        for where, what, asname in binds:
            if where:
                AddImportsVisitor.add_needed_import(self.context, where, what, asname)
        self.count_rewrite(len(binds))
        if not keep:
            return cst.RemoveFromParent()
        last = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=[*keep[:-1], last])

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> AnyExpr:
        name, args = six.six_name(self, original_node.func) or "", updated_node.args
        if not name and not m.matches(updated_node, six.ISINSTANCE):
            return updated_node  # most calls: nothing of six's, no metadata needed
        parents, scopes = self.metadata[ParentNodeProvider], self.metadata[ScopeProvider]
        if name == "six.reraise":
            found = six.reraise(original_node, parents)
            if found and self.get_metadata(QualifiedNameProvider, found[1]) == six.EXC_INFO:
                self.reraises.add(found[0])
            else:
                self.warn("six.reraise kept: only six.reraise(*sys.exc_info()) in except is raise")
        if m.matches(updated_node, six.ISINSTANCE):
            kind = six.six_name(self, original_node.args[1].value) or ""
            return six.unwrap(kind, updated_node, self.get_metadata(ScopeProvider, original_node))
        plain = all(m.matches(a, six.ARG) for a in args)
        if name not in six.CALLS or not plain or six.stray_comments(updated_node):
            return updated_node
        iterated = name in six.ITERATORS and six.iterated(original_node, parents, scopes)
        if (new := six.fill(name, args, iterated)) is None:
            return updated_node
        self._rewrote(original_node.func)
        return six.keep_parens(updated_node, new)

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.BaseSmallStatement:
        if original_node not in self.reraises:
            return updated_node
        self._rewrote(original_node)
        return cst.Raise(semicolon=updated_node.semicolon)

    def _rewrote(self, original: cst.CSTNode) -> None:
        """Count a rewrite; the imports ``original`` used go if nothing else uses them."""
        self.unimport(original)
        self.count_rewrite()
