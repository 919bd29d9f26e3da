"""Tests of the metaclass_attribute_to_keyword codemod: rewrites, refusals, behaviour."""

from __future__ import annotations

import inspect
import re
import textwrap

import pytest

from codemods.metaclass_attribute_to_keyword import MetaclassAttributeToKeyword
from tests.helpers import assert_noop, assert_rewrite, run

DOC_BEFORE = """\
class Plugin(Base):
    __metaclass__ = Registry

    def run(self):
        pass
"""
DOC_AFTER = """\
class Plugin(Base, metaclass=Registry):
    def run(self):
        pass
"""

REWRITES = [
    pytest.param(DOC_BEFORE, DOC_AFTER, id="docstring example"),
    pytest.param(
        "class A:\n    __metaclass__ = abc.ABCMeta\n    x = 1\n",
        "class A(metaclass=abc.ABCMeta):\n    x = 1\n",
        id="no bases: parens added; dotted name",
    ),
    pytest.param(
        "class A():\n    __metaclass__ = M\n",
        "class A(metaclass=M):\n    pass\n",
        id="empty body gets pass",
    ),
    pytest.param(
        "class A(B,):\n    __metaclass__ = M  # registered\n    x = 1\n",
        "class A(B, metaclass=M):\n    # registered\n    x = 1\n",
        id="trailing comma; trailing comment moved above the next statement",
    ),
    pytest.param(
        'class A(object):\n    """Doc."""\n\n    # Why.\n    __metaclass__ = M\n\n'
        "    def f(self):\n        print 'x'\n",
        'class A(object, metaclass=M):\n    """Doc."""\n\n    # Why.\n\n'
        "    def f(self):\n        print('x')\n",
        id="after a docstring; comment kept; print statement lifted",
    ),
    pytest.param(
        "__metaclass__ = type\n\nclass A:\n    pass\n",
        "class A:\n    pass\n",
        id="module-level __metaclass__ = type removed",
    ),
    pytest.param(
        "class Outer:\n    class Inner:\n        __metaclass__ = M\n        x = 1\n",
        "class Outer:\n    class Inner(metaclass=M):\n        x = 1\n",
        id="nested class",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(MetaclassAttributeToKeyword, before, after)


def test_docstring_example_round_trips() -> None:
    doc = inspect.cleandoc(MetaclassAttributeToKeyword.__doc__ or "")
    before, after = (textwrap.dedent(b) for b in re.findall(r"::\n\n((?: {4}.*\n|\n)+)", doc))
    assert (before.strip() + "\n", after.strip() + "\n") == (DOC_BEFORE, DOC_AFTER)
    assert_rewrite(MetaclassAttributeToKeyword, DOC_BEFORE, DOC_AFTER)


NOOPS = [
    pytest.param("class A:\n    __metaclass__ = make_meta()\n", id="call value"),
    pytest.param("class A:\n    M = Meta\n    __metaclass__ = M\n", id="name bound in the class"),
    pytest.param("class A:\n    __metaclass__ = M\n    __metaclass__ = N\n", id="bound twice"),
    pytest.param("class A:\n    __metaclass__ = M\n    m = __metaclass__\n", id="read in body"),
    pytest.param("class A:\n    __metaclass__ = M\nm = A.__metaclass__\n", id="read as attribute"),
    pytest.param("class A(metaclass=N):\n    __metaclass__ = M\n", id="metaclass= already"),
    pytest.param("class A(**kw):\n    __metaclass__ = M\n", id="**kwargs"),
    pytest.param("class A:\n    __metaclass__ = M; x = 1\n", id="two statements on the line"),
    pytest.param(
        'class A:\n    """Doc."""\n    __metaclass__ = M  # why\n', id="last line with a comment"
    ),
    pytest.param("def f():\n    __metaclass__ = M\n", id="in a function"),
    pytest.param("type = 1\n__metaclass__ = type\n", id="type rebound"),
    pytest.param("__metaclass__ = type\nprint(__metaclass__)\n", id="module value read"),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(MetaclassAttributeToKeyword, source)


def test_module_level_other_value_noted() -> None:
    outcome = assert_noop(MetaclassAttributeToKeyword, "__metaclass__ = Meta\n")
    assert any("module-level __metaclass__ does nothing" in note for note in outcome.notes)


BEHAVIOUR = """\
registry = []

class Registry(type):
    def __init__(cls, name, bases, ns):
        registry.append(name)
        super(Registry, cls).__init__(name, bases, ns)

class Base(object):
    __metaclass__ = Registry

class Plugin(Base):
    x = 1
"""


def test_behaviour_on_python3() -> None:
    """The metaclass runs in Python 3 again, as it did in Python 2."""
    after = run(MetaclassAttributeToKeyword, BEHAVIOUR).code
    namespace: dict[str, object] = {}
    exec(after, namespace)
    assert namespace["registry"] == ["Base", "Plugin"]
