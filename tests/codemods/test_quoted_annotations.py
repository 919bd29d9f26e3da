import ast

import pytest

from codemods.quoted_annotations import QuotedAnnotations
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example

FUTURE = "from __future__ import annotations\n"

REWRITES = [
    pytest.param(
        FUTURE + "def f(a: 'int', *args: 'str', **kw: 'bytes') -> 'C': ...\nclass C: ...\n",
        FUTURE + "def f(a: int, *args: str, **kw: bytes) -> C: ...\nclass C: ...\n",
        id="signature",
    ),
    pytest.param(
        FUTURE + "x: 'C | None' = None\nclass C:\n    y: 'C'\n",
        FUTURE + "x: C | None = None\nclass C:\n    y: C\n",
        id="module and class variables",
    ),
    pytest.param(
        FUTURE + "from typing import Optional, Annotated\n"
        "x: Optional['C']\ny: Annotated['C', 'meta']\nz: 'C' | None\n",
        FUTURE + "from typing import Optional, Annotated\n"
        "x: Optional[C]\ny: Annotated[C, 'meta']\nz: C | None\n",
        id="nested strings; Annotated metadata kept",
    ),
    pytest.param(
        FUTURE + "x: '''int'''\ny: r'int'\n",
        FUTURE + "x: int\ny: int\n",
        id="other quotes",
    ),
    pytest.param(
        "def f(a: 'C') -> None:\n    b: 'C' = a\n",
        "def f(a: 'C') -> None:\n    b: C = a\n",
        id="without the future import: local variables only",
    ),
    pytest.param(
        FUTURE + "# the type\nx: 'int' = 1  # one\n",
        FUTURE + "# the type\nx: int = 1  # one\n",
        id="comments around survive",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(QuotedAnnotations, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def f(a: 'C') -> 'C': ...\nx: 'C'\n", id="evaluated without the future"),
        pytest.param(
            "class K:\n    def f(self):\n        class L:\n            x: 'C'\n",
            id="class variable in a function: evaluated",
        ),
        pytest.param(FUTURE + "from typing import Literal\nx: Literal['a']\n", id="Literal"),
        pytest.param(FUTURE + "x: 'int  # small'\n", id="a comment in the string"),
        pytest.param(FUTURE + "x: 'int' 'str'\n", id="implicit concatenation"),
        pytest.param(FUTURE + "x: b'int'\n", id="bytes"),
        pytest.param(FUTURE + "x: 'List[\\\nint]'\n", id="escaped newline"),
        pytest.param(FUTURE + 'x: """Dict[\n    str, int]"""\n', id="several lines"),
        pytest.param(FUTURE + "x: ' int '\n", id="surrounding spaces"),
        pytest.param(FUTURE + "x: '1 +'\n", id="not an expression"),
        pytest.param(FUTURE + "def f(*a: '*Ts'): ...\n", id="starred"),
        pytest.param(FUTURE + "x: 'lambda: 1'\n", id="a lambda"),
        pytest.param(FUTURE + "x: 'int, str'\n", id="a tuple"),
        pytest.param(FUTURE + "from typing import cast\ny = cast('int', 1)\n", id="not annotation"),
        pytest.param(
            FUTURE + "from typing import Annotated\nx: Annotated[int, Field('a')]\n", id="call"
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(QuotedAnnotations, source)


def test_target_gating() -> None:
    assert_noop(QuotedAnnotations, "def f():\n    b: 'C' = 1\n", "3.5")


def test_docstring_example() -> None:
    assert_rewrite(QuotedAnnotations, *docstring_example(QuotedAnnotations))


def located(source: str) -> set[int] | None:
    return QuotedAnnotations.locate(AstIndex(ast.parse(source)))


def test_locate_skips_evaluated_annotations() -> None:
    # Without postponed annotations only the annotations of variables lose their quotes.
    source = 'def f(x: "Node") -> "Node":\n    return x\n'
    assert QuotedAnnotations.wants(source)
    assert located(source) == set()


def test_locate_finds_the_strings_in_annotations() -> None:
    source = 'from __future__ import annotations\n\ndef f(x: int) -> "N":\n    y: "int" = x\n'
    assert located(source) == {3, 4}
