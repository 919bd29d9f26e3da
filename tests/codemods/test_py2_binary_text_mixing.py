import pytest

from codemods.py2_binary_text_mixing import Py2BinaryTextMixing
from legacylift.engine import Settings, modernize_text
from tests.helpers import assert_noop, docstring_example

JOIN = "gives bytes on Python 3: bytes + str raises TypeError"
EQUAL = "gives bytes on Python 3: never equal to a str (`in` raises)"

NOTES = [
    pytest.param(
        """\
        import struct
        rec = struct.pack('<I', n) + 'tail'
        head = struct.pack('B', 1) + 'x' + 'y'
        end = body + struct.pack('<I', crc) + '\\n'
        """,
        [
            f"line 2: `struct.pack('<I', n) + 'tail'`: struct.pack() {JOIN}",
            f"line 3: `struct.pack('B', 1) + 'x' + 'y'`: struct.pack() {JOIN}",
            f"line 4: `body + struct.pack('<I', crc) + '\\n'`: struct.pack() {JOIN}",
        ],
        id="struct.pack joined with str, one note per chain",
    ),
    pytest.param(
        "from struct import unpack\nname = unpack('4s', d)[0] + '.txt'\n",
        [f"line 2: `unpack('4s', d)[0] + '.txt'`: struct.unpack() {JOIN}"],
        id="an item of struct.unpack",
    ),
    pytest.param(
        "if open(path, 'rb').read(4) == 'GIF8':\n    pass\n",
        [f"line 1: `open(path, 'rb').read(4) == 'GIF8'`: a binary read {EQUAL}"],
        id="binary read compared",
    ),
    pytest.param(
        """\
        with open(p, 'rb') as f:
            data = f.read()
        if data[:4] == 'GIF8' or 'x' in data:
            out = data + '\\n'
        s = data.decode('utf-8')
        """,
        [
            f"line 3: `data[:4] == 'GIF8'`: a binary read {EQUAL}",
            f"line 3: `'x' in data`: a binary read {EQUAL}",
            f"line 4: `data + '\\n'`: a binary read {JOIN}",
        ],
        id="binary read through with-as and a name; its decode is not this codemod's",
    ),
    pytest.param(
        "with open(p, 'rb') as f:\n    data = f.read()\ndata = data[4:]\nok = data == 'x'\n",
        [f"line 4: `data == 'x'`: a binary read {EQUAL}"],
        id="a name given a slice of itself",
    ),
]


@pytest.mark.parametrize(("source", "notes"), NOTES)
def test_notes(source: str, notes: list[str]) -> None:
    assert assert_noop(Py2BinaryTextMixing, source).notes == notes


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("if open(p).read() == 'x':\n    pass\n", id="text-mode read"),
        pytest.param("f = open(p, 'rb')\nf = sys.stdin\nok = f.read() == 'x'\n", id="either"),
        pytest.param("import struct\nt = struct.unpack('i', d) + (1,)\n", id="a tuple"),
        pytest.param("def pack(*a):\n    return ''\nx = pack('i') + 'a'\n", id="not struct"),
        pytest.param("x = 'a' + 'b'\ny = b'a' + b'b'\n", id="no bytes source"),
        pytest.param(
            "import hashlib\nh = hashlib.md5(name)\nn = ord(data[0])\ns = data.decode('utf-8')\n",
            id="decode, ord and hashlib: noted by Py2BytesText",
        ),
    ],
)
def test_noop_without_notes(source: str) -> None:
    assert not assert_noop(Py2BinaryTextMixing, source).notes


def test_python3_files_are_left_alone() -> None:
    settings = Settings((3, 8), (Py2BinaryTextMixing,), python2=False)
    source = "import struct\nrec = struct.pack('<I', n) + 'tail'\n"
    assert not modernize_text(source, settings).notes


def test_docstring_example() -> None:
    source, notes = docstring_example(Py2BinaryTextMixing, "is left as it is, with the note")
    assert assert_noop(Py2BinaryTextMixing, source).notes == notes.splitlines()
