import pytest

from codemods.py2_builtins import Py2Builtins
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

REWRITES = [
    pytest.param(
        """\
        s = unicode(x) if isinstance(x, basestring) else raw_input()
        total = reduce(add, xrange(n), long(0))
        apply(f, args, kw)
        """,
        """\
        import functools

        s = str(x) if isinstance(x, str) else input()
        total = functools.reduce(add, range(n), int(0))
        f(*args, **kw)
        """,
        id="docstring example",
    ),
    pytest.param("for i in xrange(3): print i\n", "for i in range(3): print(i)\n", id="py2 loop"),
    pytest.param("c = unichr(65)\n", "c = chr(65)\n", id="unichr"),
    pytest.param(
        "ok = isinstance(n, (int, long))\n", "ok = isinstance(n, (int, int))\n", id="tuple"
    ),
    pytest.param("conv = map(unicode, xs)\n", "conv = map(str, xs)\n", id="passed as a value"),
    pytest.param(
        "import os\ns = intern(os.sep)\n",
        "import os\nimport sys\n\ns = sys.intern(os.sep)\n",
        id="intern",
    ),
    pytest.param("f = file(p, 'w')\n", "f = open(p, 'w')\n", id="file call"),
    pytest.param("v = buffer(b)\n", "v = memoryview(b)\n", id="buffer"),
    pytest.param("apply(f, a)\n", "f(*a)\n", id="apply without keywords"),
    pytest.param("apply(lambda *a: a, xs)\n", "(lambda *a: a)(*xs)\n", id="apply of a lambda"),
    pytest.param(
        "execfile(path)\n",
        'exec(compile(open(path, "rb").read(), path, "exec"))\n',
        id="execfile",
    ),
    pytest.param(
        "execfile('s.py', g, l)\n",
        "exec(compile(open('s.py', \"rb\").read(), 's.py', \"exec\"), g, l)\n",
        id="execfile with globals and locals",
    ),
    pytest.param(
        "def f(unicode):\n    return unicode\ng = unicode\n",
        "def f(unicode):\n    return unicode\ng = str\n",
        id="only the global read; the parameter is kept",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(Py2Builtins, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def f(long):\n    return long(1)\n", id="a parameter named long"),
        pytest.param("try:\n    unicode\nexcept NameError:\n    unicode = str\n", id="compat"),
        pytest.param("from functools import reduce\nreduce(f, xs)\n", id="imported reduce"),
        pytest.param("from six.moves import *\nx = xrange(3)\n", id="star import"),
        pytest.param("x.unicode = y.long\nf(xrange=1)\n", id="attributes and keywords"),
        pytest.param("def range(n): pass\nx = xrange(3)\n", id="new name is shadowed"),
        pytest.param("v = buffer(b, 4, 8)\n", id="buffer with offset"),
        pytest.param("execfile(name())\n", id="execfile file name evaluated twice"),
        pytest.param("apply(f, a, **k)\n", id="apply with keywords"),
        pytest.param("ok = isinstance(f, file)\n", id="file only as a call"),
        pytest.param("x = input()\n", id="input is left alone"),
        pytest.param("sys = 1\nintern(s)\n", id="sys is a variable"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(Py2Builtins, source)


def test_input_noted_in_py2_files() -> None:
    outcome = run(Py2Builtins, "x = input()\ny = xrange(x)\n")
    assert outcome.code == "x = input()\ny = range(x)\n"
    assert any("input() kept on line(s) 1" in note for note in outcome.notes)


def test_docstring_example() -> None:
    assert_rewrite(Py2Builtins, *docstring_example(Py2Builtins))
