import pytest

from codemods.bytes_codecs import BytesCodecs
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        "h = sha.digest().encode('hex')\n",
        "import codecs\n\nh = codecs.encode(sha.digest(), 'hex')\n",
        id="hex of a call",
    ),
    pytest.param(
        'z = (a + b).decode("zlib")\n',
        'import codecs\n\nz = codecs.decode((a + b), "zlib")\n',
        id="parenthesized receiver",
    ),
    pytest.param(
        "s = 'uryyb'.decode('rot13')\n",
        "import codecs\n\ns = codecs.decode(b'uryyb', 'rot13')\n",
        id="literal becomes bytes",
    ),
    pytest.param(
        "import codecs\nb = x.decode('base64')\n",
        "import codecs\nb = codecs.decode(x, 'base64')\n",
        id="codecs already imported",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(BytesCodecs, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("t = data.decode('utf-8')\n", id="a text encoding"),
        pytest.param("t = data.encode(codec)\n", id="codec not a literal"),
        pytest.param("t = data.encode('hex', 'strict')\n", id="extra argument"),
        pytest.param("codecs = None\nt = data.encode('hex')\n", id="codecs is not the module"),
        pytest.param("t = codecs.encode(data, 'hex')\n", id="already codecs"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(BytesCodecs, source)


def test_docstring_example() -> None:
    assert_rewrite(BytesCodecs, *docstring_example(BytesCodecs))
