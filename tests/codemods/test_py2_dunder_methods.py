"""Tests of the py2_dunder_methods codemod: rewrites, refusals, notes, Python 3 behaviour."""

from __future__ import annotations

import inspect
import re
import textwrap

import pytest

from codemods.py2_dunder_methods import Py2DunderMethods
from tests.helpers import assert_noop, assert_rewrite, run

DOC_BEFORE = """\
class Box:
    def __nonzero__(self):
        return bool(self.items)

    def __unicode__(self):
        return u"box"
"""
DOC_AFTER = DOC_BEFORE.replace("__nonzero__", "__bool__").replace("__unicode__", "__str__")


def method(name: str, head: str = "class C(object):", extra: str = "") -> str:
    """A class defining ``name`` (returning 1), then ``extra`` lines in the class body."""
    return f"{head}\n    def {name}(self, *a):\n        return 1\n{extra}"


REWRITES = [
    pytest.param(DOC_BEFORE, DOC_AFTER, id="docstring example"),
    *(
        pytest.param(method(old), method(new), id=f"{old} -> {new}")
        for old, new in [
            ("__nonzero__", "__bool__"),
            ("__unicode__", "__str__"),
            ("__div__", "__truediv__"),
            ("__idiv__", "__itruediv__"),
            ("__rdiv__", "__rtruediv__"),
        ]
    ),
    pytest.param(
        method("__div__", extra="    def __floordiv__(self, o):\n        return 2\n"),
        method("__truediv__", extra="    def __floordiv__(self, o):\n        return 2\n"),
        id="__floordiv__ kept beside",
    ),
    pytest.param(
        "class C:\n    # Truth.\n    def __nonzero__(self):  # py2\n        print 'x'\n"
        "        return True\n",
        "class C:\n    # Truth.\n    def __bool__(self):  # py2\n        print('x')\n"
        "        return True\n",
        id="comments kept; print statement lifted first",
    ),
    pytest.param(
        "class Outer:\n    class Inner:\n        def __nonzero__(self):\n            return 0\n",
        "class Outer:\n    class Inner:\n        def __bool__(self):\n            return 0\n",
        id="nested class",
    ),
    pytest.param(
        method(
            "__nonzero__",
            extra="    def __unicode__(self):\n        return u''\n"
            "    def __str__(self):\n        return ''\n",
        ),
        method(
            "__bool__",
            extra="    def __unicode__(self):\n        return u''\n"
            "    def __str__(self):\n        return ''\n",
        ),
        id="with __str__ too: only __unicode__ kept",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(Py2DunderMethods, before, after)


def test_docstring_example_round_trips() -> None:
    doc = inspect.cleandoc(Py2DunderMethods.__doc__ or "")
    before, after = (textwrap.dedent(b) for b in re.findall(r"::\n\n((?: {4}.*\n|\n)+)", doc))
    assert (before.strip() + "\n", after.strip() + "\n") == (DOC_BEFORE, DOC_AFTER)
    assert_rewrite(Py2DunderMethods, DOC_BEFORE, DOC_AFTER)


NOOPS = [
    pytest.param(
        method("__nonzero__", extra="    def __bool__(self):\n        return 0\n"),
        id="__bool__ already defined",
    ),
    pytest.param(method("__nonzero__", extra="    __bool__ = __nonzero__\n"), id="alias exists"),
    pytest.param(
        method("__div__", extra="    def __truediv__(self, o):\n        return 0\n"),
        id="__truediv__ already defined",
    ),
    pytest.param(method("__nonzero__", extra="    truth = __nonzero__\n"), id="read in body"),
    pytest.param(
        method("__nonzero__", extra="    def __nonzero__(self):\n        return 0\n"),
        id="defined twice",
    ),
    pytest.param(method("__nonzero__") + "x = C().__nonzero__()\n", id="called as an attribute"),
    pytest.param("class C:\n    __nonzero__ = lambda self: False\n", id="defined by assignment"),
    pytest.param(
        "class C:\n    if X:\n        def __nonzero__(self):\n            return 0\n",
        id="defined under if",
    ),
    pytest.param("def __nonzero__(self):\n    return 0\n", id="module-level function"),
    pytest.param(
        "class C:\n    def f(self):\n        def __nonzero__():\n            return 0\n",
        id="nested function, not a method",
    ),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(Py2DunderMethods, source)


def test_unicode_and_str_noted() -> None:
    source = method(
        "__unicode__", head="class Both:", extra="    def __str__(self):\n        return ''\n"
    )
    outcome = assert_noop(Py2DunderMethods, source)
    assert any("class Both defines __str__ and __unicode__" in note for note in outcome.notes)


def test_slice_methods_noted_not_renamed() -> None:
    source = method(
        "__getslice__", head="class Seq:", extra="    def __delslice__(self, i, j):\n        pass\n"
    )
    outcome = assert_noop(Py2DunderMethods, source)
    assert any("class Seq defines __getslice__, __delslice__" in n for n in outcome.notes)


BEHAVIOUR = """\
class Money(object):
    def __init__(self, cents):
        self.cents = cents

    def __nonzero__(self):
        return self.cents != 0

    def __unicode__(self):
        return u"%d cents" % self.cents

    def __div__(self, n):
        return Money(self.cents // n)

    def __rdiv__(self, n):
        return n // self.cents

    def __idiv__(self, n):
        self.cents = -1
        return self

m = Money(10)
seen = [bool(Money(0)), bool(m), str(m), (m / 3).cents, 30 / Money(4)]
m /= 2
seen.append(m.cents)
"""


def test_behaviour_on_python3() -> None:
    """What Python 2 did with the old names, Python 3 does with the new ones."""
    after = run(Py2DunderMethods, BEHAVIOUR).code
    namespace: dict[str, object] = {}
    exec(after, namespace)
    assert namespace["seen"] == [False, True, "10 cents", 3, 7, -1]
