import pytest

from codemods.named_tuple_class_syntax import NamedTupleClassSyntax
from codemods.pep585_builtin_generics import Pep585BuiltinGenerics
from codemods.pep604_unions import Pep604Unions
from codemods.quoted_annotations import QuotedAnnotations
from codemods.type_comments_to_annotations import TypeCommentsToAnnotations
from codemods.typing_default_type_args import TypingDefaultTypeArgs
from codemods.typing_deprecated_imports import TypingDeprecatedImports
from legacylift.engine import Settings, modernize_text
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

FUTURE = "from __future__ import annotations\n"
LIST = "from typing import List\n"

REWRITES = [
    pytest.param(
        LIST + "x = []  # type: List[int]\n",
        LIST + "x: List[int] = []\n",
        "3.8",
        id="module variable, its import bound above",
    ),
    pytest.param(
        "def f():\n    x = []  # type: Later\nclass Later: ...\n",
        "def f():\n    x: Later = []\nclass Later: ...\n",
        "3.8",
        id="local variable: never evaluated, no quotes",
    ),
    pytest.param(
        "x = None  # type: Later\nclass Later: ...\n",
        'x: "Later" = None\nclass Later: ...\n',
        "3.8",
        id="a name bound below is quoted",
    ),
    pytest.param(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from os import PathLike\n"
        "p = None  # type: PathLike\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from os import PathLike\n"
        'p: "PathLike" = None\n',
        "3.8",
        id="imported only for type checkers: quoted",
    ),
    pytest.param(
        "x = []  # type: list[int]\ny = 0  # type: int | None\n",
        'x: "list[int]" = []\ny: "int | None" = 0\n',
        "3.8",
        id="syntax newer than the target: quoted",
    ),
    pytest.param(
        "x = []  # type: list[int]\ny = 0  # type: int | None\n",
        "x: list[int] = []\ny: int | None = 0\n",
        "3.10",
        id="the same on 3.10",
    ),
    pytest.param(
        FUTURE + "x = None  # type: Later\n",
        FUTURE + "x: Later = None\n",
        "3.8",
        id="postponed annotations: never quoted",
    ),
    pytest.param(
        FUTURE + "x = None  # type: Optional['Tree']\ny = 1  # type: Literal['a']\n",
        FUTURE + "x: Optional[Tree] = None\ny: Literal['a'] = 1\n",
        "3.8",
        id="postponed: forward references unquoted, Literal strings kept",
    ),
    pytest.param(
        "class C:\n    size = 0  # type: int\n    def __init__(self):\n"
        "        self.items = []  # type: list\n",
        "class C:\n    size: int = 0\n    def __init__(self):\n        self.items: list = []\n",
        "3.8",
        id="class variable of a plain class, attribute target",
    ),
    pytest.param(
        "x = 1  # type: int  # why not\n# end\n",
        "x: int = 1  # why not\n# end\n",
        "3.8",
        id="the comment after the type comment survives",
    ),
    pytest.param(
        "class Node:\n    def add(self, other, *rest, **kw):\n"
        "        # type: (Node, *int, **str) -> Node\n        return self\n",
        'class Node:\n    def add(self, other: "Node", *rest: int, **kw: str) -> "Node":\n'
        "        return self\n",
        "3.8",
        id="signature on the next line, self left out, the class quoted inside itself",
    ),
    pytest.param(
        "class C:\n    @staticmethod\n"
        "    def f(a, b=1):  # type: (int, int) -> None\n        pass\n",
        "class C:\n    @staticmethod\n    def f(a: int, b: int = 1) -> None:\n        pass\n",
        "3.8",
        id="static method, default",
    ),
    pytest.param(
        "def f(a, *, k=None):  # type: (...) -> bool\n    return True\n",
        "def f(a, *, k=None) -> bool:\n    return True\n",
        "3.8",
        id="return type only",
    ),
    pytest.param(
        "def f(a):\n    # type: (int) -> None\n    # body\n    pass\n",
        "def f(a: int) -> None:\n    # body\n    pass\n",
        "3.8",
        id="a comment line below the type comment survives",
    ),
]


@pytest.mark.parametrize(("before", "after", "target"), REWRITES)
def test_rewrite(before: str, after: str, target: str) -> None:
    assert_rewrite(TypeCommentsToAnnotations, before, after, target)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("x = f()  # type: ignore\n", id="type: ignore"),
        pytest.param("x = f()  # type: ignore[attr-defined]\n", id="type: ignore with codes"),
        pytest.param("a, b = 1, 2  # type: int, int\n", id="tuple target"),
        pytest.param("a = b = 1  # type: int\n", id="several targets"),
        pytest.param("x = 1; y = 2  # type: int\n", id="several statements"),
        pytest.param("for i in range(3):  # type: int\n    pass\n", id="for"),
        pytest.param("with f() as g:  # type: int\n    pass\n", id="with"),
        pytest.param("def f():\n    global x\n    x = 1  # type: int\n", id="global name"),
        pytest.param(
            "from dataclasses import dataclass\n@dataclass\nclass C:\n    x = 1  # type: int\n",
            id="a dataclass: the annotation would make a field",
        ),
        pytest.param("class C(Base):\n    x = 1  # type: int\n", id="class with bases"),
        pytest.param("x = 1  # type: 1 +\n", id="not an expression"),
        pytest.param("x = f  # type: lambda: int\n", id="not a type"),
        pytest.param(
            "def f(a,  # type: int\n      b):\n    # type: (...) -> None\n    pass\n",
            id="per-argument comments",
        ),
        pytest.param("def f(a, b):  # type: (int) -> None\n    pass\n", id="count mismatch"),
        pytest.param("def f(*a):  # type: (int) -> None\n    pass\n", id="star mismatch"),
        pytest.param("def f(a: int):  # type: (int) -> None\n    pass\n", id="annotated"),
        pytest.param("def f(a):  # type: int\n    pass\n", id="not a signature"),
        pytest.param("x = 1  # types: int\n", id="not a type comment"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(TypeCommentsToAnnotations, source)


def test_consumed_comments() -> None:
    outcome = run(TypeCommentsToAnnotations, "x = 1  # type: int  # why\n")
    assert outcome.consumed == ["# type: int  # why"]


def test_the_typing_codemods_finish_in_one_pass() -> None:
    """In the registry's order, the annotations written here get the later rewrites at once."""
    order = (
        TypeCommentsToAnnotations, TypingDeprecatedImports, NamedTupleClassSyntax,
        Pep585BuiltinGenerics, Pep604Unions, QuotedAnnotations, TypingDefaultTypeArgs,
    )  # fmt: skip
    source = (
        "from typing import Generator, List, Optional, Text\n\n"
        "def f(xs, name=None):  # type: (List[int], Optional[Text]) -> Generator[int, None, None]\n"
        "    seen = []  # type: List[Optional[Text]]\n"
        "    yield 1\n"
    )
    expected = (
        "from collections.abc import Generator\n\n"
        "def f(xs: list[int], name: str | None = None) -> Generator[int]:\n"
        "    seen: list[str | None] = []\n"
        "    yield 1\n"
    )
    outcome = modernize_text(source, Settings((3, 13), order))
    assert outcome.code == expected


def test_target_gating() -> None:
    assert_noop(TypeCommentsToAnnotations, "x = 1  # type: int\n", "3.5")


def test_docstring_example() -> None:
    assert_rewrite(TypeCommentsToAnnotations, *docstring_example(TypeCommentsToAnnotations))
