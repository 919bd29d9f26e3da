import ast

import pytest

from codemods.pep604_unions import Pep604Unions
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example

FUTURE = "from __future__ import annotations\n"

REWRITES = [
    pytest.param(
        "from typing import Optional\nx: Optional[int] = None\n",
        "x: int | None = None\n",
        "3.10",
        id="Optional; the import goes",
    ),
    pytest.param(
        "import typing\ndef f(a: typing.Union[int, str, bytes]) -> typing.Optional[int]: ...\n",
        "def f(a: int | str | bytes) -> int | None: ...\n",
        "3.10",
        id="dotted, three members",
    ),
    pytest.param(
        "from typing import Optional, Union, List\n"
        "def f(a: Optional[Union[int, str]], b: List[Optional[int]]): ...\n",
        "from typing import List\ndef f(a: int | str | None, b: List[int | None]): ...\n",
        "3.10",
        id="nested",
    ),
    pytest.param(
        "from typing import Union\na: Union[int]\nb: Union[(int, str)]\nc: Union[int, str,]\n",
        "a: int\nb: int | str\nc: int | str\n",
        "3.10",
        id="one member, a tuple, a trailing comma",
    ),
    pytest.param(
        "from typing import Optional\nx: 'Optional[int]'\n",
        "x: 'int | None'\n",
        "3.10",
        id="inside a string annotation",
    ),
    pytest.param(
        "from typing import Literal, Optional\nx: Optional[Literal['a', 'b']]\n",
        "from typing import Literal\nx: Literal['a', 'b'] | None\n",
        "3.10",
        id="strings inside a member are fine",
    ),
    pytest.param(
        FUTURE + "from typing import Optional\ndef f(a: Optional[int]) -> None:\n"
        "    b = Optional[int]\n",
        FUTURE + "from typing import Optional\ndef f(a: int | None) -> None:\n"
        "    b = Optional[int]\n",
        "3.8",
        id="3.8 with postponed annotations; outside annotations left",
    ),
    pytest.param(
        "from typing import Optional\n# the value\nx: Optional[int] = None  # or nothing\n",
        "# the value\nx: int | None = None  # or nothing\n",
        "3.10",
        id="comments around survive",
    ),
]


@pytest.mark.parametrize(("before", "after", "target"), REWRITES)
def test_rewrite(before: str, after: str, target: str) -> None:
    assert_rewrite(Pep604Unions, before, after, target)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from typing import Optional\nx = Optional[int]\n", id="not an annotation"),
        pytest.param(
            "from typing import Optional\nx: Optional['C']\n", id="string member: 'C' | None fails"
        ),
        pytest.param(
            "from typing import Union\nx: Union[int, 'C']\n", id="string member of a Union"
        ),
        pytest.param("from typing import Union\nx: Union[()]\n", id="empty Union"),
        pytest.param("from typing import Optional\nx: Optional[None]\n", id="None | None fails"),
        pytest.param(
            "from typing import Union\nx: Union[\n    int,  # small\n    str,\n]\n",
            id="a comment inside would be lost",
        ),
        pytest.param("from typing import Optional\nx: Optional[int, str]\n", id="bad Optional"),
        pytest.param("Optional = dict\nx: Optional[int, str]\n", id="not typing's Optional"),
        pytest.param("from typing import Optional\nx: 'Optional[\\'C\\']'\n", id="escapes"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(Pep604Unions, source, "3.10")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from typing import Optional\nx: Optional[int]\n", id="3.9 without future"),
        pytest.param(
            FUTURE + "import sqlalchemy\nfrom typing import Optional\nx: Optional[int]\n",
            id="3.9: sqlalchemy evaluates annotations",
        ),
    ],
)
def test_target_gating(source: str) -> None:
    assert_noop(Pep604Unions, source, "3.9")


def test_docstring_example() -> None:
    assert_rewrite(Pep604Unions, *docstring_example(Pep604Unions), "3.10")


def located(source: str) -> set[int] | None:
    return Pep604Unions.locate(AstIndex(ast.parse(source)))


def test_locate_skips_a_file_without_the_typing_imports() -> None:
    # Neither Optional nor Union comes from typing: no annotation can hold them.
    source = "# Union of the options\nfrom typing import List\n\ndef f(x: List[int]) -> None: ...\n"
    assert Pep604Unions.wants(source)
    assert located(source) == set()


def test_locate_finds_the_typing_imports() -> None:
    # The whole file is parsed: type comments (not in the ast) may use the names.
    assert located("import os\nfrom typing import Optional\n") == {2}
    assert located("import typing as t\n") == {1}
