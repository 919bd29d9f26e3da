import ast

import pytest

from codemods.six_to_builtins import SixToBuiltins
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

REWRITES = [
    # Types and constants.
    pytest.param(
        "import six\ns = six.text_type(x) + six.binary_type(y).decode()\n",
        "s = str(x) + bytes(y).decode()\n",
        id="text_type and binary_type",
    ),
    pytest.param(
        "import six\nok = isinstance(x, six.string_types)\nT = six.string_types + (bytes,)\n",
        "ok = isinstance(x, str)\nT = (str,) + (bytes,)\n",
        id="string_types: the bare type in isinstance, a tuple elsewhere",
    ),
    pytest.param(
        "import six\nok = issubclass(t, (six.integer_types)) or isinstance(c, six.class_types)\n",
        "ok = issubclass(t, int) or isinstance(c, type)\n",
        id="integer_types and class_types in issubclass/isinstance",
    ),
    pytest.param(
        "import six\nbig = six.MAXSIZE\n",
        "import sys\n\nbig = sys.maxsize\n",
        id="MAXSIZE adds import sys",
    ),
    pytest.param(
        "from six import text_type as t, unichr\nc = t(unichr(65))\n",
        "c = str(chr(65))\n",
        id="from-imported and aliased names",
    ),
    pytest.param(
        "import six\nfor b in six.iterbytes(data):\n    pass\n",
        "for b in iter(data):\n    pass\n",
        id="iterbytes",
    ),
    # dict helpers.
    pytest.param(
        "import six\nfor k, v in six.iteritems(d):\n    pass\n",
        "for k, v in d.items():\n    pass\n",
        id="iteritems iterated by a for loop",
    ),
    pytest.param(
        "import six\nit = six.iteritems(d)\nfirst = next(six.itervalues(d))\n",
        "it = iter(d.items())\nfirst = next(iter(d.values()))\n",
        id="iteritems kept an iterator where it may be used as one",
    ),
    pytest.param(
        "import six\nks = sorted(six.iterkeys(self.d))\nok = k in six.itervalues(d)\n",
        "ks = sorted(self.d.keys())\nok = k in d.values()\n",
        id="iterkeys/itervalues only iterated",
    ),
    pytest.param(
        "import six\nkeys = six.viewkeys(a or b) & six.viewitems(c)\n",
        "keys = (a or b).keys() & c.items()\n",
        id="view helpers, receiver parenthesized",
    ),
    pytest.param(
        "from future.utils import iteritems, viewvalues\nx = iteritems(d), viewvalues(d)\n",
        "x = d.items(), d.values()\n",
        id="future.utils dict helpers return views",
    ),
    # Functions and bytes.
    pytest.param(
        "import six\nif six.callable(f):\n    x = six.next(it), six.advance_iterator(it)\n",
        "if callable(f):\n    x = next(it), next(it)\n",
        id="callable and next",
    ),
    pytest.param(
        "import six\nf = six.get_unbound_function(C.m)\ng = six.get_method_function(o.m)\n"
        "s = six.get_method_self(o.m)\nc = six.get_function_code(f)\n",
        "f = C.m\ng = o.m.__func__\ns = o.m.__self__\nc = f.__code__\n",
        id="function and method attributes",
    ),
    pytest.param(
        "import six\nb = six.int2byte(i), six.byte2int(data), six.indexbytes(data, i + 1)\n",
        "b = bytes((i,)), data[0], data[i + 1]\n",
        id="bytes helpers",
    ),
    pytest.param(
        "import six\nt = six.u('caf\\xe9')\nb = six.b('abc'), six.b(r'\\d+')\n",
        "t = 'caf\\xe9'\nb = b'abc', rb'\\d+'\n",
        id="u and b of literals",
    ),
    pytest.param(
        "import six\nsix.print_('a', 'b', sep='', file=f)\nsix.exec_(code, g, l)\n",
        "print('a', 'b', sep='', file=f)\nexec(code, g, l)\n",
        id="print_ and exec_",
    ),
    pytest.param(
        "import six\nclass It(six.Iterator):\n    pass\n",
        "class It(object):\n    pass\n",
        id="Iterator base",
    ),
    # reraise.
    pytest.param(
        """\
        import sys
        import six
        try:
            f()
        except ValueError:
            log()
            six.reraise(*sys.exc_info())
        """,
        """\
        try:
            f()
        except ValueError:
            log()
            raise
        """,
        id="reraise of exc_info in an except block",
    ),
    # six.moves.
    pytest.param(
        "from six.moves import range, zip\nfor i, x in zip(range(3), xs):\n    pass\n",
        "for i, x in zip(range(3), xs):\n    pass\n",
        id="moves builtins: the import goes",
    ),
    pytest.param(
        "def f():\n    from six.moves import range\n    from six import next\n"
        "    return next(iter(range(3)))\n",
        "def f():\n    return next(iter(range(3)))\n",
        id="moves builtins imported in a function",
    ),
    pytest.param(
        "from six.moves import xrange\nr = xrange(3)\n",
        "r = range(3)\n",
        id="moves builtin under its Python 2 name",
    ),
    pytest.param(
        "from six.moves.urllib.parse import urlparse, quote\nu = urlparse(quote(s))\n",
        "from urllib.parse import urlparse, quote\nu = urlparse(quote(s))\n",
        id="from six.moves.urllib.parse import",
    ),
    pytest.param(
        "import six\nu = six.moves.urllib.parse.quote(s)\n",
        "import urllib.parse\n\nu = urllib.parse.quote(s)\n",
        id="attribute chain through six.moves",
    ),
    pytest.param(
        "import six.moves.urllib.request\nr = six.moves.urllib.request.urlopen(u)\n",
        "import urllib.request\n\nr = urllib.request.urlopen(u)\n",
        id="import of a six.moves submodule",
    ),
    pytest.param(
        "from six.moves import configparser, queue\nc = configparser.ConfigParser(queue.Queue)\n",
        "import configparser\nimport queue\n\nc = configparser.ConfigParser(queue.Queue)\n",
        id="moves module of the same name",
    ),
    pytest.param(
        "from six.moves import cPickle, http_client\nx = cPickle.dumps(http_client.OK)\n",
        "import http.client\nimport pickle\n\nx = pickle.dumps(http.client.OK)\n",
        id="moves module under another name: uses renamed",
    ),
    pytest.param(
        "from six.moves import StringIO, reduce as r\nx = r(f, StringIO().read())\n",
        "from functools import reduce as r\nfrom io import StringIO\n\n"
        "x = r(f, StringIO().read())\n",
        id="moves attributes: from-imports of their new homes",
    ),
    pytest.param(
        "import six\nx = six.moves.reduce(f, six.moves.range(3))\n",
        "import functools\n\nx = functools.reduce(f, range(3))\n",
        id="moves attributes through import six",
    ),
    # python-future / past.
    pytest.param(
        "from builtins import str, range, object\nclass C(object):\n    n = str(range(3))\n",
        "class C(object):\n    n = str(range(3))\n",
        id="from builtins import: the builtins themselves",
    ),
    pytest.param(
        "from builtins import str\nfrom past.builtins import unicode, xrange\n"
        "x = unicode(xrange(3))\n",
        "x = str(range(3))\n",
        id="past.builtins next to python-future's builtins",
    ),
    # Imports that stay.
    pytest.param(
        "import six\nif six.PY2:\n    x = six.text_type(y)\n",
        "import six\nif six.PY2:\n    x = str(y)\n",
        id="six kept while PY2 still uses it",
    ),
    pytest.param(
        "from six import PY2, text_type\nx = text_type(y) if PY2 else None\n",
        "from six import PY2\nx = str(y) if PY2 else None\n",
        id="only the unused name leaves the from-import",
    ),
    pytest.param(
        "import six\ndef f(str):\n    return six.text_type(str)\ng = six.text_type\n",
        "import six\ndef f(str):\n    return six.text_type(str)\ng = str\n",
        id="not where str is a parameter",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(SixToBuiltins, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def f(six):\n    return six.text_type(x)\n", id="six is a parameter"),
        pytest.param(
            "try:\n    from six import text_type\nexcept ImportError:\n    text_type = str\n"
            "x = text_type(y)\n",
            id="text_type bound twice",
        ),
        pytest.param("import six\nsix.text_type = unicode\ndel six.callable\n", id="stores"),
        pytest.param("import six\nif six.PY3:\n    s = six.ensure_str(x)\n", id="no plain form"),
        pytest.param("import six\nb = six.b('caf\\xe9'), six.b(name)\n", id="b not ascii literal"),
        pytest.param("import six\nu = six.u(name)\n", id="u of a non-literal"),
        pytest.param("import six\nit = six.iteritems(d, multi=True)\n", id="keyword argument"),
        pytest.param("import six\nx = six.int2byte(  # why\n    i)\n", id="comment in the call"),
        pytest.param("from six.moves import urllib\nq = urllib.parse.quote(s)\n", id="urllib ns"),
        pytest.param("from six.moves import range  # noqa\nr = range(3)\n", id="line comment"),
        pytest.param("import os; from six.moves import range\nr = range(3)\n", id="a ; line"),
        pytest.param("from six.moves import range\nrange = 3\n", id="range bound again"),
        pytest.param("import builtins\nf = builtins.open\n", id="builtins module is Python 3"),
        pytest.param("from six.moves import range\ndef range(n): pass\n", id="builtin shadowed"),
        pytest.param("import six\ndef f(sys):\n    return six.MAXSIZE\n", id="sys is a param"),
        pytest.param("from mod import text_type\nx = text_type(y)\n", id="not six's"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(SixToBuiltins, source)


def test_star_import_refuses_the_file() -> None:
    outcome = assert_noop(SixToBuiltins, "from six.moves import *\nimport six\nx = six.text_type\n")
    assert any("import *" in note for note in outcome.notes)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import six\nsix.reraise(tp, value, tb)\n", id="three arguments"),
        pytest.param("import six, sys\nsix.reraise(*sys.exc_info())\n", id="outside except"),
        pytest.param(
            "import six, sys\ntry:\n    f()\nexcept E:\n"
            "    result = six.reraise(*sys.exc_info())\n",
            id="not a statement",
        ),
        pytest.param(
            "import six, sys\ntry:\n    f()\nexcept E:\n    def g():\n"
            "        six.reraise(*sys.exc_info())\n",
            id="in a function inside the except block",
        ),
    ],
)
def test_other_reraise_forms_are_noted(source: str) -> None:
    outcome = assert_noop(SixToBuiltins, source)
    assert any("six.reraise kept" in note for note in outcome.notes)


def test_python3_file_is_rewritten_without_python2_flag() -> None:
    # Not PYTHON2_ONLY: code using six is valid Python 3, and cleaning it up is always wanted.
    assert not SixToBuiltins.PYTHON2_ONLY
    assert run(SixToBuiltins, "import six\nx = six.text_type\n").code == "x = str\n"


def test_docstring_example() -> None:
    assert_rewrite(SixToBuiltins, *docstring_example(SixToBuiltins))


def located(source: str) -> set[int] | None:
    return SixToBuiltins.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_imports() -> None:
    # builtins.open is kept, and Django's own six is not resolved as six.
    source = "import builtins\nfrom django.utils import six\n\nprint(builtins.open, six.PY3)\n"
    assert SixToBuiltins.wants(source)
    assert located(source) == set()


def test_locate_finds_the_six_imports() -> None:
    assert located("import os\nfrom six.moves import range\nfrom builtins import str\n") == {2, 3}
