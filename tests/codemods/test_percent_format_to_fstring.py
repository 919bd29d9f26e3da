import ast
import textwrap

import pytest

from codemods.percent_format_to_fstring import PercentFormatToFstring
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

CODEMOD = PercentFormatToFstring

REWRITES = [
    pytest.param("x = '%s' % (a,)\n", "x = f'{a!s}'\n", id="%s keeps str() as !s"),
    pytest.param("x = '%s and %r' % (a, b)\n", "x = f'{a!s} and {b!r}'\n", id="tuple"),
    pytest.param("x = '%a' % (a,)\n", "x = f'{a!a}'\n", id="%a"),
    pytest.param("x = '%s' % 1\n", "x = f'{1}'\n", id="lone number literal"),
    pytest.param("x = '%s, %s' % (None, 2.5)\n", "x = f'{None}, {2.5}'\n", id="known types"),
    pytest.param("x = '%5s|%-5s' % (a, b)\n", "x = f'{a!s:>5}|{b!s:<5}'\n", id="widths"),
    pytest.param("x = '%.3s|%8r' % (a, b)\n", "x = f'{a!s:.3}|{b!r:>8}'\n", id="precision"),
    pytest.param("x = \"%5s\" % ('ab',)\n", "x = f\"{'ab':>5}\"\n", id="str literal: no !s"),
    pytest.param(
        "x = '%(x)s %(x)r' % {'x': a}\n", "x = f'{a!s} {a!r}'\n", id="dict: name used twice"
    ),
    pytest.param(
        "x = '%(b)s %(a)s' % {'a': x, 'b': y}\n", "x = f'{y!s} {x!s}'\n", id="dict: names swap"
    ),
    pytest.param("x = '%s %s' % (f(), g())\n", "x = f'{f()!s} {g()!s}'\n", id="calls in order"),
    pytest.param("x = '%s' % ((1, 2),)\n", "x = f'{(1, 2)!s}'\n", id="tuple in a 1-tuple"),
    pytest.param("x = '%s%%' % (a,)\n", "x = f'{a!s}%'\n", id="percent sign"),
    pytest.param("x = '{%s}' % (a,)\n", "x = f'{{{a!s}}}'\n", id="braces doubled"),
    pytest.param("x = '%d|%i|%u' % (1, -2, 3)\n", "x = f'{1:d}|{-2:d}|{3:d}'\n", id="int types"),
    pytest.param(
        "x = '%+05d|%-4x|%#o|% X' % (3, 10, 8, 255)\n",
        "x = f'{3:+05d}|{10:<4x}|{8:#o}|{255: X}'\n",
        id="integer flags",
    ),
    pytest.param(
        "x = '%.2f|%10.3e|%g' % (2.5, 3, 1e-05)\n",
        "x = f'{2.5:.2f}|{3:10.3e}|{1e-05:g}'\n",
        id="float types take int literals",
    ),
    pytest.param("x = '%ld items' % (3,)\n", "x = f'{3:d} items'\n", id="length modifier"),
    pytest.param("x = u'%s' % (a,)\n", "x = f'{a!s}'\n", id="u prefix dropped"),
    pytest.param("x = r'\\d%s' % (a,)\n", "x = rf'\\d{a!s}'\n", id="raw string"),
    pytest.param("x = '%s\\n' % (a,)\n", "x = f'{a!s}\\n'\n", id="escape kept"),
    pytest.param(
        "x = '\\N{EM DASH}%s{' % (a,)\n", "x = f'\\N{EM DASH}{a!s}{{'\n", id="named escape kept"
    ),
    pytest.param("x = '''%s\n''' % (a,)\n", "x = f'''{a!s}\n'''\n", id="triple-quoted"),
    pytest.param("x = '%s' % (lambda: 1,)\n", "x = f'{(lambda: 1)!s}'\n", id="lambda"),
    pytest.param("x = \"%s\" % (d['k'],)\n", "x = f\"{d['k']!s}\"\n", id="other quote inside"),
    pytest.param("x = ('%s' % (a,)).upper()\n", "x = (f'{a!s}').upper()\n", id="parentheses"),
    pytest.param(
        "x = ('%s, '  # why\n     '%s') % (a, b)\n",
        "x = (f'{a!s}, '  # why\n     f'{b!s}')\n",
        id="implicit concatenation: comment kept",
    ),
    pytest.param(
        "x = ('100%% ' '%s') % (a,)\n", "x = ('100% ' f'{a!s}')\n", id="plain piece unescaped"
    ),
    pytest.param("x = '%s' % (\n    a,\n)\n", "x = f'{a!s}'\n", id="tuple over lines"),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(CODEMOD, before, after)


UNSAFE = [
    pytest.param("x = '%s' % (a,)\n", "x = f'{a}'\n", id="%s as pyupgrade writes it"),
    pytest.param("x = '%5s' % (a,)\n", "x = f'{a!s:>5}'\n", id="with a width: still !s"),
    pytest.param("x = '%.2f|%x' % (a, b)\n", "x = f'{a:.2f}|{b:x}'\n", id="numbers of any type"),
]


@pytest.mark.parametrize(("before", "after"), UNSAFE)
def test_unsafe(before: str, after: str) -> None:
    assert_rewrite(CODEMOD, before, after, unsafe=True)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("x = '%s' % a\n", id="a lone name may hold a tuple"),
        pytest.param("x = '%s' % (a)\n", id="parentheses make no tuple"),
        pytest.param("x = '%s %s' % (a,)\n", id="too few values"),
        pytest.param("x = '%s' % (a, b)\n", id="too many values"),
        pytest.param("x = '%s' % (*a,)\n", id="starred value"),
        pytest.param("x = '%(a)s' % {'a': 1, 'b': f()}\n", id="unused dict value"),
        pytest.param("x = '%(a)s' % {'b': 1}\n", id="missing key"),
        pytest.param("x = '%(a)s' % {k: 1}\n", id="key not a literal"),
        pytest.param("x = '%(a)s' % {'a': 1, **d}\n", id="dict unpacking"),
        pytest.param("x = '%(a)s %s' % {'a': 1}\n", id="named and positional mixed"),
        pytest.param("x = '%s' % {'a': 1}\n", id="dict printed whole"),
        pytest.param("x = '%(a)s %(a)s' % {'a': f()}\n", id="a call would run twice"),
        pytest.param("x = '%(b)s %(a)s' % {'a': f(), 'b': g()}\n", id="calls would swap"),
        pytest.param("x = '%d' % (a,)\n", id="%d truncates floats, format() raises"),
        pytest.param("x = '%d' % (2.5,)\n", id="%d of a float literal"),
        pytest.param("x = '%.2f' % (a,)\n", id="Decimal rounds otherwise in format()"),
        pytest.param("x = '%x' % (a,)\n", id="%x of a value of unknown type"),
        pytest.param("x = '%.3d' % (5,)\n", id="precision on an integer type"),
        pytest.param("x = '%c' % (65,)\n", id="%c"),
        pytest.param("x = '%*d' % (3, 4)\n", id="star width"),
        pytest.param("x = '%.f' % (2.5,)\n", id="bare precision dot"),
        pytest.param("x = '%05s' % (a,)\n", id="zero flag on %s"),
        pytest.param("x = '%s' % (d['k'],)\n", id="same quote in the value (pre-3.12)"),
        pytest.param("x = '%s' % (f('\\t'),)\n", id="backslash in the value"),
        pytest.param("x = '%s' % (a,  # why\n)\n", id="comment in the values"),
        pytest.param("x = '\\x25s' % (a,)\n", id="escape hides a specifier"),
        pytest.param("x = b'%s' % (a,)\n", id="bytes"),
        pytest.param("x = '%s' % 'a'\n", id="lone string with the same quote"),
        pytest.param("x = 'abc' % ()\n", id="no specifier"),
        pytest.param("x = '%' % (a,)\n", id="malformed"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(CODEMOD, source)


def test_target_gating() -> None:
    assert_noop(CODEMOD, "x = '%s' % (a,)\n", target="3.5")


def test_await_from_37() -> None:
    before = "async def f():\n    return '%r' % (await g(),)\n"
    assert_rewrite(CODEMOD, before, before.replace("'%r' % (await g(),)", "f'{await g()!r}'"),
                   target="3.7")  # fmt: skip
    assert_noop(CODEMOD, before, target="3.6")


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

for v in {values}:
{lines}
"""
SAFE = [
    "'%s|%r|%a' % (v, v, v)",
    "'%5s|%-6s|%.2s' % (v, v, v)",
    "'%8r|%-8.3r' % (v, v)",
    "'%(a)s-%(a)r' % {'a': v}",
    "'[%s]' % (v,)",
    "'100%% {%s}' % (v,)",
    "'%5.1f|%+d|%#x|%-4o|%e|%g|%05d' % (2.5, 3, 255, 8, 12345.678, 0.0001, -3)",
]
VALUES = '["x", 3, 2.5, None, (1, 2), S("raw"), E.X]'


def _run(expressions: list[str], values: str, unsafe: bool = False) -> tuple[str, str]:
    lines = textwrap.indent("\n".join(f"show(lambda: {e})" for e in expressions), "    ")
    before = HARNESS.format(values=values, lines=lines)
    outcome = run(CODEMOD, before, unsafe=unsafe)
    assert outcome.rewrites == {"percent_format_to_fstring": len(expressions)}
    return before, outcome.code


@pytest.mark.parametrize("version", ["3.8", "3.13"])
def test_same_output(version: str) -> None:
    before, after = _run(SAFE, VALUES)
    assert pyenv_output(version, after) == pyenv_output(version, before)


@pytest.mark.parametrize("version", ["3.8", "3.13"])
def test_unsafe_numbers_same_output_for_int_and_float(version: str) -> None:
    expressions = ["'%x|%-5X|%#o' % (v, v, v)"]
    before, after = _run(expressions, "[0, 255, -3, True]", unsafe=True)
    assert pyenv_output(version, after) == pyenv_output(version, before)
    expressions = ["'%.2f|%+10.3e|%g|%G|%F' % (v, v, v, v, v)"]
    before, after = _run(expressions, "[2.5, 3, -0.125, 1e20, float('nan')]", unsafe=True)
    assert pyenv_output(version, after) == pyenv_output(version, before)


def test_unsafe_plain_s_differs_for_intenum_before_311() -> None:
    before, after = _run(["'%s' % (v,)"], "[E.X]", unsafe=True)
    assert "f'{v}'" in after
    assert pyenv_output("3.8", before) == "'E.X'\n"
    assert pyenv_output("3.8", after) == "'7'\n"


def test_docstring_example() -> None:
    assert_rewrite(CODEMOD, *docstring_example(CODEMOD))


def located(source: str) -> set[int] | None:
    return CODEMOD.locate(AstIndex(ast.parse(source)))


def test_locate_skips_what_cannot_fill_the_specifiers() -> None:
    # The regex sees a quote, ``%`` and a tuple, dict or literal each time, but: one value
    # too few, a key the dict lacks, %d of a name (may be a float), %c, a ``*`` width, no
    # specifier at all, bytes, a value over two lines (a field holds no newline), a ``%``
    # in a string.
    source = """\
a = '%s %s' % (x,)
b = '%(k)s' % {'j': x}
c = '%d' % (n,)
d = '%c' % (1,)
e = '%*d' % (3, 4)
f = '100%%' % ()
g = b'%s' % (x,)
h = '%s' % ('a'
            'b',)
i = "'%s' % (x,)"
"""
    assert CODEMOD.wants(source)
    assert located(source) == set()


def test_locate_finds_the_format() -> None:
    # The last one: ``str('%s')`` may be a literal by then (native_literals, same pass).
    source = "x = 1\ny = '%s: %d' % (\n    name,\n    -1,\n)\nz = str('%s') % (a,)\n"
    assert located(source) == {2, 6}
