import ast
import re
import textwrap

import pytest

from codemods.py2_import_shims import Py2ImportShims
from codemods.py2_stdlib_renames import Py2StdlibRenames
from legacylift.astindex import AstIndex
from legacylift.engine import Settings, modernize_text
from tests.helpers import assert_noop, assert_rewrite

REWRITES = [
    pytest.param(
        """\
        # serializer
        try:
            import cPickle as pickle
        except ImportError:
            import pickle  # py3
        pickle.dumps(1)
        """,
        """\
        # serializer
        import pickle  # py3
        pickle.dumps(1)
        """,
        id="2/3 shim collapses to the py3 branch, comments kept",
    ),
    pytest.param(
        "try:\n    import urllib2\nexcept ImportError:\n    import urllib.request as urllib2\n"
        "urllib2.urlopen(u)\n",
        "import urllib.request as urllib2\nurllib2.urlopen(u)\n",
        id="shim binding the py2 name: uses kept",
    ),
    pytest.param(
        "try:\n    from urllib.parse import quote\nexcept ImportError:\n"
        "    from urllib import quote\n",
        "from urllib.parse import quote\n",
        id="reversed shim: py3 branch first",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(Py2ImportShims, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "try:\n    import cPickle as pickle  # fast\nexcept ImportError:\n    import pickle\n",
            id="collapsing would lose the comment on the py2 import",
        ),
        pytest.param(
            "try:\n    import simplejson as json\nexcept ImportError:\n    import json\n",
            id="simplejson is not a Python 2 stdlib module: a real optional dependency",
        ),
        pytest.param(
            "try:\n    import cPickle\n    x = 1\nexcept ImportError:\n    import pickle\n",
            id="the try body does more than import",
        ),
        pytest.param(
            "try:\n    import cPickle\nexcept (ImportError, OSError):\n    import pickle\n",
            id="another exception is caught too",
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(Py2ImportShims, source)


def test_with_renames_in_the_same_pass() -> None:
    source = "try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\n"
    settings = Settings((3, 8), (Py2StdlibRenames, Py2ImportShims))
    assert modernize_text(source, settings).code == "import pickle\n"


def test_docstring_example() -> None:
    doc = Py2ImportShims.__doc__ or ""
    before, after = re.findall(r"\*\*Example\.\*\*\n\n(.*?)\n    becomes\n\n(.*?)\n\n", doc, re.S)[
        0
    ]
    dedent = textwrap.dedent
    assert_rewrite(Py2ImportShims, dedent(before).strip() + "\n", dedent(after).strip() + "\n")


def located(source: str) -> set[int] | None:
    return Py2ImportShims.locate(AstIndex(ast.parse(source)))


def test_locate_skips_optional_imports() -> None:
    # Not a shim: the handler does not import the other version of the module.
    source = "try:\n    import yaml\nexcept ImportError:\n    yaml = None\n"
    assert Py2ImportShims.wants(source)
    assert located(source) == set()


def test_locate_finds_the_shim() -> None:
    source = "import os\ntry:\n    import cPickle\nexcept ImportError:\n    import pickle\n"
    assert located(source) == {2}
