import pytest

from codemods.unicode_prefix import UnicodePrefix
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

REWRITES = [
    pytest.param("x = u'a'\n", "x = 'a'\n", id="single quotes"),
    pytest.param('x = U"a"\n', 'x = "a"\n', id="capital U"),
    pytest.param("x = u'''a\nb'''\n", "x = '''a\nb'''\n", id="triple quoted"),
    pytest.param('def f():\n    u"""Doc."""\n', 'def f():\n    """Doc."""\n', id="docstring"),
    pytest.param("x = (u'a'  # one\n     u'b')\n", "x = ('a'  # one\n     'b')\n", id="comment"),
    pytest.param("x = f'{u\"a\"}'\n", "x = f'{\"a\"}'\n", id="inside an f-string field"),
    pytest.param(
        "from __future__ import unicode_literals\nx = u'a'\n",
        "from __future__ import unicode_literals\nx = 'a'\n",
        id="with unicode_literals too (the future import is another codemod's job)",
    ),
    pytest.param("x = u'\\u00e9'\n", "x = '\\u00e9'\n", id="escapes unchanged"),
    pytest.param("print(u'a')\nreturn_ = [u'b']\n", "print('a')\nreturn_ = ['b']\n", id="calls"),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(UnicodePrefix, before, after)


NOOPS = [
    pytest.param("x = 'a'\ny = b'b'\nz = r'\\d'\n", id="no u prefix"),
    pytest.param("x = f'{a}'\nmenu = 'u'\n", id="a u inside a string or name"),
    pytest.param("x = 'u' 'v'\n", id="concatenated strings ending in u"),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(UnicodePrefix, source)


def test_python2_raw_unicode_already_lifted() -> None:
    outcome = run(UnicodePrefix, "x = ur'\\d'\nprint x\n")
    assert outcome.code == "x = r'\\d'\nprint(x)\n"


def test_older_target_left_alone() -> None:
    assert_noop(UnicodePrefix, "x = u'a'\n", target="2.7")


def test_docstring_example() -> None:
    assert_rewrite(UnicodePrefix, *docstring_example(UnicodePrefix))
