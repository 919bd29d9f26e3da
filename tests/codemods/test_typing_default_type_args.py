import pytest

from codemods.typing_default_type_args import TypingDefaultTypeArgs
from tests.helpers import assert_noop, assert_rewrite, docstring_example

GEN = "from typing import AsyncGenerator, Generator\n"
FUTURE = "from __future__ import annotations\n"

REWRITES = [
    pytest.param(
        GEN + "def f() -> Generator[int, None, None]: ...\n",
        GEN + "def f() -> Generator[int]: ...\n",
        id="Generator",
    ),
    pytest.param(
        GEN + "def f() -> Generator[int, int, None]: ...\n",
        GEN + "def f() -> Generator[int, int]: ...\n",
        id="only the trailing None",
    ),
    pytest.param(
        GEN + "async def f() -> AsyncGenerator[int, None,]: ...\n",
        GEN + "async def f() -> AsyncGenerator[int]: ...\n",
        id="AsyncGenerator, trailing comma",
    ),
    pytest.param(
        "import collections.abc\nimport typing\n"
        "a: collections.abc.Generator[int, None, None]\nb: typing.Generator[str, None]\n",
        "import collections.abc\nimport typing\n"
        "a: collections.abc.Generator[int]\nb: typing.Generator[str]\n",
        id="dotted spellings",
    ),
    pytest.param(
        GEN + "Gen = Generator[int, None, None]\n",
        GEN + "Gen = Generator[int]\n",
        id="outside annotations",
    ),
    pytest.param(
        GEN + "def f() -> 'Generator[int, None, None]': ...\n",
        GEN + "def f() -> 'Generator[int]': ...\n",
        id="string annotation",
    ),
    pytest.param(
        GEN + "# counts\ndef f() -> Generator[int, None, None]:  # up\n    yield 1\n",
        GEN + "# counts\ndef f() -> Generator[int]:  # up\n    yield 1\n",
        id="comments around survive",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(TypingDefaultTypeArgs, before, after, "3.13")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(GEN + "x: Generator[int, None, str]\n", id="a None that is not last"),
        pytest.param(GEN + "x: Generator[int]\n", id="nothing to drop"),
        pytest.param(GEN + "x: Generator[None]\n", id="the yield type stays"),
        pytest.param(GEN + "x: AsyncGenerator[int, None, None]\n", id="too many arguments"),
        pytest.param(
            GEN + "x: Generator[\n    int,\n    None,  # nothing sent\n    None,\n]\n",
            id="a comment inside would be lost",
        ),
        pytest.param("class Generator: ...\nx: Generator[int, None, None]\n", id="not typing's"),
        pytest.param(
            "from typing import ContextManager\nx: ContextManager[int, bool | None]\n",
            id="only the generators",
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(TypingDefaultTypeArgs, source, "3.13")


def test_target_gating() -> None:
    assert_noop(TypingDefaultTypeArgs, GEN + "def f() -> Generator[int, None, None]: ...\n", "3.12")


def test_postponed_annotations_on_older_targets() -> None:
    before = FUTURE + GEN + "def f() -> Generator[int, None, None]:\n    g = Generator[int, None]\n"
    after = FUTURE + GEN + "def f() -> Generator[int]:\n    g = Generator[int, None]\n"
    assert_rewrite(TypingDefaultTypeArgs, before, after, "3.8")
    assert_noop(TypingDefaultTypeArgs, before.replace(GEN, GEN + "import pydantic\n"), "3.8")


def test_docstring_example() -> None:
    assert_rewrite(TypingDefaultTypeArgs, *docstring_example(TypingDefaultTypeArgs), "3.13")
