"""Stdlib functions removed in Python 3.7-3.12 -> their successors (``base64.encodestring``...)."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.helpers import get_full_name_for_node as full_name

from codemods import _removed_stdlib_tables as table
from codemods._removed_stdlib import RemovedStdlibBase
from legacylift.codemod import Refuse, require


class RemovedStdlibFunctions(RemovedStdlibBase):
    """Replace stdlib functions removed in Python 3.7-3.12 with their documented successors.

    **Why.** Code that ran on 3.3 fails on newer versions: ``base64.encodestring`` and
    ``decodestring``, ``fractions.gcd``, ``HTMLParser().unescape`` (3.9), ``cgi.escape``,
    ``time.clock`` (3.8), ``os.errno`` (3.7), ``imp.reload`` (3.12) are gone.

    **Example.**

        import base64, cgi
        data = base64.decodestring(raw)
        page = cgi.escape(title)

    becomes

        import base64
        import html

        data = base64.decodebytes(raw)
        page = html.escape(title, quote=False)

    Names are resolved (``import base64 as b``, ``from cgi import escape``).  A from-import of
    a renamed function keeps its local name (``from base64 import encodebytes as
    encodestring``), so the module's own attribute stays.  ``os.errno`` -> ``errno``,
    ``imp.reload`` -> ``importlib.reload``, ``HTMLParser().unescape(s)`` -> ``html.unescape(s)``.

    **Refuses** (a note gives the lines) ``platform.linux_distribution``/``dist`` and the other
    ``imp`` functions: they have no drop-in successor.  Also ``unescape`` on any receiver but
    a bare ``HTMLParser()`` (a subclass may override it), assignments and deletions
    (``base64.encodestring = ...`` is a compatibility shim), and a new module name that is
    bound to something else.

    **Safety.** Safe, but ``time.clock`` is rewritten with a note: on Unix it was CPU time.
    ``cgi.escape(s, True)`` (or a ``quote`` that is not ``False``/``0``) and ``fractions.gcd``
    (unless both arguments are integer literals) are rewritten only under ``--unsafe``:
    ``html.escape`` also escapes ``'``, and ``math.gcd`` is never negative and takes only ints.
    """

    MIN_PYTHON = (3, 5)  # math.gcd; html.unescape and importlib.reload are 3.4
    PRECHECK = re.compile(r"\b(?:encodestring|decodestring|clock|escape|gcd|dist|errno"
                          r"|linux_distribution|unescape|imp)\b")  # fmt: skip
    #: Where every name qname() is asked about must come from to matter (imp: any imp.x).
    MODULES = table.MODULES
    LOCATED = table.LOCATED  # their uses and from-imports: ``reload`` after ``from imp import``

    # Each name stays local to its function; ``from imp import reload`` is followed to ``reload``.
    REACH = "local"
    FOLLOW = re.compile(r"\bimp\b")

    @classmethod
    def wants(cls, source: str) -> bool:
        """A name of the pre-check and an import of the module it matters in: most files
        that say ``escape`` or ``errno`` mean Django's ``escape`` or the ``errno`` module."""
        if not super().wants(source):
            return False
        words = {match[0] for match in cls.PRECHECK.finditer(source)}
        return any(table.IMPORTS[table.OWNER[word]].search(source) for word in words)

    def _kept(self, node: cst.CSTNode, name: str) -> None:
        if name in table.KEPT or (name.startswith("imp.") and name not in table.MOVED):
            self.note(node, f"{name} kept: {table.KEPT.get(name, 'imp is gone in 3.12')}")

    def _renamed(self, node: cst.CSTNode, name: str) -> cst.Name:
        self.count_rewrite()
        if name == "time.clock":
            self.note(node, table.CLOCK)
        return cst.Name(table.RENAMED_FUNCTIONS[name])

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        if updated_node.relative or isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        module, aliases = full_name(updated_node.module or cst.Name("")), []
        for alias in updated_node.names:
            name = f"{module}.{full_name(alias.name)}"
            self._kept(original_node, name)
            if name in table.RENAMED_FUNCTIONS:
                asname = alias.asname or cst.AsName(cst.Name(name.rpartition(".")[2]))
                same = m.matches(asname.name, m.Name(table.RENAMED_FUNCTIONS[name]))
                renamed = self._renamed(original_node, name)
                alias = alias.with_changes(name=renamed, asname=None if same else asname)  # noqa: PLW2901
            aliases.append(alias)
        changed = aliases != list(updated_node.names)
        return updated_node.with_changes(names=aliases) if changed else updated_node

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        # ``reload`` is the only MOVED function that a from-import binds under its own name.
        reload = updated_node.value == "reload"
        return self._moved(original_node, updated_node) if reload else updated_node

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        name = self.qname(original_node) if isinstance(updated_node.value, cst.Name) else ""
        self._kept(original_node, name)
        if name not in table.RENAMED_FUNCTIONS or not self.is_load(original_node):
            return self._moved(original_node, updated_node)
        return updated_node.with_changes(attr=self._renamed(original_node, name))

    def _moved(self, original_node: table.Expr, updated_node: table.Expr) -> cst.BaseExpression:
        new = table.MOVED.get(self.qname(original_node))
        if new is None or not self.is_load(original_node):
            return updated_node
        try:
            moved = self.imported(original_node, new)
        except Refuse:
            return updated_node
        self.count_rewrite()
        return moved.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        name, args = self.qname(original_node.func), updated_node.args
        parser = (m.extract(original_node.func, table.UNESCAPE) or {}).get("cls")
        try:
            if name == "cgi.escape":
                require(m.matches(updated_node, table.ESCAPE))
                quote = args[1].value if len(args) == 2 else cst.Name("False")
                self.gate(original_node, m.matches(quote, table.FALSE), table.ESCAPE_NOTE)
                args = args if len(args) == 2 else (*args, table.QUOTE_FALSE.deep_clone())
                new = "html.escape"
            elif name == "fractions.gcd":
                require(m.matches(updated_node, m.Call(args=[table.ARG, table.ARG])))
                self.gate(original_node, m.matches(updated_node, table.INTEGERS), table.GCD_NOTE)
                new = "math.gcd"
            elif isinstance(parser, cst.CSTNode) and self.qname(parser) in table.PARSERS:
                require(m.matches(updated_node, m.Call(args=[table.ARG])))
                new = "html.unescape"
            else:
                return updated_node
            func = self.imported(original_node, new)
        except Refuse:
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(func=func, args=args)
