"""Python 2 special methods renamed to their Python 3 names (``__nonzero__`` -> ``__bool__``...)."""

from __future__ import annotations

import re
from typing import ClassVar, cast

import libcst as cst
from libcst.metadata import Assignment, ClassScope, ScopeProvider

from legacylift.codemod import LiftCodemod

RENAMES = {
    "__nonzero__": "__bool__",
    "__unicode__": "__str__",
    "__div__": "__truediv__",
    "__idiv__": "__itruediv__",
    "__rdiv__": "__rtruediv__",
}
SLICES = ("__getslice__", "__setslice__", "__delslice__")


class Py2DunderMethods(LiftCodemod):
    """Rename Python 2 special methods that Python 3 never calls to their Python 3 names.

    Why: in Python 3 ``bool(x)``, ``str(x)`` and ``x / y`` ignore ``__nonzero__``,
    ``__unicode__`` and ``__div__``, so the class silently falls back to the defaults (always
    true, ``<C object at ...>``, ``TypeError``). Example::

        class Box:
            def __nonzero__(self):
                return bool(self.items)

            def __unicode__(self):
                return u"box"

    becomes::

        class Box:
            def __bool__(self):
                return bool(self.items)

            def __str__(self):
                return u"box"

    Renames: ``__nonzero__`` -> ``__bool__``, ``__unicode__`` -> ``__str__``, ``__div__`` ->
    ``__truediv__``, ``__idiv__`` -> ``__itruediv__``, ``__rdiv__`` -> ``__rtruediv__``. Py2 ran
    ``__div__`` for ``/`` (without ``from __future__ import division``), so ``/`` keeps calling
    the same code; ``//`` still needs its own ``__floordiv__``, as in Python 2.

    Refused (per method): a class that already has the new name (a class with ``__str__`` and
    ``__unicode__`` is noted: Python 3's ``__str__`` should return the text one, a human call);
    an old name bound twice, read in the class body, or used as an attribute anywhere in the file
    (``self.__nonzero__()`` would break); methods defined by assignment or under ``if``.
    ``__getslice__``, ``__setslice__`` and ``__delslice__`` are never renamed (Python 3 passes a
    ``slice`` to ``__getitem__`` instead): the run notes the class for a human.

    Safety: safe for the file; code elsewhere calling the old name explicitly breaks.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\b__(?:nonzero|unicode|[ir]?div|[gsd]e[lt]?slice)__\b")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def visit_Module(self, node: cst.Module) -> None:
        self._attributes = set(self.facts.attributes)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        body = updated_node.body
        if not isinstance(body, cst.IndentedBlock):
            return updated_node
        defined = {s.name.value for s in body.body if isinstance(s, cst.FunctionDef)}
        slices = [name for name in SLICES if name in defined]
        if slices:
            self.warn(
                f"class {updated_node.name.value} defines {', '.join(slices)}: Python 3 "
                "never calls them (it passes a slice to __getitem__); review by hand"
            )
        if not defined & RENAMES.keys():
            return updated_node
        scope = self.get_metadata(ScopeProvider, original_node.body.body[0])
        if not isinstance(scope, ClassScope):
            return updated_node
        renames = {old: new for old, new in RENAMES.items() if self._may_rename(scope, old, new)}
        if "__unicode__" in defined and scope.assignments["__str__"]:
            self.warn(
                f"class {updated_node.name.value} defines __str__ and __unicode__: make "
                "__str__ return the text and drop __unicode__ by hand"
            )
        if not renames:
            return updated_node
        statements = [self._renamed(statement, renames) for statement in body.body]
        return updated_node.with_changes(body=body.with_changes(body=statements))

    def _renamed(self, statement: cst.BaseStatement, renames: dict[str, str]) -> cst.BaseStatement:
        if not isinstance(statement, cst.FunctionDef) or statement.name.value not in renames:
            return statement
        self.count_rewrite()
        return statement.with_changes(name=cst.Name(renames[statement.name.value]))

    def _may_rename(self, scope: ClassScope, old: str, new: str) -> bool:
        assignments = scope.assignments[old]
        return (
            len(assignments) == 1
            and all(isinstance(a, Assignment) for a in assignments)
            and isinstance(cast(Assignment, next(iter(assignments))).node, cst.FunctionDef)
            and not scope.assignments[new]
            and not scope.accesses[old]
            and old not in self._attributes
        )
