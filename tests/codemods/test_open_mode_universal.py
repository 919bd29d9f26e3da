import ast
from typing import Any

import pytest

from codemods.open_mode_universal import OpenModeUniversal, without_u
from codemods.py2_builtins import Py2Builtins
from legacylift import engine
from legacylift.astindex import AstIndex
from legacylift.codemod import Refuse
from legacylift.engine import Settings, modernize_text
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param("f = open(p, 'rU')\n", "f = open(p, 'r')\n", id="rU"),
    pytest.param('f = open(p, "U")\n', 'f = open(p, "r")\n', id="U alone reads"),
    pytest.param("f = open(p, 'Ur')\n", "f = open(p, 'r')\n", id="Ur"),
    pytest.param("f = open(p, 'rtU')\n", "f = open(p, 'rt')\n", id="rtU"),
    pytest.param("f = open(p, 'bU')\n", "f = open(p, 'rb')\n", id="bU: r added"),
    pytest.param(
        "f = open(p, mode='rU', encoding='utf-8')\n",
        "f = open(p, mode='r', encoding='utf-8')\n",
        id="keyword mode",
    ),
    pytest.param(
        "f = open(p, 'rU', -1, 'utf-8')\n", "f = open(p, 'r', -1, 'utf-8')\n", id="more args"
    ),
    pytest.param("f = open(p, u'rU')\n", "f = open(p, u'r')\n", id="u prefix kept"),
    pytest.param("f = open(p, ('rU'))\n", "f = open(p, ('r'))\n", id="parentheses kept"),
    pytest.param(
        "import io\nf = io.open(p, mode='rbU')\n",
        "import io\nf = io.open(p, mode='rb')\n",
        id="io.open",
    ),
    pytest.param(
        "from io import open as io_open\nf = io_open(p, 'rU')\n",
        "from io import open as io_open\nf = io_open(p, 'r')\n",
        id="io.open imported under another name",
    ),
    pytest.param(
        "import builtins\nf = builtins.open(p, 'rU')\n",
        "import builtins\nf = builtins.open(p, 'r')\n",
        id="builtins.open",
    ),
    pytest.param(
        "import codecs\nf = codecs.open(p, 'rU', 'utf-8')\n",
        "import codecs\nf = codecs.open(p, 'r', 'utf-8')\n",
        id="codecs.open",
    ),
    pytest.param(
        "import os\nf = os.fdopen(fd, 'rU')\n", "import os\nf = os.fdopen(fd, 'r')\n", id="fdopen"
    ),
    pytest.param(
        "import fileinput\nfor line in fileinput.input(files, mode='rU'): pass\n",
        "import fileinput\nfor line in fileinput.input(files, mode='r'): pass\n",
        id="fileinput.input",
    ),
    pytest.param(
        "from fileinput import FileInput\nf = FileInput(files, inplace=True, mode='U')\n",
        "from fileinput import FileInput\nf = FileInput(files, inplace=True, mode='r')\n",
        id="fileinput.FileInput",
    ),
    pytest.param(
        "def f(open):\n    return open(p, 'rU')\ng = open(p, 'rU')\n",
        "def f(open):\n    return open(p, 'rU')\ng = open(p, 'r')\n",
        id="only the builtin; the parameter is kept",
    ),
    pytest.param(
        "from io import open as o\ndef g(o):\n    return o(p, 'rU')\nf = o(p, 'rU')\n",
        "from io import open as o\ndef g(o):\n    return o(p, 'rU')\nf = o(p, 'r')\n",
        id="an alias also a parameter: the scopes tell which is io.open",
    ),
    pytest.param(
        "import os\nf = os.fdopen(fd, 'rU')\nmode = 'rU'\nos.path.join(p, 'U')\n",
        "import os\nf = os.fdopen(fd, 'r')\nmode = 'rU'\nos.path.join(p, 'U')\n",
        id="a call with a U string but no opener's spelling is not resolved",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(OpenModeUniversal, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def open(p, m): pass\nf = open(p, 'rU')\n", id="a local def open"),
        pytest.param("from os import *\nf = open(p, 'rU')\n", id="star import may bind open"),
        pytest.param("f = path.open('rU')\n", id="method: unknown receiver"),
        pytest.param("f = open(p, 'r')\nflag = 'U'\n", id="no U in the mode"),
        pytest.param("mode = 'rU'\nf = open(p, mode)\n", id="mode not a literal"),
        pytest.param("f = open(p, f'rU{x}')\nflag = 'U'\n", id="f-string"),
        pytest.param("f = open(p, 'r' 'U')\n", id="concatenated literal"),
        pytest.param("f = open(p, b'rU')\n", id="bytes mode: a TypeError either way"),
        pytest.param("f = open(p, 'rUw')\nflag = 'U'\n", id="U with w: invalid on every Python 3"),
        pytest.param("f = open(p, 'rbtU')\n", id="b and t: invalid on every Python 3"),
        pytest.param("f = open(p, 'rrU')\n", id="repeated flag: invalid"),
        pytest.param("f = open(*args, 'rU')\n", id="star argument before the mode"),
        pytest.param("f = open(p)\nflag = 'U'\n", id="default mode"),
        pytest.param("x = {'rU': 1}\nf = 'U'\n", id="strings outside an open call"),
        pytest.param(
            "import fileinput\nfileinput.input(fs, mode='rU', openhook=hook)\n",
            id="fileinput openhook receives the mode string",
        ),
        pytest.param(
            "import fileinput\nfileinput.input(fs, mode='rU', **kw)\n", id="fileinput **kwargs"
        ),
        pytest.param(
            "import fileinput\nfileinput.input(fs, False, '', 0, 'rU')\n",
            id="fileinput positional mode (before 3.8 only)",
        ),
        pytest.param(
            "import fileinput\nfileinput.input(fs, mode='Ur')\n",
            id="fileinput never accepted Ur",
        ),
        pytest.param("import gzip\ngzip.open(p, 'rU')\n", id="not an io.open mode"),
        pytest.param("f = opener(p, 'rU')\n", id="a name no import binds: no opener"),
        pytest.param("import io\nf = io.reader(p, 'rU')\n", id="not spelt like an opener"),
        pytest.param("data = open(p).read(n, 'rU')\n", id="a method of an opened file"),
    ],
)
def test_noop(source: str) -> None:
    assert OpenModeUniversal.wants(source), "the pre-check alone would make this a no-op"
    assert_noop(OpenModeUniversal, source)


