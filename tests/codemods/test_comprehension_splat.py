import ast

import pytest

from codemods.comprehension_splat import ComprehensionSplat
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output

REWRITES = [
    pytest.param("a = [x for x in y]\n", "a = [*y]\n", id="list"),
    pytest.param("a = {x for x in y}\n", "a = {*y}\n", id="set"),
    pytest.param("a = [ x for x in y ]\n", "a = [ *y ]\n", id="blanks inside the brackets"),
    pytest.param("a = [x for x in f(y)]\n", "a = [*f(y)]\n", id="a call"),
    pytest.param("a = [x for x in a or b]\n", "a = [*(a or b)]\n", id="or binds looser than *"),
    pytest.param("a = [x for x in not b]\n", "a = [*(not b)]\n", id="not binds looser than *"),
    pytest.param("a = [x for x in (a or b)]\n", "a = [*(a or b)]\n", id="own parentheses"),
    pytest.param("a = ([x for x in y])\n", "a = ([*y])\n", id="parenthesized comprehension"),
    pytest.param("f'{[x for x in y]}'\n", "f'{[*y]}'\n", id="in an f-string"),
    pytest.param(
        "async def f():\n    return [x for x in await g()]\n",
        "async def f():\n    return [*await g()]\n",
        id="await in the iterable",
    ),
    pytest.param(
        "a = [[x for x in r] for r in rows]\n",
        "a = [[*r] for r in rows]\n",
        id="inner comprehension",
    ),
    pytest.param(
        "a = [  # all\n    x for x in y  # of them\n]\n",
        "a = [  # all\n    *y  # of them\n]\n",
        id="comments inside the brackets survive",
    ),
    pytest.param(
        "a = [\n    x\n    for x in y\n]\n", "a = [\n    *y\n]\n", id="over several lines"
    ),
    pytest.param(
        "a = [x for x in y[  # c\n    1:]]\n",
        "a = [*y[  # c\n    1:]]\n",
        id="a comment in the iterable survives",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(ComprehensionSplat, before, after)
    assert ComprehensionSplat.wants(before)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("a = [x for x in y if x]\n", id="a condition filters"),
        pytest.param("a = [x for y in z for x in y]\n", id="two loops flatten"),
        pytest.param("a = [x.y for x in y]\n", id="the item is not the loop variable"),
        pytest.param("a = [y for x in y]\n", id="another name"),
        pytest.param("a = [(x) for x in y]\n", id="a parenthesized item"),
        pytest.param("a = [x for (x) in y]\n", id="a parenthesized target"),
        pytest.param("a = [x for x, in y]\n", id="a tuple target unpacks"),
        pytest.param("a = (x for x in y)\n", id="a generator: *y needs 3.15"),
        pytest.param("f(x for x in y)\n", id="an argument generator is not f(*y)"),
        pytest.param(
            "a = {k: v for k, v in d.items()}\n", id="a dict: {**d} reads keys() and d[k]"
        ),
        pytest.param(
            "async def f():\n    return [x async for x in y]\n", id="async for: no sync splat"
        ),
        pytest.param("a = [\n    x  # kept\n    for x in y\n]\n", id="a comment after the item"),
        pytest.param("a = [x for x in  # kept\n    y]\n", id="a comment after in"),
        pytest.param("a = [x for  # kept\n    x in y]\n", id="a comment after for"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(ComprehensionSplat, source)


@pytest.mark.parametrize(
    "source",
    [
        "[x for x in y]",
        "{x for x in y}",
        "[\n    x\n    for x in y]",
        "[  # a comment\n  # another\n    x for x in y]",
        "[élan for élan in y]",
    ],
)
def test_precheck_finds(source: str) -> None:
    assert ComprehensionSplat.wants(source)


@pytest.mark.parametrize(
    "source",
    ["[x for y in z]\n", "[x.a for x in y]\n", "(x for x in y)\n", "[xs for x in y]\n"],
)
def test_precheck_skips(source: str) -> None:
    assert not ComprehensionSplat.wants(source)


def test_same_items_and_order() -> None:
    code = (
        "calls = []\n"
        "def y():\n    calls.append('iter')\n    yield from 'bca'\n"
        "print([x for x in y()], [*y()], sorted({x for x in y()}) == sorted({*y()}), calls)\n"
    )
    expected = "['b', 'c', 'a'] ['b', 'c', 'a'] True ['iter', 'iter', 'iter', 'iter']\n"
    assert pyenv_output("3.8", code) == expected


def test_dict_form_differs() -> None:
    """Why the dict comprehension stays: ``{**d}`` does not call ``items``."""
    code = (
        "class D(dict):\n    def items(self):\n        return [('k', 'from items')]\n"
        "d = D(k='stored')\nprint({k: v for k, v in d.items()}, {**d})\n"
    )
    assert pyenv_output("3.8", code) == "{'k': 'from items'} {'k': 'stored'}\n"


def test_docstring_example() -> None:
    assert_rewrite(ComprehensionSplat, *docstring_example(ComprehensionSplat))


def located(source: str) -> set[int] | None:
    return ComprehensionSplat.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_comprehensions() -> None:
    # The regex sees ``[x for x in``, but a condition, a second loop, a dict or a generator
    # is not a copy that a display can splat; the last match is in a string.
    source = """\
a = [x for x in y if x]
b = [x for x in y for z in x]
c = {x: 1 for x in y}
d = list(x for x in y)
e = "[x for x in y]"
"""
    assert ComprehensionSplat.wants(source)
    assert located(source) == set()


def test_locate_finds_the_comprehension() -> None:
    assert located("a = 1\nb = {\n    x for x in y\n}\n") == {2}
