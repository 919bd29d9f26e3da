import ast

import pytest

from codemods import _removed_stdlib_tables as table
from codemods.removed_stdlib_functions import RemovedStdlibFunctions
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param(
        """\
        import base64, cgi
        data = base64.decodestring(raw)
        page = cgi.escape(title)
        """,
        """\
        import base64
        import html

        data = base64.decodebytes(raw)
        page = html.escape(title, quote=False)
        """,
        id="docstring example: cgi import removed once unused",
    ),
    pytest.param(
        "import base64 as b\nx = b.encodestring(y)\n",
        "import base64 as b\nx = b.encodebytes(y)\n",
        id="aliased module",
    ),
    pytest.param(
        "from base64 import encodestring, decodestring as d\nx = encodestring(d(y))\n",
        "from base64 import encodebytes as encodestring, decodebytes as d\n"
        "x = encodestring(d(y))\n",
        id="from-import keeps the local names",
    ),
    pytest.param(
        "from base64 import decodestring as decodebytes\n",
        "from base64 import decodebytes\n",
        id="from-import already aliased to the new name",
    ),
    pytest.param(
        "import time\nt = time.clock()\n", "import time\nt = time.perf_counter()\n", id="time.clock"
    ),
    pytest.param(
        "import cgi\na = cgi.escape(s, quote=False)\nb = cgi.escape(s, 0)\n",
        "import html\n\na = html.escape(s, quote=False)\nb = html.escape(s, 0)\n",
        id="cgi.escape with a false quote",
    ),
    pytest.param(
        "from cgi import escape\nx = escape(s)\n",
        "import html\n\nx = html.escape(s, quote=False)\n",
        id="from-imported cgi.escape",
    ),
    pytest.param(
        "import fractions\nx = fractions.gcd(12, 18)\n",
        "import math\n\nx = math.gcd(12, 18)\n",
        id="gcd of integer literals",
    ),
    pytest.param(
        "import os\nif e.errno == os.errno.ENOENT:\n    pass\n",
        "import errno\n\nif e.errno == errno.ENOENT:\n    pass\n",
        id="os.errno",
    ),
    pytest.param(
        "import os, errno\nx = os.errno.EEXIST\nos.getcwd()\n",
        "import os, errno\nx = errno.EEXIST\nos.getcwd()\n",
        id="os.errno with errno and os still imported",
    ),
    pytest.param(
        "import imp\nimp.reload(mod)\n",
        "import importlib\n\nimportlib.reload(mod)\n",
        id="imp.reload",
    ),
    pytest.param(
        "from imp import reload\nr = reload\n",
        "import importlib\n\nr = importlib.reload\n",
        id="from-imported reload used as a value",
    ),
    pytest.param(
        "from html.parser import HTMLParser\nx = HTMLParser().unescape(s)\n",
        "import html\n\nx = html.unescape(s)\n",
        id="HTMLParser().unescape",
    ),
    pytest.param(
        "from HTMLParser import HTMLParser\nx = HTMLParser().unescape(s)\n",
        "import html\n\nx = html.unescape(s)\n",
        id="Python 2 HTMLParser module",
    ),
    pytest.param(
        "def f(x):\n    import cgi\n    return cgi.escape(x)\n",
        "import html\n\ndef f(x):\n    return html.escape(x, quote=False)\n",
        id="function-local import",
    ),
    pytest.param(
        "import base64\ndef f(base64):\n    return base64\ndata = base64.decodestring(raw)\n",
        "import base64\ndef f(base64):\n    return base64\ndata = base64.decodebytes(raw)\n",
        id="the module's name also a parameter: the scopes tell (base64 is in MODULES)",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(RemovedStdlibFunctions, before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "import cgi\nx = cgi.escape(s, True)\n", "import html\n\nx = html.escape(s, True)\n",
            id="cgi.escape quoting: html.escape also escapes '",
        ),
        pytest.param(
            "import fractions\nx = fractions.gcd(a, -b)\n",
            "import math\n\nx = math.gcd(a, -b)\n",
            id="gcd of any values",
        ),
    ],
)  # fmt: skip
def test_rewrite_when_unsafe(before: str, after: str) -> None:
    assert_rewrite(RemovedStdlibFunctions, before, after, unsafe=True)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import base64\nbase64.encodestring = f\n", id="a store is a compat shim"),
        pytest.param("import base64\ndel base64.decodestring\n", id="a deletion"),
        pytest.param("base64 = Codec()\nx = base64.encodestring(y)\n", id="not the module"),
        pytest.param("def clock():\n    pass\nt = clock()\n", id="a local function"),
        pytest.param("import cgi\nx = cgi.escape(s, quote)\n", id="quote may be true"),
        pytest.param("import cgi\nx = cgi.escape(s, *a)\n", id="star arguments"),
        pytest.param("import fractions\nx = fractions.gcd(a, b)\n", id="gcd may be negative"),
        pytest.param(
            "def f(html):\n    import cgi\n    return cgi.escape(html)\n", id="html is a parameter"
        ),
        pytest.param(
            "try:\n    from html import escape\nexcept ImportError:\n    from cgi import escape\n"
            "x = escape(s)\n",
            id="escape is either function",
        ),
        pytest.param("from os import errno\nx = errno.ENOENT\n", id="from os import errno"),
        pytest.param(
            "from markup import html\nimport cgi\ny = cgi.escape(s)\n",
            id="html is another module's name",
        ),
        pytest.param("import os\nerrno = 2\nx = os.errno.ENOENT\n", id="errno is a variable"),
        pytest.param(
            "from html.parser import HTMLParser\nclass P(HTMLParser):\n"
            "    def f(self, s):\n        return self.unescape(s)\n",
            id="self.unescape may be overridden",
        ),
        pytest.param(
            "from html.parser import HTMLParser\nx = HTMLParser(convert_charrefs=c).unescape(s)\n",
            id="parser built with arguments",
        ),
        pytest.param(
            "from xml.sax import saxutils\nx = saxutils.unescape(s)\n",
            id="another module's unescape",
        ),
        pytest.param("def reload(m):\n    pass\nreload(x)\n", id="a local reload"),
        pytest.param(
            "import json as base64\ndef f(base64):\n    return base64\n"
            "x = base64.decodestring(y)\n",
            id="another module bound to base64 (json is not in MODULES)",
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(RemovedStdlibFunctions, source)


@pytest.mark.parametrize(
    ("source", "note"),
    [
        ("import platform\nd = platform.linux_distribution()\n",
         "line(s) 2: platform.linux_distribution kept: use the distro package"),
        ("from platform import dist\n", "line(s) 1: platform.dist kept: use the distro package"),
        ("import imp\nm = imp.load_source(n, p)\n",
         "line(s) 2: imp.load_source kept: imp is gone in 3.12"),
        ("import fractions\nx = fractions.gcd(a, b)\ny = fractions.gcd(c, d)\n",
         "line(s) 2, 3: fractions.gcd kept: math.gcd is never negative"),
        ("import cgi\nx = cgi.escape(s, True)\n", "line(s) 2: cgi.escape(s, quote) kept"),
    ],
)  # fmt: skip
def test_kept_with_a_note(source: str, note: str) -> None:
    outcome = assert_noop(RemovedStdlibFunctions, source)
    assert any(n.startswith(note) for n in outcome.notes), outcome.notes


def test_time_clock_is_rewritten_with_a_note() -> None:
    outcome = run(RemovedStdlibFunctions, "from time import clock\nt = clock()\n")
    assert outcome.code == "from time import perf_counter as clock\nt = clock()\n"
    assert outcome.notes == [
        "line(s) 1: time.clock became time.perf_counter: on Unix clock() was CPU time "
        "(process_time)"
    ]


def test_modules_hold_every_name_the_codemod_looks_for() -> None:
    """qname() is "" for names from other modules: every name the codemod compares it with
    must come from MODULES."""
    names = [*table.RENAMED_FUNCTIONS, *table.MOVED, *table.KEPT, *table.PARSERS]
    names += ["cgi.escape", "fractions.gcd", "imp.find_module"]
    assert {name.partition(".")[0] for name in names} <= RemovedStdlibFunctions.MODULES


def test_not_before_python_3_5() -> None:
    assert_noop(RemovedStdlibFunctions, "import fractions\nx = fractions.gcd(1, 2)\n", target="3.4")


OLD = """\
import base64, cgi, fractions, imp, os, sys
from html.parser import HTMLParser
print(base64.encodestring(b"hi" * 40), base64.decodestring(b"aGk=\\n"))
print(cgi.escape("<a href='x' title=\\"y\\">&</a>"), cgi.escape("<&>", False))
print(fractions.gcd(12, 18), os.errno.ENOENT, imp.reload(sys) is sys)
print(HTMLParser().unescape("&lt;&#39;&eacute;&gt;"))
"""


def test_same_output_on_3_6_and_3_13() -> None:
    new = run(RemovedStdlibFunctions, OLD).code
    assert new != OLD
    assert pyenv_output("3.6", OLD) == pyenv_output("3.13", new)


def test_docstring_example() -> None:
    assert_rewrite(RemovedStdlibFunctions, *docstring_example(RemovedStdlibFunctions))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from django.utils.html import escape\nescape(s)\n", id="another escape"),
        pytest.param("import errno\nerrno.EEXIST\n", id="the errno module itself"),
        pytest.param("t = clock()\n", id="a clock of the program's own"),
    ],
)
def test_precheck_skips_names_of_other_modules(source: str) -> None:
    assert not RemovedStdlibFunctions.wants(source)


@pytest.mark.parametrize(
    "source",
    [
        "import cgi\ncgi.escape(s)\n",
        "import os, base64 as b\nb.encodestring(x)\n",
        "from os import errno\n",
        "from html.parser import HTMLParser\nHTMLParser().unescape(s)\n",
        "def f():\n    from imp import reload\n    reload(m)\n",
    ],
)
def test_precheck_finds(source: str) -> None:
    assert RemovedStdlibFunctions.wants(source)


def located(source: str) -> set[int] | None:
    return RemovedStdlibFunctions.locate(AstIndex(ast.parse(source)))


def test_locate_skips_an_unescape_of_another_receiver() -> None:
    # Only a bare HTMLParser().unescape is rewritten: a subclass may override it.
    source = (
        "from html.parser import HTMLParser\n\nclass Strip(HTMLParser):\n"
        "    def strip(self, s):\n        return self.unescape(s)\n"
    )
    assert RemovedStdlibFunctions.wants(source)
    assert located(source) == set()


def test_locate_finds_the_uses() -> None:
    assert located("import base64 as b\n\ndef f(x):\n    return b.encodestring(x)\n") == {4}
    assert located("from imp import reload\n\ndef f(m):\n    return reload(m)\n") == {1, 4}
