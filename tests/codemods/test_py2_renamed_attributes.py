import pytest

from codemods.py2_renamed_attributes import Py2RenamedAttributes
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

REWRITES = [
    # itertools
    pytest.param(
        "import itertools\nfor a, b in itertools.izip(x, y):\n    pass\n"
        "ys = itertools.imap(f, itertools.ifilter(None, xs))\n",
        "for a, b in zip(x, y):\n    pass\nys = map(f, filter(None, xs))\n",
        id="itertools attributes to builtins, import left unused removed",
    ),
    pytest.param(
        "import itertools\nitertools.izip_longest(a, fillvalue=1)\nitertools.ifilterfalse(p, x)\n",
        "import itertools\nitertools.zip_longest(a, fillvalue=1)\nitertools.filterfalse(p, x)\n",
        id="itertools attributes renamed in place, import kept",
    ),
    pytest.param(
        "import itertools as it\nit.izip_longest(a, b)\n",
        "import itertools as it\nit.zip_longest(a, b)\n",
        id="module alias kept",
    ),
    pytest.param(
        "from itertools import izip, imap, chain\nlist(chain(izip(a, b), imap(f, c)))\n",
        "from itertools import chain\nlist(chain(zip(a, b), map(f, c)))\n",
        id="from-import of izip/imap removed, uses renamed to builtins",
    ),
    pytest.param(
        "from itertools import izip_longest\npairs = izip_longest(a, b)\n",
        "from itertools import zip_longest\npairs = zip_longest(a, b)\n",
        id="from-import of izip_longest renamed with its uses",
    ),
    pytest.param(
        "from itertools import izip as iz\npairs = list(iz(a, b))\n",
        "pairs = list(zip(a, b))\n",
        id="aliased from-import",
    ),
    pytest.param(
        "from itertools import *\npairs = izip(a, b)\nrest = izip_longest(a, b)\n",
        "from itertools import *\npairs = zip(a, b)\nrest = zip_longest(a, b)\n",
        id="star import of itertools: free bare names renamed",
    ),
    # sys, os, string constants
    pytest.param(
        "import os\nimport sys\nhere, top = os.getcwdu(), sys.maxint\n",
        "import os\nimport sys\nhere, top = os.getcwd(), sys.maxsize\n",
        id="sys.maxint and os.getcwdu",
    ),
    pytest.param(
        "from sys import maxint\nn = (maxint)\n",
        "from sys import maxsize\nn = (maxsize)\n",
        id="from sys import maxint, parentheses kept",
    ),
    pytest.param(
        "import string\nok = c in string.letters + string.lowercase + string.uppercase\n",
        "import string\nok = c in string.ascii_letters + string.ascii_lowercase"
        " + string.ascii_uppercase\n",
        id="string constants",
    ),
    pytest.param(
        'import string\nt = string.maketrans("ab", "xy")\n',
        't = str.maketrans("ab", "xy")\n',
        id="string.maketrans",
    ),
    # string functions
    pytest.param(
        'import string\na = string.join(words)\nb = string.join(words, ", ")\n'
        'c = string.replace(a + b, "x", "y")\nd = string.upper("abc")\n'
        "e = string.split(line, None, 1)\n",
        'a = " ".join(words)\nb = ", ".join(words)\nc = (a + b).replace("x", "y")\n'
        'd = "abc".upper()\ne = line.split(None, 1)\n',
        id="string functions to str methods",
    ),
    pytest.param(
        "import string\nn = string.atoi(s, 16) + string.atol(t) + string.atof(u)\n",
        "n = int(s, 16) + int(t) + float(u)\n",
        id="string.atoi/atol/atof",
    ),
    pytest.param(
        "import string\nx = string.join(\n    words,\n    sep,\n)\ny = string.strip(\n    s,\n)\n",
        "x = sep.join(\n    words,\n)\ny = s.strip()\n",
        id="multi-line calls",
    ),
    pytest.param(
        "from string import join, letters\nx = join(w, '-') + letters\n",
        "from string import ascii_letters\nx = '-'.join(w) + ascii_letters\n",
        id="from string import",
    ),
    pytest.param(
        "import string as S\nf = S.upper(s)(x)\n",
        "f = s.upper()(x)\n",
        id="module alias; only the inner call is string.upper",
    ),
    pytest.param(
        "from string import *\nx = upper(s) + letters\n",
        "from string import *\nx = s.upper() + ascii_letters\n",
        id="star import of string",
    ),
    pytest.param(
        "import string\nprint string.upper(s)\n",
        "print(s.upper())\n",
        id="py2 input lifted first",
    ),
    # StandardError
    pytest.param(
        "class Error(StandardError):\n    pass\ntry:\n    f()\nexcept StandardError as e:\n"
        "    pass\ndef g(StandardError):\n    return StandardError\n",
        "class Error(Exception):\n    pass\ntry:\n    f()\nexcept Exception as e:\n"
        "    pass\ndef g(StandardError):\n    return StandardError\n",
        id="StandardError; the parameter is kept",
    ),
    # types
    pytest.param(
        "import types\nok = isinstance(x, (types.IntType, types.LongType, types.FloatType))\n"
        "seq = isinstance(x, (types.ListType, types.TupleType, types.DictionaryType))\n"
        "s = isinstance(x, types.StringTypes) or x is types.UnicodeType\n",
        "ok = isinstance(x, (int, int, float))\nseq = isinstance(x, (list, tuple, dict))\n"
        "s = isinstance(x, (str,)) or x is str\n",
        id="types aliases of builtins",
    ),
    pytest.param(
        "import types\nisinstance(x, (types.NoneType, types.FileType, types.XRangeType))\n"
        "isinstance(f, types.UnboundMethodType)\n",
        "import types\nimport io\n\nisinstance(x, (type(None), io.IOBase, range))\n"
        "isinstance(f, types.FunctionType)\n",
        id="NoneType, FileType (import added), UnboundMethodType",
    ),
    pytest.param(
        "from types import FileType, NoneType\nok = isinstance(f, (FileType, NoneType))\n",
        "from io import IOBase\n\nok = isinstance(f, (IOBase, type(None)))\n",
        id="from types import: names moved, the import removed",
    ),
    # operator
    pytest.param(
        "import operator\nf = operator.repeat\nok = operator.isCallable(g)\n"
        "operator.sequenceIncludes(a, b)\n",
        "import operator\nf = operator.mul\nok = callable(g)\noperator.contains(a, b)\n",
        id="operator",
    ),
    pytest.param(
        "from operator import isCallable, sequenceIncludes\n"
        "ok = isCallable(f) or sequenceIncludes(a, 1)\n",
        "from operator import contains\nok = callable(f) or contains(a, 1)\n",
        id="from operator import",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(Py2RenamedAttributes, before, after)


def test_operator_div_only_when_unsafe() -> None:
    source = "import operator\nq = operator.div(a, b)\n"
    assert_rewrite(
        Py2RenamedAttributes, source, "import operator\nq = operator.truediv(a, b)\n", unsafe=True
    )
    outcome = assert_noop(Py2RenamedAttributes, source)
    assert any("operator.div floor-divided ints" in note for note in outcome.notes)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import string\ndef f(string):\n    return string.upper(s)\n", id="param"),
        pytest.param("import itertools\nitertools = None\nitertools.izip(a)\n", id="rebound"),
        pytest.param("import itertools\ndef f(zip):\n    return itertools.izip(a)\n", id="zip"),
        pytest.param("import operator\ncallable = 1\noperator.isCallable(f)\n", id="callable"),
        pytest.param("import string\nint = long\nn = string.atoi(s)\n", id="int is rebound"),
        pytest.param("from types import FileType\nIOBase = 1\nf = FileType\n", id="IOBase taken"),
        pytest.param("import types\nio = 1\nf = types.FileType\n", id="io is a variable"),
        pytest.param("def f():\n    StandardError = E\n    raise StandardError\n", id="local"),
        pytest.param("pairs = izip(a, b)\n", id="bare izip not imported at all"),
        pytest.param("from itertools import *\nfrom compat import *\nizip(a)\n", id="other star"),
        pytest.param("import string\nstring.split(s, sep=',')\n", id="keyword argument"),
        pytest.param("import string\nstring.join(*parts)\n", id="star argument"),
        pytest.param("import string\nfs = map(string.upper, xs)\n", id="not called"),
        pytest.param("import string\nstring.join(f(), g())\n", id="join would flip effects"),
        pytest.param("import string\nstring.join(w,  # sep\n  s)\n", id="comment in the call"),
        pytest.param("self.maxint = x.izip\nf(izip=1)\n", id="attributes and keywords"),
        pytest.param("import types\nok = isinstance(f, types.FunctionType)\n", id="still exists"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(Py2RenamedAttributes, source)


def test_none_type_kept_from_3_10() -> None:
    assert_noop(Py2RenamedAttributes, "import types\nt = types.NoneType\n", target="3.10")


def test_kept_names_leave_a_note() -> None:
    outcome = assert_noop(
        Py2RenamedAttributes, "import operator\nok = operator.isSequenceType(x)\n"
    )
    assert outcome.notes == ["operator.isSequenceType kept: no exact Python 3 equivalent"]


def test_lossy_rewrites_leave_one_note_each() -> None:
    source = "import string, types\nt = types.StringType\nu = types.StringType\n"
    outcome = run(Py2RenamedAttributes, source + "n = string.zfill(x, 3)\n")
    assert outcome.code == "t = str\nu = str\nn = x.zfill(3)\n"
    assert [note.partition(" ")[0] for note in outcome.notes] == [
        "types.StringType",
        "string.zfill(x,",
    ]


def test_docstring_example() -> None:
    assert_rewrite(Py2RenamedAttributes, *docstring_example(Py2RenamedAttributes))
