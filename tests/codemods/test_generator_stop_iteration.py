import ast
import textwrap

import pytest

from codemods.generator_stop_iteration import GeneratorStopIteration
from legacylift.astindex import AstIndex
from legacylift.engine import eligible
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        """\
        def pairs(items):
            for i, item in enumerate(items):
                if item is None:
                    raise StopIteration
                yield i, item
            raise StopIteration("done")
        """,
        """\
        def pairs(items):
            for i, item in enumerate(items):
                if item is None:
                    return
                yield i, item
            return "done"
        """,
        id="docstring example",
    ),
    pytest.param(
        "def g():\n    yield 1\n    raise StopIteration()\n",
        "def g():\n    yield 1\n    return\n",
        id="empty call",
    ),
    pytest.param(
        "def g(x):\n    if x: raise StopIteration; print(x)\n    yield x\n",
        "def g(x):\n    if x: return; print(x)\n    yield x\n",
        id="one-line suite with a semicolon",
    ),
    pytest.param(
        "def g(xs):\n    yield 1\n    raise StopIteration(x for x in xs)\n",
        "def g(xs):\n    yield 1\n    return (x for x in xs)\n",
        id="a generator expression argument gets parentheses",
    ),
    pytest.param(
        """\
        def g(it):
            try:
                x = next(it)
            except ValueError:
                raise StopIteration  # no value
            else:
                raise StopIteration
            yield x
        """,
        """\
        def g(it):
            try:
                x = next(it)
            except ValueError:
                return  # no value
            else:
                return
            yield x
        """,
        id="in a handler or else of a try that does not catch it",
    ),
    pytest.param(
        """\
        class C:
            def __iter__(self):
                def key(x):
                    raise StopIteration
                while True:
                    yield self.item
                    raise StopIteration
        """,
        """\
        class C:
            def __iter__(self):
                def key(x):
                    raise StopIteration
                while True:
                    yield self.item
                    return
        """,
        id="the method is a generator; the nested def is not",
    ),
    pytest.param(
        "def g():\n    try:\n        raise StopIteration\n    finally:\n        pass\n    yield\n",
        "def g():\n    try:\n        return\n    finally:\n        pass\n    yield\n",
        id="in the body of a try/finally",
    ),
    pytest.param(
        "def other():\n    StopIteration = ValueError\n    return StopIteration\n"
        "def g():\n    yield 1\n    raise StopIteration\n",
        "def other():\n    StopIteration = ValueError\n    return StopIteration\n"
        "def g():\n    yield 1\n    return\n",
        id="StopIteration bound in another function: the scopes say the builtin here",
    ),
    pytest.param(
        "def other(ValueError):\n    return ValueError\n"
        "def g():\n    try:\n        raise StopIteration\n"
        "    except ValueError:\n        pass\n    yield\n",
        "def other(ValueError):\n    return ValueError\n"
        "def g():\n    try:\n        return\n"
        "    except ValueError:\n        pass\n    yield\n",
        id="a handler type bound in another function only: the builtin here catches nothing",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(GeneratorStopIteration, before, after)


def test_python2_generator() -> None:
    before = "def g(n):\n    if n < 0:\n        raise StopIteration, 'negative'\n    yield n\n"
    after = "def g(n):\n    if n < 0:\n        return 'negative'\n    yield n\n"
    assert_rewrite(GeneratorStopIteration, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def f():\n    raise StopIteration\n", id="not a generator"),
        pytest.param(
            "class It:\n    def __next__(self):\n        raise StopIteration\n    def g(self):\n"
            "        yield 1\n",
            id="an iterator's __next__",
        ),
        pytest.param(
            "def g():\n    f = lambda: (yield)\n    raise StopIteration\n",
            id="the yield belongs to a lambda",
        ),
        pytest.param("def g():\n    yield 1\n    raise StopIteration(1, 2)\n", id="two arguments"),
        pytest.param(
            "def g():\n    yield 1\n    raise StopIteration from None\n", id="with a cause"
        ),
        pytest.param(
            "def g():\n    yield 1\n    raise StopIteration(  # why\n        1)\n",
            id="a comment inside",
        ),
        pytest.param(
            "class StopIteration(Exception): pass\n"
            "def g():\n    yield 1\n    raise StopIteration\n",
            id="not the builtin",
        ),
        pytest.param(
            "async def g():\n    yield 1\n    raise StopIteration\n", id="an async generator"
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(GeneratorStopIteration, source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "def g():\n    try:\n        yield 1\n        raise StopIteration\n"
            "    except StopIteration:\n        yield 2\n",
            id="caught by its own try",
        ),
        pytest.param(
            "def g():\n    try:\n        raise StopIteration\n    except (ValueError, Exception):\n"
            "        yield 2\n",
            id="caught by except Exception",
        ),
        pytest.param(
            "def g():\n    try:\n        raise StopIteration\n    except:\n        yield 2\n",
            id="bare except",
        ),
        pytest.param(
            "def g(Errors):\n    try:\n        raise StopIteration\n    except Errors:\n"
            "        yield 2\n",
            id="a handler type that may be an alias",
        ),
        pytest.param(
            "def g():\n    yield 1\n    try:\n        pass\n    finally:\n"
            "        raise StopIteration\n",
            id="in finally",
        ),
        pytest.param(
            "def g(lock):\n    with lock:\n        yield 1\n        raise StopIteration\n",
            id="in a with block: __exit__ sees an exception today",
        ),
    ],
)
def test_refused_with_a_note(source: str) -> None:
    outcome = assert_noop(GeneratorStopIteration, source)
    assert any("raise StopIteration kept" in note for note in outcome.notes)


def test_next_in_a_generator_is_noted() -> None:
    source = textwrap.dedent(
        """\
        def g(it):
            first = next(it)
            try:
                second = next(it)
            except StopIteration:
                return
            yield first, second, next(it, None)
            with open(first) as f:
                yield next(f)
        def plain(it):
            return next(it)
        """
    )
    outcome = assert_noop(GeneratorStopIteration, source)
    assert outcome.notes == ["next() in a generator on line(s) 2, 9: RuntimeError when exhausted"]


def test_next_bound_elsewhere_is_noted_only_where_it_is_the_builtin() -> None:
    source = "def g(it):\n    yield next(it)\ndef h(next):\n    yield next(1)\n"
    outcome = assert_noop(GeneratorStopIteration, source)
    assert outcome.notes == ["next() in a generator on line(s) 2: RuntimeError when exhausted"]


def test_not_eligible_below_3_3() -> None:
    assert eligible((GeneratorStopIteration,), (3, 2), unsafe=True) == ()


def test_docstring_example() -> None:
    assert_rewrite(GeneratorStopIteration, *docstring_example(GeneratorStopIteration))


def located(source: str) -> set[int] | None:
    return GeneratorStopIteration.locate(AstIndex(ast.parse(source)))


def test_locate_skips_functions_that_do_not_yield() -> None:
    # A generator, and a StopIteration and a next() call, but in a plain function (an
    # iterator's ``__next__``); the generator's raise has a cause, which is refused.
    source = """\
class It:
    def __next__(self):
        if next(self.it, None) is None:
            raise StopIteration

def gen(it):
    yield 1
    raise StopIteration from None
"""
    assert GeneratorStopIteration.wants(source)
    assert located(source) == set()


def test_locate_finds_the_raise_and_next() -> None:
    source = "def f(it):\n    yield next(it)\n    raise StopIteration(1)\n"
    assert located(source) == {2, 3}
