"""``elem.getchildren()``, ``a.tostring()``, ``parser.readfp(f)``, ``t.isAlive()`` -> 3.9+ names."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.helpers import get_full_name_for_node as full_name
from libcst.metadata import Assignment, ParentNodeProvider, ScopeProvider

from codemods import _removed_stdlib_tables as table
from codemods._py2_builtins import comments
from codemods._removed_stdlib import RemovedStdlibBase
from legacylift.codemod import is_builtin


class RemovedStdlibMethods(RemovedStdlibBase):
    """Rename stdlib methods removed in 3.9 and 3.12, where the receiver can be trusted.

    **Why.** ``Element.getchildren()``/``getiterator()``, ``array.tostring()``/``fromstring()``
    and ``Thread.isAlive()`` are gone in 3.9, ``ConfigParser.readfp()`` in 3.12.

    **Example.**

        import threading
        import xml.etree.ElementTree as ET
        kids = root.getchildren()
        for node in tree.getiterator("item"):
            worker.isAlive()

    becomes

        import threading
        import xml.etree.ElementTree as ET
        kids = list(root)
        for node in tree.iter("item"):
            worker.is_alive()

    Also ``p.readfp(f, name)`` -> ``p.read_file(f, name)`` (``filename=`` -> ``source=``),
    ``a.tostring()`` -> ``a.tobytes()``, ``a.fromstring(b"..")`` -> ``a.frombytes(b"..")``.

    Receiver types are unknown, so a method is renamed only in a file that imports its module
    (``xml.etree``, ``configparser``/``ConfigParser``, ``threading``) and neither defines a
    function of that name (a class of its own) nor, for ElementTree, imports ``lxml`` (which
    still has both methods).  ``tostring``/``fromstring`` are common names: the receiver must
    be an ``array.array(...)`` call or a name bound only to such calls in its scope.

    **Refuses** (a note gives the lines) ``getiterator()`` whose result is not only iterated
    (a ``for``, a comprehension, ``list``/``tuple``/``sorted``/``set``) or whose loop changes
    the tree (``del``, ``remove``, ``append``...): ``ElementTree.getiterator`` returned a
    list; ``fromstring`` of anything but a bytes literal (it took ``str`` too); and, in a
    file that imports ``array``, an array method on a receiver not proven an array.

    **Safety.** Each new method is what the old one called, but the import rule is a
    heuristic: an unrelated object with one of these method names in such a file is renamed
    too, and a helper called in a loop may change the tree unseen.  ``--unsafe`` also
    rewrites the refused ``getiterator`` and ``fromstring`` calls.
    """

    MIN_PYTHON = (3, 2)
    PRECHECK = re.compile(r"\b(?:getchildren|getiterator|readfp|isAlive|tostring|fromstring)\b")

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        modules: set[str] = set()
        for imp in self.facts.imports:
            if isinstance(imp, cst.ImportFrom) and imp.relative:
                continue
            module = imp.module if isinstance(imp, cst.ImportFrom) else None
            base = f"{full_name(module)}." if module else ""
            names = () if isinstance(imp.names, cst.ImportStar) else imp.names
            modules.update({base, *(base + (full_name(alias.name) or "") for alias in names)})
        tops = {name.partition(".")[0].lower() for name in modules}
        if "lxml" in tops or not any(name.startswith("xml.etree") for name in modules):
            tops.discard("xml")
        defined = self.facts.function_names
        self.allowed = {n for n, top in table.NEEDS.items() if top in tops and n not in defined}
        self.array_imported = "array" in tops
        self.arrays: set[cst.CSTNode] = set()

    def visit_Assign(self, node: cst.Assign) -> None:
        array = m.matches(node, m.Assign([m.AssignTarget(m.Name())], m.Call()))
        if array and self.qname(cst.ensure_type(node.value, cst.Call).func) == "array.array":
            self.arrays.add(node.targets[0].target)

    def _is_array(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.Call):
            return self.qname(node.func) == "array.array"
        scope = self.get_metadata(ScopeProvider, node, None) if isinstance(node, cst.Name) else None
        refs = [r for a in (scope.accesses[node] if scope else ()) for r in a.referents]
        return bool(refs) and all(isinstance(r, Assignment) and r.node in self.arrays for r in refs)

    def _only_iterated(self, node: cst.CSTNode) -> bool:
        parent = self.get_metadata(ParentNodeProvider, node)
        if isinstance(parent, cst.Arg):  # list(x.getiterator()) and the like
            call = self.get_metadata(ParentNodeProvider, parent)
            scope = self.get_metadata(ScopeProvider, call, None)
            return m.matches(call, table.ITERATING) and is_builtin(scope, full_name(call) or "")
        if not isinstance(parent, (cst.For, cst.CompFor)) or parent.iter is not node:
            return False
        while isinstance(parent, cst.CompFor):  # up to the comprehension
            parent = self.get_metadata(ParentNodeProvider, parent)
        return not m.findall(parent, table.TREE_CHANGE)

    def _unsafe(self, name: str, original_node: cst.Call, node: cst.Call) -> str | None:
        """None if the call is not the stdlib method; else why it needs --unsafe, or ""."""
        if name in ("tostring", "fromstring"):
            receiver = cst.ensure_type(original_node.func, cst.Attribute).value
            if not self._is_array(receiver):
                if self.array_imported and not self.qname(receiver):  # not ET.fromstring
                    self.note(original_node, f"{name}() kept: the receiver is not proven an array")
                return None
            text = name == "fromstring" and not m.matches(node.args[0].value, table.BYTES)
            return table.FROMSTRING if text else ""
        if name not in self.allowed:
            return None
        if name == "getchildren":  # list(x): the builtin, and no comment outside x to lose
            receiver = cst.ensure_type(node.func, cst.Attribute).value
            scope = self.get_metadata(ScopeProvider, original_node, None)
            ok = is_builtin(scope, "list") and comments(node) == comments(receiver)
            return "" if ok else None
        iterated = name != "getiterator" or self._only_iterated(original_node)
        return "" if iterated else table.ITERATED

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func, args = updated_node.func, updated_node.args
        name = func.attr.value if isinstance(func, cst.Attribute) else ""
        if name not in table.ARGS or not m.matches(updated_node, table.ARGS[name]):
            return updated_node
        func = cst.ensure_type(func, cst.Attribute)
        why = self._unsafe(name, original_node, updated_node)
        if why is None:
            return updated_node
        if why and not self.unsafe:
            self.note(original_node, f"{why} (see --unsafe)")
            return updated_node
        self.count_rewrite()
        if name == "getchildren":
            return cst.Call(
                cst.Name("list"), [cst.Arg(func.value)], updated_node.lpar, updated_node.rpar
            )
        if name == "readfp" and len(args) == 2 and args[1].keyword:
            args = (args[0], args[1].with_changes(keyword=cst.Name("source")))
        return updated_node.with_changes(
            func=func.with_changes(attr=cst.Name(table.RENAMED_METHODS[name])), args=args
        )
