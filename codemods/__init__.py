"""The legacylift codemods, in the order they run.

Order matters: each codemod sees the tree as the ones before it left it.  Python 2 files have
already been lifted to Python 3 syntax (``legacylift.lift``); the Python 2 semantics come first,
then the old Python 3 idioms.  Adding a codemod is its file, one line here, and its test file.
"""

from __future__ import annotations

from codemods.assign_then_test_to_walrus import AssignThenTestToWalrus
from codemods.builtin_alias_shims import BuiltinAliasShims
from codemods.bytes_codecs import BytesCodecs
from codemods.cmp_builtin import CmpBuiltin
from codemods.cmp_method_to_rich_comparisons import CmpMethodToRichComparisons
from codemods.cmp_to_key import CmpToKey
from codemods.collections_abc_imports import CollectionsAbcImports
from codemods.datetime_utcnow import DatetimeUtcnow
from codemods.dict_iter_methods import DictIterMethods
from codemods.dict_views_to_lists import DictViewsToLists
from codemods.function_attributes import FunctionAttributes
from codemods.future_imports import FutureImports
from codemods.generator_stop_iteration import GeneratorStopIteration
from codemods.generator_throw_single_argument import GeneratorThrowSingleArgument
from codemods.getargspec_to_getfullargspec import GetargspecToGetfullargspec
from codemods.imp_to_importlib import ImpToImportlib
from codemods.implicit_relative_imports import ImplicitRelativeImports
from codemods.init_to_dataclass import InitToDataclass
from codemods.invalid_escape_sequences import InvalidEscapeSequences
from codemods.json_encoding_keyword import JsonEncodingKeyword
from codemods.list_comprehension_leaks import ListComprehensionLeaks
from codemods.metaclass_attribute_to_keyword import MetaclassAttributeToKeyword
from codemods.native_string_coercions import NativeStringCoercions
from codemods.next_method_to_dunder import NextMethodToDunder
from codemods.open_mode_universal import OpenModeUniversal
from codemods.py2_binary_text_mixing import Py2BinaryTextMixing
from codemods.py2_builtins import Py2Builtins
from codemods.py2_bytes_text import Py2BytesText
from codemods.py2_division import Py2Division
from codemods.py2_dunder_methods import Py2DunderMethods
from codemods.py2_import_shims import Py2ImportShims
from codemods.py2_renamed_attributes import Py2RenamedAttributes
from codemods.py2_stdlib_renames import Py2StdlibRenames
from codemods.re_global_flags_first import ReGlobalFlagsFirst
from codemods.removed_stdlib_functions import RemovedStdlibFunctions
from codemods.removed_stdlib_methods import RemovedStdlibMethods
from codemods.set_trace_to_breakpoint import SetTraceToBreakpoint
from codemods.six_metaclass import SixMetaclass
from codemods.six_to_builtins import SixToBuiltins
from codemods.unittest_make_suite import UnittestMakeSuite
from codemods.unittest_removed_aliases import UnittestRemovedAliases
from codemods.version_branches import VersionBranches
from codemods.views_to_lists_when_observed import ViewsToListsWhenObserved
from legacylift.codemod import LiftCodemod

CODEMODS: tuple[type[LiftCodemod], ...] = (
    # Python 2/3 compatibility layers
    VersionBranches,  # a pre-pass: removes the dead branches before the others run
    SixToBuiltins,
    SixMetaclass,
    BuiltinAliasShims,
    # Python 2 semantics (xrange -> range before DictViewsToLists looks for range)
    ImplicitRelativeImports,
    Py2StdlibRenames,
    Py2ImportShims,
    Py2Builtins,
    Py2RenamedAttributes,
    NativeStringCoercions,
    BytesCodecs,
    DictIterMethods,
    DictViewsToLists,
    ViewsToListsWhenObserved,
    CmpToKey,
    CmpBuiltin,
    CmpMethodToRichComparisons,
    MetaclassAttributeToKeyword,
    Py2DunderMethods,
    FunctionAttributes,
    NextMethodToDunder,
    ListComprehensionLeaks,
    Py2Division,
    Py2BytesText,
    Py2BinaryTextMixing,
    # Python 3 APIs removed in 3.x (valid Python 3 that newer versions reject)
    CollectionsAbcImports,
    UnittestRemovedAliases,
    UnittestMakeSuite,
    RemovedStdlibFunctions,
    ImpToImportlib,
    DatetimeUtcnow,
    GetargspecToGetfullargspec,
    JsonEncodingKeyword,
    RemovedStdlibMethods,
    ReGlobalFlagsFirst,
    InvalidEscapeSequences,
    OpenModeUniversal,
    GeneratorStopIteration,
    GeneratorThrowSingleArgument,
    # Old Python 3 idioms
    SetTraceToBreakpoint,
    AssignThenTestToWalrus,
    InitToDataclass,
    FutureImports,
)

__all__ = ["CODEMODS"]
