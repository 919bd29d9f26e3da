import ast
import warnings

import pytest

from codemods.invalid_escape_sequences import InvalidEscapeSequences
from legacylift.astindex import index
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


def located(source: str) -> set[int] | None:
    return InvalidEscapeSequences.locate(index(source))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('x = r"\\d"\n', id="a raw string"),
        pytest.param('x = "\\u0041"\n', id="a unicode escape in text"),
        pytest.param('# "\\d" in a comment\n', id="a comment"),
    ],
)
def test_locate_skips(source: str) -> None:
    """The regex matches, the parser gives no warning: LibCST parses nothing."""
    assert InvalidEscapeSequences.wants(source)
    assert located(source) == set()
    assert_noop(InvalidEscapeSequences, source)


@pytest.mark.parametrize(
    "source",
    [
        'y = 1\nx = "\\d"\n',
        'y = 1\nx = b"\\u"\n',
        'y = 1\nx = "\\П"\n',  # quiet before 3.12: counted by its own pattern
        'y = 1\nx = f"{a}\\d"\n',
        'y = 1\nx = """\n\\d"""\n',  # the line where the literal starts
    ],
)
def test_locate_finds_the_literals_line(source: str) -> None:
    assert located(source) == {2}


def test_an_escaped_backslash_is_no_match() -> None:
    assert not InvalidEscapeSequences.wants('x = "\\\\d"\n')


def test_a_file_this_interpreter_cannot_parse_keeps_the_precheck() -> None:
    source = 'x = ("\\d"\n'  # the engine's locate() gives up: the regex alone decides
    assert InvalidEscapeSequences.wants(source)
    with pytest.raises(SyntaxError):
        index(source)
