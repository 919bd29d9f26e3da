import pytest

from codemods.builtin_alias_shims import BuiltinAliasShims
from legacylift.engine import Settings, modernize_text
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        "try:\n    unicode = unicode\nexcept NameError:\n    unicode = str\nx = unicode(1)\n",
        "x = str(1)\n",
        id="probe by assignment",
    ),
    pytest.param(
        "import os\nlong = int\n\ndef f(n):\n    return long(n) + os.sep\n",
        "import os\n\ndef f(n):\n    return int(n) + os.sep\n",
        id="what version_branches leaves of an if PY3 shim",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(BuiltinAliasShims, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("unicode = str\nunicode = bytes\nx = unicode\n", id="bound twice"),
        pytest.param("__all__ = ['unicode']\nunicode = str\n", id="exported in __all__"),
        pytest.param(
            "unicode = str\ndef f(str):\n    return unicode(str)\n", id="str shadowed at the use"
        ),
        pytest.param("x = 1\n# py3\nunicode = str\ny = unicode(x)\n", id="a comment would be lost"),
        pytest.param("def f():\n    unicode = str\n    return unicode\n", id="not module level"),
        pytest.param("text = str\nx = text(1)\n", id="not a Python 2 name"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(BuiltinAliasShims, source)


def test_compat_modules_keep_their_names() -> None:
    source = "try:\n    unicode\nexcept NameError:\n    unicode = str\n"
    settings = Settings((3, 8), (BuiltinAliasShims,))
    assert modernize_text(source, settings, "pkg/_compat.py").code == source


def test_docstring_example() -> None:
    assert_rewrite(BuiltinAliasShims, *docstring_example(BuiltinAliasShims))
