from pathlib import Path

import pytest

from codemods.py2_bytes_text import Py2BytesText
from legacylift.engine import Settings, modernize_text
from legacylift.runner import Mode, Summary, format_summary, process_file
from legacylift.walk import Target
from tests.helpers import assert_noop, docstring_example

HASH = "hashlib needs bytes on Python 3"
DECODE = "str has no .decode() on Python 3"

NOTES = [
    pytest.param(
        "s = data.decode('utf-8')\n",
        [f"line 1: `data.decode('utf-8')`: {DECODE}: is data bytes?"],
        id="decode of a name",
    ),
    pytest.param(
        "s = 'caf\\xc3\\xa9'.decode('utf-8')\n",
        [f"line 1: `'caf\\xc3\\xa9'.decode('utf-8')`: {DECODE}: a str literal"],
        id="decode of a py2 byte string literal",
    ),
    pytest.param(
        "h = x.encode('hex')\nb = y.decode('base64')\nz = w.encode('zip')\n",
        [
            "line 1: `x.encode('hex')`: 'hex' is no text encoding on Python 3: "
            "use codecs.encode(..., 'hex')",
            "line 2: `y.decode('base64')`: 'base64' is no text encoding on Python 3: "
            "use codecs.decode(..., 'base64')",
            "line 3: `w.encode('zip')`: 'zlib' is no text encoding on Python 3: "
            "use codecs.encode(..., 'zlib')",
        ],
        id="bytes-to-bytes codecs",
    ),
    pytest.param(
        "r = s.encode('rot13')\ne = s.decode('string-escape')\n",
        [
            "line 1: `s.encode('rot13')`: 'rot-13' is no text encoding on Python 3: "
            "use codecs.encode(..., 'rot-13')",
            "line 2: `s.decode('string-escape')`: 'string-escape' is no text encoding on "
            "Python 3: use codecs.escape_decode",
        ],
        id="rot13 and the removed string_escape",
    ),
    pytest.param(
        "n = ord(data[0])\n",
        ["line 1: `ord(data[0])`: indexing bytes gives an int on Python 3: is data bytes?"],
        id="ord of an index",
    ),
    pytest.param(
        "import hashlib\nh = hashlib.sha1()\nh.update('abc')\nh.update(data)\n",
        [
            f"line 3: `h.update('abc')`: {HASH}: a str literal",
            f"line 4: `h.update(data)`: {HASH}: is data bytes?",
        ],
        id="update of a hash object",
    ),
    pytest.param(
        "from hashlib import md5\nimport hashlib as hl\na = md5('x')\nb = hl.new('md5', s)\n",
        [
            f"line 3: `md5('x')`: {HASH}: a str literal",
            f"line 4: `hl.new('md5', s)`: {HASH}: is s bytes?",
        ],
        id="hashlib constructors, imported under other names",
    ),
]


@pytest.mark.parametrize(("source", "notes"), NOTES)
def test_notes(source: str, notes: list[str]) -> None:
    assert assert_noop(Py2BytesText, source).notes == notes


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("t = u'x'.encode('utf-8')\n", id="text encoded"),
        pytest.param("s = b'abc'.decode('ascii')\n", id="decode of a bytes literal"),
        pytest.param("v = x.encode('utf-8').decode('latin-1')\n", id="decode of encode"),
        pytest.param("import struct\ns = struct.pack('<I', 1).decode('ascii')\n", id="packed"),
        pytest.param("m = ord('abc'[1])\nk = ord(data[0:1])\n", id="text literal, slice"),
        pytest.param("def f(ord):\n    return ord(x[0])\n", id="ord is not the builtin"),
        pytest.param("d = {}\nd.update(x)\n", id="update of a dict"),
        pytest.param(
            "import codecs\nclass unsynch:\n    pass\n"
            "a = codecs.decode(x, 'hex')\nb = unsynch.decode(d)\n",
            id="decode of a module or a class",
        ),
        pytest.param(
            "import hashlib\nh = hashlib.md5(data.encode('utf-8'))\nh.update(b'abc')\n",
            id="hashlib fed bytes",
        ),
        pytest.param("def md5(s):\n    return s\nx = md5('a')\n", id="not hashlib"),
        pytest.param(
            "with open(p, 'rb') as f:\n    data = f.read()\ns = data.decode('utf-8')\n",
            id="decode of a binary read through with-as and a name",
        ),
        pytest.param(
            "import struct\nr = struct.pack('B', n) + 'x'\nok = open(p, 'rb').read() == 'x'\n",
            id="str joined to or compared with bytes: noted by Py2BinaryTextMixing",
        ),
    ],
)
def test_noop_without_notes(source: str) -> None:
    assert not assert_noop(Py2BytesText, source).notes


def test_python3_files_are_left_alone() -> None:
    settings = Settings((3, 8), (Py2BytesText,), python2=False)
    assert not modernize_text("s = data.decode('utf-8')\n", settings).notes


def test_summary_shows_path_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_bytes(b"import hashlib\n\nprint hashlib.md5(name).hexdigest()\n")
    settings = Settings((3, 8), (Py2BytesText,))
    result = process_file(Target(str(path), path), settings, Mode.CHECK)
    summary = format_summary(Summary(results=[result]), settings, Mode.CHECK)
    line = f"  {path}: line 3: `hashlib.md5(name)`: {HASH}: is name bytes?"
    assert line in summary.splitlines()
    assert path.read_bytes() == b"import hashlib\n\nprint hashlib.md5(name).hexdigest()\n"


def test_docstring_example() -> None:
    source, notes = docstring_example(Py2BytesText, "is left as it is, with the note")
    assert assert_noop(Py2BytesText, source).notes == notes.splitlines()
