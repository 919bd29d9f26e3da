import pytest

from codemods.dict_views_to_lists import DictViewsToLists
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        """\
        first = d.keys()[0]
        names = d.keys()
        names.sort()
        n = len(filter(None, xs))
        for k in d.keys():
            del d[k]
        """,
        """\
        first = list(d.keys())[0]
        names = list(d.keys())
        names.sort()
        n = len(list(filter(None, xs)))
        for k in list(d.keys()):
            del d[k]
        """,
        id="docstring example",
    ),
    pytest.param("x = map(f, xs)[-1]\n", "x = list(map(f, xs))[-1]\n", id="indexed map"),
    pytest.param("ks = d.keys() + e.keys()\n", "ks = list(d.keys()) + list(e.keys())\n", id="+"),
    pytest.param("r = range(3) + [9]\n", "r = list(range(3)) + [9]\n", id="range concatenated"),
    pytest.param("d.items().sort()\n", "list(d.items()).sort()\n", id="method on the view"),
    pytest.param(
        "def f(d):\n    ks = d.keys()\n    ks.sort(); return ks\n",
        "def f(d):\n    ks = list(d.keys())\n    ks.sort(); return ks\n",
        id="sorted by the next statement in a function",
    ),
    pytest.param(
        "for k, v in self.d.items():\n    if v: self.d.pop(k)\n",
        "for k, v in list(self.d.items()):\n    if v: self.d.pop(k)\n",
        id="dict attribute changed in the loop",
    ),
    pytest.param(
        "for k in d.keys():\n    d[k + 1] = 0\n",
        "for k in list(d.keys()):\n    d[k + 1] = 0\n",
        id="item assigned in the loop",
    ),
    pytest.param(
        "n = len(zip(a, b))  # pairs\n", "n = len(list(zip(a, b)))  # pairs\n", id="len zip"
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(DictViewsToLists, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("for k in d.keys():\n    print(d[k])\n", id="loop only reads"),
        pytest.param("for k in d.keys():\n    e[k] = 1\n", id="loop changes another dict"),
        pytest.param("n = len(d.keys())\n", id="len of a view is fine"),
        pytest.param("n = len(range(9))\nx = range(9)[2]\n", id="ranges can be indexed"),
        pytest.param("x = sorted(d.keys())[0]\n", id="already a list"),
        pytest.param("x = list(d.keys())[0]\n", id="already wrapped"),
        pytest.param("def map(f, x): return [1]\ny = map(f, xs)[0]\n", id="local map"),
        pytest.param("ks = d.keys()\nprint(ks)\nks.sort()\n", id="not the next statement"),
        pytest.param("x = d.keys(1)[0]\n", id="keys with arguments"),
        pytest.param("x = d.keys() | e\n", id="set operations work on views"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(DictViewsToLists, source)


def test_docstring_example() -> None:
    assert_rewrite(DictViewsToLists, *docstring_example(DictViewsToLists))
