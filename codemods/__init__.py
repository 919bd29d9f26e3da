"""The legacylift codemods, in the order they run.

Order matters: each codemod sees the tree as the ones before it left it.  Python 2 files have
already been lifted to Python 3 syntax (``legacylift.lift``); the Python 2 semantics come first,
then the old Python 3 idioms.  Adding a codemod is its file, one line here, and its test file.
"""

from __future__ import annotations

from codemods.assign_then_test_to_walrus import AssignThenTestToWalrus
from codemods.cmp_to_key import CmpToKey
from codemods.dict_iter_methods import DictIterMethods
from codemods.dict_views_to_lists import DictViewsToLists
from codemods.init_to_dataclass import InitToDataclass
from codemods.metaclass_attribute_to_keyword import MetaclassAttributeToKeyword
from codemods.next_method_to_dunder import NextMethodToDunder
from codemods.py2_builtins import Py2Builtins
from codemods.py2_dunder_methods import Py2DunderMethods
from codemods.py2_import_shims import Py2ImportShims
from codemods.py2_stdlib_renames import Py2StdlibRenames
from codemods.set_trace_to_breakpoint import SetTraceToBreakpoint
from legacylift.codemod import LiftCodemod

CODEMODS: tuple[type[LiftCodemod], ...] = (
    # Python 2 semantics (xrange -> range before DictViewsToLists looks for range)
    Py2StdlibRenames,
    Py2ImportShims,
    Py2Builtins,
    DictIterMethods,
    DictViewsToLists,
    CmpToKey,
    MetaclassAttributeToKeyword,
    Py2DunderMethods,
    NextMethodToDunder,
    # Old Python 3 idioms
    SetTraceToBreakpoint,
    AssignThenTestToWalrus,
    InitToDataclass,
)

__all__ = ["CODEMODS"]