WITHOUT_U = [("rU", "r"), ("U", "r"), ("Ur", "r"), ("rtU", "rt"), ("rbU", "rb"), ("Ub", "rb")]
WITHOUT_U += [("tU", "rt"), ("Urb", "rb")]


@pytest.mark.parametrize(("mode", "new"), WITHOUT_U)
def test_without_u(mode: str, new: str) -> None:
    assert without_u(mode, fileinput=False) == new


@pytest.mark.parametrize("mode", ["r", "rU+", "aU", "xU", "Uw", "rUU", "rbt", "rUz"])
def test_without_u_refuses(mode: str) -> None:
    with pytest.raises(Refuse):
        without_u(mode, fileinput=False)


def test_python2_file_call_made_open_in_the_same_pass() -> None:
    settings = Settings((3, 8), (Py2Builtins, OpenModeUniversal), python2=True)
    source = "f = file(p, 'rU')\ndef g(file):\n    return file(p, 'rU')\n"
    outcome = modernize_text(source, settings)
    assert outcome.code == "f = open(p, 'r')\ndef g(file):\n    return file(p, 'rU')\n"


def test_only_calls_spelt_like_openers_with_a_mode_are_resolved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A call that cannot be an opener, or has no string that can be a U mode, spares the
    file's scopes: here no name needs them, so no metadata is computed at all."""
    asked = []
    resolve = engine._LazyMetadata.__getitem__

    def getitem(self: engine._LazyMetadata, provider: Any) -> Any:
        asked.append(provider)
        return resolve(self, provider)

    monkeypatch.setattr(engine._LazyMetadata, "__getitem__", getitem)
    source = (
        "def f(self, c):\n    self.check(p, 'rU')\n    c.open(p, 'Ux')\n    return open(p, 'rU')\n"
    )
    assert_rewrite(OpenModeUniversal, source, source.replace("open(p, 'rU')", "open(p, 'r')"))
    assert asked == []


def test_docstring_example() -> None:
    assert_rewrite(OpenModeUniversal, *docstring_example(OpenModeUniversal))


def located(source: str) -> set[int] | None:
    return OpenModeUniversal.locate(AstIndex(ast.parse(source)))


def test_locate_skips_a_u_that_is_no_mode() -> None:
    # format() is no opener, whatever its argument.
    source = 'def f(d):\n    return format(d, "U")\n'
    assert OpenModeUniversal.wants(source)
    assert located(source) == set()


def test_locate_finds_the_opener() -> None:
    assert located('import codecs\n\ndef f(p):\n    return codecs.open(p, "rU")\n') == {4}
