"""The cached attribute scans of LibCST's matcher-decoratable visitors (visitor_scans.py)."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor
from libcst.matchers import _visitors

import legacylift.engine  # noqa: F401  # installs the cache
from legacylift.visitor_scans import SCANS, install


class Renamer(m.MatcherDecoratableTransformer):
    """A visitor of someone else's, with decorated methods: always scanned."""

    @m.leave(m.Name("old"))
    def rename(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value="new")


def test_installed_once() -> None:
    before = [getattr(_visitors, name) for name in SCANS]
    install()
    assert [getattr(_visitors, name) for name in SCANS] == before
    assert all(getattr(scan, "_legacylift_cached", False) for scan in before)


def test_libcst_visitors_still_add_imports() -> None:
    for _ in range(2):  # the second visitor is built from the cached (empty) scans
        context = CodemodContext()
        AddImportsVisitor.add_needed_import(context, "typing", "Any")
        new = AddImportsVisitor(context).transform_module(cst.parse_module("import os\n"))
        assert new.code == "import os\nfrom typing import Any\n"


def test_decorated_visitors_are_scanned_every_time() -> None:
    for _ in range(2):
        assert cst.parse_module("old = 1\n").visit(Renamer()).code == "new = 1\n"


def test_a_libcst_class_with_matchers_is_not_cached() -> None:
    class Decorated(Renamer):
        pass

    Decorated.__module__ = "libcst.codemod.visitors._pretend"
    for _ in range(2):
        assert Decorated()._extra_leave_funcs  # found again for each instance
