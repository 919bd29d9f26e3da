import ast

import pytest

from codemods.encode_utf8_default import EncodeUtf8Default
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param("k = 'abc'.encode('utf-8')\n", "k = b'abc'\n", id="ascii literal to bytes"),
    pytest.param("k = 'abc'.encode()\n", "k = b'abc'\n", id="no argument"),
    pytest.param("k = \"abc\".encode(encoding='UTF8')\n", 'k = b"abc"\n', id="keyword"),
    pytest.param("k = 'abc'.encode('ascii')\n", "k = b'abc'\n", id="ascii codec"),
    pytest.param("k = 'a\\xe9'.encode('latin-1')\n", "k = b'a\\xe9'\n", id="latin-1 keeps \\x"),
    pytest.param("k = 'a\\x41\\n'.encode()\n", "k = b'a\\x41\\n'\n", id="ascii escapes"),
    pytest.param("k = u'abc'.encode()\n", "k = b'abc'\n", id="u prefix"),
    pytest.param("k = r'a\\d'.encode()\n", "k = br'a\\d'\n", id="raw"),
    pytest.param("k = '''a\nb'''.encode()\n", "k = b'''a\nb'''\n", id="triple quoted"),
    pytest.param(
        "k = ('a'  # one\n     'b').encode()\n",
        "k = (b'a'  # one\n     b'b')\n",
        id="concatenated, comment in the literal kept",
    ),
    pytest.param("k = 'a' 'b'.encode()\n", "k = b'a' b'b'\n", id="concatenation is one atom"),
    pytest.param("h = 'abc'.encode().hex()\n", "h = b'abc'.hex()\n", id="method on the result"),
    pytest.param("t = 'café'.encode('utf-8')\n", "t = 'café'.encode()\n", id="non-ASCII"),
    pytest.param("t = 'a\\xe9'.encode('utf_8')\n", "t = 'a\\xe9'.encode()\n", id="\\x escape"),
    pytest.param(
        "t = 'a\\u1234'.encode(encoding='u8')\n", "t = 'a\\u1234'.encode()\n", id="\\u escape"
    ),
    pytest.param("t = f'{x}'.encode('utf-8')\n", "t = f'{x}'.encode()\n", id="f-string"),
    pytest.param(
        "t = 'é'.encode('utf-8', 'ignore')\n",
        "t = 'é'.encode(errors='ignore')\n",
        id="positional errors kept as a keyword",
    ),
    pytest.param(
        "t = 'é'.encode(errors='ignore', encoding='utf-8')\n",
        "t = 'é'.encode(errors='ignore')\n",
        id="keyword errors kept",
    ),
    pytest.param(
        "t = 'abc'.encode('utf-8', errors='strict')\n",
        "t = 'abc'.encode(errors='strict')\n",
        id="errors given: no bytes literal",
    ),
    pytest.param(
        "t = 'é'.encode('utf-8')  # why\n", "t = 'é'.encode()  # why\n", id="comment after"
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(EncodeUtf8Default, before, after)


NOOPS = [
    pytest.param("k = x.encode('utf-8')\n", id="receiver not a literal: any object's method"),
    pytest.param("k = s.str.encode('utf-8')\n", id="pandas needs the codec"),
    pytest.param("k = 'é'.encode()\n", id="non-ASCII and no codec: nothing to do"),
    pytest.param("k = 'a\\xe9'.encode()\n", id="\\x above ASCII under utf-8"),
    pytest.param("k = '\\N{EM DASH}'.encode()\n", id="named escape"),
    pytest.param("k = 'é'.encode('latin-1')\n", id="another codec is needed"),
    pytest.param("k = 'abc'.encode('utf-16')\n", id="other bytes"),
    pytest.param("k = 'é'.encode(codec)\n", id="codec not a literal"),
    pytest.param("k = 'é'.encode(*args)\n", id="star args"),
    pytest.param("k = b'abc'.decode('utf-8')\n", id="decode left alone"),
    pytest.param("k = 'é'.encode(\n    'utf-8',  # why\n)\n", id="comment in the removed argument"),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(EncodeUtf8Default, source)


def test_any_receiver_only_with_unsafe() -> None:
    source = "k = name.encode('utf-8', 'replace')\nv = s.encode('latin-1')\n"
    assert_noop(EncodeUtf8Default, source)
    after = "k = name.encode(errors='replace')\nv = s.encode('latin-1')\n"
    assert_rewrite(EncodeUtf8Default, source, after, unsafe=True)


def test_same_bytes() -> None:
    cases = ["'a\\x41\\t'", "r'a\\d'", "'x' 'y'", "'a\\xe9'"]
    codecs = ["", "'utf-8'", "'ascii'", "'latin-1'"]
    calls = [f"({c}).encode({e})" for c in cases for e in codecs if "xe9" not in c or "lat" in e]
    code = "print([" + ", ".join(calls) + "])\n"
    after = run(EncodeUtf8Default, code).code
    assert ".encode" not in after
    assert pyenv_output("3.8", after) == pyenv_output("3.8", code)


def test_older_target_left_alone() -> None:
    assert_noop(EncodeUtf8Default, "k = 'abc'.encode('utf-8')\n", target="2.7")


def test_docstring_example() -> None:
    assert_rewrite(EncodeUtf8Default, *docstring_example(EncodeUtf8Default))


def located(source: str) -> set[int] | None:
    return EncodeUtf8Default.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_encodings() -> None:
    # Another codec on what may be any object, nothing to drop, a codec held in a name,
    # a codec that must stay on a literal, and ``.encode(`` in a string.
    source = """\
a = x.encode('ascii')
b = x.encode()
c = x.encode(codec)
d = 'é'.encode('cp1252')
e = "'x'.encode('utf-8')"
"""
    assert EncodeUtf8Default.wants(source)
    assert located(source) == set()


def test_locate_finds_the_calls() -> None:
    source = "a = 1\nb = x.encode(\n    encoding='UTF8')\nc = 'abc'.encode()\n"
    assert located(source) == {2, 4}


def test_a_codec_name_no_lookup_accepts_is_left_alone() -> None:
    # codecs.lookup raises ValueError for a NUL and UnicodeEncodeError for a lone surrogate
    # (3.8 stdlib's test_tcl.py has one): neither is a codec, so nothing changes.
    assert_noop(EncodeUtf8Default, "a = 'x'.encode('\\x00')\nb = 'x'.encode('\\udcff')\n")
