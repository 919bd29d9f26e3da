"""``self.assertEquals`` / ``self.failUnless`` ... -> ``self.assertEqual`` / ``self.assertTrue``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    Assignment,
    ClassScope,
    ExpressionContext,
    ExpressionContextProvider,
    FunctionScope,
    PositionProvider,
    ScopeProvider,
)

from legacylift.codemod import LiftCodemod

#: The unittest.TestCase aliases Python 3.12 removed -> the method each one called.
ALIASES = {
    "failUnlessEqual": "assertEqual", "assertEquals": "assertEqual",
    "failIfEqual": "assertNotEqual", "assertNotEquals": "assertNotEqual",
    "failUnlessAlmostEqual": "assertAlmostEqual", "assertAlmostEquals": "assertAlmostEqual",
    "failIfAlmostEqual": "assertNotAlmostEqual", "assertNotAlmostEquals": "assertNotAlmostEqual",
    "failUnless": "assertTrue", "assert_": "assertTrue", "failIf": "assertFalse",
    "failUnlessRaises": "assertRaises", "assertRaisesRegexp": "assertRaisesRegex",
    "assertRegexpMatches": "assertRegex", "assertNotRegexpMatches": "assertNotRegex",
}  # fmt: skip
#: Removed in 3.12 with no one-call replacement: left alone with a note.
NO_REPLACEMENT = "assertDictContainsSubset"


class UnittestRemovedAliases(LiftCodemod):
    """Rename the ``unittest.TestCase`` method aliases that Python 3.12 removed.

    **Why.** ``assertEquals``, ``failUnless``, ``assert_``, ``assertRaisesRegexp``,
    ``assertRegexpMatches`` and the other aliases were deprecated in 3.2 and removed in 3.12,
    where each call raises ``AttributeError``.

    **Example.**

        class T(unittest.TestCase):
            def test_it(self):
                self.assertEquals(f(), 1)
                self.failUnless(ok)
                with self.assertRaisesRegexp(ValueError, "bad"):
                    f(-1)

    becomes

        class T(unittest.TestCase):
            def test_it(self):
                self.assertEqual(f(), 1)
                self.assertTrue(ok)
                with self.assertRaisesRegex(ValueError, "bad"):
                    f(-1)

    Bare references (``check = self.assertEquals``) and uses in nested functions of a method
    are renamed too; in a Python 2 port, so are functions taking ``self`` outside a class.

    **Refuses** any receiver but ``self`` as the first parameter of a method that is not a
    ``staticmethod`` (``other.failUnless`` may be another object's own method: only ``self``
    in a test method is sure to be the ``TestCase``), and every use of an alias when the
    file defines or assigns that alias or its replacement anywhere (a helper class with its
    own ``def assertEquals`` or ``def assertEqual``: the two names may then be different
    methods).  ``assertDictContainsSubset`` has no one-call replacement: a note gives lines.

    **Safety.** Safe for ``TestCase`` subclasses: up to 3.11 each alias calls ``TestCase``'s
    own method of the new name.  Two differences remain possible, both from classes in other
    files: a base that overrides the new name (a custom ``assertEqual``) now gets the call
    the alias sent to ``unittest``, and a non-``TestCase`` base with a method of an alias name
    no longer gets it.
    """

    MIN_PYTHON = (3, 2)  # assertRegex, assertNotRegex and assertRaisesRegex
    PRECHECK = re.compile(rf"\bself\s*\.\s*(?:{'|'.join([*ALIASES, NO_REPLACEMENT])})\b")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, ExpressionContextProvider, PositionProvider)

    defined: frozenset[str] | None
    subset_lines: list[int]

    def visit_Module(self, node: cst.Module) -> None:
        self.defined = None
        self.subset_lines = []

    def _defined(self) -> frozenset[str]:
        """The alias and method names the file binds (defs, assignments, attribute stores)."""
        if self.defined is None:
            watched = {*ALIASES, *ALIASES.values()}
            stored = (n for n, ctx in self.metadata[ExpressionContextProvider].items()
                      if ctx is not ExpressionContext.LOAD)  # fmt: skip
            names = (n.value if isinstance(n, cst.Name) else n.attr.value
                     for n in stored if isinstance(n, (cst.Name, cst.Attribute)))  # fmt: skip
            self.defined = frozenset(name for name in names if name in watched)
        return self.defined

    def _method_self(self, receiver: cst.Name) -> bool:
        """Whether ``receiver`` (a ``self``) is the first parameter of a (non-static) method."""
        scope = self.get_metadata(ScopeProvider, receiver, None)
        assignments = list(scope["self"]) if scope is not None else []
        if len(assignments) != 1 or not isinstance(assignments[0], Assignment):
            return False
        param, method_scope = assignments[0].node, assignments[0].scope
        if not isinstance(method_scope, FunctionScope):
            return False
        method = method_scope.node
        if not isinstance(method, cst.FunctionDef):
            return False  # a lambda
        # Python 2 tests also attach module-level ``def check(self)`` functions to classes
        if not isinstance(method_scope.parent, ClassScope) and not self.python2:
            return False
        if any(m.matches(d.decorator, m.Name("staticmethod")) for d in method.decorators):
            return False
        positional = [*method.params.posonly_params, *method.params.params]
        return bool(positional) and positional[0] is param

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.Attribute:
        name, receiver = original_node.attr.value, original_node.value
        if name not in ALIASES and name != NO_REPLACEMENT:
            return updated_node
        if not isinstance(receiver, cst.Name) or receiver.value != "self":
            return updated_node
        context = self.get_metadata(ExpressionContextProvider, original_node, None)
        if context is not ExpressionContext.LOAD or not self._method_self(receiver):
            return updated_node
        if name == NO_REPLACEMENT:
            self.subset_lines.append(self.get_metadata(PositionProvider, original_node).start.line)
            return updated_node
        if name in self._defined() or ALIASES[name] in self._defined():
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(attr=cst.Name(ALIASES[name]))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if self.subset_lines:
            lines = ", ".join(map(str, self.subset_lines))
            self.warn(
                f"{NO_REPLACEMENT} kept on line(s) {lines}: removed in 3.12 with no direct"
                " replacement (assertLessEqual(subset.items(), d.items()) is close)"
            )
        return updated_node
