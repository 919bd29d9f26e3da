import pytest

from codemods.six_metaclass import SixMetaclass
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        "import abc\nimport six\n@six.add_metaclass(abc.ABCMeta)\nclass A:\n    pass\n",
        "import abc\nclass A(metaclass=abc.ABCMeta):\n    pass\n",
        id="add_metaclass on a class without bases",
    ),
    pytest.param(
        "from six import add_metaclass\n@register\n# why\n@add_metaclass(Meta)\nclass B(Base,):\n"
        "    x = 1\n",
        "@register\n# why\nclass B(Base, metaclass=Meta):\n    x = 1\n",
        id="add_metaclass under another decorator, comment above it kept",
    ),
    pytest.param(
        "import six\nclass C(six.with_metaclass(Meta, Base, Mixin)):\n    pass\n",
        "class C(Base, Mixin, metaclass=Meta):\n    pass\n",
        id="with_metaclass with bases",
    ),
    pytest.param(
        "from future.utils import with_metaclass\nclass D(with_metaclass(Meta)):\n    pass\n",
        "class D(metaclass=Meta):\n    pass\n",
        id="future.utils.with_metaclass without bases",
    ),
    pytest.param(
        "import six\nclass E(six.with_metaclass(Meta, object)):\n    pass\nif six.PY2:\n    pass\n",
        "import six\nclass E(object, metaclass=Meta):\n    pass\nif six.PY2:\n    pass\n",
        id="six kept while something else uses it",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(SixMetaclass, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "import six\n@six.add_metaclass(Meta)\n@other\nclass A: pass\n",
            id="add_metaclass not nearest the class",
        ),
        pytest.param(
            "import six\n@six.add_metaclass(make())\nclass A: pass\n", id="metaclass is a call"
        ),
        pytest.param(
            "import six\n@six.add_metaclass(Meta)  # why\nclass A: pass\n", id="comment on it"
        ),
        pytest.param(
            "import six\n@six.add_metaclass(Meta)\nclass A(Base, flag=True): pass\n",
            id="class keywords",
        ),
        pytest.param(
            "import six\nclass A(six.with_metaclass(Meta, Base), Other): pass\n",
            id="other bases next to with_metaclass",
        ),
        pytest.param(
            "import six\nclass A(six.with_metaclass(Meta, *bases)): pass\n", id="star bases"
        ),
        pytest.param(
            "def add_metaclass(m):\n    return lambda c: c\n@add_metaclass(Meta)\nclass A: pass\n",
            id="not six's add_metaclass",
        ),
        pytest.param(
            "def f(six):\n    class A(six.with_metaclass(Meta)): pass\n", id="six is a parameter"
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(SixMetaclass, source)


def test_docstring_example() -> None:
    assert_rewrite(SixMetaclass, *docstring_example(SixMetaclass))
