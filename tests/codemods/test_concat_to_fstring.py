import ast
import textwrap

import pytest

from codemods.concat_to_fstring import ConcatToFstring
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param("x = 'a' + str(y)\n", "x = f'a{y}'\n", id="literal and str()"),
    pytest.param('x = "a" + str(y) + "b"\n', 'x = f"a{y}b"\n', id="chain"),
    pytest.param("x = str(a) + str(b)\n", 'x = f"{a}{b}"\n', id="str() only"),
    pytest.param('x = "a" + (str(y) + "b")\n', 'x = f"a{y}b"\n', id="parenthesized chain"),
    pytest.param(
        "x = 'a' + str(y) + \"b\"\n", "x = f'a{y}' + \"b\"\n", id="quotes differ: chain stops"
    ),
    pytest.param('x = f"{a}" + str(b)\n', 'x = f"{a}{b}"\n', id="f-string joined"),
    pytest.param('x = "{" + str(y) + "}"\n', 'x = f"{{{y}}}"\n', id="braces doubled"),
    pytest.param('x = r"\\d" + str(y)\n', 'x = rf"\\d{y}"\n', id="raw kept"),
    pytest.param('x = "\\N{EM DASH}" + str(y)\n', 'x = f"\\N{EM DASH}{y}"\n', id="named escape"),
    pytest.param('x = ("a" + str(y)).upper()\n', 'x = (f"a{y}").upper()\n', id="parentheses"),
    pytest.param('x = " ".join(["a", b])\n', 'x = f"a {b}"\n', id="join of a list"),
    pytest.param('x = "-".join((str(a), b.c))\n', 'x = f"{a}-{b.c}"\n', id="join of a tuple"),
    pytest.param(
        'x = "a" + str(y)  # why\n', 'x = f"a{y}"  # why\n', id="comment after the line kept"
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(ConcatToFstring, before, after, unsafe=True)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('x = y + "a" + str(z)\n', id="y may be no string"),
        pytest.param('x = "a" + y\n', id="y may be no string, no str()"),
        pytest.param('x = "a" + "b"\n', id="no value to format"),
        pytest.param('x = f"{a}" + "b"\n', id="no str(): an f-string and a literal"),
        pytest.param('x = " ".join([r"\\d", str(y)])\n', id="raw and plain mixed"),
        pytest.param('x = b"a" + str(y)\n', id="bytes"),
        pytest.param("def f(str):\n    return 'a' + str(y)\n", id="str is a parameter"),
        pytest.param('x = "a" + str(y, "utf-8")\n', id="str() decoding bytes"),
        pytest.param("x = 'a' + str(d['k'])\n", id="same quote inside (pre-3.12)"),
        pytest.param('x = ("a" +  # why\n     str(y))\n', id="comment inside"),
        pytest.param('x = " ".join(["a", *b])\n', id="starred element"),
        pytest.param('x = " ".join([])\n', id="empty list"),
        pytest.param('x = " ".join(["a", "b"])\n', id="literals only"),
        pytest.param("x = ' '.join(xs)\n", id="not a display"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(ConcatToFstring, source, unsafe=True)


def test_only_with_unsafe() -> None:
    assert_noop(ConcatToFstring, "x = 'a' + str(y)\n")


def test_target_gating() -> None:
    assert_noop(ConcatToFstring, "x = 'a' + str(y)\n", target="3.5", unsafe=True)


def test_why_unsafe() -> None:
    before = textwrap.dedent(
        """\
        import enum

        class E(enum.IntEnum):
            X = 7

        try:
            print(" ".join(["b", 3]))
        except TypeError:
            print("TypeError")
        print("a" + str(E.X))
        """
    )
    after = run(ConcatToFstring, before, unsafe=True).code
    assert 'print(f"b {3}")' in after and 'print(f"a{E.X}")' in after
    assert pyenv_output("3.8", before) == "TypeError\naE.X\n"
    assert pyenv_output("3.8", after) == "b 3\na7\n"


def test_docstring_example() -> None:
    assert_rewrite(ConcatToFstring, *docstring_example(ConcatToFstring), unsafe=True)


def located(source: str) -> set[int] | None:
    return ConcatToFstring.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_concatenations() -> None:
    # The regex sees ``str(`` or ``.join(``, but: ``+`` without a ``str()`` call, ``str()``
    # alone, a ``join`` of no display or on no literal.
    source = """\
a = "a" + b
c = str(x)
d = " ".join(x)
e = sep.join([a, b])
"""
    assert ConcatToFstring.wants(source)
    assert located(source) == set()


def test_locate_finds_the_concatenations() -> None:
    source = 'a = 1\nb = "id=" + str(n)\nc = ", ".join(\n    [a, b])\nd = "%s" % (a,) + "!"\n'
    assert located(source) == {2, 3, 5}
