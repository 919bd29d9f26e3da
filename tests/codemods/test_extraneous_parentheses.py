import ast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codemods.extraneous_parentheses import ExtraneousParentheses
from legacylift.astindex import AstIndex, index
from legacylift.codemod import LiftCodemod
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

REWRITES = [
    pytest.param("print((1))\n", "print(1)\n", id="sole argument"),
    pytest.param("print(((1)))\n", "print(1)\n", id="sole argument, two pairs"),
    pytest.param("f((a)).b\n", "f(a).b\n", id="call in an expression"),
    pytest.param("x = sum((i for i in xs))\n", "x = sum(i for i in xs)\n", id="generator"),
    pytest.param("f((lambda: 1))\n", "f(lambda: 1)\n", id="lambda"),
    pytest.param("f((a if b else c))\n", "f(a if b else c)\n", id="conditional expression"),
    pytest.param("f((a := 1))\n", "f(a := 1)\n", id="walrus is a valid positional argument"),
    pytest.param(
        "async def g():\n    f((await x))\n", "async def g():\n    f(await x)\n", id="await"
    ),
    pytest.param(
        "@register((a))\ndef f():\n    pass\n", "@register(a)\ndef f():\n    pass\n", id="decorator"
    ),
    pytest.param("class A((B)):\n    pass\n", "class A(B):\n    pass\n", id="sole class base"),
    pytest.param("x = ((1))\n", "x = (1)\n", id="doubled elsewhere: one pair left"),
    pytest.param("x = (((a + b)))\n", "x = (a + b)\n", id="three pairs"),
    pytest.param("if ((a)):\n    pass\n", "if (a):\n    pass\n", id="condition"),
    pytest.param("x = d[((1))]\n", "x = d[(1)]\n", id="subscript"),
    pytest.param("x = ((1, 2))\n", "x = (1, 2)\n", id="doubled tuple"),
    pytest.param("print(((a, b)))\n", "print((a, b))\n", id="tuple argument keeps its pair"),
    pytest.param(
        "def g():\n    x = ((yield))\n", "def g():\n    x = (yield)\n", id="doubled yield"
    ),
    pytest.param("print((1) )\nprint( (1))\n", "print(1 )\nprint( 1)\n", id="spaces kept"),
    pytest.param("x = ( ( 1 ) )\n", "x = (  1  )\n", id="spaces on both sides joined"),
    pytest.param(
        "print((  # why\n    1))\n", "print(  # why\n    1)\n", id="comment after the paren kept"
    ),
    pytest.param(
        "print((\n    1 +\n    2\n))\n", "print(\n    1 +\n    2\n)\n", id="multi-line argument"
    ),
    pytest.param("f'{print((1))}'\n", "f'{print(1)}'\n", id="inside an f-string"),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(ExtraneousParentheses, before, after)


NOOPS = [
    pytest.param("print((1,))\nprint(())\n", id="tuples"),
    pytest.param("def g():\n    print((yield))\n    print((yield x))\n", id="yield needs them"),
    pytest.param("def g():\n    print((yield from x))\n", id="yield from needs them"),
    pytest.param("print((1), 2)\n", id="more than one argument"),
    pytest.param("f(x=(1))\n", id="keyword argument"),
    pytest.param("print((a), )\nprint((a),)\n", id="followed by a comma"),
    pytest.param("print(*(a))\n", id="starred argument"),
    pytest.param("print((a)(b))\nprint((a).b)\n", id="parentheses around part of the argument"),
    pytest.param("x = (1)\nf'{(1)}'\n", id="one pair outside a call"),
    pytest.param("class A((B), C):\n    pass\n", id="one of several bases"),
    pytest.param("class A((b := B)):\n    pass\n", id="walrus base keeps its pair"),
    pytest.param(
        "print(  # one\n    (  # two\n        1))\n", id="two comment lines would have to merge"
    ),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(ExtraneousParentheses, source)


def test_older_target_left_alone() -> None:
    assert_noop(ExtraneousParentheses, "print((1))\n", target="2.7")


def test_docstring_example() -> None:
    assert_rewrite(ExtraneousParentheses, *docstring_example(ExtraneousParentheses))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("print((x))\n", id="a call's sole argument"),
        pytest.param("x = ((a, b))\n", id="a doubled tuple"),
        pytest.param("if ((a, b)):\n    pass\n", id="a keyword is not a call"),
        pytest.param("g(((a)) + b)\n", id="overlapping pairs"),
        pytest.param("f(((a, b)))\n", id="a doubled tuple as an argument"),
        pytest.param("f((x for x, y in z))\n", id="a generator's comma is not a tuple's"),
        pytest.param("f(( # c\n    a))\n", id="a comment between the pairs: unsure"),
        pytest.param("f((a  # c\n))\n", id="a comment after the inner pair: unsure"),
        pytest.param("f(\\\n    (a))\n", id="a continuation between the pairs: unsure"),
        pytest.param("f((')' + x))\n", id="a bracket in a string"),
        pytest.param("f((f'{a}' + x))\n", id="an f-string: unsure"),
        pytest.param("f(('''(\n''' + x))\n", id="a triple-quoted string"),
        pytest.param("f((r'\\'' + x))\n", id="an escaped quote in a raw string"),
        pytest.param("class A((B)):\n    pass\n", id="a class's sole base"),
    ],
)
def test_scan_keeps_candidates(source: str) -> None:
    assert ExtraneousParentheses.wants(source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("f((a + b) * c)\n", id="the inner pair groups an operand"),
        pytest.param("f((a, b))\n", id="a tuple argument keeps its pair"),
        pytest.param("f(())\n", id="an empty tuple argument"),
        pytest.param("x = ((1, 2), (3, 4))\n", id="a tuple of tuples"),
        pytest.param("f((a), b)\n", id="a parenthesized argument among others"),
        pytest.param("f(('(', ')'))\n", id="brackets inside strings do not count"),
        pytest.param("d[k]((a, b))\n", id="a call on a subscript"),
    ],
)
def test_scan_skips(source: str) -> None:
    assert not ExtraneousParentheses.wants(source)
    assert_noop(ExtraneousParentheses, source)


