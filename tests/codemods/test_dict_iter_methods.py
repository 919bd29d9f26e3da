import pytest

from codemods.dict_iter_methods import DictIterMethods
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        """\
        for k, v in d.iteritems():
            if not d.has_key(k + 1):
                it = d.itervalues()
        """,
        """\
        for k, v in d.items():
            if k + 1 not in d:
                it = iter(d.values())
        """,
        id="docstring example",
    ),
    pytest.param("for k in d.iterkeys(): print k\n", "for k in d.keys(): print(k)\n", id="py2 for"),
    pytest.param("xs = [v for v in d.itervalues()]\n", "xs = [v for v in d.values()]\n", id="comp"),
    pytest.param("n = sum(d.itervalues())\n", "n = sum(d.values())\n", id="iterating builtin"),
    pytest.param("x = next(d.iteritems())\n", "x = next(iter(d.items()))\n", id="next keeps iter"),
    pytest.param("v = d.viewkeys() & e\n", "v = d.keys() & e\n", id="view"),
    pytest.param("ok = 1 in d.iterkeys()\n", "ok = 1 in d.keys()\n", id="membership"),
    pytest.param("if d.has_key(k): pass\n", "if k in d: pass\n", id="has_key in if"),
    pytest.param("x = a.b.has_key(c or e)\n", "x = (c or e) in a.b\n", id="loose key"),
    pytest.param("f(d.has_key(k))\n", "f(k in d)\n", id="call argument"),
    pytest.param("x = d.has_key(k) == y\n", "x = (k in d) == y\n", id="comparison operand"),
    pytest.param("x = not (d.has_key(k))\n", "x = not (k in d)\n", id="not of parenthesized"),
    pytest.param("x = d.has_key(k)  # why\n", "x = k in d  # why\n", id="trailing comment kept"),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(DictIterMethods, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("x = d.items()\n", id="already Python 3"),
        pytest.param("x = d.iteritems(1)\n", id="arguments: not the dict method"),
        pytest.param("x = d.has_key(k, 2)\n", id="has_key with two arguments"),
        pytest.param("x = d.has_key(\n    k  # c\n    , )\n", id="comment would be lost"),
        pytest.param(
            "class D:\n    def iteritems(self):\n        return []\nx = D().iteritems()\n",
            id="module defines its own iteritems",
        ),
        pytest.param("x = iteritems(d)\n", id="a function, not a method"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(DictIterMethods, source)


def test_docstring_example() -> None:
    assert_rewrite(DictIterMethods, *docstring_example(DictIterMethods))
