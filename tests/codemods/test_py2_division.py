import textwrap
from pathlib import Path

import pytest

from codemods.py2_division import Py2Division
from legacylift.engine import Settings, modernize_text
from legacylift.runner import Mode, Summary, format_summary, process_file
from legacylift.walk import Target
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

MAYBE = "may be integer division on Python 2: check whether `//` is meant"
INTS = "both operands are ints; `//` keeps Python 2's result (rerun with --unsafe to apply)"

REWRITES = [
    pytest.param("print 7 / 2\n", "print(7 // 2)\n", id="two int literals in a py2 print"),
    pytest.param("a = 7\nb = 2\nx = a/b\n", "a = 7\nb = 2\nx = a//b\n", id="spacing kept"),
    pytest.param(
        "lo = 0\nhi = len(xs)\nmid = (lo + hi) / 2\n",
        "lo = 0\nhi = len(xs)\nmid = (lo + hi) // 2\n",
        id="names of len() and literals",
    ),
    pytest.param(
        "x = -len(a) / (ord(c) % 16)\n", "x = -len(a) // (ord(c) % 16)\n", id="unary and modulo"
    ),
    pytest.param(
        "x = int(s) * 3 / 2 / 5\n", "x = int(s) * 3 // 2 // 5\n", id="py2 int / int is int"
    ),
    pytest.param("x = (1 +\n     2) / 3\n", "x = (1 +\n     2) // 3\n", id="across lines"),
    pytest.param("a = b = 3\nc = a / b\n", "a = b = 3\nc = a // b\n", id="chained assignment"),
    pytest.param(
        "n = 0\nfor x in xs:\n    n += 1\navg = n / 2\n",
        "n = 0\nfor x in xs:\n    n += 1\navg = n // 2\n",
        id="augmented by an int",
    ),
    pytest.param(
        "n = 0\nn = n * 2 + 1\nm = n / 2\n",
        "n = 0\nn = n * 2 + 1\nm = n // 2\n",
        id="self-reference",
    ),
    pytest.param(
        """\
        count = 0
        def bump():
            global count
            count += 1
        def half():
            return count / 2
        """,
        """\
        count = 0
        def bump():
            global count
            count += 1
        def half():
            return count // 2
        """,
        id="a global assigned in a function",
    ),
    pytest.param(
        "def f(xs):\n    size = len(xs)\n    size /= 2\n    return size\n",
        "def f(xs):\n    size = len(xs)\n    size //= 2\n    return size\n",
        id="augmented division of a local",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite_under_unsafe(before: str, after: str) -> None:
    assert_rewrite(Py2Division, before, after, unsafe=True)


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_noted_not_rewritten_by_default(before: str, after: str) -> None:
    outcome = run(Py2Division, textwrap.dedent(before))
    assert outcome.code == outcome.source, "nothing is rewritten without --unsafe"
    assert outcome.notes and all(note.endswith(INTS) for note in outcome.notes)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from __future__ import division\nx = len(a) / 2\n", id="future division"),
        pytest.param(
            "from __future__ import (absolute_import,\n    division)\nx = 1 / 2\n",
            id="future division in parentheses",
        ),
        pytest.param("x = len(a) / 2.0\ny = float(n) / len(a)\nz = 1j / 2\n", id="a float"),
        pytest.param(
            "import math\nx = round(t) / 2\ny = n / math.floor(t)\n", id="a float on Python 2"
        ),
        pytest.param("t = 0.0\nt += 1\nx = t / 2\n", id="a name that is a float"),
        pytest.param("x = len(a) * 1.5 / 2\n", id="arithmetic on a float"),
        pytest.param("x = 'a' / n\ny = n / u'b'\n", id="a string literal is not a number"),
        pytest.param("from pathlib import Path\np = Path(base) / name\n", id="a pathlib path"),
        pytest.param("import pathlib\np = pathlib.PurePath('a') / 'b' / c\n", id="path chain"),
        pytest.param("x = a // b\ny //= 2\n", id="floor division already"),
    ],
)
def test_noop_without_notes(source: str) -> None:
    assert not assert_noop(Py2Division, source, unsafe=True).notes


@pytest.mark.parametrize(
    ("source", "line", "code"),
    [
        pytest.param("x = a / b\n", 1, "a / b", id="unknown names"),
        pytest.param("def f(a):\n    return a / 2\n", 2, "a / 2", id="a parameter"),
        pytest.param("x = self.total / self.count\n", 1, "self.total / self.count", id="attrs"),
        pytest.param("x = f(a) / 2\n", 1, "f(a) / 2", id="a call of another function"),
        pytest.param(
            "def len(x):\n    return 2.5\nx = len(a) / 2\n",
            3,
            "len(a) / 2",
            id="len is not the builtin",
        ),
        pytest.param("from m import *\nx = len(a) / 2\n", 2, "len(a) / 2", id="star import"),
        pytest.param("n = 0\nn += 0.5\nx = n / 2\n", 3, "n / 2", id="an int or a float"),
        pytest.param("a, b = 3, 4\nc = a / b\n", 2, "a / b", id="tuple targets are not followed"),
        pytest.param("x = 2 ** 3 / 2\n", 1, "2 ** 3 / 2", id="int ** int may be a float"),
        pytest.param(
            "def half():\n    return n / 2\nn = 4\n", 2, "n / 2", id="assigned below the site"
        ),
        pytest.param("x = n\nx /= 2\n", 2, "x /= 2", id="augmented division"),
        pytest.param(
            "x = (some_long_name + another_long_name) / third_long_name\n",
            1,
            "(some_long_name + another_long_name) ...",
            id="long code is cut",
        ),
    ],
)
def test_noted_unknown(source: str, line: int, code: str) -> None:
    outcome = assert_noop(Py2Division, source, unsafe=True)
    assert outcome.notes == [f"line {line}: `{code}` {MAYBE}"]


def test_notes_in_order_one_per_site() -> None:
    source = "x = len(a) / 2\ny = a / b / c\n"
    assert assert_noop(Py2Division, source).notes == [
        f"line 1: `len(a) / 2`: {INTS}",
        f"line 2: `a / b` {MAYBE}",
        f"line 2: `a / b / c` {MAYBE}",
    ]


def test_python3_files_are_left_alone() -> None:
    settings = Settings((3, 8), (Py2Division,), unsafe=True, python2=False)
    outcome = modernize_text("print(len(a) / 2)\n", settings)
    assert outcome.code == "print(len(a) / 2)\n" and not outcome.notes


def test_summary_shows_path_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text("def f(a):\n    return a / 2\n")
    settings = Settings((3, 8), (Py2Division,), python2=True)
    result = process_file(Target(str(path), path), settings, Mode.CHECK)
    summary = format_summary(Summary(results=[result]), settings, Mode.CHECK)
    assert f"  {path}: line 2: `a / 2` {MAYBE}" in summary.splitlines()


def test_docstring_example() -> None:
    assert_rewrite(Py2Division, *docstring_example(Py2Division), unsafe=True)
