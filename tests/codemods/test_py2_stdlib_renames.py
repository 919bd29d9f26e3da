import pytest

from codemods.py2_stdlib_renames import Py2StdlibRenames
from tests.helpers import assert_noop, assert_rewrite, run

REWRITES = [
    pytest.param(
        "import urllib2\nurllib2.urlopen(url)\n",
        "import urllib.request\n\nurllib.request.urlopen(url)\n",
        id="docstring example: urllib2 split by name",
    ),
    pytest.param("from Queue import Queue\n", "from queue import Queue\n", id="docstring: Queue"),
    pytest.param(
        "import cPickle as pickle\npickle.dumps(x)\n",
        "import pickle\npickle.dumps(x)\n",
        id="docstring: alias equal to the new name dropped",
    ),
    pytest.param(
        "import cPickle\ncPickle.dumps(x)\n", "import pickle\npickle.dumps(x)\n", id="uses renamed"
    ),
    pytest.param(
        "import httplib\nc = httplib.HTTPConnection(h)\n",
        "import http.client\nc = http.client.HTTPConnection(h)\n",
        id="dotted new module",
    ),
    pytest.param(
        "import Queue\nqueue = Queue.Queue()\n",
        "import queue as Queue\nqueue = Queue.Queue()\n",
        id="new name taken by a variable: alias keeps the old name",
    ),
    pytest.param("import httplib as h\nh.OK\n", "import http.client as h\nh.OK\n", id="alias kept"),
    pytest.param("import os, cPickle  # pickles\n", "import os, pickle  # pickles\n", id="multi"),
    pytest.param(
        "from urllib2 import urlopen, HTTPError\n",
        "from urllib.request import urlopen; from urllib.error import HTTPError\n",
        id="from-import split by destination",
    ),
    pytest.param(
        "from urllib2 import parse_http_list as p\n",
        "from urllib.request import parse_http_list as p\n",
        id="parse_http_list (2to3 misses it)",
    ),
    pytest.param(
        "import urllib2 as u2\nu2.HTTPError\n",
        "import urllib.error\n\nurllib.error.HTTPError\n",
        id="aliased split module",
    ),
    pytest.param(
        "import urllib\nurllib.quote(x)\nurllib.urlencode(d)\nurllib.urlopen(u)\n",
        "import urllib.parse\nimport urllib.request\n\n"
        "urllib.parse.quote(x)\nurllib.parse.urlencode(d)\nurllib.request.urlopen(u)\n",
        id="py2 urllib",
    ),
    pytest.param(
        "from md5 import new\nnew(b'x')\n",
        "from hashlib import md5 as new\nnew(b'x')\n",
        id="moved and renamed name keeps its local name",
    ),
    pytest.param("from Tkinter import *\n", "from tkinter import *\n", id="star import"),
    pytest.param(
        "print 'x'\nimport commands\ncommands.getoutput('ls')\n",
        "import subprocess\n\nprint('x')\nsubprocess.getoutput('ls')\n",
        id="py2 input lifted first",
    ),
    pytest.param(
        "try:\n    import cPickle as pickle  # fast\nexcept ImportError:\n    import pickle\n",
        "try:\n    import pickle  # fast\nexcept ImportError:\n    import pickle\n",
        id="imports inside a shim are renamed too (py2_import_shims collapses the shim)",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(Py2StdlibRenames, before, after)


def test_stringio_rewrite_leaves_a_note() -> None:
    outcome = run(Py2StdlibRenames, "from StringIO import StringIO\n")
    assert outcome.code == "from io import StringIO\n"
    assert any("BytesIO" in note for note in outcome.notes)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import pickle\npickle.dumps(x)\n", id="already py3"),
        pytest.param("import urllib.parse\nurllib.parse.quote(x)\n", id="py3 urllib"),
        pytest.param("from UserDict import DictMixin\n", id="no py3 equivalent"),
        pytest.param("import dbhash\n", id="dbhash has no py3 module"),
        pytest.param("Queue = object()\nQueue.Queue()\n", id="a variable, not the module"),
        pytest.param("from .Queue import Queue\n", id="relative import of a local module"),
        pytest.param(
            "from urllib2 import (urlopen,  # fetch\n    HTTPError)\n",
            id="split would lose a comment",
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(Py2StdlibRenames, source)


def test_dummy_thread_kept_on_3_9() -> None:
    outcome = assert_noop(Py2StdlibRenames, "import dummy_thread\n", target="3.9")
    assert any("_dummy_thread" in note for note in outcome.notes)
    assert_rewrite(Py2StdlibRenames, "import dummy_thread\n", "import _dummy_thread\n")


def test_the_pre_check_passes_python_3_imports_by() -> None:
    # Python 3 names that contain a Python 2 module's name: nothing to rename, no parse.
    assert not Py2StdlibRenames.wants("from urllib.parse import quote\nimport urllib.request\n")
    assert not Py2StdlibRenames.wants("from html.parser import HTMLParser\n")
    assert Py2StdlibRenames.wants("from urllib import quote\n")
    assert Py2StdlibRenames.wants("import os, urllib2 as u2\n")
    assert Py2StdlibRenames.wants("    import cPickle as pickle\n")
