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
from codemods.collection_literals import CollectionLiterals
from codemods.collections_abc_imports import CollectionsAbcImports
from codemods.comprehension_splat import ComprehensionSplat
from codemods.concat_to_fstring import ConcatToFstring
from codemods.datetime_utc_alias import DatetimeUtcAlias
from codemods.datetime_utcnow import DatetimeUtcnow
from codemods.defaultdict_lambda import DefaultdictLambda
from codemods.dict_iter_methods import DictIterMethods
from codemods.dict_merge_operator import DictMergeOperator
from codemods.dict_views_to_lists import DictViewsToLists
from codemods.encode_utf8_default import EncodeUtf8Default
from codemods.extraneous_parentheses import ExtraneousParentheses
from codemods.format_literals import FormatLiterals
from codemods.format_to_fstring import FormatToFstring
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
from codemods.lru_cache_calls import LruCacheCalls
from codemods.metaclass_attribute_to_keyword import MetaclassAttributeToKeyword
from codemods.metaclass_type import MetaclassType
from codemods.mock_to_unittest_mock import MockToUnittestMock
from codemods.named_tuple_class_syntax import NamedTupleClassSyntax
from codemods.named_tuple_to_dataclass import NamedTupleToDataclass
from codemods.native_literals import NativeLiterals
from codemods.native_string_coercions import NativeStringCoercions
from codemods.next_method_to_dunder import NextMethodToDunder
from codemods.object_base_class import ObjectBaseClass
from codemods.open_calls import OpenCalls
from codemods.open_mode_universal import OpenModeUniversal
from codemods.os_error_aliases import OsErrorAliases
from codemods.pep585_builtin_generics import Pep585BuiltinGenerics
from codemods.pep604_unions import Pep604Unions
from codemods.percent_format_to_fstring import PercentFormatToFstring
from codemods.py2_binary_text_mixing import Py2BinaryTextMixing
from codemods.py2_builtins import Py2Builtins
from codemods.py2_bytes_text import Py2BytesText
from codemods.py2_division import Py2Division
from codemods.py2_dunder_methods import Py2DunderMethods
from codemods.py2_import_shims import Py2ImportShims
from codemods.py2_renamed_attributes import Py2RenamedAttributes
from codemods.py2_stdlib_renames import Py2StdlibRenames
from codemods.quoted_annotations import QuotedAnnotations
from codemods.re_global_flags_first import ReGlobalFlagsFirst
from codemods.removed_stdlib_functions import RemovedStdlibFunctions
from codemods.removed_stdlib_methods import RemovedStdlibMethods
from codemods.set_trace_to_breakpoint import SetTraceToBreakpoint
from codemods.six_metaclass import SixMetaclass
from codemods.six_to_builtins import SixToBuiltins
from codemods.slice_to_removeprefix import SliceToRemoveprefix
from codemods.subprocess_run_arguments import SubprocessRunArguments
from codemods.super_without_arguments import SuperWithoutArguments
from codemods.timeout_error_aliases import TimeoutErrorAliases
from codemods.try_except_pass_to_suppress import TryExceptPassToSuppress
from codemods.type_alias_statement import TypeAliasStatement
from codemods.type_comments_to_annotations import TypeCommentsToAnnotations
from codemods.typing_default_type_args import TypingDefaultTypeArgs
from codemods.typing_deprecated_imports import TypingDeprecatedImports
from codemods.unicode_prefix import UnicodePrefix
from codemods.unittest_make_suite import UnittestMakeSuite
from codemods.unittest_removed_aliases import UnittestRemovedAliases
from codemods.unpacking_list_comprehension import UnpackingListComprehension
from codemods.utf8_coding_cookie import Utf8CodingCookie
from codemods.version_branches import VersionBranches
from codemods.views_to_lists_when_observed import ViewsToListsWhenObserved
from codemods.yield_for_to_yield_from import YieldForToYieldFrom
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
    OpenCalls,  # after OpenModeUniversal and Py2Builtins: `file(p, 'rU')` in one pass
    # Old Python 3 idioms: typing (type comments first, so their annotations get the rest)
    TypeCommentsToAnnotations,
    TypingDeprecatedImports,
    NamedTupleClassSyntax,
    Pep585BuiltinGenerics,
    Pep604Unions,
    QuotedAnnotations,
    TypingDefaultTypeArgs,
    TypeAliasStatement,
    # strings (prefixes and literal indices first: the f-string rewrites read the result)
    UnicodePrefix,
    Utf8CodingCookie,
    EncodeUtf8Default,
    NativeLiterals,
    FormatLiterals,
    FormatToFstring,
    PercentFormatToFstring,
    ConcatToFstring,
    # classes, calls and exceptions
    SuperWithoutArguments,
    ObjectBaseClass,
    MetaclassType,
    ExtraneousParentheses,
    OsErrorAliases,
    TimeoutErrorAliases,
    DatetimeUtcAlias,
    YieldForToYieldFrom,
    LruCacheCalls,
    SubprocessRunArguments,
    MockToUnittestMock,
    CollectionLiterals,
    ComprehensionSplat,
    DefaultdictLambda,
    UnpackingListComprehension,
    SetTraceToBreakpoint,
    AssignThenTestToWalrus,
    # beyond pyupgrade and ruff's UP rules
    SliceToRemoveprefix,
    TryExceptPassToSuppress,
    DictMergeOperator,
    InitToDataclass,
    NamedTupleToDataclass,
    FutureImports,
)

__all__ = ["CODEMODS"]