_ATOMS = st.sampled_from(["a", "'('", "f'{b}'", "1", "()"])
_EXPRESSIONS = st.recursive(
    _ATOMS,
    lambda inner: st.one_of(
        inner.map(lambda e: f"({e})"),
        inner.map(lambda e: f"f({e})"),
        inner.map(lambda e: f"f({e}, b)"),
        inner.map(lambda e: f"({e} for x, y in z)"),
        inner.map(lambda e: f"[{e}]"),
        inner.map(lambda e: f"({e},)"),
        st.tuples(inner, inner).map(lambda p: f"{p[0]} + {p[1]}"),
        st.tuples(inner, inner).map(lambda p: f"({p[0]}, {p[1]})"),
        st.tuples(inner, inner).map(lambda p: f"f({p[0]})({p[1]})"),
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_EXPRESSIONS)
def test_scan_never_hides_a_rewrite(expression: str) -> None:
    """Whatever the codemod rewrites when it runs regardless, the scan said "maybe" to."""
    source = f"v = {expression}\n"
    said = ExtraneousParentheses.wants(source)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ExtraneousParentheses, "wants", classmethod(LiftCodemod.wants.__func__))
        rewrote = run(ExtraneousParentheses, source).rewrites
    assert said or not rewrote


def test_a_pair_another_codemod_leaves_doubled() -> None:
    """The scan runs on the text before any codemod: ``% x`` and ``.format`` may go."""
    source = 'write((\n    "a %s"\n    "b"\n) % x)\n'
    assert ExtraneousParentheses.wants(source)
    assert ExtraneousParentheses.wants('write(("{}").format(x))\n')


def located(source: str) -> set[int] | None:
    return ExtraneousParentheses.locate(index(source))


def test_locate_skips_pairs_that_group() -> None:
    # Each ``((`` opens a needed pair: an operand grouped inside a call, a tuple argument, a
    # tuple of tuples.
    source = "a = f((b + c) * d)\ne = g((h, i))\nj = ((1, 2), (3, 4))\n"
    assert ExtraneousParentheses.PRECHECK.search(source)
    assert located(source) == set()


def test_locate_finds_the_doubled_pair() -> None:
    source = "a = f((b + c) * d)\nprint(\n    (total)\n)\nx = ((y))\n"
    assert located(source) == {2, 5}
    # Without the file's text (the engine indexes it first), no opinion.
    assert ExtraneousParentheses.locate(AstIndex(ast.parse(source))) is None
