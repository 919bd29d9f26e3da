import ast

import pytest

from codemods.pep585_builtin_generics import Pep585BuiltinGenerics
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example

FUTURE = "from __future__ import annotations\n"

REWRITES = [
    pytest.param(
        "from typing import List, Dict\nx: List[int] = []\ny: Dict[str, int] = {}\n",
        "x: list[int] = []\ny: dict[str, int] = {}\n",
        "3.9",
        id="annotations; the typing import goes",
    ),
    pytest.param(
        "from typing import Tuple, Type, FrozenSet, Set\n"
        "def f(a: Tuple[int, ...], b: Type[int]) -> FrozenSet[Set[int]]: ...\n",
        "def f(a: tuple[int, ...], b: type[int]) -> frozenset[set[int]]: ...\n",
        "3.9",
        id="signature",
    ),
    pytest.param(
        "import typing\nx = typing.List[int]\nok = isinstance(x, typing.Dict)\n",
        "x = list[int]\nok = isinstance(x, dict)\n",
        "3.9",
        id="outside annotations from 3.9, bare aliases too",
    ),
    pytest.param(
        "import typing as t\nfrom typing import List as L\ndef f(a: L[int]) -> t.Set[int]: ...\n",
        "def f(a: list[int]) -> set[int]: ...\n",
        "3.9",
        id="aliased imports",
    ),
    pytest.param(
        "from typing import Deque, DefaultDict\nq: Deque[int]\nd: DefaultDict[str, int]\n",
        "from collections import defaultdict, deque\n\nq: deque[int]\nd: defaultdict[str, int]\n",
        "3.9",
        id="from-imported names of collections: the class is imported",
    ),
    pytest.param(
        "import typing\n"
        "def f(p: typing.Pattern[str], s: typing.Sequence[int]) -> typing.Callable[[], int]: ...\n",
        "import collections.abc\nimport re\n\n"
        "def f(p: re.Pattern[str], s: collections.abc.Sequence[int]) -> "
        "collections.abc.Callable[[], int]: ...\n",
        "3.10",
        id="dotted aliases: the dotted class, its module imported",
    ),
    pytest.param(
        "import typing\nc: typing.ContextManager[int]\ns: typing.AbstractSet[int]\n",
        "import collections.abc\nimport contextlib\n\n"
        "c: contextlib.AbstractContextManager[int]\ns: collections.abc.Set[int]\n",
        "3.9",
        id="renamed aliases",
    ),
    pytest.param(
        'from typing import List\nx: "List[int]" = []\n',
        'x: "list[int]" = []\n',
        "3.9",
        id="inside a string annotation",
    ),
    pytest.param(
        FUTURE + "from typing import List\ndef f(a: List[int]) -> None:\n    b = List[int]\n",
        FUTURE + "from typing import List\ndef f(a: list[int]) -> None:\n    b = List[int]\n",
        "3.8",
        id="3.8 with postponed annotations: annotations only",
    ),
    pytest.param(
        "from typing import List\nx: List[int] = []  # the list\n# end\n",
        "x: list[int] = []  # the list\n# end\n",
        "3.9",
        id="comments survive",
    ),
    pytest.param(
        "from typing import List, Literal\nx: Literal['List'] = 'List'\ny: List[str]\n",
        "from typing import Literal\nx: Literal['List'] = 'List'\ny: list[str]\n",
        "3.9",
        id="strings in Literal are data",
    ),
    pytest.param(
        "from typing import List\nclass C(List[int]):\n    items: List[int]\n",
        "from typing import List\nclass C(List[int]):\n    items: list[int]\n",
        "3.9",
        id="class bases are kept, the class body is not",
    ),
]


@pytest.mark.parametrize(("before", "after", "target"), REWRITES)
def test_rewrite(before: str, after: str, target: str) -> None:
    assert_rewrite(Pep585BuiltinGenerics, before, after, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        pytest.param("from typing import List\nx: List[int] = []\n", "3.8", id="3.8, no future"),
        pytest.param(
            FUTURE + "import typing\ns: typing.Sequence[int]\n", "3.8", id="3.8: abc aliases wait"
        ),
        pytest.param(
            FUTURE + "import pydantic\nfrom typing import List\nx: List[int]\n",
            "3.8",
            id="3.8: a library evaluates annotations at run time",
        ),
        pytest.param(
            "import typing\nf: typing.Callable[[], int]\n", "3.9", id="Callable waits for 3.10"
        ),
        pytest.param(
            "from typing import Sequence\ns: Sequence[int]\n",
            "3.9",
            id="same-named from-import: the import moves elsewhere",
        ),
        pytest.param(
            "from typing import List\nclass C:\n    def list(self): ...\n    x: List[int]\n",
            "3.9",
            id="list is a method in that class scope",
        ),
        pytest.param(
            "from typing import Deque\ndeque = 1\nq: Deque[int]\n", "3.9", id="deque is bound"
        ),
        pytest.param(
            "import typing\ncollections = 1\nc: typing.Counter[str]\n",
            "3.9",
            id="collections is a variable",
        ),
        pytest.param("List = list\nx: List[int]\n", "3.9", id="a local List"),
        pytest.param("import typing\ntyping.List = 1\n", "3.9", id="assignment, not a read"),
        pytest.param("from typing import List\ndel List\n", "3.9", id="del, not a read"),
        pytest.param("from typing import List\nf(List=1)\n", "3.9", id="a keyword"),
    ],
)
def test_noop(source: str, target: str) -> None:
    assert_noop(Pep585BuiltinGenerics, source, target)


def test_target_gating() -> None:
    source = "from typing import List\ndef f(a: List[int]) -> List[int]: ...\n"
    assert_noop(Pep585BuiltinGenerics, source, "3.8")
    assert_rewrite(Pep585BuiltinGenerics, source, "def f(a: list[int]) -> list[int]: ...\n", "3.9")


def test_docstring_example() -> None:
    assert_rewrite(Pep585BuiltinGenerics, *docstring_example(Pep585BuiltinGenerics), "3.10")


def located(source: str) -> set[int] | None:
    return Pep585BuiltinGenerics.locate(AstIndex(ast.parse(source)))


def test_locate_skips_a_file_without_the_aliases() -> None:
    # No typing alias is imported, nor typing itself.
    source = "from typing import Any, cast\n\nx = cast(Any, [])\n"
    assert Pep585BuiltinGenerics.wants(source)
    assert located(source) == set()


def test_locate_finds_the_alias_imports() -> None:
    assert located("import os\nfrom typing_extensions import List as L\n") == {2}
