import pytest

from codemods.named_tuple_to_dataclass import NamedTupleToDataclass
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param(
        """\
        from typing import NamedTuple

        class Point(NamedTuple):
            x: int
            y: int = 0
        """,
        """\
        from dataclasses import dataclass

        @dataclass(frozen=True)
        class Point:
            x: int
            y: int = 0
        """,
        id="docstring example",
    ),
    pytest.param(
        """\
        import typing


        # A 2D point.
        class P(typing.NamedTuple):
            \"\"\"Doc.\"\"\"

            x: int  # across
            y: float = -1.5
            tag: tuple = ("a", None, True)

            @property
            def norm(self) -> float:
                return abs(self.x) + abs(self.y)

            @classmethod
            def origin(cls) -> "P":
                return cls(0, 0.0)

            @staticmethod
            def unit(n):
                return n[0]

            def __repr__(self) -> str:
                return f"P<{self.x}>"


        p = P(1)
        q = p
        print(q.x, p == P(1), p is q, p.norm)
        """,
        """\
        from dataclasses import dataclass


        # A 2D point.
        @dataclass(frozen=True)
        class P:
            \"\"\"Doc.\"\"\"

            x: int  # across
            y: float = -1.5
            tag: tuple = ("a", None, True)

            @property
            def norm(self) -> float:
                return abs(self.x) + abs(self.y)

            @classmethod
            def origin(cls) -> "P":
                return cls(0, 0.0)

            @staticmethod
            def unit(n):
                return n[0]

            def __repr__(self) -> str:
                return f"P<{self.x}>"


        p = P(1)
        q = p
        print(q.x, p == P(1), p is q, p.norm)
        """,
        id="module import, comments, methods, instances used as records",
    ),
    pytest.param(
        """\
        from dataclasses import dataclass
        from typing import NamedTuple as NT

        class A(NT):
            x: int

        class B(NT):
            y: int

        def f(a: A, b: B) -> int:
            return a.x + b[0]
        """,
        """\
        from dataclasses import dataclass
        from typing import NamedTuple as NT

        @dataclass(frozen=True)
        class A:
            x: int

        class B(NT):
            y: int

        def f(a: A, b: B) -> int:
            return a.x + b[0]
        """,
        id="alias kept for the refused class; dataclass already imported",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(NamedTupleToDataclass, before, after, unsafe=True)


HEAD = "from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    y: int = 0\n"


@pytest.mark.parametrize(
    "tail",
    [
        pytest.param("print(P(1)[0])\n", id="indexing a new instance"),
        pytest.param("p = P(1)\nq = p\nprint(q[0])\n", id="indexing through an alias"),
        pytest.param("def f(p: P):\n    return len(p)\n", id="len of an annotated parameter"),
        pytest.param("x, y = P(1)\n", id="unpacking"),
        pytest.param("for v in P(1):\n    pass\n", id="iteration"),
        pytest.param("print(*P(1))\n", id="star argument"),
        pytest.param("t = P(1) + (2,)\n", id="concatenation"),
        pytest.param("print('%s %s' % P(1))\n", id="printf formatting"),
        pytest.param("ok = P(1) < P(2)\n", id="ordering"),
        pytest.param("ok = P(1) == (1, 0)\n", id="equality with a tuple"),
        pytest.param("ok = 1 in P(1)\n", id="membership"),
        pytest.param("n = P(1).count(1)\n", id="tuple method"),
        pytest.param("ok = isinstance(P(1), tuple)\n", id="isinstance tuple"),
        pytest.param("p: P = P(1)\nh = sorted(p)\n", id="sorted of an annotated name"),
        pytest.param("q = P(1)._replace(x=2)\n", id="_replace"),
        pytest.param("d = something._asdict()\n", id="_asdict anywhere in the file"),
        pytest.param("print(P.x)\n", id="a field read on the class"),
        pytest.param("class Q(P):\n    pass\n", id="a subclass"),
        pytest.param("P = None\n", id="the class is rebound"),
        pytest.param("dataclass = None\n", id="dataclass is another name"),
    ],
)
def test_noop_uses(tail: str) -> None:
    assert_noop(NamedTupleToDataclass, HEAD + tail, unsafe=True)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            HEAD + "    def first(self):\n        return self[0]\n", id="a method indexes self"
        ),
        pytest.param(
            HEAD + "    def all(self):\n        return list(self)\n", id="a method iterates self"
        ),
        pytest.param(
            HEAD + "    @classmethod\n    def f(cls):\n        return cls(1) < cls(2)\n",
            id="a classmethod orders instances",
        ),
        pytest.param(
            HEAD + "    def __getitem__(self, i):\n        return 0\n", id="a dunder method"
        ),
        pytest.param(HEAD + "    def r(self):\n        return super().__repr__()\n", id="super()"),
        pytest.param(
            HEAD + "    @functools.cache\n    def f(self):\n        return 1\n", id="decorator"
        ),
        pytest.param(
            "from typing import NamedTuple\nclass P(NamedTuple):\n    x: list = []\n",
            id="unhashable default",
        ),
        pytest.param(
            "from typing import NamedTuple\nclass P(NamedTuple):\n    x: int = f()\n",
            id="call default",
        ),
        pytest.param(
            "from typing import ClassVar, NamedTuple\nclass P(NamedTuple):\n    x: ClassVar[int]\n",
            id="ClassVar would stop being a field",
        ),
        pytest.param(
            "from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    z = 1\n",
            id="an unannotated class attribute",
        ),
        pytest.param(
            "from typing import NamedTuple\nclass P(NamedTuple): x: int\n", id="one-line class"
        ),
        pytest.param(
            "from typing import NamedTuple\n@total_ordering\nclass P(NamedTuple):\n    x: int\n",
            id="decorated class",
        ),
        pytest.param(
            "from typing import Generic, NamedTuple\nclass P(NamedTuple, Generic[T]):\n    x: T\n",
            id="two bases",
        ),
        pytest.param(
            "from typing import NamedTuple\nclass P(NamedTuple  # tuple\n):\n    x: int\n",
            id="comment in the bases",
        ),
        pytest.param(
            "from mylib import NamedTuple\nclass P(NamedTuple):\n    x: int\n",
            id="not typing.NamedTuple",
        ),
        pytest.param(
            "from typing import NamedTuple\nclass P(NamedTuple):\n    pass\n", id="no fields"
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(NamedTupleToDataclass, source, unsafe=True)


def test_only_under_unsafe() -> None:
    before, _ = docstring_example(NamedTupleToDataclass)
    assert_noop(NamedTupleToDataclass, before)


def test_target_without_dataclasses_is_a_noop() -> None:
    before, _ = docstring_example(NamedTupleToDataclass)
    assert_noop(NamedTupleToDataclass, before, target="3.6", unsafe=True)


BEHAVIOUR = """\
from typing import NamedTuple


class Point(NamedTuple):
    x: int
    y: int = 0
    label: str = "p"

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)

    @classmethod
    def origin(cls) -> "Point":
        return cls(0)

    def moved(self, dx: int) -> "Point":
        return Point(self.x + dx, self.y, label=self.label)


p = Point(1, y=-2)
print(p, repr(p), str(p), p.x, p.y, p.label, p.norm)
print(p == Point(1, -2), p != Point.origin(), p.moved(2), hash(p) == hash(Point(1, -2)))
print(len({p, Point(1, -2), Point.origin()}))
try:
    p.x = 5
except AttributeError:
    print("frozen")
"""


def test_same_output_on_a_real_interpreter() -> None:
    after = run(NamedTupleToDataclass, BEHAVIOUR, unsafe=True).code
    assert "@dataclass(frozen=True)" in after and "NamedTuple" not in after
    assert pyenv_output("3.11", BEHAVIOUR) == pyenv_output("3.11", after)


def test_unseen_tuple_use_is_why_it_is_unsafe() -> None:
    before = HEAD + "def same(a, b):\n    return a == b\nprint(same(P(1, 2), (1, 2)))\n"
    after = run(NamedTupleToDataclass, before, unsafe=True).code
    assert "@dataclass(frozen=True)" in after
    assert pyenv_output("3.11", before) == "True\n"
    assert pyenv_output("3.11", after) == "False\n"


def test_docstring_example() -> None:
    before, after = docstring_example(NamedTupleToDataclass)
    assert_rewrite(NamedTupleToDataclass, before, after, unsafe=True)
