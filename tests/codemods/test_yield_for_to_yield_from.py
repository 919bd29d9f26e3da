import ast

import pytest

from codemods.yield_for_to_yield_from import YieldForToYieldFrom
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output

REWRITES = [
    pytest.param(
        "def f(y):\n    for x in y:\n        yield x\n",
        "def f(y):\n    yield from y\n",
        id="plain loop",
    ),
    pytest.param(
        "def f(y):\n    for x in y: yield x\n", "def f(y):\n    yield from y\n", id="one line"
    ),
    pytest.param(
        "def f(y):\n    for x in y:\n        yield (x)\n",
        "def f(y):\n    yield from y\n",
        id="parenthesized value",
    ),
    pytest.param(
        "def f():\n    for x in 1, 2:\n        yield x\n",
        "def f():\n    yield from (1, 2)\n",
        id="bare tuple iterable gets parentheses",
    ),
    pytest.param(
        "def f(a, b):\n    for x, y in zip(a, b):\n        yield x, y\n",
        "def f(a, b):\n    yield from zip(a, b)\n",
        id="tuple target over zip",
    ),
    pytest.param(
        "def f(a):\n    for (i, x) in enumerate(a, 1):\n        yield (i, x)\n",
        "def f(a):\n    yield from enumerate(a, 1)\n",
        id="tuple target over enumerate",
    ),
    pytest.param(
        "def f(a, b):\n    for x in a:\n        yield x\n    for x in b:\n        yield x\n",
        "def f(a, b):\n    yield from a\n    yield from b\n",
        id="two loops over the same name",
    ),
    pytest.param(
        "def f(y):\n    for x in y:  # header\n        # above\n        yield x  # after\n",
        "def f(y):\n    # header\n    # above\n    yield from y  # after\n",
        id="comments kept: header and inner lines above, trailing stays",
    ),
    pytest.param(
        "def f(y):\n    for x in y:  # header\n        yield x\n",
        "def f(y):\n    yield from y  # header\n",
        id="a header comment becomes the line's comment",
    ),
    pytest.param(
        "def f(y):\n    # before\n    for x in y: yield x  # same line\n",
        "def f(y):\n    # before\n    yield from y  # same line\n",
        id="comments of a one-line loop",
    ),
    pytest.param(
        "class A:\n    def f(self):\n        for x in self.y:\n            yield x\n"
        "        return 1\n",
        "class A:\n    def f(self):\n        yield from self.y\n        return 1\n",
        id="method",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(YieldForToYieldFrom, before, after)


NOOPS = [
    pytest.param("def f(y):\n    for x in y:\n        yield x\n    print(x)\n", id="read after"),
    pytest.param("def f(y):\n    for x in y:\n        yield x\n    del x\n", id="deleted after"),
    pytest.param(
        "def f(y):\n    for x in y:\n        yield x\n    def g():\n        return x\n",
        id="read by a closure",
    ),
    pytest.param(
        "def f(a, y):\n    for x in a:\n        for x in y:\n            yield x\n"
        "        print(x)\n",
        id="read in an enclosing loop after the inner one",
    ),
    pytest.param("def f(y):\n    global x\n    for x in y:\n        yield x\n", id="a global name"),
    pytest.param(
        "async def f(y):\n    for x in y:\n        yield x\n", id="async generator: no yield from"
    ),
    pytest.param(
        "def f(y):\n    for x in y:\n        yield x\n    else:\n        pass\n", id="else"
    ),
    pytest.param("def f(y):\n    for x in y:\n        yield x + 1\n", id="yields something else"),
    pytest.param("def f(y):\n    for x in y:\n        yield x,\n", id="yields a tuple of it"),
    pytest.param("def f(y):\n    for x, in y:\n        yield x\n", id="unpacks a 1-tuple"),
    pytest.param("def f(y):\n    for a, *b in y:\n        yield a, b\n", id="starred target"),
    pytest.param("def f(y):\n    for (a, b), c in y:\n        yield a, b, c\n", id="nested target"),
    pytest.param(
        "def f(self, y):\n    for self.x in y:\n        yield self.x\n", id="attribute target"
    ),
    pytest.param(
        "def f(y):\n    for x in y:\n        yield x\n        # the end\n    return\n",
        id="a comment closing the body",
    ),
    pytest.param(
        "def f(y):\n    for x in y:\n        yield x\n    return locals()\n", id="locals()"
    ),
    pytest.param("def f(y):\n    for x in y:\n        z = yield x\n", id="the yield's value used"),
    pytest.param("for x in y:\n    print(x)\n", id="not a generator loop"),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(YieldForToYieldFrom, source)


def test_tuple_target_only_with_unsafe() -> None:
    """Items of another iterable need not be 2-tuples: kept, with a note, unless --unsafe."""
    source = "def f(d):\n    for k, v in d.items():\n        yield k, v\n"
    outcome = assert_noop(YieldForToYieldFrom, source)
    assert any("line(s) 2: for-yield loop kept" in note for note in outcome.notes)
    after = "def f(d):\n    yield from d.items()\n"
    assert_rewrite(YieldForToYieldFrom, source, after, unsafe=True)


def test_coroutine_only_with_unsafe() -> None:
    """A generator that reads sent values would now forward them to the iterable."""
    source = "def f(y):\n    start = yield\n    for x in y:\n        yield x\n"
    outcome = assert_noop(YieldForToYieldFrom, source)
    assert any("sent values" in note for note in outcome.notes)
    after = "def f(y):\n    start = yield\n    yield from y\n"
    assert_rewrite(YieldForToYieldFrom, source, after, unsafe=True)


def test_same_items() -> None:
    """Both spellings produce the same items (and the loop name was never needed)."""
    before, after = (str(code) + "print(list(f('ab', 'cd')))\n" for code in REWRITES[4].values)
    assert pyenv_output("3.8", before) == pyenv_output("3.8", after) == "[('a', 'c'), ('b', 'd')]\n"


def test_gated_on_the_target() -> None:
    """``yield from`` needs Python 3.3."""
    assert_noop(YieldForToYieldFrom, str(REWRITES[0].values[0]), target="3.2")


def test_docstring_example() -> None:
    assert_rewrite(YieldForToYieldFrom, *docstring_example(YieldForToYieldFrom))


def test_context_manager_only_with_unsafe() -> None:
    """@contextmanager throws the with-block's exception in: yield from would pass it on."""
    source = (
        "import contextlib\n@contextlib.contextmanager\ndef cm():\n"
        "    for value in inner():\n        yield value\n"
    )
    outcome = assert_noop(YieldForToYieldFrom, source)
    assert any("context manager" in note for note in outcome.notes)
    code = (
        "import contextlib\n"
        "def inner():\n    try:\n        yield 1\n    except KeyError:\n        pass\n"
        "{}\n"
        "try:\n    with cm():\n        raise KeyError\nexcept KeyError:\n    print('raised')\n"
        "else:\n    print('swallowed')\n"
    )
    kept = "@contextlib.contextmanager\ndef cm():\n    for value in inner():\n        yield value"
    rewritten = "@contextlib.contextmanager\ndef cm():\n    yield from inner()"
    assert pyenv_output("3.8", code.format(kept)) == "raised\n"
    assert pyenv_output("3.8", code.format(rewritten)) == "swallowed\n"


def located(source: str) -> set[int] | None:
    return YieldForToYieldFrom.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_loops() -> None:
    # A ``yield`` but no loop that only yields its own target as it is: another value, more
    # in the body, an ``else``, a tuple yielded for a name.
    source = """\
def f(y):
    for x in y:
        yield x + 1
    for x in y:
        g(x)
        yield x
    for x in y:
        yield x
    else:
        pass
    for x in y:
        yield x,
"""
    assert YieldForToYieldFrom.wants(source)
    assert located(source) == set()


def test_locate_finds_the_loop() -> None:
    source = "def f(y):\n    yield 0\n    for a, b in y:\n        yield a, b\n"
    assert located(source) == {3}
