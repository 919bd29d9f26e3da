import ast

import pytest

from codemods.native_literals import NativeLiterals
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param("x = str('a')\n", "x = 'a'\n", id="str of a string"),
    pytest.param("x = str(object='a')\n", "x = 'a'\n", id="str with the object keyword"),
    pytest.param(
        "x = str(), bytes(), int(), float(), complex(), bool()\n",
        "x = '', b'', 0, 0.0, 0j, False\n",
        id="empty calls",
    ),
    pytest.param("x = bytes(b'a')\n", "x = b'a'\n", id="bytes of bytes"),
    pytest.param("x = int(0x10), float(1e5)\n", "x = 0x10, 1e5\n", id="numbers keep spelling"),
    pytest.param("x = complex(1j), bool(True)\n", "x = 1j, True\n", id="complex and bool"),
    pytest.param("x = int(-1) + float(+2.0)\n", "x = -1 + +2.0\n", id="signed numbers"),
    pytest.param("x = 3 - int(-1)\n", "x = 3 - -1\n", id="signed on the right"),
    pytest.param("x = int(-1) ** 2\n", "x = (-1) ** 2\n", id="power binds tighter than minus"),
    pytest.param("x = int(1).bit_length()\n", "x = (1).bit_length()\n", id="attribute of int"),
    pytest.param("x = float(1.0).hex()\n", "x = 1.0.hex()\n", id="attribute of a float"),
    pytest.param("x = str('a').upper()\n", "x = 'a'.upper()\n", id="attribute of a string"),
    pytest.param("x = (int(-1)).real\n", "x = (-1).real\n", id="call already parenthesized"),
    pytest.param("x = int((1))\n", "x = 1\n", id="argument parentheses dropped"),
    pytest.param("x = str('a' 'b')\n", "x = 'a' 'b'\n", id="concatenation"),
    pytest.param(
        "x = str('a'\n        'b')\n", "x = ('a'\n        'b')\n", id="multi-line keeps parentheses"
    ),
    pytest.param("x = str(\n    'a'\n)\n", "x = 'a'\n", id="argument on its own line"),
    pytest.param("x = str('''a\nb''')\n", "x = '''a\nb'''\n", id="triple quoted"),
    pytest.param(
        "x = str('a'  # one\n        'b')\n",
        "x = ('a'  # one\n        'b')\n",
        id="comment inside the literal kept",
    ),
    pytest.param("x = int(1)  # keep\n", "x = 1  # keep\n", id="comment after the call"),
    pytest.param(
        "ok = type(x) in (type(''), type(b''), type(0), type(0.5), type(1j), type(True))\n",
        "ok = type(x) in (str, bytes, int, float, complex, bool)\n",
        id="type of literals",
    ),
    pytest.param("t = type(-1)\n", "t = int\n", id="type of a signed number"),
    pytest.param(
        "x = f'{str()}{int()}' + f\"{bytes()}\"\n",
        "x = f'{\"\"}{0}' + f\"{b''}\"\n",
        id="empty string inside an f-string takes the other quote",
    ),
    pytest.param("t = type('a' 'b')\n", "t = str\n", id="type of a concatenation"),
    pytest.param(
        "def f(n):\n    return str(n) + str('x')\n",
        "def f(n):\n    return str(n) + 'x'\n",
        id="only the literal call",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(NativeLiterals, before, after)


NOOPS = [
    pytest.param("x = int(1.5), float(1), str(b'a'), bytes('a'), int(True)\n", id="other types"),
    pytest.param("x = str(f'{a}'), str('a' f'{b}')\n", id="f-strings"),
    pytest.param("x = str(n), int(s)\n", id="not literals"),
    pytest.param("x = str('a', 'ascii'), bytes(source=b'a'), int(x=1)\n", id="other arguments"),
    pytest.param("x = str(*a), int(**k)\n", id="star arguments"),
    pytest.param("x = int(-True), int(-(1))\n", id="signed non-literal"),
    pytest.param("x = type(None), type(...), type(), type('', 1)\n", id="not a primitive"),
    pytest.param("def str(x):\n    return x\ny = str('a')\n", id="str shadowed"),
    pytest.param("def f(int):\n    return int()\n", id="parameter named int"),
    pytest.param("str = 1\nt = type('')\n", id="type() result name shadowed"),
    pytest.param("type = len\nt = type('')\n", id="type shadowed"),
    pytest.param("from compat import *\nx = str('a')\n", id="star import"),
    pytest.param("x = str(\n    'a'  # why\n)\n", id="comment in the removed call"),
    pytest.param("x = builtins.str('a')\n", id="attribute call"),
    pytest.param("x = f'{f\"{str()}\"}'\n", id="no quote left inside nested f-strings"),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(NativeLiterals, source)


def test_same_values() -> None:
    code = (
        "print([str('a'), bytes(b'b'), int(-1) ** 2, int(1).bit_length(), float(-2.5).real,\n"
        "       complex(), bool(), type(''), type(0.5), str(object='o'), int(-1)(0) if 0 else 1])\n"
    )
    after = run(NativeLiterals, code).code
    assert after == (
        "print(['a', b'b', (-1) ** 2, (1).bit_length(), (-2.5).real,\n"
        "       0j, False, str, float, 'o', (-1)(0) if 0 else 1])\n"
    )
    assert pyenv_output("3.8", after) == pyenv_output("3.8", code)


def test_older_target_left_alone() -> None:
    assert_noop(NativeLiterals, "x = str('a')\n", target="2.7")


def test_docstring_example() -> None:
    assert_rewrite(NativeLiterals, *docstring_example(NativeLiterals))


def located(source: str) -> set[int] | None:
    return NativeLiterals.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_calls() -> None:
    # The regex sees each builtin called on a literal, but: a second argument, ``**``, a
    # method of the same name, and a call in a string.
    source = """\
a = int('10', 2)
b = str(b'x', 'ascii')
c = str(**{'object': 'x'})
d = x.str('a')
e = "str('x')"
"""
    assert NativeLiterals.wants(source)
    assert located(source) == set()


def test_locate_finds_the_calls() -> None:
    # ``long`` is ``int`` by then (py2_builtins), ``text_type`` is ``str`` (six_to_builtins).
    source = "from six import text_type\na = str('x')\nb = long(0)\nc = text_type(\n    'y')\n"
    assert located(source) == {2, 3, 4}
