import ast
import warnings

import pytest

from codemods.invalid_escape_sequences import InvalidEscapeSequences
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(r'x = "\d+\.py"' "\n", r'x = r"\d+\.py"' "\n", id="all invalid: raw prefix"),
    pytest.param(r'x = "\d\n"' "\n", r'x = "\\d\n"' "\n", id="mixed: doubled"),
    pytest.param(r"x = b'\d\x00'" "\n", r"x = b'\\d\x00'" "\n", id="bytes, mixed"),
    pytest.param(r"x = b'\N'" "\n", r"x = br'\N'" "\n", id="\\N is invalid in bytes"),
    pytest.param(r"x = u'\.'" "\n", r"x = u'\\.'" "\n", id="u prefix cannot be raw"),
    pytest.param(
        'def f():\n    """Match \\.py files."""\n',
        'def f():\n    r"""Match \\.py files."""\n',
        id="docstring (tornado's web.py)",
    ),
    pytest.param(
        'x = """a\\\nb\\.c"""\n',
        'x = """a\\\nb\\\\.c"""\n',
        id="line continuation is a valid escape",
    ),
]


def _value(code: str) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree = ast.parse(code)
    return ast.dump(tree)


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(InvalidEscapeSequences, before, after)
    assert _value(before) == _value(after), "the literal's value changed"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compile(after, "<after>", "exec")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(r'x = r"\d"' "\n", id="already raw"),
        pytest.param(r'x = "\n\t\\\x41\101\N{EM DASH}\u00e9"' "\n", id="only valid escapes"),
        pytest.param(r'x = f"\d{y}"' "\n", id="f-string refused"),
        pytest.param(r"# a comment with \d" "\n", id="comments are not strings"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(InvalidEscapeSequences, source)


def test_docstring_example() -> None:
    assert_rewrite(InvalidEscapeSequences, *docstring_example(InvalidEscapeSequences))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('x = "\\\\d"\n', id="an escaped backslash"),
        pytest.param('x = r"\\d"\n', id="a raw string"),
        pytest.param('x = "\\u0041"\n', id="a unicode escape in text"),
        pytest.param('# "\\d" in a comment\n', id="a comment"),
    ],
)
def test_precheck_skips(source: str) -> None:
    """The compiler's warning decides, before LibCST parses anything."""
    assert not InvalidEscapeSequences.wants(source)
    assert_noop(InvalidEscapeSequences, source)


@pytest.mark.parametrize(
    "source",
    [
        'x = "\\d"\n',
        'x = b"\\u"\n',
        'x = "\\П"\n',  # quiet before 3.12: counted by its own pattern
        'x = f"{a}\\d"\n',
        'x = ("\\d"\n',  # does not compile here: cannot tell
    ],
)
def test_precheck_finds(source: str) -> None:
    assert InvalidEscapeSequences.wants(source)
