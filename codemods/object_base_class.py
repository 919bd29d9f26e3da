"""``class X(object):`` / ``class X():`` -> ``class X:``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ScopeProvider

from codemods._idioms import without_args
from legacylift.codemod import LiftCodemod, Refuse

OBJECT = m.Arg(m.Name("object"), keyword=None, star="")


class ObjectBaseClass(LiftCodemod):
    """Drop the ``object`` base class and empty class parentheses.

    **Why.** Every Python 3 class is new-style: ``object`` in the bases is a Python 2 habit
    (pyupgrade/ruff UP004), and ``class X():`` has parentheses for nothing (ruff UP039).

    **Example.**

        class Point(object):
            pass

        class Empty():
            pass

        class Child(Base, object):
            pass

    becomes

        class Point:
            pass

        class Empty:
            pass

        class Child(Base):
            pass

    A comment inside the removed parentheses moves to the end of the ``class`` line when
    that line has none; keyword arguments (``metaclass=M``) stay.

    **Refuses** a class where ``object`` is not the builtin (a name bound in the module or a
    star import), and a class whose removed parentheses hold comments that have nowhere to go
    (more than one, or the ``class`` line already has one, or a one-line body).

    **Safety.** Safe: ``object`` ends the MRO of every Python 3 class anyway.  (Only a class
    that could not be created changes: ``class X(object, Base)`` is an MRO error, so
    removing ``object`` there, as pyupgrade and ruff do, fixes it.)
    """

    REACH = "local"
    PRECHECK = re.compile(r"^[ \t]*class\b[^:]*(?:\bobject\b|\(\s*\))", re.M)
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        if isinstance(updated_node.lpar, cst.MaybeSentinel):
            return updated_node
        objects = [b for b in original_node.bases if m.matches(b, OBJECT)]
        if objects and (self.facts.star_import or not self._builtin(objects[0])):
            return updated_node
        drop = [b for b in updated_node.bases if m.matches(b, OBJECT)]
        if not drop and (updated_node.bases or updated_node.keywords):
            return updated_node
        try:
            new = without_args(updated_node, drop)
        except Refuse:
            return updated_node
        self.count_rewrite()
        return new

    def _builtin(self, base: cst.Arg) -> bool:
        return self.builtin(base.value, "object")
