import pytest
from libcst.metadata import ScopeProvider

from codemods.object_base_class import ObjectBaseClass
from tests.helpers import assert_noop, assert_rewrite, docstring_example, record_metadata, run

REWRITES = [
    pytest.param("class A(object):\n    pass\n", "class A:\n    pass\n", id="only base"),
    pytest.param("class A():\n    pass\n", "class A:\n    pass\n", id="empty parentheses"),
    pytest.param("class A( ):\n    pass\n", "class A:\n    pass\n", id="parentheses with a space"),
    pytest.param("class A(B, object):\n    pass\n", "class A(B):\n    pass\n", id="last base"),
    pytest.param("class A(object, B):\n    pass\n", "class A(B):\n    pass\n", id="first base"),
    pytest.param("class A(object,):\n    pass\n", "class A:\n    pass\n", id="trailing comma"),
    pytest.param(
        "class A(object, metaclass=M):\n    pass\n",
        "class A(metaclass=M):\n    pass\n",
        id="keyword kept",
    ),
    pytest.param(
        "class A(B, object, metaclass=M):\n    pass\n",
        "class A(B, metaclass=M):\n    pass\n",
        id="between a base and a keyword",
    ),
    pytest.param(
        "class A(\n    Base,\n    object,\n):\n    pass\n",
        "class A(\n    Base,\n):\n    pass\n",
        id="multi-line with a trailing comma",
    ),
    pytest.param(
        "class A(\n    object,  # new-style\n):\n    pass\n",
        "class A:  # new-style\n    pass\n",
        id="comment moved to the class line",
    ),
    pytest.param(
        "class A(Base,\n        object):  # keep\n    pass\n",
        "class A(Base):  # keep\n    pass\n",
        id="comment after the colon stays",
    ),
    pytest.param(
        "class A(object): pass\nclass B(): x = 1\n",
        "class A: pass\nclass B: x = 1\n",
        id="one-line bodies",
    ),
    pytest.param(
        "def f():\n    class A(object):\n        pass\n    return A\n",
        "def f():\n    class A:\n        pass\n    return A\n",
        id="class in a function",
    ),
    pytest.param(
        "class A(object):\n    class B(object):\n        object = 1\n",
        "class A:\n    class B:\n        object = 1\n",
        id="object bound in a class body does not reach the bases",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(ObjectBaseClass, before, after)


NOOPS = [
    pytest.param("class A:\n    pass\n", id="no parentheses"),
    pytest.param("class A(B):\n    pass\n", id="another base"),
    pytest.param("class A(metaclass=M):\n    pass\n", id="keyword only"),
    pytest.param("object = Base\nclass A(object):\n    pass\n", id="object rebound in the module"),
    pytest.param("from builtins import object\nclass A(object):\n    pass\n", id="object imported"),
    pytest.param("from compat import *\nclass A(object):\n    pass\n", id="star import"),
    pytest.param(
        "def f(object):\n    class A(object):\n        pass\n", id="object is a parameter"
    ),
    pytest.param("class A(builtins.object):\n    pass\n", id="attribute, not the name"),
    pytest.param(
        "class A(  # one\n    object,  # two\n):\n    pass\n",
        id="two comments have nowhere to go",
    ),
    pytest.param(
        "class A(\n    object  # why\n):  # already here\n    pass\n",
        id="class line already has a comment",
    ),
    pytest.param("class A(  # why\n): pass\n", id="one-line body has no line for the comment"),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(ObjectBaseClass, source)


def test_older_target_left_alone() -> None:
    assert_noop(ObjectBaseClass, "class A(object):\n    pass\n", target="2.7")


def test_docstring_example() -> None:
    assert_rewrite(ObjectBaseClass, *docstring_example(ObjectBaseClass))


def test_scopes_only_where_object_is_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    resolved = record_metadata(monkeypatch)
    assert run(ObjectBaseClass, "class A(object):\n    pass\n").code == "class A:\n    pass\n"
    assert ScopeProvider not in resolved  # the symbol tables say object is bound nowhere
    assert run(ObjectBaseClass, "object = Base\nclass A(object):\n    pass\n").rewrites == {}
    assert ScopeProvider in resolved
