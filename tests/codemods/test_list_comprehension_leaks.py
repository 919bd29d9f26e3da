import pytest

from codemods.list_comprehension_leaks import ListComprehensionLeaks
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

REWRITES = [
    pytest.param(
        """\
        class T:
            bits = ''.join([chr(sum([(v >> i) & 1 for i in range(8)])) for v in range(256)])
            del(i)
            del(v)
        """,
        """\
        class T:
            bits = ''.join([chr(sum([(v >> i) & 1 for i in range(8)])) for v in range(256)])
        """,
        id="nested list comprehensions in a class body (mutagen)",
    ),
    pytest.param(
        "xs = [k for k, v in d]\ndel k\nprint(xs)\n",
        "xs = [k for k, v in d]\nprint(xs)\n",
        id="module level",
    ),
    pytest.param(
        "a = [k for k in x]\ndel(k)\nb = [k for k in y]\ndel(k)\n",
        "a = [k for k in x]\nb = [k for k in y]\n",
        id="deleted twice (mutagen)",
    ),
    pytest.param(
        "def f():\n    xs = [a for a in y]\n    del a\n    return xs\n",
        "def f():\n    xs = [a for a in y]\n    return xs\n",
        id="function",
    ),
    pytest.param(
        "xs = [a + b for a in x for b in y]\ndel a, b\n",
        "xs = [a + b for a in x for b in y]\n",
        id="tuple",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(ListComprehensionLeaks, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("for i in x: pass\ndel i\n", id="bound by a loop: del still deletes"),
        pytest.param("xs = [i for i in x]\ni = 3\ndel i\n", id="bound again"),
        pytest.param("xs = list(i for i in x)\ndel i\n", id="a generator never leaked"),
        pytest.param("xs = {i for i in x}\ndel i\n", id="a set comprehension never leaked"),
        pytest.param("xs = [i for i in x]\ndel i, j\n", id="j is not leaked: kept whole"),
        pytest.param("xs = [i for i in x]\ndel d[i]\n", id="not a name"),
        pytest.param("def f():\n    xs = [i for i in x]\ndel i\n", id="other scope"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(ListComprehensionLeaks, source)


def test_read_after_is_noted() -> None:
    outcome = assert_noop(ListComprehensionLeaks, "xs = [i for i in x]\nlast = i\ndel i\n")
    assert any("line 3: a list comprehension's leaked variable is read" in n for n in outcome.notes)


def test_docstring_example() -> None:
    before, after = docstring_example(ListComprehensionLeaks)
    assert_rewrite(ListComprehensionLeaks, before, after)
    assert run(ListComprehensionLeaks, after).rewrites == {}
