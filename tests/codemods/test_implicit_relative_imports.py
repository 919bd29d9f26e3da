"""Implicit relative imports need the files next to the module, so these tests build packages."""

import inspect
import textwrap
from pathlib import Path

import pytest

from codemods.implicit_relative_imports import ImplicitRelativeImports
from legacylift.engine import Settings, modernize_text
from tests.helpers import compile_error

SETTINGS = Settings((3, 8), (ImplicitRelativeImports,), python2=True)


def convert(folder: Path, source: str, package: bool = True) -> tuple[str, dict[str, int]]:
    """Run the codemod on ``folder/mod.py`` next to util.py, der.py and sub/ (a package)."""
    for name in ("util.py", "der.py", "sub/__init__.py", "mod.py", "__main__.py"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("")
    if package:
        (folder / "__init__.py").write_text("")
    source = textwrap.dedent(source)
    outcome = modernize_text(source, SETTINGS, str(folder / "mod.py"))
    again = modernize_text(outcome.code, SETTINGS, str(folder / "mod.py"))
    assert again.code == outcome.code, "second run changed the output"
    assert compile_error(outcome.code, "3.8") is None
    return outcome.code, outcome.rewrites


REWRITES = [
    pytest.param("import util\n", "from . import util\n", id="import"),
    pytest.param("import util as u, der\n", "from . import util as u, der\n", id="aliases"),
    pytest.param("from util import f, g\n", "from .util import f, g\n", id="from import"),
    pytest.param("from sub.x import y\n", "from .sub.x import y\n", id="from a subpackage"),
    pytest.param("import os, util  # why\n", None, id="split with a comment is refused"),
    pytest.param("import os, util\nx = 1\n", "import os\nfrom . import util\nx = 1\n", id="split"),
    pytest.param(
        "def f():\n    import util\n    return util\n",
        "def f():\n    from . import util\n    return util\n",
        id="inside a function",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(tmp_path: Path, before: str, after: str | None) -> None:
    code, rewrites = convert(tmp_path, before)
    assert code == (after or before)
    assert bool(rewrites) == (after is not None)


@pytest.mark.parametrize(
    ("source", "package"),
    [
        pytest.param("import os\nimport json\n", True, id="no sibling of that name"),
        pytest.param("from . import util\n", True, id="already explicit"),
        pytest.param("import util\n", False, id="script folder: util stays on sys.path"),
        pytest.param(
            "from __future__ import absolute_import\nimport util\n", True, id="absolute_import"
        ),
        pytest.param("import util.text\n", True, id="dotted import binds util"),
        pytest.param("import sub.x, os\n", True, id="dotted local among others"),
        pytest.param("from utils import f\n", True, id="a prefix is not a sibling"),
        pytest.param("import __main__\n", True, id="__main__ is the running script"),
    ],
)
def test_noop(tmp_path: Path, source: str, package: bool) -> None:
    code, rewrites = convert(tmp_path, source, package)
    assert code == source
    assert not rewrites


def test_python3_files_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "util.py").write_text("")
    settings = Settings((3, 8), (ImplicitRelativeImports,))
    assert modernize_text("import util\n", settings, str(tmp_path / "m.py")).code == "import util\n"


def test_docstring_example(tmp_path: Path) -> None:
    doc = inspect.cleandoc(ImplicitRelativeImports.__doc__ or "")
    example = doc.split("**Example.**", 1)[1].split("**Refuses**", 1)[0]
    before, after = (textwrap.dedent(part).strip() + "\n" for part in
                     example.split(":\n", 1)[1].split("\nbecomes\n", 1))  # fmt: skip
    assert convert(tmp_path, before)[0] == after
