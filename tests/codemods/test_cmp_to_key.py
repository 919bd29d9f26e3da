import pytest

from codemods.cmp_to_key import CmpToKey
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        """\
        xs.sort(cmp=by_age)
        ys = sorted(xs, cmp=lambda a, b: a.n - b.n)
        """,
        """\
        import functools

        xs.sort(key=functools.cmp_to_key(by_age))
        ys = sorted(xs, key=functools.cmp_to_key(lambda a, b: a.n - b.n))
        """,
        id="docstring example",
    ),
    pytest.param(
        "ys = sorted(xs, cmp=f, reverse=True,)\n",
        "import functools\n\nys = sorted(xs, key=functools.cmp_to_key(f), reverse=True,)\n",
        id="other keywords and trailing comma kept",
    ),
    pytest.param("xs.sort(cmp=None)\n", "xs.sort()\n", id="cmp=None dropped"),
    pytest.param("ys = sorted(xs, cmp=cmp)\n", "ys = sorted(xs)\n", id="builtin cmp dropped"),
    pytest.param(
        "ys = sorted(xs, reverse=True, cmp=None)\n",
        "ys = sorted(xs, reverse=True)\n",
        id="cmp=None dropped last",
    ),
    pytest.param(
        "names.sort(self.order)\n",
        "import functools\n\nnames.sort(key=functools.cmp_to_key(self.order))\n",
        id="positional list.sort(cmp) (mechanize's unittest)",
    ),
    pytest.param(
        "ys = sorted(xs, f, reverse=True)\n",
        "import functools\n\nys = sorted(xs, key=functools.cmp_to_key(f), reverse=True)\n",
        id="positional sorted(xs, cmp)",
    ),
    pytest.param("xs.sort(None)\n", "xs.sort()\n", id="positional None dropped"),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(CmpToKey, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("ys = sorted(xs, cmp=f, key=g)\n", id="key and cmp together"),
        pytest.param("def sorted(xs, cmp): pass\nys = sorted(xs, cmp=f)\n", id="local sorted"),
        pytest.param("r = cmp(a, b)\n", id="the cmp builtin is cmp_builtin's"),
        pytest.param("ys = sorted(xs, f, g)\n", id="positional key too"),
        pytest.param("xs.sort(f, g)\n", id="positional key too (sort)"),
        pytest.param("functools = 1\nxs.sort(cmp=f)\n", id="functools is a variable"),
        pytest.param("ys = sorted(xs, key=functools.cmp_to_key(f))\n", id="already rewritten"),
        pytest.param("r = obj.cmp(a, b)\n", id="a method named cmp"),
        pytest.param("ys = order(xs, cmp=f)\n", id="not a sort"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(CmpToKey, source)


def test_docstring_example() -> None:
    assert_rewrite(CmpToKey, *docstring_example(CmpToKey))
