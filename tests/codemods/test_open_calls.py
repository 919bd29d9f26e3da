import ast
from typing import Any, ClassVar

import libcst as cst
import pytest
from libcst.metadata import QualifiedNameProvider, QualifiedNameSource

from codemods._calls import CallsBase, code
from codemods.open_calls import OpenCalls, simpler
from codemods.py2_builtins import Py2Builtins
from legacylift import engine
from legacylift.astindex import AstIndex
from legacylift.engine import Settings, modernize_text
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param("f = open(p, 'r')\n", "f = open(p)\n", id="r"),
    pytest.param("f = open(p, 'rt')\n", "f = open(p)\n", id="rt"),
    pytest.param("f = open(p, 'tr')\n", "f = open(p)\n", id="tr"),
    pytest.param("f = open(p, 'wt')\n", "f = open(p, 'w')\n", id="wt"),
    pytest.param("f = open(p, 'at')\n", "f = open(p, 'a')\n", id="at"),
    pytest.param("f = open(p, 'xt')\n", "f = open(p, 'x')\n", id="xt"),
    pytest.param("f = open(p, 'r+t')\n", "f = open(p, 'r+')\n", id="r+t"),
    pytest.param("f = open(p, 'w+t')\n", "f = open(p, 'w+')\n", id="w+t"),
    pytest.param("f = open(p, mode='r')\n", "f = open(p)\n", id="keyword mode"),
    pytest.param(
        "f = open(file=p, mode='rt', encoding='utf-8')\n",
        "f = open(file=p, encoding='utf-8')\n",
        id="keyword mode among keywords",
    ),
    pytest.param(
        "f = open(p, mode='r', **options)\n",
        "f = open(p, **options)\n",
        id="keyword mode with **kwargs",
    ),
    pytest.param(
        "f = open(p, 'r', -1, 'utf-8')\n",
        "f = open(p, buffering=-1, encoding='utf-8')\n",
        id="later positional arguments go by keyword",
    ),
    pytest.param(
        "f = open(\n    p,\n    'r',\n)\n",
        "f = open(\n    p,\n)\n",
        id="multi-line call keeps its layout",
    ),
    pytest.param(
        "import io\nf = io.open(p, 'rb')\n",
        "f = open(p, 'rb')\n",
        id="io.open; io import dropped once unused",
    ),
    pytest.param(
        "import io\nf = io.open(p, 'r')\nb = io.BytesIO()\n",
        "import io\nf = open(p)\nb = io.BytesIO()\n",
        id="io.open with a mode; io still used",
    ),
    pytest.param("import io\nopener = io.open\n", "opener = open\n", id="io.open as a value"),
    pytest.param(
        "from io import open as io_open\nf = io_open(p, 'rt')\n",
        "f = open(p)\n",
        id="from io import open as ...",
    ),
    pytest.param(
        "from io import open\nf = open(p, 'r')  # text\n",
        "f = open(p)  # text\n",
        id="from io import open dropped (it is the builtin), comment kept",
    ),
    pytest.param(
        "from io import BytesIO, open\nf = open(p)\n",
        "from io import BytesIO\nf = open(p)\n",
        id="only the redundant name of the import goes",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(OpenCalls, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("f = open(p, 'rb')\n", id="binary mode is needed"),
        pytest.param("f = open(p, 'w')\n", id="already minimal"),
        pytest.param("f = open(p, 'rU')\n", id="U modes are open_mode_universal's"),
        pytest.param("f = open(p, 'rtb')\n", id="an invalid mode stays invalid"),
        pytest.param("f = open(p, mode)\n", id="not a literal"),
        pytest.param("f = open(p, 'r', *rest)\n", id="*args: what follows cannot be placed"),
        pytest.param("f = open(p, 'r', 1, buffering=1)\n", id="a keyword given twice"),
        pytest.param("f = open(\n    p,\n    'r',  # read\n)\n", id="a comment on the mode"),
        pytest.param("f = path.open('r')\n", id="a method"),
        pytest.param("def f(open):\n    return open(p, 'r')\n", id="open is a parameter"),
        pytest.param("from os import *\nf = open(p, 'r')\n", id="star import may bind os.open"),
        pytest.param("import codecs\nf = codecs.open(p, 'r')\n", id="codecs.open"),
        pytest.param(
            "from io import open\n__all__ = ['open']\n", id="a re-exported open import is kept"
        ),
        pytest.param(
            "import io\ndef f(open):\n    return io.open(p)\n", id="open is bound in that scope"
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(OpenCalls, source)


@pytest.mark.parametrize(
    ("mode", "new"),
    [("r", ""), ("rt", ""), ("wt", "w"), ("t+r", "+r"), ("rb", None), ("w", None),
     ("t", None), ("rw", None), ("rr", None), ("rU", None)],
)  # fmt: skip
def test_simpler(mode: str, new: str | None) -> None:
    assert simpler(mode) == new


def test_same_file_object() -> None:
    """The modes dropped are the defaults: the files are opened alike (only ``.mode``, the
    string given, tells them apart; the docstring says so)."""
    code = (
        "import io, os\n"
        "a = io.open(os.devnull, 'rt', -1, 'utf-8')\nb = open(os.devnull, buffering=-1, "
        "encoding='utf-8')\nprint(io.open is open, type(a) is type(b), a.encoding == b.encoding,"
        " a.readable() and b.readable(), a.writable() or b.writable(), a.mode, b.mode)\n"
    )
    assert pyenv_output("3.8", code) == "True True True True False rt r\n"


def test_docstring_example() -> None:
    assert_rewrite(OpenCalls, *docstring_example(OpenCalls))


def test_python2_file_in_the_same_pass() -> None:
    """py2_builtins turns file() into open() first; the mode then goes in the same pass."""
    codemods = (Py2Builtins, OpenCalls)
    outcome = modernize_text("f = file(p, 'r')\n", Settings((3, 8), codemods, python2=True))
    assert outcome.code == "f = open(p)\n"
    assert_noop(OpenCalls, "f = file(p, 'r')\n")  # alone, file() is not the builtin open


class Qualified(CallsBase):
    """Record what qualified() says of each dotted name, with what LibCST's names say (None:
    ``compare`` is off)."""

    compare: ClassVar[bool] = True
    found: ClassVar[dict[str, list[tuple[str, str | None]]]] = {}

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.Attribute:
        fast, slow = self.qualified(original_node), None
        if self.compare:
            names = list(self.get_metadata(QualifiedNameProvider, original_node, set()))
            sources = (QualifiedNameSource.IMPORT, QualifiedNameSource.BUILTIN)
            one = len(names) == 1 and names[0].source in sources
            slow = names[0].name if one else ""
        self.found.setdefault(code(original_node), []).append((fast, slow))
        return updated_node


def test_qualified_dotted_names_agree_with_libcst(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dotted name whose first name no import binds, nor names a builtin, is no imported or
    builtin name to LibCST.  A builtin's first name is left to the scopes when rebound."""
    monkeypatch.setattr(Qualified, "found", {})
    source = (
        "import os.path\nfrom io import open as o\nconn = connect()\n"
        "def f(self, str):\n    self.assertIn(1, str.join(''))\n    return conn.open(), o.x\n"
        "def g():\n    return str.join(''), os.path.join('a'), dict.fromkeys(missing.attr)\n"
    )
    run(Qualified, source)
    found = Qualified.found
    assert all(fast == slow for answers in found.values() for fast, slow in answers), found
    assert found["self.assertIn"] == found["conn.open"] == found["missing.attr"] == [("", "")]
    assert found["str.join"] == [("", ""), ("builtins.str", "builtins.str")]  # f's str: local
    assert found["os.path.join"] == [("os.path.join", "os.path.join")]
    assert found["dict.fromkeys"] == [("builtins.dict", "builtins.dict")]


def test_qualified_spares_the_scopes(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = []
    resolve = engine._LazyMetadata.__getitem__

    def getitem(self: engine._LazyMetadata, provider: Any) -> Any:
        asked.append(provider)
        return resolve(self, provider)

    monkeypatch.setattr(engine._LazyMetadata, "__getitem__", getitem)
    monkeypatch.setattr(Qualified, "found", {})
    monkeypatch.setattr(Qualified, "compare", False)
    run(Qualified, "def f(self, conn):\n    self.assertIn(conn.open(), str.join(''))\n")
    assert asked == []
    assert Qualified.found["str.join"] == [("builtins.str", None)]  # bound nowhere: the builtin


def located(source: str) -> set[int] | None:
    return OpenCalls.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_io_names_and_binary_modes() -> None:
    # No io.open, and "rb" is as simple as it gets.
    source = 'from io import BytesIO\n\ndef f(p):\n    return BytesIO(open(p, "rb").read())\n'
    assert OpenCalls.wants(source)
    assert located(source) == set()


def test_locate_finds_simpler_modes_and_io_open() -> None:
    source = 'def f(p):\n    return open(p, "rt")\n\ndef g(p):\n    return open(p, "rb")\n'
    assert located(source) == {2}
    assert located("from io import open as o\n\ndef f(p):\n    return o(p)\n") == {1, 4}
