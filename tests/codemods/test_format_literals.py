import ast

import pytest

from codemods.format_literals import FormatLiterals
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param("x = '{0} {1}'.format(a, b)\n", "x = '{} {}'.format(a, b)\n", id="in order"),
    pytest.param("x = '{0}'.format(a, b)\n", "x = '{}'.format(a, b)\n", id="extra argument"),
    pytest.param(
        "x = '{0} {x} {1!r:>4}'.format(a, b, x=1)\n",
        "x = '{} {x} {!r:>4}'.format(a, b, x=1)\n",
        id="named field, conversion, spec",
    ),
    pytest.param(
        "x = '{0.real} {1[k]} {2[0]}'.format(a, b, c)\n",
        "x = '{.real} {[k]} {[0]}'.format(a, b, c)\n",
        id="lookups",
    ),
    pytest.param(
        "x = '{0:{1}.{2}}'.format(a, b, c)\n", "x = '{:{}.{}}'.format(a, b, c)\n", id="nested"
    ),
    pytest.param("x = '{00}'.format(a)\n", "x = '{}'.format(a)\n", id="leading zero"),
    pytest.param(
        "x = '{0} {{x}} {1}'.format(a, b)\n", "x = '{} {{x}} {}'.format(a, b)\n", id="braces"
    ),
    pytest.param(
        "x = '\\N{EM DASH} {0}'.format(a)\n", "x = '\\N{EM DASH} {}'.format(a)\n", id="\\N kept"
    ),
    pytest.param("x = r'\\d{0}'.format(a)\n", "x = r'\\d{}'.format(a)\n", id="raw string"),
    pytest.param("x = u'{0}'.format(a)\n", "x = u'{}'.format(a)\n", id="prefix kept"),
    pytest.param(
        "x = ('{0} '  # why\n     '{1}').format(a, b)\n",
        "x = ('{} '  # why\n     '{}').format(a, b)\n",
        id="concatenation: count runs on, comment kept",
    ),
    pytest.param(
        "x = '{0}'.format(a, **k)\n", "x = '{}'.format(a, **k)\n", id="double-star kwargs"
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(FormatLiterals, before, after, target="3.1")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("x = '{1} {0}'.format(a, b)\n", id="out of order"),
        pytest.param("x = '{0} {0}'.format(a)\n", id="repeated"),
        pytest.param("x = '{0} {2}'.format(a, b, c)\n", id="skipped"),
        pytest.param("x = '{} {}'.format(a, b)\n", id="already automatic"),
        pytest.param("x = '{0} {}'.format(a, b)\n", id="mixed numbering is an error"),
        pytest.param("x = '{x}'.format(x=1)\n", id="named only"),
        pytest.param("x = '{0} {1}'.format(*a)\n", id="star args"),
        pytest.param("x = b'{0}'.format(a)\n", id="bytes"),
        pytest.param("x = f'{a}{{0}}'.format(b)\n", id="f-string"),
        pytest.param("x = '\\x7b0\\x7d'.format(a)\n", id="escapes hide a field"),
        pytest.param("x = '{0'.format(a)\n", id="malformed"),
        pytest.param("x = '{0.}'.format(a)\n", id="malformed lookup"),
        pytest.param("x = s.format(a)\n", id="not a literal"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(FormatLiterals, source, target="3.1")


def test_target_gating() -> None:
    assert_noop(FormatLiterals, "x = '{0}'.format(a)\n", target="3.0")


def test_docstring_example() -> None:
    assert_rewrite(FormatLiterals, *docstring_example(FormatLiterals))


def located(source: str) -> set[int] | None:
    return FormatLiterals.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_numberings() -> None:
    # Numbers out of order, repeated, mixed with an automatic field, ``*args``, a receiver
    # that is no literal, and a field outside any ``.format``.
    source = """\
a = '{1} {0}'.format(x, y)
b = '{0} {0}'.format(x)
c = '{0} {}'.format(x, y)
d = '{0}'.format(*args)
e = _('{0}').format(x)
f = '{0}'
"""
    assert FormatLiterals.wants(source)
    assert located(source) == set()


def test_locate_finds_the_call() -> None:
    source = "x = 1\ny = '{0}-{1:{2}}'.format(\n    a, b, c)\n"
    assert located(source) == {2}
