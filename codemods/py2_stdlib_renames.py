"""Python 2 stdlib modules and names -> their Python 3 homes."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.helpers import get_full_name_for_node as full_name
from libcst.metadata import (
    QualifiedName,
    QualifiedNameProvider,
    QualifiedNameSource,
    Scope,
    ScopeProvider,
)

from codemods import _py2_renames as table
from codemods._py2_builtins import dotted
from legacylift.codemod import LiftCodemod

PY2 = table.PY2_MODULES


class Py2StdlibRenames(LiftCodemod):
    """Rewrite imports and uses of Python 2 stdlib modules that Python 3 renamed or split.

    **Why.** ``import cPickle`` or ``urllib2.urlopen`` fail on Python 3 (PEP 3108).
    **Example.** ``import urllib2`` / ``urllib2.urlopen(url)`` becomes ``import
    urllib.request`` / ``urllib.request.urlopen(url)``; ``from Queue import Queue`` becomes
    ``from queue import Queue``; ``import cPickle as pickle`` becomes ``import pickle``.
    Modules split by name (``urllib``, ``urllib2``, ``StringIO``, ``UserDict``, ``commands``,
    ``md5``...) send each name where it went (2/3 import shims: ``py2_import_shims``).
    **Refuses** (with a note) names with no Python 3 equivalent (``UserDict.DictMixin``,
    ``dbhash``), modules gone from the target (``_dummy_thread`` on 3.9+), and from-imports
    whose rewrite would lose a comment.
    **Safety.** Safe, but ``io.StringIO`` takes only ``str`` and ``hashlib.md5`` only bytes
    where Python 2 took both: those rewrites leave a note.
    """

    # A Python 2 module right after ``import`` (or after an earlier module of the same
    # statement) or ``from``, and not followed by a dot: ``from urllib.parse import x`` and
    # ``from html.parser import HTMLParser`` are Python 3, ``from urllib import quote`` is not.
    PRECHECK = re.compile(
        r"^[ \t]*(?:import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*|from[ \t]+)"
        rf"(?:{'|'.join(map(re.escape, PY2))})\b(?![ \t]*\.)",
        re.M,
    )
    METADATA_DEPENDENCIES: ClassVar = (QualifiedNameProvider, ScopeProvider)

    def _renamed(self, old: str) -> str | None:
        new = table.RENAMED_MODULES.get(old)
        if new is not None and self.target >= table.REMOVED_IN.get(new, (99, 0)):
            self.warn(f"{old} kept: {new} is gone from the target Python")
            return None
        if old in table.NO_EQUIVALENT:
            self.warn(table.NO_EQUIVALENT[old])
        return new

    def _move(self, module: str, name: str) -> tuple[str, str] | None:
        new = self._renamed(module)
        moved = (new, name) if new else table.MOVED_NAMES.get(module, {}).get(name)
        if moved is None and module in table.MOVED_NAMES and module != "urllib":
            self.warn(f"{module}.{name} kept: it has no Python 3 equivalent")
        elif moved and ".".join(moved) in table.MOVE_NOTES:
            self.warn(table.MOVE_NOTES[".".join(moved)])
        return moved

    def visit_Module(self, node: cst.Module) -> None:
        self._bound: set[str] | None = None  # every name any scope binds, gathered once

    def _free(self, new_module: str) -> bool:
        if self._bound is None:
            scopes = {s for s in self.metadata[ScopeProvider].values() if isinstance(s, Scope)}
            self._bound = {a.name for s in scopes for a in s.assignments}
        return new_module.partition(".")[0] not in self._bound

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        names, before = list(updated_node.names), self.rewrites
        for i, alias in enumerate(names):
            old = full_name(alias.name) or ""
            new = self._renamed(old) if old in PY2 else None
            if new is not None:
                asname = alias.asname
                if asname is None and not self._free(new):
                    asname = cst.AsName(cst.Name(old))
                elif asname is not None and m.matches(asname.name, m.Name(new)):
                    asname = None
                names[i] = alias.with_changes(name=dotted(new), asname=asname)
                self.count_rewrite()
        changed = self.rewrites != before
        return updated_node.with_changes(names=names) if changed else updated_node

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        old, new = updated_node.value, table.RENAMED_MODULES.get(updated_node.value, "")
        if not new or not self._free(new):
            return updated_node
        qnames = self.get_metadata(QualifiedNameProvider, original_node, set())
        if qnames != {QualifiedName(old, QualifiedNameSource.IMPORT)} or not self._renamed(old):
            return updated_node
        self.count_rewrite()
        return dotted(new)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        value, name = updated_node.value, updated_node.attr.value
        if not isinstance(value, cst.Name) or name not in table.MOVED_ATTRS:
            return updated_node
        qnames = self.get_metadata(QualifiedNameProvider, original_node.value, set())
        module = next(iter(qnames)).name if len(qnames) == 1 else ""
        if qnames != {QualifiedName(module, QualifiedNameSource.IMPORT)}:
            return updated_node
        moved = self._move(module, name) if module in table.MOVED_NAMES else None
        if moved is None:
            return updated_node
        AddImportsVisitor.add_needed_import(self.context, moved[0])
        alias = None if value.value == module else value.value
        RemoveImportsVisitor.remove_unused_import(self.context, module, asname=alias)
        self.count_rewrite()
        return dotted(".".join(moved))

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.FlattenSentinel[cst.BaseSmallStatement]:
        module = full_name(updated_node.module) if updated_node.module else None
        if updated_node.relative or module not in PY2:
            return updated_node
        assert module is not None
        if isinstance(updated_node.names, cst.ImportStar):
            new = self._renamed(module)
            self.count_rewrite(new is not None)
            return updated_node.with_changes(module=dotted(new)) if new else updated_node
        groups: dict[str, list[cst.ImportAlias]] = {}
        for alias in updated_node.names:
            moved = self._move(module, full_name(alias.name) or "")
            if moved is None:
                return updated_node
            local = alias.asname or cst.AsName(cst.ensure_type(alias.name, cst.Name))
            asname = None if m.matches(local.name, m.Name(moved[1])) else local
            renamed = alias.with_changes(name=cst.Name(moved[1]), asname=asname)
            groups.setdefault(moved[0], []).append(renamed)
        if len(groups) > 1 and m.findall(updated_node, m.Comment()):
            self.warn(f"from {module} import ... kept: splitting it would lose a comment")
            return updated_node
        self.count_rewrite()
        default = cst.MaybeSentinel.DEFAULT
        return cst.FlattenSentinel(
            updated_node.with_changes(module=dotted(where), names=aliases)
            if len(groups) == 1
            else cst.ImportFrom(dotted(where), [a.with_changes(comma=default) for a in aliases])
            for where, aliases in groups.items()
        )
