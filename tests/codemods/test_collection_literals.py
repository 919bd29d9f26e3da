import ast

import pytest

from codemods.collection_literals import CollectionLiterals
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output

REWRITES = [
    pytest.param("s = set([1, 2])\n", "s = {1, 2}\n", id="set of a list"),
    pytest.param("s = set((1, 2))\n", "s = {1, 2}\n", id="set of a tuple"),
    pytest.param("s = set((1,))\n", "s = {1}\n", id="set of a one-tuple"),
    pytest.param("s = set([])\n", "s = set()\n", id="set of an empty list"),
    pytest.param("s = set(())\n", "s = set()\n", id="set of an empty tuple"),
    pytest.param("s = set([*a, 1])\n", "s = {*a, 1}\n", id="starred element"),
    pytest.param("s = set(f(x) for x in y)\n", "s = {f(x) for x in y}\n", id="set of a genexp"),
    pytest.param(
        "s = set([x.lower() for x in y if x])\n",
        "s = {x.lower() for x in y if x}\n",
        id="set of a list comprehension",
    ),
    pytest.param("s = set(x for x in y)\n", "s = {*y}\n", id="identity genexp splatted"),
    pytest.param("s = set([x for x in a or b])\n", "s = {*(a or b)}\n", id="splat in parens"),
    pytest.param(
        "d = dict([(k, v) for k, v in y])\n", "d = {k: v for k, v in y}\n", id="dict of a listcomp"
    ),
    pytest.param(
        "d = dict((k, f(v)) for k, v in y)\n",
        "d = {k: f(v) for k, v in y}\n",
        id="dict of a genexp",
    ),
    pytest.param(
        "d = dict([[k, v] for k, v in y])\n", "d = {k: v for k, v in y}\n", id="list pairs"
    ),
    pytest.param(
        "d = dict(((k, v) for k, v in y))\n", "d = {k: v for k, v in y}\n", id="parenthesized"
    ),
    pytest.param("l = list([1, 2])\n", "l = [1, 2]\n", id="list of a list"),
    pytest.param("l = list((1, 2))\n", "l = [1, 2]\n", id="list of a tuple"),
    pytest.param("l = list(())\n", "l = []\n", id="list of an empty tuple"),
    pytest.param("t = tuple([1, 2])\n", "t = (1, 2)\n", id="tuple of a list"),
    pytest.param("t = tuple([1])\n", "t = (1,)\n", id="tuple of a one-list gets its comma"),
    pytest.param("t = tuple([*a])\n", "t = (*a,)\n", id="tuple of a starred one-list"),
    pytest.param("t = tuple((1,))\n", "t = (1,)\n", id="tuple of a tuple"),
    pytest.param("t = tuple([])\n", "t = ()\n", id="tuple of an empty list"),
    pytest.param("n = set((1, 2)).union(x)\n", "n = {1, 2}.union(x)\n", id="as a call target"),
    pytest.param("n = (set([1]))\n", "n = ({1})\n", id="outer parentheses kept"),
    pytest.param(
        "s = set([\n    1,  # one\n    2,\n])\n",
        "s = {\n    1,  # one\n    2,\n}\n",
        id="comments inside the display kept",
    ),
    pytest.param(
        "s = set(  # why\n    [1])\n",
        "s = {  # why\n    1}\n",
        id="a comment inside the call's parentheses kept",
    ),
    pytest.param('m = f"{set([1, 2])}"\n', 'm = f"{ {1, 2}}"\n', id="f-string: { { not {{"),
    pytest.param(
        'm = f"{dict((k, v) for k, v in y)!r:>9}"\n',
        'm = f"{ {k: v for k, v in y}!r:>9}"\n',
        id="f-string with conversion and spec",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(CollectionLiterals, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("s = set()\nd = dict()\n", id="empty calls stay"),
        pytest.param("def f(set):\n    return set([1])\n", id="set is a parameter"),
        pytest.param("list = MyList\nl = list([1])\n", id="list is rebound"),
        pytest.param("from builtins2 import *\ns = set([1])\n", id="star import"),
        pytest.param("s = set(*a)\nd = dict(**k)\n", id="starred arguments"),
        pytest.param("d = dict(a=1)\n", id="keywords"),
        pytest.param("d = dict((k, *v) for k, v in y)\n", id="a starred pair element"),
        pytest.param("d = dict(x for x in y)\n", id="items are not written as pairs"),
        pytest.param("d = dict([(1, 2)])\n", id="a list of pairs (pyupgrade leaves it)"),
        pytest.param("l = list(x for x in y)\nt = tuple(y)\n", id="not a display"),
        pytest.param("s = set({1, 2})\n", id="a set display (out of scope)"),
        pytest.param("s = set(  # why\n    [  # list\n    1])\n", id="both places hold comments"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(CollectionLiterals, source)


def test_dict_gated_on_the_target() -> None:
    """Before 3.8 a dict comprehension evaluated the value before the key."""
    assert_noop(CollectionLiterals, "d = dict((k(), v()) for _ in y)\n", target="3.7")
    assert_rewrite(CollectionLiterals, "s = set([1])\n", "s = {1}\n", target="3.7")


def test_same_values() -> None:
    code = (
        "y = [('a', 1), ('b', 2)]\n"
        "print(set([1, 2]) == {1, 2}, dict((k, v) for k, v in y) == {k: v for k, v in y},"
        " set(x for x in 'ab') == {*'ab'}, tuple([1]) == (1,), list((1, 2)) == [1, 2])\n"
    )
    assert pyenv_output("3.8", code) == "True True True True True\n"


def test_docstring_example() -> None:
    assert_rewrite(CollectionLiterals, *docstring_example(CollectionLiterals))


def located(source: str) -> set[int] | None:
    return CollectionLiterals.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_calls() -> None:
    # The regex sees each call on a bracket, but: dict() of a list (only a comprehension of
    # pairs becomes a dict display), list() of a generator, a name in parentheses, a second
    # argument, a keyword, and a call in a string.
    source = """\
a = dict([(1, 2)])
b = list((x for x in y))
c = set((x))
d = tuple(([a]), b)
e = set([1], key=f)
f = "set([1])"
"""
    assert CollectionLiterals.wants(source)
    assert located(source) == set()


def test_locate_finds_the_calls() -> None:
    # The last one: the comprehension may be ``[*y]`` by then (comprehension_splat).
    source = "a = 1\nb = set([\n    1,\n])\nc = tuple([x for x in y])\n"
    assert located(source) == {2, 5}
