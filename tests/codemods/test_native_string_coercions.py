import pytest

from codemods.native_string_coercions import NativeStringCoercions
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        """\
        def import_string(name):
            module, obj = name.rsplit('.', 1)
            # __import__ needs a byte string
            if isinstance(obj, unicode):
                obj = obj.encode('utf-8')
            return getattr(__import__(module, None, None, [obj]), obj)
        """,
        """\
        def import_string(name):
            module, obj = name.rsplit('.', 1)
            return getattr(__import__(module, None, None, [obj]), obj)
        """,
        id="Werkzeug's import_string, with its comment",
    ),
    pytest.param(
        "if isinstance(attr, unicode): attr = attr.encode('ascii')\nsetattr(o, attr, 1)\n",
        "setattr(o, attr, 1)\n",
        id="one-line branch before setattr",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(NativeStringCoercions, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "if isinstance(s, unicode):\n    s = s.encode('utf-8')\nhashlib.md5(s)\n",
            id="hashing wants bytes",
        ),
        pytest.param(
            "if isinstance(s, unicode):\n    s = s.encode('utf-8')\nelse:\n    s = str(s)\n"
            "getattr(o, s)\n",
            id="else branch",
        ),
        pytest.param(
            "getattr(o, s)\nif isinstance(s, unicode):\n    s = s.encode('utf-8')\n",
            id="used only before",
        ),
        pytest.param(
            "unicode = str\nif isinstance(s, unicode):\n    s = s.encode('utf-8')\ngetattr(o, s)\n",
            id="unicode is not the builtin",
        ),
        pytest.param(
            "if isinstance(s, unicode):\n    s = s.encode('utf-8')\n    log(s)\ngetattr(o, s)\n",
            id="more in the branch",
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(NativeStringCoercions, source)


def test_bytes_use_is_noted() -> None:
    source = "if isinstance(s, unicode):\n    s = s.encode('utf-8')\nsock.send(s)\n"
    outcome = assert_noop(NativeStringCoercions, source)
    assert any(n.startswith("line 1: `s` is encoded to bytes") for n in outcome.notes)


def test_docstring_example() -> None:
    assert_rewrite(NativeStringCoercions, *docstring_example(NativeStringCoercions))
