"""Python 2 stdlib attributes and names that Python 3 renamed or removed (data only).

Keys are ``"module.name"`` as Python 2 spelled them (``builtins`` for builtins).  Facts from the
Python 3 "What's New" pages and the ``types``/``string``/``operator`` docs; the tables are
legacylift's own.  Whole modules renamed by Python 3 live in ``_py2_renames``.
"""

from __future__ import annotations

#: Old name -> its Python 3 spelling: an expression of builtins (``zip``, ``(str,)``,
#: ``str.maketrans``) or ``"module.name"`` (imported as needed).
RENAMED: dict[str, str] = {
    "builtins.StandardError": "Exception",
    "itertools.izip": "zip",
    "itertools.imap": "map",
    "itertools.ifilter": "filter",
    "itertools.ifilterfalse": "itertools.filterfalse",
    "itertools.izip_longest": "itertools.zip_longest",
    "sys.maxint": "sys.maxsize",
    "os.getcwdu": "os.getcwd",
    "string.letters": "string.ascii_letters",
    "string.lowercase": "string.ascii_lowercase",
    "string.uppercase": "string.ascii_uppercase",
    "string.maketrans": "str.maketrans",
    "operator.isCallable": "callable",
    "operator.sequenceIncludes": "operator.contains",
    "operator.repeat": "operator.mul",
    "operator.irepeat": "operator.imul",
    # types: the Python 3 meaning ported code wants (text for StringType, see NOTES).
    "types.StringTypes": "(str,)",
    "types.StringType": "str",
    "types.UnicodeType": "str",
    "types.IntType": "int",
    "types.LongType": "int",
    "types.FloatType": "float",
    "types.BooleanType": "bool",
    "types.ComplexType": "complex",
    "types.ListType": "list",
    "types.TupleType": "tuple",
    "types.DictType": "dict",
    "types.DictionaryType": "dict",
    "types.SliceType": "slice",
    "types.XRangeType": "range",
    "types.BufferType": "memoryview",
    "types.ObjectType": "object",
    "types.TypeType": "type",
    "types.ClassType": "type",
    "types.InstanceType": "object",
    "types.NoneType": "type(None)",
    "types.EllipsisType": "type(Ellipsis)",
    "types.NotImplementedType": "type(NotImplemented)",
    "types.FileType": "io.IOBase",
    "types.UnboundMethodType": "types.FunctionType",
}

#: Names Python 3 brought back: from this target on they are valid as they are.
SINCE: dict[str, tuple[int, int]] = {
    "types.NoneType": (3, 10),
    "types.EllipsisType": (3, 10),
    "types.NotImplementedType": (3, 10),
}

#: Rewritten only under --unsafe: Python 2 ``/`` floor-divided ints (NOTES says so otherwise).
UNSAFE: dict[str, str] = {
    "operator.div": "operator.truediv",
    "operator.idiv": "operator.itruediv",
    "operator.__div__": "operator.__truediv__",
    "operator.__idiv__": "operator.__itruediv__",
}

#: ``string`` functions that became ``str`` methods (or int/float): called as
#: ``string.f(s, *rest)`` they become ``s.f(*rest)``; ``join(words, sep=" ")`` is special.
_METHODS = (
    "upper lower capitalize swapcase strip lstrip rstrip split rsplit join replace find"
    " rfind index rindex count zfill expandtabs ljust rjust center"
)
CALLS: dict[str, str] = {f"string.{name}": name for name in _METHODS.split()}
CALLS.update({"string.splitfields": "split", "string.joinfields": "join"})
CALLS.update({"string.atoi": "int", "string.atol": "int", "string.atof": "float"})

_DIV = (
    "floor-divided ints on Python 2: pick operator.truediv or operator.floordiv (--unsafe: truediv)"
)

#: One-line notes for the run's summary: rewrites that differ for some inputs, names kept.
NOTES: dict[str, str] = {
    "types.StringType": "types.StringType became str: it was bytes on Python 2 (use bytes there)",
    "types.InstanceType": "types.InstanceType became object: every value is an instance now",
    "string.maketrans": "string.maketrans became str.maketrans: use bytes.maketrans for bytes",
    "string.zfill": "string.zfill(x, n) became x.zfill(n): Python 2 also padded numbers",
    "operator.isSequenceType": "operator.isSequenceType kept: no exact Python 3 equivalent",
    "operator.isMappingType": "operator.isMappingType kept: no exact Python 3 equivalent",
    "operator.isNumberType": "operator.isNumberType kept: isinstance(x, numbers.Number)?",
    **{name: f"{name} {_DIV}" for name in UNSAFE},
}

#: Modules whose star import is understood: it binds none of the builtins these rewrites use.
MODULES = frozenset(key.partition(".")[0] for key in (*RENAMED, *UNSAFE, *CALLS)) - {"builtins"}
#: Every known "module.name", and their last parts (a cheap pre-filter).
KNOWN = frozenset(RENAMED) | frozenset(UNSAFE) | frozenset(CALLS) | frozenset(NOTES)
LAST = frozenset(key.rpartition(".")[2] for key in KNOWN)
#: The names worth a look in the source text (``string`` functions need ``import string``).
WORDS = "|".join(sorted(LAST - {key.rpartition(".")[2] for key in CALLS}))
