import textwrap

import pytest

from codemods.views_to_lists_when_observed import ViewsToListsWhenObserved
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

REWRITES = [
    pytest.param(
        "print(d.keys(), file=f)\n", "print(list(d.keys()), file=f)\n", id="printed (py2 print)"
    ),
    pytest.param("print d.values()\n", "print(list(d.values()))\n", id="py2 print statement"),
    pytest.param(
        "map(log, items)\n",
        "list(map(log, items))\n",
        id="map run for its side effects (lazy on Python 3)",
    ),
    pytest.param("r = zip(a, b) != [(1, 2)]\n", "r = list(zip(a, b)) != [(1, 2)]\n", id="!="),
    pytest.param(
        "def f():\n    return range(3)\n", "def f():\n    return list(range(3))\n", id="returned"
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(ViewsToListsWhenObserved, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("for k in d.keys(): pass\n", id="iterated: a view is enough"),
        pytest.param("print(list(d.keys()))\n", id="already a list"),
        pytest.param("print(sorted(d.keys()))\n", id="not the bare call"),
        pytest.param("ok = 1 in d.keys()\n", id="membership works on views"),
        pytest.param("ok = a < b == d.keys()\n", id="chained comparison left alone"),
        pytest.param("def map(f, x): pass\nmap(g, y)\n", id="map is not the builtin"),
        pytest.param("def print(*a): pass\nprint(d.keys())\n", id="print is not the builtin"),
        pytest.param("print(x, sep=d.keys())\n", id="keyword argument"),
        pytest.param("def f():\n    return\n", id="bare return"),
        pytest.param("d.keys(1)\n", id="keys with an argument is not dict.keys"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(ViewsToListsWhenObserved, source)


def test_doctest_display() -> None:
    """What tornado's HTTPHeaders doctest shows: ``>>> h.keys()`` must print a list."""
    before = 'def f():\n    """\n    >>> h.keys()\n    [\'Content-Type\']\n    """\n'
    outcome = run(ViewsToListsWhenObserved, before)
    assert outcome.code == before.replace("h.keys()", "list(h.keys())")
    assert outcome.rewrites == {"doctest:views_to_lists_when_observed": 1}


def test_docstring_example() -> None:
    before, after = docstring_example(ViewsToListsWhenObserved)
    assert_rewrite(
        ViewsToListsWhenObserved,
        "def f():\n" + textwrap.indent(before, "    "),
        "def f():\n" + textwrap.indent(after, "    "),
    )
