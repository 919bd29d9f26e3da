"""Python 2 stdlib names (``itertools.izip``, ``sys.maxint``, ``string.upper``...) -> Python 3."""

from __future__ import annotations

import builtins
import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor
from libcst.helpers import get_full_name_for_node as full_name
from libcst.metadata import QualifiedName, QualifiedNameProvider, Scope, ScopeProvider
from libcst.metadata import QualifiedNameSource as Source

from codemods import _py2_attributes as table
from codemods._py2_builtins import atom, comments, is_access, simple
from legacylift.codemod import LiftCodemod, Refuse, is_builtin, require


class Py2RenamedAttributes(LiftCodemod):
    """Rewrite Python 2 stdlib attributes and names that Python 3 renamed or removed.

    **Why.** ``itertools.izip``, ``sys.maxint``, ``string.upper``, ``types.StringType``,
    ``operator.isCallable``, ``StandardError``... are gone (tables: ``_py2_attributes.py``).

    **Example.**

        import itertools, string, sys
        from types import StringType

        pairs = itertools.izip(keys, string.upper(s))
        big = sys.maxint if isinstance(s, StringType) else 0

    becomes

        import sys

        pairs = zip(keys, s.upper())
        big = sys.maxsize if isinstance(s, str) else 0

    **Refuses** shadowed modules and names, new names (``zip``, ``str``...) bound there, bare
    names under another module's star import (a free ``izip`` under ``from itertools import
    *``, which lost it, becomes ``zip``), uncalled ``string`` functions or calls with keywords,
    ``*args``, a comment, or ``join`` arguments that both have side effects (order flips).

    **Safety.** Safe; notes where Python 3 differs for some inputs (``StringType`` was bytes,
    ``maketrans`` of bytes, ``zfill`` of numbers) or lacks a name (``isSequenceType``: kept).
    ``operator.div`` floor-divided ints: ``operator.truediv`` only under ``--unsafe``.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(rf"\b(?:{table.WORDS})\b|^[ \t]*(?:from|import)\b.*\bstring\b", re.M)
    METADATA_DEPENDENCIES: ClassVar = (QualifiedNameProvider, ScopeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.noted, self.modules, self.local, stars = set[str](), set[str](), set[str](), set()
        for imp in self.facts.imports:
            names = () if isinstance(imp.names, cst.ImportStar) else imp.names
            bound = {a.evaluated_alias or a.evaluated_name.split(".")[0] for a in names}
            (self.modules if isinstance(imp, cst.Import) else self.local).update(bound)
            if isinstance(imp, cst.ImportFrom) and not names:  # a star import
                stars.add("." if imp.relative or not imp.module else full_name(imp.module) or ".")
        self.stars, self.foreign_star = stars & table.MODULES, bool(stars - table.MODULES)
        self.local |= {"StandardError", *(table.LAST if self.stars else ())}

    def _resolve(self, node: cst.BaseExpression) -> tuple[str, Scope] | None:
        """The known "module.name" an original node reads, and its scope (cheap filters first)."""
        module, _, name = (full_name(node) or "").rpartition(".")
        known = module in self.modules and name in table.LAST if module else name in self.local
        if not known or not isinstance(node, (cst.Name, cst.Attribute)):
            return None  # string.upper(s)(x) is not a call of string.upper
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None or (isinstance(node, cst.Name) and not is_access(scope, node)):
            return None  # an import alias, a definition, a keyword
        qnames = self.get_metadata(QualifiedNameProvider, node, set())
        if len(qnames) == 1:
            (q,) = qnames
            return (q.name, scope) if q.source is Source.IMPORT and q.name in table.KNOWN else None
        if qnames or module or scope[name] or self.foreign_star:
            return None  # bound some other way, or maybe by a star import
        found = {f"{mod}.{name}" for mod in (*self.stars, "builtins")} & table.KNOWN
        return (found.pop(), scope) if len(found) == 1 else None  # a builtin, or a star's

    def _done(self, qname: str, drop: cst.BaseExpression | None, count: int = 1) -> None:
        if drop is not None:
            self.unimport(drop)  # if unused
        self.count_rewrite(count)
        if qname in table.NOTES and qname not in self.noted:
            self.noted.add(qname)
            self.warn(table.NOTES[qname])

    def _leave(self, node: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression:
        qname, scope = self._resolve(node) or ("", None)
        new = table.RENAMED.get(qname) or (table.UNSAFE.get(qname) if self.unsafe else None)
        if new is None and qname not in table.CALLS:
            self._done(qname, None, count=0)  # a name kept on purpose: only its note
        if scope is None or new is None or self.target >= table.SINCE.get(qname, (9, 9)):
            return updated
        try:
            expr = self._py3(scope, updated, qname, new)
        except Refuse:
            return updated
        same = isinstance(node, cst.Attribute) and new.startswith(qname.split(".")[0] + ".")
        self._done(qname, None if same else node)  # sys.maxsize still uses sys
        return expr.with_changes(lpar=[*updated.lpar, *expr.lpar], rpar=[*expr.rpar, *updated.rpar])

    leave_Name = leave_Attribute = _leave

    def _py3(self, scope: Scope, node: cst.BaseExpression, q: str, new: str) -> cst.BaseExpression:
        """The Python 3 spelling ``new`` of name ``q`` read by ``node``, with its import."""
        module, new_module, new_name = q.rpartition(".")[0], *new.rpartition(".")[::2]
        attr = isinstance(node, cst.Attribute)
        words = re.findall(r"(?<![.\w])\w+", new)  # zip; str in (str,) and str.maketrans
        if hasattr(builtins, words[0]):
            require(not self.foreign_star and all(is_builtin(scope, w) for w in words))
            return cst.parse_expression(new)
        if isinstance(node, cst.Attribute) and new_module == module:
            return cst.Attribute(node.value, cst.Name(new_name))  # keeps the module's alias
        local = new_module if attr else new_name
        free = {QualifiedName(new_module if attr else new, Source.IMPORT)}  # unbound, or imported
        require(not self.foreign_star and set(scope.get_qualified_names_for(local)) <= free)
        AddImportsVisitor.add_needed_import(self.context, new_module, None if attr else new_name)
        return cst.Attribute(cst.Name(local), cst.Name(new_name)) if attr else cst.Name(local)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func, args = original_node.func, list(updated_node.args)
        qname, scope = self._resolve(func) or ("", None)
        method = table.CALLS.get(qname)
        if method is None or not args or comments(original_node):
            return updated_node
        effects = len(args) == 2 and not (simple(args[0].value) or simple(args[1].value))
        if (
            not all(m.matches(a, m.Arg(keyword=None, star="")) for a in args)
            or (method in ("int", "float") and not is_builtin(scope, method))
            or (method == "join" and (len(args) > 2 or effects))  # the order would flip
        ):
            return updated_node
        self._done(qname, func)
        if method in ("int", "float"):  # string.atoi(s, base) -> int(s, base)
            return updated_node.with_changes(func=cst.Name(method))
        if method == "join":  # string.join(words, sep=" ") -> sep.join(words)
            sep = args[1].value if len(args) > 1 else cst.SimpleString('" "')
            args = [cst.Arg(sep), args[0].with_changes(comma=args[-1].comma)]
        value, rest = args[0].value, args[1:]
        space = updated_node.whitespace_before_args if rest else cst.SimpleWhitespace("")
        text = isinstance(value, (cst.SimpleString, cst.FormattedString))  # "abc".upper()
        call = cst.Attribute(value if text else atom(value), cst.Name(method))
        return updated_node.with_changes(func=call, args=rest, whitespace_before_args=space)
