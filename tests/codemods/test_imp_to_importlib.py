import pytest

from codemods.imp_to_importlib import ImpToImportlib
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        "import imp\nm = imp.load_source('m', 'm.py')\n",
        "import importlib.machinery\n\n"
        "m = importlib.machinery.SourceFileLoader('m', 'm.py').load_module()\n",
        id="load_source without a file (Mako's util.load_module)",
    ),
    pytest.param(
        "import imp\nimport os\nmagic = imp.get_magic()\nos.sep\n",
        "import os\nimport importlib.util\n\nmagic = importlib.util.MAGIC_NUMBER\nos.sep\n",
        id="get_magic",
    ),
    pytest.param(
        "from imp import new_module\nm = new_module(n)\n",
        "import types\n\nm = types.ModuleType(n)\n",
        id="from-import",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(ImpToImportlib, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import imp\nf = imp.find_module('x')\n", id="no one-call equivalent"),
        pytest.param("import imp\nm = imp.load_source('m', p, open(p))\n", id="file not a name"),
        pytest.param("import imp\nm = imp.new_module(name='x')\n", id="keyword"),
        pytest.param("import imp\ntypes = 1\nm = imp.new_module('x')\n", id="types is a variable"),
        pytest.param("imp = loader\nm = imp.load_source('m', p)\n", id="imp is not the module"),
        pytest.param("import imp\nimp.reload(m)\n", id="reload is removed_stdlib_functions'"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(ImpToImportlib, source)


def test_kept_calls_are_noted() -> None:
    outcome = assert_noop(ImpToImportlib, "import imp\nf = imp.find_module('x')\n")
    assert any(n.startswith("line(s) 2: imp.find_module kept") for n in outcome.notes)


def test_docstring_example() -> None:
    assert_rewrite(ImpToImportlib, *docstring_example(ImpToImportlib))
