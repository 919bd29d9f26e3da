"""Tests of the next_method_to_dunder codemod: rewrites, refusals, and Python 3 behaviour."""

from __future__ import annotations

import inspect
import re
import textwrap

import pytest

from codemods.next_method_to_dunder import NextMethodToDunder
from tests.helpers import assert_noop, assert_rewrite, run

DOC_BEFORE = """\
class Count:
    def __iter__(self):
        return self

    def next(self):
        return 1

first = Count().next()
"""
DOC_AFTER = DOC_BEFORE.replace("def next", "def __next__").replace(
    "Count().next()", "next(Count())"
)

ITER = "class It(object):\n    def __iter__(self):\n        return self\n"

REWRITES = [
    pytest.param(DOC_BEFORE, DOC_AFTER, id="docstring example"),
    pytest.param(
        ITER + "    def next(self):\n        raise StopIteration\n",
        ITER + "    def __next__(self):\n        raise StopIteration\n",
        id="method renamed; py2 raise statement lifted first",
    ),
    pytest.param(
        "class It(Base):\n    __iter__ = lambda self: self\n    def next(this):  # step\n"
        "        return this.items.pop()\n",
        "class It(Base):\n    __iter__ = lambda self: self\n    def __next__(this):  # step\n"
        "        return this.items.pop()\n",
        id="__iter__ assigned; comment on the def kept",
    ),
    pytest.param("x = it.next()\n", "x = next(it)\n", id="call on a name"),
    pytest.param("x = a.b[0].next()\n", "x = next(a.b[0])\n", id="call on an expression"),
    pytest.param("x = (a or b).next()\n", "x = next(a or b)\n", id="redundant parens dropped"),
    pytest.param("x = (a, b).next()\n", "x = next((a, b))\n", id="tuple keeps its parens"),
    pytest.param(
        "x = (i for i in y).next()\n", "x = next(i for i in y)\n", id="generator expression"
    ),
    pytest.param(
        "x = (  # why\n    a).next()\n",
        "x = next((  # why\n    a))\n",
        id="parens holding a comment kept",
    ),
    pytest.param("x = iter(f).next().next()\n", "x = next(next(iter(f)))\n", id="chained calls"),
    pytest.param(
        "class C(B):\n    def f(self):\n        return super(C, self).next()\n",
        "class C(B):\n    def f(self):\n        return super(C, self).__next__()\n",
        id="super().next() calls the method: next(super()) would raise",
    ),
    pytest.param(
        "def next_line(f):\n    print f.next()\n",
        "def next_line(f):\n    print(next(f))\n",
        id="py2 print statement lifted first",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(NextMethodToDunder, before, after)


def test_docstring_example_round_trips() -> None:
    doc = inspect.cleandoc(NextMethodToDunder.__doc__ or "")
    before, after = (textwrap.dedent(b) for b in re.findall(r"::\n\n((?: {4}.*\n|\n)+)", doc))
    assert (before.strip() + "\n", after.strip() + "\n") == (DOC_BEFORE, DOC_AFTER)
    assert_rewrite(NextMethodToDunder, DOC_BEFORE, DOC_AFTER)


NOOPS = [
    pytest.param("x = it.next(1)\n", id="call with an argument"),
    pytest.param("x = it.next(*a)\n", id="call with star-args"),
    pytest.param("x = next(it)\n", id="already the builtin"),
    pytest.param("x = it.__next__()\n", id="already the dunder"),
    pytest.param(
        "def next(it):\n    return 1\n\ndef f():\n    return it.next()\n",
        id="module-level next shadows the builtin",
    ),
    pytest.param("def f(next):\n    return it.next()\n", id="parameter named next"),
    pytest.param("def f():\n    next = 1\n    return it.next()\n", id="local next"),
    pytest.param("from builtins import next\nx = it.next()\n", id="imported next"),
    pytest.param("x = it.next(  # one\n)\n", id="comment inside the call"),
    pytest.param(
        "class Pager:\n    def next(self):\n        return 2\n\np = Pager().next()\n",
        id="class without __iter__: neither method nor calls touched",
    ),
    pytest.param(
        ITER + "    def next(self):\n        return 1\n    def __next__(self):\n        return 2\n",
        id="__next__ already defined",
    ),
    pytest.param(ITER + "    def next(self, default):\n        return 1\n", id="extra parameter"),
    pytest.param(ITER + "    def next(self, d=1):\n        return 1\n", id="default parameter"),
    pytest.param(ITER + "    def next(*args):\n        return 1\n", id="star parameter"),
    pytest.param(ITER + "    @wrap\n    def next(self):\n        return 1\n", id="decorated"),
    pytest.param(
        ITER + "    def next(self):\n        return 1\n    step = next\n",
        id="class body reads next",
    ),
    pytest.param(
        ITER + "    def next(self):\n        return 1\n    def next(self):\n        return 2\n",
        id="next defined twice",
    ),
    pytest.param(
        ITER + "    def next(self):\n        return 1\ncb = It().next\n",
        id="bound method used as a value",
    ),
    pytest.param(
        "def f():\n    def next(self):\n        return 1\n    return next\n",
        id="local function named next",
    ),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(NextMethodToDunder, source)


def test_kept_method_is_noted() -> None:
    outcome = assert_noop(NextMethodToDunder, "class P:\n    def next(self):\n        return 2\n")
    assert any("class P keeps its next method" in note for note in outcome.notes)


BEHAVIOUR = """\
class Countdown(object):
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def next(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n

def gen():
    yield 1
    yield 2

g = gen()
seen = [list(Countdown(3)), Countdown(5).next(), g.next(), iter([7, 8]).next(), g.next()]
"""


def test_behaviour_on_python3() -> None:
    """The rewritten Python 2 iterator works with ``for``, ``list()`` and ``next()``."""
    after = run(NextMethodToDunder, BEHAVIOUR).code
    namespace: dict[str, object] = {}
    exec(after, namespace)  # our own test program
    assert namespace["seen"] == [[2, 1, 0], 4, 1, 7, 2]
