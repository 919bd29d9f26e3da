import ast

import pytest

from codemods.typing_deprecated_imports import TypingDeprecatedImports
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

REWRITES = [
    pytest.param(
        "from typing_extensions import Final\nX: Final = 1\n",
        "from typing import Final\nX: Final = 1\n",
        "3.8",
        id="every name moves: the module changes",
    ),
    pytest.param(
        "from typing_extensions import Literal, TypedDict, Final\n",
        "from typing_extensions import TypedDict\nfrom typing import Literal, Final\n",
        "3.10",
        id="split: the original module first",
    ),
    pytest.param(
        "from typing import Sequence, Callable, Pattern, OrderedDict, cast\n",
        "from typing import Callable, cast\nfrom collections.abc import Sequence\n"
        "from re import Pattern\nfrom collections import OrderedDict\n",
        "3.9",
        id="typing aliases on 3.9 (Callable waits for 3.10)",
    ),
    pytest.param(
        "from typing.re import Match, Pattern\n",
        "from re import Match, Pattern\n",
        "3.9",
        id="typing.re to re on 3.9",
    ),
    pytest.param(
        "from typing_extensions import Sequence as Seq\n",
        "from collections.abc import Sequence as Seq\n",
        "3.9",
        id="moves chain, aliases kept",
    ),
    pytest.param(
        "from typing.re import Match\nfrom typing.io import IO\n"
        "from mypy_extensions import NoReturn\n",
        "from typing import Match\nfrom typing import IO\nfrom typing import NoReturn\n",
        "3.8",
        id="typing.re, typing.io, mypy_extensions",
    ),
    pytest.param(
        "import os; from typing_extensions import Final, Protocol  # compat\n",
        "import os; from typing_extensions import Protocol; from typing import Final  # compat\n",
        "3.8",
        id="line with several statements: split with a semicolon",
    ),
    pytest.param(
        "from typing import (\n    List,\n    Sequence,\n)\n",
        "from typing import (\n    List,\n)\nfrom collections.abc import (\n    Sequence,\n)\n",
        "3.9",
        id="parenthesized split keeps its layout",
    ),
    pytest.param(
        "try:\n    from typing import Literal\nexcept ImportError:\n"
        "    from typing_extensions import Literal\n",
        "try:\n    from typing import Literal\nexcept ImportError:\n"
        "    from typing import Literal\n",
        "3.10",
        id="fallback of a compatibility import",
    ),
    pytest.param(
        "from typing import Text\ndef f(s: Text) -> 'Text':\n    return Text(s)\n",
        "def f(s: str) -> 'str':\n    return str(s)\n",
        "3.8",
        id="Text is str everywhere; the import goes",
    ),
    pytest.param(
        "import typing\nx = typing.Text()  # empty\n",
        "x = str()  # empty\n",
        "3.8",
        id="typing.Text; comment survives",
    ),
]


@pytest.mark.parametrize(("before", "after", "target"), REWRITES)
def test_rewrite(before: str, after: str, target: str) -> None:
    assert_rewrite(TypingDeprecatedImports, before, after, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        pytest.param("from typing_extensions import Literal\n", "3.9", id="Literal waits for 3.10"),
        pytest.param("from typing import Sequence\n", "3.8", id="typing aliases wait for 3.9"),
        pytest.param(
            "from typing_extensions import get_type_hints\n",
            "3.12",
            id="get_type_hints waits for 3.13 (it strips ReadOnly/Required differently)",
        ),
        pytest.param("from typing_extensions import TypedDict\n", "3.13", id="TypedDict stays"),
        pytest.param("from .typing import Final\n", "3.13", id="relative import"),
        pytest.param("from typing_extensions import *\n", "3.13", id="star import"),
        pytest.param(
            "from typing import Text\ndef f(str): return Text\n", "3.8", id="str is a parameter"
        ),
        pytest.param(
            "from collections import Mapping\n", "3.10", id="collections_abc_imports' job"
        ),
        pytest.param("from typing import Text\ndel Text\n", "3.8", id="del, not a read"),
    ],
)
def test_noop(source: str, target: str) -> None:
    assert_noop(TypingDeprecatedImports, source, target)


def test_split_with_a_comment_inside_is_noted() -> None:
    source = "from typing_extensions import (  # compat\n    Final,\n    Protocol,\n)\n"
    outcome = assert_noop(TypingDeprecatedImports, source, "3.8")
    assert any("would lose a comment" in note for note in outcome.notes)


def test_target_gating() -> None:
    source = "from typing_extensions import Protocol\n"
    assert_noop(TypingDeprecatedImports, source, "3.11")
    assert run(TypingDeprecatedImports, source, "3.12").code == "from typing import Protocol\n"


def test_docstring_example() -> None:
    assert_rewrite(TypingDeprecatedImports, *docstring_example(TypingDeprecatedImports))


def test_a_statement_an_earlier_codemod_emptied_is_left_alone() -> None:
    """In one pass an earlier codemod may leave a line with no statement (an import it
    removed); found porting mutagen's _id3frames.py, where this raised IndexError."""
    import libcst as cst
    from libcst.codemod import CodemodContext

    codemod = TypingDeprecatedImports(CodemodContext(), target="3.11")
    line = cst.parse_statement("from typing import Text\n")
    assert isinstance(line, cst.SimpleStatementLine)
    emptied = line.with_changes(body=[])
    assert codemod.leave_SimpleStatementLine(line, emptied) is emptied


def located(source: str) -> set[int] | None:
    return TypingDeprecatedImports.locate(AstIndex(ast.parse(source)))


def test_locate_skips_imports_that_stay() -> None:
    # typing.Any stays where it is, and no Text is imported.
    source = "from typing import Any, cast\n\nx = cast(Any, 1)\n"
    assert TypingDeprecatedImports.wants(source)
    assert located(source) == set()


def test_locate_finds_moved_imports_and_text() -> None:
    source = "from typing_extensions import Final\nimport os\nfrom typing import Any, Text\n"
    assert located(source) == {1, 3}
