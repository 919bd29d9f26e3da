"""The ``type`` statement only parses on Python 3.12+, so the engine's final compile check
(``verify``, on the interpreter running the tests) is replaced here by a compile on pyenv's
3.12: the cases go through ``engine.transform``."""

import sys
import textwrap

import pytest

from codemods.type_alias_statement import TypeAliasStatement
from legacylift.codemod import parse_version
from legacylift.engine import Outcome, Settings, eligible, transform
from tests.helpers import compile_error, docstring_example, pyenv_python

TA = "from typing import TypeAlias, TypeVar, ParamSpec, Callable\n"


def convert(source: str, target: str = "3.12", unsafe: bool = True) -> Outcome:
    version = parse_version(target)
    # eligible()'s gates, but for the running interpreter's: the cases compile on pyenv's 3.12.
    gated = version >= TypeAliasStatement.MIN_PYTHON and unsafe
    codemods = (TypeAliasStatement,) if gated else ()
    return transform(textwrap.dedent(source), Settings(version, codemods, unsafe=unsafe))


def test_the_engine_runs_it_only_where_it_can_compile_the_result() -> None:
    found = eligible((TypeAliasStatement,), (3, 12), unsafe=True)
    assert found == ((TypeAliasStatement,) if sys.version_info >= (3, 12) else ())


def assert_converts(before: str, after: str) -> None:
    before, after = textwrap.dedent(before), textwrap.dedent(after)
    outcome = convert(before)
    assert outcome.code == after
    assert outcome.rewrites.get("type_alias_statement")
    # A second run cannot parse the ``type`` statement here; it only rewrites ``TypeAlias``.
    if pyenv_python("3.12") is None:
        pytest.skip("no Python 3.12 under pyenv to compile the type statement")
    assert compile_error(after, "3.12") is None


REWRITES = [
    pytest.param(
        TA + "Ints: TypeAlias = list[int]\n",
        "from typing import TypeVar, ParamSpec, Callable\ntype Ints = list[int]\n",
        id="plain alias; the TypeAlias import goes",
    ),
    pytest.param(
        TA + "T = TypeVar('T')\nK = TypeVar('K', int, str)\nP = ParamSpec('P')\n"
        "F: TypeAlias = Callable[P, dict[K, T]]\n",
        "from typing import TypeVar, ParamSpec, Callable\n"
        "T = TypeVar('T')\nK = TypeVar('K', int, str)\nP = ParamSpec('P')\n"
        "type F[**P, K: (int, str), T] = Callable[P, dict[K, T]]\n",
        id="type variables become parameters, in order of use",
    ),
    pytest.param(
        "import typing\nclass C:\n    Name: typing.TypeAlias = 'str'  # forward\n",
        "class C:\n    type Name = 'str'  # forward\n",
        id="in a class; comment survives",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_converts(before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(TA + "X: TypeAlias\n", id="no value"),
        pytest.param(TA + "x: int = 1\n", id="not a TypeAlias"),
        pytest.param(TA + "x.y: TypeAlias = int\n", id="an attribute target"),
        pytest.param(
            TA + "T = TypeVar('T', covariant=True)\nL: TypeAlias = list[T]\n",
            id="variance cannot be written",
        ),
        pytest.param(
            TA + "T = TypeVar('T')\nclass C:\n    L: TypeAlias = list[T]\n",
            id="type variable in a class: it may be the class's own",
        ),
    ],
)
def test_noop(source: str) -> None:
    outcome = convert(source)
    assert outcome.code == source and not outcome.rewrites


def test_only_under_unsafe() -> None:
    source = TA + "Ints: TypeAlias = list[int]\n"
    assert convert(source, unsafe=False).code == source


def test_target_gating() -> None:
    source = TA + "Ints: TypeAlias = list[int]\n"
    assert convert(source, target="3.11").code == source


def test_docstring_example() -> None:
    assert_converts(*docstring_example(TypeAliasStatement))
