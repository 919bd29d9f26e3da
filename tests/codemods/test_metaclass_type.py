import pytest

from codemods.metaclass_type import MetaclassType
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        "__metaclass__ = type\n\nclass A:\n    pass\n",
        "class A:\n    pass\n",
        id="module level: no blank line left at the top",
    ),
    pytest.param(
        '"""Doc."""\n\n__metaclass__ = type\n\n\nclass A:\n    pass\n',
        '"""Doc."""\n\n\nclass A:\n    pass\n',
        id="after a docstring: blank lines not doubled",
    ),
    pytest.param(
        "class A:\n    __metaclass__ = type\n\n    def f(self):\n        pass\n",
        "class A:\n    def f(self):\n        pass\n",
        id="first in a class body",
    ),
    pytest.param(
        "class A:\n    __metaclass__ = type\n",
        "class A:\n    pass\n",
        id="only statement: pass",
    ),
    pytest.param(
        "class A:\n    x = 1\n    # py2 new-style\n    __metaclass__ = type  # why\n    y = 2\n",
        "class A:\n    x = 1\n    # py2 new-style\n    # why\n    y = 2\n",
        id="comments move to the next statement",
    ),
    pytest.param(
        "class A:\n    x = 1\n    __metaclass__ = type  # why\n\n\nz = 3\n",
        "class A:\n    x = 1\n    # why\n\n\nz = 3\n",
        id="last in a block: its comment stays at the end of the block",
    ),
    pytest.param(
        "class A:\n    x = 1; __metaclass__ = type\n",
        "class A:\n    x = 1\n",
        id="after a semicolon",
    ),
    pytest.param("class A: __metaclass__ = type\n", "class A: pass\n", id="one-line body"),
    pytest.param(
        "if PY2:\n    __metaclass__ = type\nx = 1\n",
        "if PY2:\n    pass\nx = 1\n",
        id="in a module-level block",
    ),
    pytest.param(
        "class A(metaclass=type):\n    pass\n", "class A:\n    pass\n", id="keyword alone"
    ),
    pytest.param(
        "class A(Base, metaclass=type):\n    pass\n",
        "class A(Base):\n    pass\n",
        id="keyword after a base",
    ),
    pytest.param(
        "class A(metaclass=type, flag=1):\n    pass\n",
        "class A(flag=1):\n    pass\n",
        id="other keywords kept",
    ),
    pytest.param(
        "class A(\n    Base,\n    metaclass=type,  # explicit\n):\n    pass\n",
        "class A(\n    Base,  # explicit\n):\n    pass\n",
        id="comment after the removed keyword's comma stays with the comma",
    ),
    pytest.param(
        "class A(metaclass=type  # explicit\n        ):\n    pass\n",
        "class A:  # explicit\n    pass\n",
        id="comment in removed parentheses moves to the class line",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(MetaclassType, before, after)


NOOPS = [
    pytest.param("def f():\n    __metaclass__ = type\n    return 1\n", id="a local in a function"),
    pytest.param("class A:\n    __metaclass__ = Meta\n", id="another metaclass"),
    pytest.param("class A(metaclass=Meta):\n    pass\n", id="another metaclass keyword"),
    pytest.param("type = MyMeta\nclass A(metaclass=type):\n    pass\n", id="type rebound"),
    pytest.param("type = M\n__metaclass__ = type\n", id="type rebound, module level"),
    pytest.param(
        "__metaclass__ = type\ndef f():\n    return __metaclass__\n", id="the global is read"
    ),
    pytest.param(
        "class A:\n    __metaclass__ = type\nprint(A.__metaclass__)\n", id="the attribute is read"
    ),
    pytest.param(
        "class A(  # one\n    metaclass=type,  # two\n):\n    pass\n",
        id="two comments have nowhere to go",
    ),
    pytest.param("x = __metaclass__ = type\n", id="chained assignment"),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(MetaclassType, source)


def test_older_target_left_alone() -> None:
    assert_noop(MetaclassType, "class A(metaclass=type):\n    pass\n", target="2.7")


def test_docstring_example() -> None:
    assert_rewrite(MetaclassType, *docstring_example(MetaclassType))
