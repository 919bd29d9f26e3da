"""``unittest.makeSuite(C)`` -> ``unittest.TestLoader().loadTestsFromTestCase(C)`` (3.13)."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from codemods._removed_stdlib import RemovedStdlibBase
from legacylift.codemod import Refuse

ARG = m.Arg(keyword=None, star="")
#: Removed module function -> the TestLoader method that does the same with default settings.
LOADER_METHODS = {
    "unittest.makeSuite": "loadTestsFromTestCase",
    "unittest.findTestCases": "loadTestsFromModule",
}
KEPT = "unittest.{} kept: its prefix/sort/suite arguments need a configured TestLoader"


class UnittestMakeSuite(RemovedStdlibBase):
    """Replace ``unittest.makeSuite``/``findTestCases``, removed in Python 3.13.

    **Why.** Both were deprecated in 3.11 and are gone in 3.13 (AttributeError when the test
    module builds its suite, so no test runs at all: Werkzeug's and mutagen's suites did).

    **Example.**

        import unittest
        suite = unittest.makeSuite(CompatTestCase)
        more = unittest.findTestCases(module)

    becomes

        import unittest
        suite = unittest.TestLoader().loadTestsFromTestCase(CompatTestCase)
        more = unittest.TestLoader().loadTestsFromModule(module)

    A ``from unittest import makeSuite`` becomes ``import unittest`` when nothing else uses it.

    **Refuses** (with a note) calls that pass the method prefix, sort function or suite class
    (they need a configured loader), keywords and stars, and a ``unittest`` name bound to
    something other than the module.

    **Safety.** Safe: ``makeSuite(C)`` was exactly a fresh ``TestLoader()`` (default prefix
    ``test``, default order) loading ``C``; ``findTestCases(m)`` the same for a module.
    """

    MIN_PYTHON = (3, 0)
    PRECHECK = re.compile(r"\b(?:makeSuite|findTestCases)\b")
    MODULES = frozenset(name.partition(".")[0] for name in LOADER_METHODS)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        name = self.qname(original_node.func)
        if name not in LOADER_METHODS:
            return updated_node
        if len(updated_node.args) != 1 or not m.matches(updated_node.args[0], ARG):
            self.note(original_node, KEPT.format(name.rpartition(".")[2]))
            return updated_node
        try:
            loader = self.imported(original_node, "unittest.TestLoader")
        except Refuse:
            return updated_node
        self.count_rewrite()
        method = cst.Attribute(cst.Call(loader), cst.Name(LOADER_METHODS[name]))
        return updated_node.with_changes(func=method)
