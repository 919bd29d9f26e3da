import ast
import textwrap

import pytest

from codemods.format_to_fstring import FormatToFstring
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param("x = '{} {}'.format(a, b)\n", "x = f'{a} {b}'\n", id="automatic numbering"),
    pytest.param("x = '{1} {0}'.format(a, b)\n", "x = f'{b} {a}'\n", id="names may swap"),
    pytest.param("x = '{0}{0}'.format(a.b)\n", "x = f'{a.b}{a.b}'\n", id="attribute used twice"),
    pytest.param(
        "x = '{x} {y}'.format(x=a, y=f())\n", "x = f'{a} {f()}'\n", id="keywords, call once"
    ),
    pytest.param(
        "x = '{} {}'.format(f(), g())\n", "x = f'{f()} {g()}'\n", id="calls in the call's order"
    ),
    pytest.param("x = '{!r:>10}'.format(d)\n", "x = f'{d!r:>10}'\n", id="conversion and spec"),
    pytest.param("x = '{:}'.format(d)\n", "x = f'{d}'\n", id="empty spec dropped"),
    pytest.param("x = '{.real}'.format(1)\n", "x = f'{(1).real}'\n", id="lookup on a number"),
    pytest.param(
        "x = '{0[0]} {0[-1]}'.format(a)\n", "x = f'{a[0]} {a[\"-1\"]}'\n", id="index and key"
    ),
    pytest.param('x = "{[k]}".format(a)\n', "x = f\"{a['k']}\"\n", id="key in the other quote"),
    pytest.param("x = '{.y}'.format(a + b)\n", "x = f'{(a + b).y}'\n", id="lookup on an operation"),
    pytest.param("x = '{}'.format(lambda: 1)\n", "x = f'{(lambda: 1)}'\n", id="lambda"),
    pytest.param("x = '{}'.format(y := 1)\n", "x = f'{(y := 1)}'\n", id="walrus"),
    pytest.param("x = '{}'.format(i for i in a)\n", "x = f'{(i for i in a)}'\n", id="generator"),
    pytest.param("x = '{}'.format({1: 2})\n", "x = f'{ {1: 2} }'\n", id="dict display spaced"),
    pytest.param("x = '{}'.format(a if b else c)\n", "x = f'{a if b else c}'\n", id="if-else"),
    pytest.param(
        "x = \"{}\".format(d['k'])\n", "x = f\"{d['k']}\"\n", id="string in the other quote"
    ),
    pytest.param("x = u'{}!'.format(a)\n", "x = f'{a}!'\n", id="u prefix dropped"),
    pytest.param("x = r'\\d{}'.format(a)\n", "x = rf'\\d{a}'\n", id="raw string"),
    pytest.param("x = '{}\\n'.format(a)\n", "x = f'{a}\\n'\n", id="escape kept"),
    pytest.param("x = '{{{}}}'.format(a)\n", "x = f'{{{a}}}'\n", id="doubled braces stay"),
    pytest.param("x = '''{}\n'''.format(a)\n", "x = f'''{a}\n'''\n", id="triple-quoted"),
    pytest.param(
        "x = '\\N{EM DASH} {}'.format(a)\n", "x = f'\\N{EM DASH} {a}'\n", id="named escape kept"
    ),
    pytest.param("x = '{:{}}'.format(a, w)\n", "x = f'{a:{w}}'\n", id="nested spec field"),
    pytest.param(
        "x = '{:>{w}.{p}}'.format(a, w=b, p=c)\n", "x = f'{a:>{b}.{c}}'\n", id="named in spec"
    ),
    pytest.param("x = '{}'.format(a).upper()\n", "x = f'{a}'.upper()\n", id="result used"),
    pytest.param("x = '{}'.format(\n    a,\n)\n", "x = f'{a}'\n", id="call over lines"),
    pytest.param(
        "x = ('{} '  # why\n     '{}').format(a, b)\n",
        "x = (f'{a} '  # why\n     f'{b}')\n",
        id="implicit concatenation: comment kept",
    ),
    pytest.param(
        "x = ('{{}} ' '{}').format(a)\n",
        "x = ('{} ' f'{a}')\n",
        id="piece without fields becomes plain",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(FormatToFstring, before, after)


def test_await_from_37() -> None:
    before = "async def f():\n    return '{}'.format(await g())\n"
    after = "async def f():\n    return f'{await g()}'\n"
    assert_rewrite(FormatToFstring, before, after, target="3.7")
    assert_noop(FormatToFstring, before, target="3.6")
    before = "async def f():\n    return '{}'.format([x async for x in g()])\n"
    after = "async def f():\n    return f'{[x async for x in g()]}'\n"
    assert_rewrite(FormatToFstring, before, after, target="3.7")
    assert_noop(FormatToFstring, before, target="3.6")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("x = '{}'.format(a, b)\n", id="unused argument would not be evaluated"),
        pytest.param("x = '{0}{0}'.format(f())\n", id="a call would be evaluated twice"),
        pytest.param("x = '{1} {0}'.format(f(), g())\n", id="calls would swap"),
        pytest.param("x = '{1}{0}'.format(a, f())\n", id="a call would run before a name"),
        pytest.param("x = '{}'.format(d['k'])\n", id="same quote in the argument (pre-3.12)"),
        pytest.param('x = "{}".format(f("\\t"))\n', id="backslash in the argument"),
        pytest.param("x = '{}'.format(a,  # why\n)\n", id="comment in the call"),
        pytest.param("x = '{}'.format(f(\n    a))\n", id="argument over lines"),
        pytest.param("x = '{} {}'.format(*a)\n", id="star args"),
        pytest.param("x = '{a}'.format(**k)\n", id="double-star kwargs"),
        pytest.param("x = f'{a}{{}}'.format(b)\n", id="f-string receiver"),
        pytest.param("x = b'{}'.format(a)\n", id="bytes receiver"),
        pytest.param("x = '{.__x}'.format(a)\n", id="private name would be mangled"),
        pytest.param("x = '{.\u00e9}'.format(a)\n", id="non-ASCII attribute is normalized"),
        pytest.param("x = '\\x7b0\\x7d'.format(a)\n", id="escapes hide a field"),
        pytest.param("x = '{'.format(a)\n", id="malformed format string"),
        pytest.param("x = '{x}'.format(y=1)\n", id="unknown keyword"),
        pytest.param("x = '{1}'.format(a)\n", id="index out of range"),
        pytest.param("x = '{}{0}'.format(a)\n", id="automatic and manual numbering mixed"),
        pytest.param("x = '{:{w.x}}'.format(a, w=b)\n", id="nested spec field with a lookup"),
        pytest.param("x = '{!x}'.format(a)\n", id="unknown conversion"),
        pytest.param("x = 'a'.format()\n", id="no field"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(FormatToFstring, source)


def test_target_gating() -> None:
    assert_noop(FormatToFstring, "x = '{}'.format(a)\n", target="3.5")
    # PEP 701 (3.12) would allow the same quote inside; one output for all targets is kept.
    assert_noop(FormatToFstring, "x = '{}'.format(d['k'])\n", target="3.12")


HARNESS = """\
import enum

class S(str):
    def __str__(self):
        return "S!"

class E(enum.IntEnum):
    X = 7

def show(make):
    try:
        print(repr(make()))
    except Exception as exc:
        print(type(exc).__name__)

for v in ["x", 3, 2.5, None, (1, 2), S("raw"), E.X]:
{lines}
"""
EXPRESSIONS = [
    "'{}|{!r}|{!s}|{!a}'.format(v, v, v, v)",
    "'{0}-{0!r}'.format(v)",
    "'{:>8}|{:<6}'.format(v, v)",
    "'[{x[0]}]'.format(x=v)",
    "'{.real}'.format(v)",
    "'{{{}}}'.format(v)",
    "'{:{}}'.format(v, 6)",
    "'{}'.format((v,))",
]


@pytest.mark.parametrize("version", ["3.8", "3.13"])
def test_same_output(version: str) -> None:
    lines = textwrap.indent("\n".join(f"show(lambda: {e})" for e in EXPRESSIONS), "    ")
    before = HARNESS.format(lines=lines)
    outcome = run(FormatToFstring, before)
    assert outcome.rewrites == {"format_to_fstring": len(EXPRESSIONS)}
    assert pyenv_output(version, outcome.code) == pyenv_output(version, before)


def test_docstring_example() -> None:
    assert_rewrite(FormatToFstring, *docstring_example(FormatToFstring))


def located(source: str) -> set[int] | None:
    return FormatToFstring.locate(AstIndex(ast.parse(source)))


def test_locate_skips_what_the_fields_cannot_use() -> None:
    # An argument no field uses, numbers and automatic fields mixed, a keyword missing,
    # ``*args``, no field at all, a conversion that is none, a receiver that is no literal.
    source = """\
a = '{}'.format(x, y)
b = '{0} {}'.format(x, y)
c = '{k}'.format(j=1)
d = '{}'.format(*args)
e = 'plain'.format()
f = '{!x}'.format(x)
g = _('{}').format(x)
"""
    assert FormatToFstring.wants(source)
    assert located(source) == set()


def test_locate_finds_the_call() -> None:
    # The last one: ``str('{}')`` may be a literal by then (native_literals, same pass).
    source = "x = 1\ny = '{} {k}'.format(\n    a, k=b)\nz = str('{}').format(c)\n"
    assert located(source) == {2, 4}
