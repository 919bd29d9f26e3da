"""``imp.load_source(name, path)`` -> ``importlib``: the ``imp`` module is gone in Python 3.12."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from codemods._removed_stdlib import RemovedStdlibBase
from legacylift.codemod import Refuse, require

ARG = m.Arg(keyword=None, star="")
#: ``imp`` function -> (its replacement, with {0}, {1} for the arguments; how many it takes).
CALLS = {
    "imp.load_source": ("importlib.machinery.SourceFileLoader({0}, {1}).load_module()", (2, 3)),
    "imp.new_module": ("types.ModuleType({0})", (1, 1)),
    "imp.get_magic": ("importlib.util.MAGIC_NUMBER", (0, 0)),
    "imp.cache_from_source": ("importlib.util.cache_from_source({0})", (1, 1)),
    "imp.source_from_cache": ("importlib.util.source_from_cache({0})", (1, 1)),
}
KEPT = "imp.{} kept: no one-call importlib equivalent; rewrite it with importlib.util"


class ImpToImportlib(RemovedStdlibBase):
    """Replace calls of the ``imp`` module, removed in Python 3.12, with ``importlib``.

    **Why.** ``import imp`` fails on Python 3.12 and later (it was deprecated since 3.4).

    **Example.**

        import imp
        mod = imp.load_source(name, path, fp)
        blank = imp.new_module("scratch")

    becomes

        import importlib.machinery
        import types

        mod = importlib.machinery.SourceFileLoader(name, path).load_module()
        blank = types.ModuleType("scratch")

    ``load_source`` reads the file itself, so its optional open-file argument is dropped;
    like ``imp.load_source`` the loader registers the module in ``sys.modules`` (and reloads
    one already there). ``get_magic()``, ``cache_from_source`` and ``source_from_cache`` move
    to ``importlib.util``; ``imp.reload`` is ``removed_stdlib_functions``'s.

    **Refuses** (with a note) the other ``imp`` functions (``find_module``, ``load_module``,
    ``acquire_lock``...), calls with keywords or stars, an open-file argument that is not a
    plain name (it would no longer be evaluated), and names the file binds otherwise.

    **Safety.** Safe on the target: ``SourceFileLoader.load_module`` is deprecated but still
    present in 3.13.
    """

    PRECHECK = re.compile(r"\bimp\b")
    MODULES = frozenset({"imp"})  # qname() of anything else is ""

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        name = self.qname(original_node.func)
        if not name.startswith("imp.") or name == "imp.reload":
            return updated_node
        if name not in CALLS:
            self.note(original_node, KEPT.format(name[4:]))
            return updated_node
        template, (least, most) = CALLS[name]
        args = updated_node.args
        try:
            require(least <= len(args) <= most and all(m.matches(a, ARG) for a in args))
            require(len(args) < 3 or isinstance(args[2].value, cst.Name))
            module = template.partition("(")[0].rpartition(".")[0]
            self.imported(original_node, f"{module}.x")
        except Refuse:
            return updated_node
        self.count_rewrite()
        code = template.format(*(cst.Module([]).code_for_node(a.value) for a in args))
        return cst.parse_expression(code).with_changes(
            lpar=updated_node.lpar, rpar=updated_node.rpar
        )
