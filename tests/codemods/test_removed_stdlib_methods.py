import pytest

from codemods.removed_stdlib_methods import RemovedStdlibMethods
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

ET = "import xml.etree.ElementTree as ET\n"

REWRITES = [
    pytest.param(
        """\
        import threading
        import xml.etree.ElementTree as ET
        kids = root.getchildren()
        for node in tree.getiterator("item"):
            worker.isAlive()
        """,
        """\
        import threading
        import xml.etree.ElementTree as ET
        kids = list(root)
        for node in tree.iter("item"):
            worker.is_alive()
        """,
        id="docstring example",
    ),
    pytest.param(
        "from xml.etree import cElementTree\nn = len(list(root.getiterator(tag='a')))\n",
        "from xml.etree import cElementTree\nn = len(list(root.iter(tag='a')))\n",
        id="consumed by list()",
    ),
    pytest.param(
        "from xml import etree\nnames = {e.tag for e in doc.getroot().getiterator()}\n",
        "from xml import etree\nnames = {e.tag for e in doc.getroot().iter()}\n",
        id="comprehension",
    ),
    pytest.param(
        ET + "first = root.getchildren()[0]\n", ET + "first = list(root)[0]\n", id="indexed"
    ),
    pytest.param(
        "import configparser\np = configparser.ConfigParser()\np.readfp(f)\n"
        "p.readfp(f, 'x.ini')\np.readfp(f, filename='x.ini')\n",
        "import configparser\np = configparser.ConfigParser()\np.read_file(f)\n"
        "p.read_file(f, 'x.ini')\np.read_file(f, source='x.ini')\n",
        id="readfp: filename is source",
    ),
    pytest.param(
        "import ConfigParser\nparser.readfp(fp)\n",
        "import ConfigParser\nparser.read_file(fp)\n",
        id="Python 2 module name",
    ),
    pytest.param(
        "import threading\nclass W(threading.Thread):\n    def up(self):\n"
        "        return self.isAlive()\n",
        "import threading\nclass W(threading.Thread):\n    def up(self):\n"
        "        return self.is_alive()\n",
        id="isAlive on self",
    ),
    pytest.param(
        "from array import array\na = array('b')\na.fromstring(b'ab')\nx = a.tostring()\n",
        "from array import array\na = array('b')\na.frombytes(b'ab')\nx = a.tobytes()\n",
        id="array bound in the scope",
    ),
    pytest.param(
        "import array\ndef f():\n    a = array.array('B', [1])\n    return a.tostring()\n",
        "import array\ndef f():\n    a = array.array('B', [1])\n    return a.tobytes()\n",
        id="array in a function",
    ),
    pytest.param(
        "import array\nb = array.array('b', [1]).tostring()\n",
        "import array\nb = array.array('b', [1]).tobytes()\n",
        id="array call as receiver",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(RemovedStdlibMethods, before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(ET + "it = root.getiterator()\n", ET + "it = root.iter()\n", id="kept"),
        pytest.param(
            "from array import array\na = array('u')\na.fromstring(text)\n",
            "from array import array\na = array('u')\na.frombytes(text)\n",
            id="fromstring of anything",
        ),
    ],
)
def test_rewrite_when_unsafe(before: str, after: str) -> None:
    assert_rewrite(RemovedStdlibMethods, before, after, unsafe=True)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "kids = root.getchildren()\nt.isAlive()\np.readfp(f)\n",
            id="the modules are not imported",
        ),
        pytest.param(
            "import lxml.etree\n" + ET + "kids = root.getchildren()\n",
            id="lxml still has getchildren",
        ),
        pytest.param(
            ET
            + "class Node:\n    def getchildren(self):\n        return []\nx = n.getchildren()\n",
            id="the file defines getchildren",
        ),
        pytest.param(ET + "list = []\nx = root.getchildren()\n", id="list is not the builtin"),
        pytest.param(ET + "x = root.getchildren(deep)\n", id="not the ElementTree signature"),
        pytest.param(ET + "x = (root).getchildren(  # c\n)\n", id="a comment would be lost"),
        pytest.param(ET + "it = root.getiterator()\n", id="getiterator kept as a value"),
        pytest.param(ET + "n = next(root.getiterator())\n", id="next() of a list fails"),
        pytest.param(
            ET + "for e in tree.getiterator('s'):\n    parent.remove(e)\n",
            id="the loop changes the tree",
        ),
        pytest.param(
            ET + "xs = [ET.SubElement(e, 'x') for e in tree.getiterator()]\n",
            id="the comprehension changes the tree",
        ),
        pytest.param("import threading\nt.isAlive(1)\n", id="isAlive with an argument"),
        pytest.param(ET + "s = ET.tostring(root)\ne = ET.fromstring(s)\n", id="ElementTree"),
        pytest.param(
            "import array\na = array.array('b')\nif c:\n    a = other()\nx = a.tostring()\n",
            id="the name may be something else",
        ),
        pytest.param("import array\ndef f(a):\n    return a.tostring()\n", id="a parameter"),
        pytest.param(
            "from array import array\na = array('u')\na.fromstring('text')\n",
            id="fromstring took str: frombytes does not",
        ),
        pytest.param("import numpy as np\nb = np.zeros(3).tostring()\n", id="numpy"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(RemovedStdlibMethods, source)


@pytest.mark.parametrize(
    ("source", "note"),
    [
        (ET + "it = root.getiterator()\n", "line(s) 2: getiterator() kept: its result is not"),
        ("import array\ndef f(a):\n    return a.tostring()\n",
         "line(s) 3: tostring() kept: the receiver is not proven an array"),
        ("from array import array\na = array('u')\na.fromstring(s)\n",
         "line(s) 3: array.fromstring() kept: it also took str"),
    ],
)  # fmt: skip
def test_kept_with_a_note(source: str, note: str) -> None:
    outcome = assert_noop(RemovedStdlibMethods, source)
    assert any(n.startswith(note) for n in outcome.notes), outcome.notes


OLD = """\
import array, configparser, io, threading
import xml.etree.ElementTree as ET
root = ET.fromstring("<a><b/><c><b/></c></a>")
print([e.tag for e in root.getchildren()], [e.tag for e in root.getiterator("b")])
print(len(list(ET.ElementTree(root).getiterator())))
a = array.array("b", [1, 2])
a.fromstring(b"xy")
print(a.tostring())
p = configparser.ConfigParser()
p.readfp(io.StringIO("[s]\\nk = v\\n"), filename="f.ini")
print(p.get("s", "k"))
t = threading.Thread(target=print)
print(t.isAlive())
"""


def test_same_output_on_3_8_and_3_13() -> None:
    new = run(RemovedStdlibMethods, OLD).code
    assert new != OLD
    assert pyenv_output("3.8", OLD) == pyenv_output("3.13", new)


def test_docstring_example() -> None:
    assert_rewrite(RemovedStdlibMethods, *docstring_example(RemovedStdlibMethods))


def test_no_note_for_a_module_function() -> None:
    outcome = assert_noop(RemovedStdlibMethods, "import array\n" + ET + "e = ET.fromstring(s)\n")
    assert outcome.notes == []
