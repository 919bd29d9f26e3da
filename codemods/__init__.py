"""The legacylift codemods, in the order they run.

Order matters: each codemod sees the tree as the ones before it left it.  Python 2 files have
already been lifted to Python 3 syntax (``legacylift.lift``); the Python 2 semantics come first,
then the old Python 3 idioms.  Adding a codemod is its file, one line here, and its test file.
"""

from __future__ import annotations

from codemods.assign_then_test_to_walrus import AssignThenTestToWalrus
from codemods.cmp_builtin import CmpBuiltin
from codemods.cmp_method_to_rich_comparisons import CmpMethodToRichComparisons
from codemods.cmp_to_key import CmpToKey
from codemods.collections_abc_imports import CollectionsAbcImports
from codemods.dict_iter_methods import DictIterMethods
from codemods.dict_views_to_lists import DictViewsToLists
from codemods.implicit_relative_imports import ImplicitRelativeImports
from codemods.init_to_dataclass import InitToDataclass
from codemods.list_comprehension_leaks import ListComprehensionLeaks
from codemods.metaclass_attribute_to_keyword import MetaclassAttributeToKeyword
from codemods.native_string_coercions import NativeStringCoercions
from codemods.next_method_to_dunder import NextMethodToDunder
from codemods.open_mode_universal import OpenModeUniversal
from codemods.py2_builtins import Py2Builtins
from codemods.py2_dunder_methods import Py2DunderMethods
from codemods.py2_import_shims import Py2ImportShims
from codemods.py2_stdlib_renames import Py2StdlibRenames
from codemods.set_trace_to_breakpoint import SetTraceToBreakpoint
from codemods.unittest_removed_aliases import UnittestRemovedAliases
from legacylift.codemod import LiftCodemod

CODEMODS: tuple[type[LiftCodemod], ...] = (
    # Python 2 semantics (xrange -> range before DictViewsToLists looks for range)
    ImplicitRelativeImports,
    Py2StdlibRenames,
    Py2ImportShims,
    Py2Builtins,
    NativeStringCoercions,
    DictIterMethods,
    DictViewsToLists,
    CmpToKey,
    CmpBuiltin,
    CmpMethodToRichComparisons,
    MetaclassAttributeToKeyword,
    Py2DunderMethods,
    NextMethodToDunder,
    ListComprehensionLeaks,
    # Python 3 APIs removed in 3.x (valid Python 3 that newer versions reject)
    CollectionsAbcImports,
    UnittestRemovedAliases,
    OpenModeUniversal,
    # Old Python 3 idioms
    SetTraceToBreakpoint,
    AssignThenTestToWalrus,
    InitToDataclass,
)

__all__ = ["CODEMODS"]
